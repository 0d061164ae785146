/* AES-CBC record protection with HMAC (RFC 5246 §6.2.3.2), in two layouts:
 *
 * - MAC-then-encrypt (the RFC 5246 default):
 *     IV(16) || CBC(content || MAC(seq + header + content) || padding || padding_length)
 *   The receiver must find the MAC behind a padding it only sees after
 *   decryption. Every step that touches the decrypted bytes runs in
 *   constant time (Lucky13, AlFardan & Paterson 2013; the model is BearSSL's
 *   ssl_rec_cbc.c): the padding check scans a fixed window, the MAC is
 *   extracted with masks, and the HMAC is computed for every possible
 *   content length with the right one kept by mask ("compute HMAC on all
 *   lengths"), so the number of compression-function calls depends on the
 *   record length only. One `if` decides, at the very end.
 * - encrypt-then-MAC (RFC 7366 §3), when both sides offered it:
 *     IV(16) || CBC(content || padding || padding_length) || MAC(seq + header' + IV + ciphertext)
 *   where header' carries the length of IV + ciphertext. The MAC is checked
 *   before anything is decrypted, so the padding is no oracle.
 *
 * The explicit IV (RFC 5246 §6.2.3.2 (2)) must be unpredictable to the
 * attacker: it is HMAC(MAC_write_key, seq_num) cut to 16 bytes, a PRF
 * output under a key the attacker does not know and never sees in any
 * other role (record MACs cover 13 or more bytes, this one 8), and unique
 * per key because sequence numbers are. It needs no RNG and keeps seeded
 * sessions reproducible.
 *
 * Every failure is bad_record_mac, never decryption_failed (RFC 5246
 * §7.2.2: that alert MUST NOT be sent). */
#include <string.h>

#include "core/ct.h"
#include "record/record.h"

#define BLK 16

static int init_keys(gt_rec_state *s, const gt_hash *mac, const uint8_t *mac_key, size_t mac_len,
                     const uint8_t *key, size_t key_len)
{
    if (!mac || mac_len != mac->out_len || mac_len > sizeof s->key.cbc.mac_key)
        return GT_ERR_CRYPTO_KEY_SIZE;
    int err = gt_aes_init(&s->key.cbc.aes, key, key_len);
    if (err) return err;
    s->key.cbc.mac = mac;
    s->key.cbc.mac_len = mac_len;
    memcpy(s->key.cbc.mac_key, mac_key, mac_len);
    return 0;
}

int gt_rec_state_init_cbc(gt_rec_state *s, const gt_hash *mac, const uint8_t *mac_key,
                          size_t mac_len, const uint8_t *key, size_t key_len, int etm)
{
    gt_rec_state_init_null(s);
    int err = init_keys(s, mac, mac_key, mac_len, key, key_len);
    if (err) {
        gt_rec_state_wipe(s);
        return err;
    }
    s->ops = etm ? &gt_rec_cbc_etm_ops : &gt_rec_cbc_ops;
    return 0;
}

static void set_len(uint8_t aad[13], size_t len)
{
    aad[11] = (uint8_t)(len >> 8);
    aad[12] = (uint8_t)len;
}

/* HMAC(key, aad || p[0..n)) */
static void mac2(const gt_rec_state *s, const uint8_t aad[13], const uint8_t *p, size_t n,
                 uint8_t *out)
{
    gt_hmac_ctx h;
    gt_hmac_init(&h, s->key.cbc.mac, s->key.cbc.mac_key, s->key.cbc.mac_len);
    gt_hmac_update(&h, aad, 13);
    gt_hmac_update(&h, p, n);
    gt_hmac_final(&h, out);
}

/* The explicit IV: HMAC(mac_key, seq_num)[0..16) (see the header). */
static void explicit_iv(const gt_rec_state *s, const uint8_t aad[13], uint8_t iv[BLK])
{
    uint8_t t[GT_HASH_MAX_LEN];
    gt_hmac(s->key.cbc.mac, s->key.cbc.mac_key, s->key.cbc.mac_len, aad, 8, t);
    memcpy(iv, t, BLK);
    gt_wipe(t, sizeof t);
}

/* Appends padding || padding_length to p[0..n) (RFC 5246 §6.2.3.2: every
 * padding byte holds the padding length; we send the least). */
