/* CertificateVerify (RFC 5246 §7.4.8): the client proves it holds the key
 * of the certificate it sent, by signing the hash of every handshake
 * message before this one (the table adds this message to the transcript
 * after the handler, as for Finished).
 *
 *   struct { digitally-signed struct { opaque handshake_messages[]; } } CertificateVerify;
 *   (digitally-signed, §4.7: SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>)
 *
 * The algorithm must be one the CertificateRequest listed (illegal_parameter
 * otherwise) and fit the certificate's key; a signature that does not
 * verify is decrypt_error (§7.2.2). */
#include "handshake/hs.h"

#define MAX_SIG GT_RSA_MAX_LEN /* >= GT_EC_MAX_SIG_DER */

static size_t digest(const gt_conn *c, const gt_sigalg_info *s, uint8_t *out)
{
    return gt_transcript_hash(&c->hs.th, s->hash, out);
}

int gt_certificate_verify_send(gt_conn *c)
{
    const gt_sigalg_info *s = gt_sigalg_info_get(c->hs.cv_sigalg);
    uint8_t d[GT_HASH_MAX_LEN], sig[MAX_SIG];
    size_t sig_len = 0, mark = 0;
    gt_wr w;
    if (!s || !gt_cv_hash_ok(s) || !c->hs.client_chain) return GT_ERR_INTERNAL;
    digest(c, s, d);
    int err = gt_sign_digest(c, c->hs.client_chain, s, d, sig, sizeof sig, &sig_len);
    if (err || (err = gt_hs_begin(c, GT_HT_CERTIFICATE_VERIFY, &w))) return err;
    gt_wr_u16(&w, s->id);
    gt_wr_vec_open(&w, 2, &mark);
    gt_wr_bytes(&w, sig, sig_len);
    gt_wr_vec_close(&w, 2, mark);
    c->info.client_cert = 1;
    return gt_hs_end(c, &w);
}

static int listed(const gt_config *cfg, uint16_t id)
{
    uint16_t algs[GT_MAX_PREFS];
    size_t n = gt_cr_sigalgs(cfg, algs);
    for (size_t i = 0; i < n; i++)
        if (algs[i] == id) return 1;
    return 0;
}

int gt_certificate_verify_recv(gt_conn *c, gt_rd *body)
{
    const gt_config *cfg = c->cfg;
    uint16_t alg;
    gt_rd sig;
    uint8_t d[GT_HASH_MAX_LEN];
    int err;
    if ((err = gt_rd_u16(body, &alg)) || (err = gt_rd_vec16(body, 0, 65535, &sig)) ||
        (err = gt_rd_end(body)))
        return err;
    const gt_sigalg_info *s = gt_sigalg_info_get(alg);
    if (!s || !listed(cfg, alg) || !gt_sigalg_fits_key(cfg, s, c->hs.peer.type))
        return GT_ERR_ILLEGAL_PARAMETER;
    digest(c, s, d);
    err = gt_verify_digest(&c->hs.peer, s, d, sig.p, sig.left);
    if (err && !cfg->fuzz_skip) return GT_ERR_CRYPTO_SIGNATURE;
    c->info.client_cert = 1;
    return 0;
}
