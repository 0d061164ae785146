/* Client authentication (RFC 5246 §7.4.4, §7.4.6, §7.4.8), the decisions:
 * - server: the policy (gt_config_set_client_auth); the client's chain
 *   validated for clientAuth (RFC 5280 §4.2.1.12 id-kp-clientAuth) against
 *   the config's trust anchors, no name checked (GT_OPT_VERIFY_PEER 0:
 *   not validated, only its keyUsage and CertificateVerify are checked);
 *   an empty Certificate is
 *   accepted under OPTIONAL and handshake_failure under REQUIRE (§7.4.6
 *   lets the server do either);
 * - client: which of its chains answers a CertificateRequest, and with
 *   which signature algorithm its CertificateVerify is made;
 * - signing a digest with a chain's key (RSA PKCS#1 v1.5 / PSS, ECDSA).
 * The CertificateVerify signs the transcript hash, which the engine runs
 * in SHA-256 and SHA-384 only: algorithms with another hash are neither
 * offered nor used here. */
#include <string.h>

#include "gt/crypto/ec.h"
#include "gt/gt_x509_verify.h"
#include "handshake/hs.h"

#define TYPE_RSA_SIGN   1  /* RFC 5246 §7.4.4 ClientCertificateType rsa_sign */
#define TYPE_ECDSA_SIGN 64 /* RFC 8422 §5.5 ecdsa_sign */

int gt_config_set_client_auth(gt_config *cfg, gt_client_auth policy)
{
    if (!cfg) return GT_ERR_ARG;
    if (policy != GT_CLIENT_AUTH_NONE && policy != GT_CLIENT_AUTH_OPTIONAL &&
        policy != GT_CLIENT_AUTH_REQUIRE)
        return GT_ERR_ARG;
    cfg->client_auth = (int)policy;
    return 0;
}

int gt_server_check_client_chain(gt_conn *c, const gt_x509_cert *certs, size_t n)
{
    const gt_config *cfg = c->cfg;
    gt_x509v_params p;
    if (n == 0) return cfg->client_auth == GT_CLIENT_AUTH_REQUIRE ? GT_ERR_HANDSHAKE_FAILURE : 0;
    /* §7.4.6: the key MUST be able to sign the CertificateVerify; its
     * keyUsage is checked here even when path validation is off. */
    if (!gt_leaf_key_usage_ok(&certs[0], 0)) return GT_ERR_X509V_LEAF_KEY_USAGE;
    int err = 0;
    if (cfg->verify_peer) {
        memset(&p, 0, sizeof p);
        p.trust = &cfg->trust;
        p.now = (int64_t)gt_cfg_now(cfg);
        p.purpose = GT_X509V_PURPOSE_CLIENT;
        p.flags = cfg->allow_sha1 ? GT_X509V_ALLOW_SHA1 : 0;
        if (cfg->trust.n == 0) return GT_ERR_X509V_UNKNOWN_CA;
        err = gt_x509_verify(&p, &certs[0], certs + 1, n - 1, NULL);
    }
    if (!err) err = gt_peer_key_copy(&c->hs.peer, &certs[0].key);
    if (err) return err;
    gt_sha256_ctx h;
    gt_sha256_init(&h);
    gt_sha256_update(&h, certs[0].der.p, certs[0].der.len);
    gt_sha256_final(&h, c->hs.sess.peer_digest);
    c->hs.client_cert = 1;
    return 0;
}

/* 1 when the transcript can be hashed for s (SHA-256 or SHA-384). */
int gt_cv_hash_ok(const gt_sigalg_info *s)
{
    return s && (s->hash == &gt_hash_sha256 || s->hash == &gt_hash_sha384);
}

static int in_list(uint16_t v, const uint16_t *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v) return 1;
    return 0;
}