static size_t pad(uint8_t *p, size_t n)
{
    size_t padlen = (BLK - (n + 1) % BLK) % BLK;
    memset(p + n, (int)padlen, padlen + 1);
    return n + padlen + 1;
}

/* Encrypts frag[BLK..BLK+n) in place under the record's IV, written to
 * frag[0..BLK). */
static int encrypt(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t n)
{
    uint8_t iv[BLK];
    explicit_iv(s, aad, iv);
    memcpy(frag, iv, BLK);
    return gt_aes_cbc_encrypt(&s->key.cbc.aes, iv, frag + BLK, frag + BLK, n);
}

static int mte_seal(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                    size_t *frag_len)
{
    uint8_t *data = frag + BLK;
    mac2(s, aad, data, len, data + len);
    size_t n = pad(data, len + s->key.cbc.mac_len);
    int err = encrypt(s, aad, frag, n);
    if (err) return err;
    *frag_len = BLK + n;
    return 0;
}

static int etm_seal(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                    size_t *frag_len)
{
    uint8_t hdr[13];
    size_t n = pad(frag + BLK, len);
    int err = encrypt(s, aad, frag, n);
    if (err) return err;
    /* RFC 7366 §3: the MAC's length field is that of IV + ciphertext. */
    memcpy(hdr, aad, 13);
    set_len(hdr, BLK + n);
    mac2(s, hdr, frag, BLK + n, frag + BLK + n);
    *frag_len = BLK + n + s->key.cbc.mac_len;
    return 0;
}

/* Extracts mac[0..mac_len) = data[at..at+mac_len) for a secret `at` in
 * [lo, hi], reading every byte of data[lo..hi+mac_len) for every output
 * byte: the access pattern depends on lo, hi and mac_len only. */
static void extract_mac(const uint8_t *data, size_t lo, size_t hi, uint32_t at, size_t mac_len,
                        uint8_t *mac)
{
    memset(mac, 0, mac_len);
    for (size_t j = lo; j < hi + mac_len; j++) {
        /* wraps when j < at: matches nothing; the barrier as above */
        uint32_t off = gt_ct_barrier32((uint32_t)j) - at;
        for (size_t i = 0; i < mac_len; i++)
            mac[i] |= data[j] & (uint8_t)gt_ct_mask32(gt_ct_eq32(off, (uint32_t)i));
    }
}

/* HMAC(key, aad || data[0..len)) for a secret len in [lo, hi]: the inner
 * hash is finished at every candidate length and the one at `len` kept by
 * mask, so the work depends on lo and hi only. */
static void mac_all_lengths(const gt_hash *h, const uint8_t *key, size_t key_len,
                            const uint8_t aad[13], const uint8_t *data, size_t lo, size_t hi,
                            uint32_t len, uint8_t *out)
{
    gt_hmac_ctx hc;
    gt_hash_ctx t;
    uint8_t inner[GT_HASH_MAX_LEN], cand[GT_HASH_MAX_LEN];
    memset(inner, 0, sizeof inner);
    gt_hmac_init(&hc, h, key, key_len);
    gt_hmac_update(&hc, aad, 13);
    gt_hmac_update(&hc, data, lo);
    for (size_t k = lo;; k++) {
        t = hc.inner;
        h->final(&t, cand);
        gt_ct_cond_copy(gt_ct_eq32(gt_ct_barrier32((uint32_t)k), len), inner, cand, h->out_len);
        if (k == hi) break;
        h->update(&hc.inner, data + k, 1);
    }
    h->update(&hc.outer, inner, h->out_len);
    h->final(&hc.outer, out);
    gt_wipe(&hc, sizeof hc);
    gt_wipe(&t, sizeof t);
    gt_wipe(inner, sizeof inner);
    gt_wipe(cand, sizeof cand);
}

