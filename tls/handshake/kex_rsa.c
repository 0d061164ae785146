/* RSA key transport (RFC 5246 §7.4.7.1), the TLS_RSA_WITH_* suites:
 *
 *   struct { ProtocolVersion client_version; opaque random[46]; } PreMasterSecret;
 *   struct { public-key-encrypted PreMasterSecret pre_master_secret; } EncryptedPreMasterSecret;
 *
 * carried as opaque<0..2^16-1> (TLS 1.0 and later put the length in front).
 * The client encrypts with the key of the server's certificate (PKCS #1
 * v1.5, RFC 8017 §7.2.1). The server decrypts with
 * gt_rsa_decrypt_premaster, which in constant time substitutes 46 random
 * bytes behind ClientHello.client_version for anything wrong — padding,
 * length or version — so a bad ciphertext takes the same path, the same
 * time and (at Finished) the same alert as a good one: no Bleichenbacher
 * oracle. Only the ciphertext's length, which is public, may be refused
 * early (it is not, here: gt_rsa_decrypt_premaster treats it as bad
 * padding, keeping one path for every input). */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

int gt_kex_rsa_encrypt(gt_conn *c, uint8_t pms[48], uint8_t *out, size_t cap, size_t *out_len)
{
    const gt_peer_key *k = &c->hs.peer;
    if (k->type != GT_X509_KEY_RSA) return GT_ERR_INTERNAL;
    /* RFC 5246 §7.4.7.1: the version the client offered (not the
     * negotiated one), then 46 random bytes. */
    pms[0] = 3;
    pms[1] = 3;
    int err = gt_cfg_random(c->cfg, pms + 2, 46);
    if (err) return err;
    gt_rsa_public_key pub = {k->n, k->n_len, k->e, k->e_len};
    err = gt_rsa_pkcs1_encrypt(&pub, 0, pms, 48, c->cfg->rng, c->cfg->rng_ctx, out, cap, out_len);
    /* A key the RSA module refuses (size, exponent) is the certificate's
     * fault. */
    if (err == GT_ERR_CRYPTO_KEY || err == GT_ERR_CRYPTO_KEY_SIZE)
        return GT_ERR_UNSUPPORTED_CERTIFICATE;
    return err;
}

int gt_kex_rsa_premaster(const gt_rsa_private_key *k, const uint8_t *ct, size_t ct_len,
                         uint16_t client_version, gt_rng_fn rng, void *rng_ctx, uint8_t pms[48])
{
    const uint8_t ver[2] = {(uint8_t)(client_version >> 8), (uint8_t)client_version};
    /* The return value depends on the key and the RNG only. */
    return gt_rsa_decrypt_premaster(k, ct, ct_len, ver, rng, rng_ctx, pms);
}

/* The CRT view of the chain's key (points into the config). */
static gt_rsa_private_key chain_key(const gt_x509_privkey *k)
{
    gt_rsa_private_key r = {k->n.p,   k->e.p,    k->d.p,    k->p.p,     k->q.p,   k->dp.p,
                            k->dq.p,  k->qinv.p, k->n.len,  k->e.len,   k->d.len, k->p.len,
                            k->q.len, k->dp.len, k->dq.len, k->qinv.len};
    return r;
}

int gt_kex_rsa_decrypt(gt_conn *c, const uint8_t *ct, size_t ct_len, uint8_t pms[48])
{
    const gt_chain *ch = c->hs.chain;
    if (!ch || ch->key_type != GT_X509_KEY_RSA) return GT_ERR_INTERNAL;
    gt_rsa_private_key k = chain_key(&ch->key);
    return gt_kex_rsa_premaster(&k, ct, ct_len, c->hs.client_version, c->cfg->rng, c->cfg->rng_ctx,
                                pms);
}
