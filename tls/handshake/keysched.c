/* The TLS 1.2 key schedule: master secret (RFC 5246 §8.1, or the extended
 * master secret of RFC 7627 §4), key block (RFC 5246 §6.3), Finished
 * verify_data (§7.4.9) and the NSS key log line. Pure functions of their
 * inputs, so recorded sessions can be replayed through them (tests). */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

int gt_ks_master(const gt_hash *h, const uint8_t *pms, size_t pms_len, int ems,
                 const uint8_t *session_hash, size_t sh_len, const uint8_t cr[32],
                 const uint8_t sr[32], uint8_t ms[48])
{
    /* RFC 7627 §4: PRF(pre_master_secret, "extended master secret",
     * session_hash)[0..47]; RFC 5246 §8.1: PRF(pms, "master secret",
     * ClientHello.random + ServerHello.random)[0..47]. */
    if (ems)
        return gt_tls12_prf(h, pms, pms_len, "extended master secret", session_hash, sh_len, NULL,
                            0, ms, 48);
    return gt_tls12_prf(h, pms, pms_len, "master secret", cr, 32, sr, 32, ms, 48);
}

size_t gt_ks_key_block_len(const gt_suite_info *s)
{
    return 2u * s->mac_len + 2u * s->key_len + 2u * s->fixed_iv_len;
}

/* RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion",
 * server_random + client_random), cut into client_write_MAC_key,
 * server_write_MAC_key, client_write_key, server_write_key,
 * client_write_IV, server_write_IV. */
int gt_ks_key_block(const gt_suite_info *s, const uint8_t ms[48], const uint8_t cr[32],
                    const uint8_t sr[32], uint8_t *kb, size_t cap)
{
    size_t n = gt_ks_key_block_len(s);
    if (n > cap) return GT_ERR_INTERNAL;
    return gt_tls12_prf(s->prf_hash, ms, 48, "key expansion", sr, 32, cr, 32, kb, n);
}

int gt_ks_rec_state(const gt_suite_info *s, const uint8_t *kb, gt_role writer, gt_rec_state *st)
{
    size_t mac = s->mac_len, key = s->key_len, iv = s->fixed_iv_len;
    size_t side = writer == GT_ROLE_SERVER;
    const uint8_t *k = kb + 2 * mac + side * key;
    const uint8_t *v = kb + 2 * mac + 2 * key + side * iv;
    if (s->cipher == GT_CIPHER_AES_CBC) /* MtE; EtM is switched on by the caller */
        return gt_rec_state_init_cbc(st, s->mac_hash, kb + side * mac, mac, k, key, 0);
    return gt_rec_state_init(st, s->cipher, k, key, v, iv);
}

/* RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label,
 * Hash(handshake_messages))[0..11]. */
int gt_ks_finished(const gt_hash *h, const uint8_t ms[48], gt_role sender, const uint8_t *th,
                   size_t th_len, uint8_t out[12])
{
    const char *label = sender == GT_ROLE_CLIENT ? "client finished" : "server finished";
    return gt_tls12_prf(h, ms, 48, label, th, th_len, NULL, 0, out, 12);
}

static void hex(char *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
}

/* NSS key log format: "CLIENT_RANDOM <client_random> <master_secret>". */
void gt_ks_keylog_line(const uint8_t cr[32], const uint8_t ms[48], char *line)
{
    memcpy(line, "CLIENT_RANDOM ", 14);
    hex(line + 14, cr, 32);
    line[78] = ' ';
    hex(line + 79, ms, 48);
    line[175] = '\0';
}