uint32_t gt_rec_cbc_check(const gt_hash *mac, const uint8_t *mac_key, size_t mac_len,
                          uint8_t aad[13], const uint8_t *data, size_t n, size_t *data_len)
{
    uint8_t got[GT_HASH_MAX_LEN], want[GT_HASH_MAX_LEN];
    /* Public: the largest content length and how far the padding can
     * reach (padding_length is one byte: at most 255 bytes before it). */
    size_t hi = n - 1 - mac_len;
    size_t span = hi < 255 ? hi : 255, lo = hi - span;
    uint32_t padlen = data[n - 1];
    /* The padding must fit in front of the MAC; if it does not, carry on
     * as if it were empty (the record fails below either way). */
    uint32_t good = gt_ct_ge32((uint32_t)span, padlen);
    padlen = gt_ct_select32(good, padlen, 0);
    /* Every byte of the padding holds padlen: scan the whole window. The
     * barrier on the index keeps the compiler from folding padlen into
     * the loop's induction variable (and so into its exit test). */
    uint32_t diff = 0;
    for (size_t i = 1; i <= span; i++) {
        uint32_t in_pad = gt_ct_mask32(gt_ct_ge32(padlen, gt_ct_barrier32((uint32_t)i)));
        diff |= in_pad & (data[n - 1 - i] ^ padlen);
    }
    good &= gt_ct_eq32(diff, 0);
    uint32_t len = (uint32_t)hi - padlen;
    set_len(aad, len);
    extract_mac(data, lo, hi, len, mac_len, got);
    mac_all_lengths(mac, mac_key, mac_len, aad, data, lo, hi, len, want);
    good &= gt_ct_memeq(got, want, mac_len);
    *data_len = len;
    gt_wipe(got, sizeof got);
    gt_wipe(want, sizeof want);
    return good;
}

static int cbc_decrypt(gt_rec_state *s, uint8_t *frag, size_t len)
{
    uint8_t iv[BLK];
    memcpy(iv, frag, BLK);
    return gt_aes_cbc_decrypt(&s->key.cbc.aes, iv, frag + BLK, frag + BLK, len - BLK);
}

static int mte_open(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                    size_t *plain_len)
{
    size_t mac_len = s->key.cbc.mac_len, min = BLK + (mac_len + 1 + BLK - 1) / BLK * BLK;
    /* Lengths are public: a record that cannot hold IV, MAC and
     * padding_length in whole blocks is refused at once. */
    if (len < min || len % BLK) return GT_ERR_BAD_RECORD_MAC;
    int err = cbc_decrypt(s, frag, len);
    if (err) return err;
    size_t n;
    uint32_t good = gt_rec_cbc_check(s->key.cbc.mac, s->key.cbc.mac_key, mac_len, aad, frag + BLK,
                                     len - BLK, &n);
    if (!good && !s->skip_checks) return GT_ERR_BAD_RECORD_MAC;
    *plain = frag + BLK;
    *plain_len = n;
    return 0;
}

static int etm_open(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                    size_t *plain_len)
{
    size_t mac_len = s->key.cbc.mac_len;
    uint8_t want[GT_HASH_MAX_LEN];
    if (len < 2 * BLK + mac_len || (len - mac_len) % BLK) return GT_ERR_BAD_RECORD_MAC;
    size_t n = len - mac_len;
    set_len(aad, n);
    mac2(s, aad, frag, n, want);
    uint32_t ok = gt_ct_memeq(want, frag + n, mac_len);
    gt_wipe(want, sizeof want);
    if (!ok && !s->skip_checks) return GT_ERR_BAD_RECORD_MAC;
    int err = cbc_decrypt(s, frag, n);
    if (err) return err;
    /* Authenticated already: the padding may be checked plainly. */
    size_t padlen = frag[n - 1];
    if (padlen + 1 > n - BLK) return GT_ERR_BAD_RECORD_MAC;
    for (size_t i = 1; i <= padlen; i++)
        if (frag[n - 1 - i] != padlen) return GT_ERR_BAD_RECORD_MAC;
    *plain = frag + BLK;
    *plain_len = n - BLK - padlen - 1;
    return 0;
}

/* suffix_max: the largest MAC (SHA-384) and a block of padding. */
const gt_rec_ops gt_rec_cbc_ops = {"AES-CBC-HMAC", BLK, GT_SHA384_LEN + BLK, mte_seal, mte_open};
const gt_rec_ops gt_rec_cbc_etm_ops = {"AES-CBC-HMAC-EtM", BLK, GT_SHA384_LEN + BLK, etm_seal,
                                       etm_open};