/* Our first algorithm the server listed that this key can make. */
static uint16_t pick_sigalg(const gt_config *cfg, const gt_chain *ch, const uint16_t *theirs,
                            size_t n)
{
    const gt_hash *want = ch->curve_group == GT_GROUP_SECP384R1 ? &gt_hash_sha384 : &gt_hash_sha256;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cfg->n_sigalgs; i++) {
            const gt_sigalg_info *s = gt_sigalg_info_get(cfg->sigalgs[i]);
            if (!gt_sigalg_fits_key(cfg, s, ch->key_type) || !gt_cv_hash_ok(s)) continue;
            if (!in_list(s->id, theirs, n)) continue;
            if (pass == 0 && s->type == GT_SIG_ECDSA && s->hash != want) continue;
            return s->id;
        }
    }
    return 0;
}

/* RFC 5246 §7.4.4: with certificate_authorities, the chain must lead to
 * one of them: some certificate of it is issued by (or is) a named CA. */
static int chain_under(const gt_chain *ch, gt_rd cas)
{
    if (!cas.left) return 1;
    for (size_t i = 0; i < ch->n_certs; i++) {
        gt_x509_cert x;
        if (gt_x509_cert_parse(&x, ch->der + ch->cert_off[i], ch->cert_len[i])) continue;
        gt_rd it = cas, dn;
        while (gt_rd_vec16(&it, 1, 65535, &dn) == 0) {
            if (dn.left == x.issuer.len && !memcmp(dn.p, x.issuer.p, dn.left)) return 1;
            if (dn.left == x.subject.len && !memcmp(dn.p, x.subject.p, dn.left)) return 1;
        }
    }
    return 0;
}

void gt_client_choose_chain(gt_conn *c, const uint8_t *types, size_t n_types,
                            const uint16_t *sigalgs, size_t n_sigalgs, gt_rd cas)
{
    const gt_config *cfg = c->cfg;
    c->hs.client_chain = NULL;
    c->hs.client_cert = 0;
    for (size_t i = 0; i < cfg->n_chains; i++) {
        const gt_chain *ch = &cfg->chains[i];
        uint8_t type = ch->key_type == GT_X509_KEY_EC ? TYPE_ECDSA_SIGN : TYPE_RSA_SIGN;
        if (!memchr(types, type, n_types) || !chain_under(ch, cas)) continue;
        uint16_t alg = pick_sigalg(cfg, ch, sigalgs, n_sigalgs);
        if (!alg) continue;
        c->hs.client_chain = ch;
        c->hs.cv_sigalg = alg;
        c->hs.client_cert = 1;
        return;
    }
}

static gt_rsa_private_key rsa_priv(const gt_x509_privkey *k)
{
    gt_rsa_private_key r = {k->n.p,   k->e.p,    k->d.p,    k->p.p,     k->q.p,   k->dp.p,
                            k->dq.p,  k->qinv.p, k->n.len,  k->e.len,   k->d.len, k->p.len,
                            k->q.len, k->dp.len, k->dq.len, k->qinv.len};
    return r;
}

int gt_sign_digest(const gt_conn *c, const gt_chain *ch, const gt_sigalg_info *s,
                   const uint8_t *digest, uint8_t *sig, size_t cap, size_t *len)
{
    const gt_config *cfg = c->cfg;
    if (s->type == GT_SIG_ECDSA)
        return gt_ecdsa_sign((gt_ec_curve)ch->key.curve, s->hash, ch->key.ec_priv.p, digest,
                             s->hash->out_len, cfg->rng, cfg->rng_ctx, sig, cap, len);
    gt_rsa_private_key k = rsa_priv(&ch->key);
    if (s->type == GT_SIG_RSA_PSS)
        return gt_rsa_pss_sign(&k, s->hash, digest, GT_RSA_PSS_SALT_HASH_LEN, cfg->rng,
                               cfg->rng_ctx, sig, cap, len);
    return gt_rsa_pkcs1_sign(&k, s->hash, digest, cfg->rng, cfg->rng_ctx, sig, cap, len);
}

size_t gt_cr_sigalgs(const gt_config *cfg, uint16_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_sigalgs; i++) {
        const gt_sigalg_info *s = gt_sigalg_info_get(cfg->sigalgs[i]);
        if (gt_cv_hash_ok(s) && (!s->sha1 || cfg->allow_sha1)) out[n++] = s->id;
    }
    return n;
}
