/* Client-side checks of the server's authentication:
 * - the chain (RFC 5246 §7.4.2): the leaf's key must fit the suite
 *   (ECDHE_ECDSA: an EC key on P-256/P-384; ECDHE_RSA: an RSA key), and
 *   with GT_OPT_VERIFY_PEER (default) the chain must validate to the
 *   config's trust anchors for serverAuth and the name the connection was
 *   opened with (gt_x509_verify: RFC 5280 §6, RFC 6125);
 * - the ServerKeyExchange signature (RFC 5246 §7.4.3, RFC 8422 §5.4): with
 *   a signature algorithm the client offered that fits the key. */
#include <string.h>

#include "gt/crypto/ec.h"
#include "gt/gt_x509_verify.h"
#include "handshake/hs.h"

int gt_peer_key_copy(gt_peer_key *k, const gt_x509_pubkey *pk)
{
    memset(k, 0, sizeof *k);
    k->type = pk->type;
    if (pk->type == GT_X509_KEY_RSA) {
        if (pk->rsa_n.len > sizeof k->n || pk->rsa_e.len > sizeof k->e)
            return GT_ERR_UNSUPPORTED_CERTIFICATE;
        memcpy(k->n, pk->rsa_n.p, pk->rsa_n.len);
        memcpy(k->e, pk->rsa_e.p, pk->rsa_e.len);
        k->n_len = pk->rsa_n.len;
        k->e_len = pk->rsa_e.len;
        return 0;
    }
    if (pk->type != GT_X509_KEY_EC) return GT_ERR_UNSUPPORTED_CERTIFICATE;
    if (pk->curve != GT_X509_CURVE_P256 && pk->curve != GT_X509_CURVE_P384)
        return GT_ERR_UNSUPPORTED_CERTIFICATE;
    if (pk->ec_point.len > sizeof k->point) return GT_ERR_UNSUPPORTED_CERTIFICATE;
    memcpy(k->point, pk->ec_point.p, pk->ec_point.len);
    k->point_len = pk->ec_point.len;
    k->curve_group = (uint16_t)pk->curve;
    return 0;
}

static int verify_chain(gt_conn *c, const gt_x509_cert *certs, size_t n)
{
    const gt_config *cfg = c->cfg;
    gt_x509v_params p;
    uint8_t ip[16];
    size_t ip_len = 0, name_len = strlen(c->server_name);
    memset(&p, 0, sizeof p);
    if (!name_len) return GT_ERR_NO_SERVER_NAME;
    p.trust = &cfg->trust;
    p.now = (int64_t)gt_cfg_now(cfg);
    p.purpose = GT_X509V_PURPOSE_SERVER;
    p.flags = cfg->allow_sha1 ? GT_X509V_ALLOW_SHA1 : 0;
    if (gt_x509_ip_parse(c->server_name, name_len, ip, &ip_len) == 0) {
        p.ip = ip;
        p.ip_len = ip_len;
    } else {
        p.host = c->server_name;
        p.host_len = name_len;
    }
    /* No anchors configured: nothing can be trusted (unknown_ca). */
    if (cfg->trust.n == 0) return GT_ERR_X509V_UNKNOWN_CA;
    return gt_x509_verify(&p, &certs[0], certs + 1, n - 1, NULL);
}

/* RFC 5246 §7.4.2 (Table for the key exchange): with RSA key transport
 * "the keyEncipherment bit MUST be set if the key usage extension is
 * present", with ECDHE_RSA "the digitalSignature bit MUST be set"; RFC
 * 8422 §5.3 / RFC 5480 §3: an ECDSA key that signs needs digitalSignature.
 * Checked here, whether or not the chain is then path-validated. */
int gt_leaf_key_usage_ok(const gt_x509_cert *leaf, int encipher)
{
    if (!(leaf->ext_present & GT_X509_EXT_KEY_USAGE)) return 1;
    uint32_t need = encipher ? GT_X509_KU_KEY_ENCIPHERMENT : GT_X509_KU_DIGITAL_SIGNATURE;
    return (leaf->key_usage & need) != 0;
}

static int group_offered(const gt_config *cfg, uint16_t group)
{
    for (size_t i = 0; i < cfg->n_groups; i++)
        if (cfg->groups[i] == group) return 1;
    return 0;
}

int gt_client_check_chain(gt_conn *c, const gt_x509_cert *certs, size_t n)
{
    gt_x509_key_type need = c->hs.suite->kx == GT_KX_ECDHE_ECDSA ? GT_X509_KEY_EC : GT_X509_KEY_RSA;
    if (certs[0].key.type != need) return GT_ERR_UNSUPPORTED_CERTIFICATE;
    int err = gt_peer_key_copy(&c->hs.peer, &certs[0].key);
    if (err) return err;
    if (!gt_leaf_key_usage_ok(&certs[0], c->hs.suite->kx == GT_KX_RSA))
        return GT_ERR_X509V_LEAF_KEY_USAGE;
    /* RFC 8422 §5.3: "the public key in the server's certificate MUST
     * respect the client's choice of elliptic curves" (our
     * supported_groups, always sent). */
    if (need == GT_X509_KEY_EC && !group_offered(c->cfg, c->hs.peer.curve_group))
        return GT_ERR_CERT_CURVE;
    if (!c->cfg->verify_peer) return 0;
    return verify_chain(c, certs, n);
}

static int offered_sigalg(const gt_config *cfg, uint16_t id)
{
    for (size_t i = 0; i < cfg->n_sigalgs; i++)
        if (cfg->sigalgs[i] == id) return 1;
    return 0;
}

int gt_verify_digest(const gt_peer_key *k, const gt_sigalg_info *s, const uint8_t *digest,
                     const uint8_t *sig, size_t sig_len)
{
    if (s->type == GT_SIG_ECDSA)
        return gt_ecdsa_verify((gt_ec_curve)k->curve_group, k->point, k->point_len, digest,
                               s->hash->out_len, sig, sig_len);
    gt_rsa_public_key pub = {k->n, k->n_len, k->e, k->e_len};
    if (s->type == GT_SIG_RSA_PSS)
        return gt_rsa_pss_verify(&pub, 0, s->hash, digest, GT_RSA_PSS_SALT_HASH_LEN, sig, sig_len);
    return gt_rsa_pkcs1_verify(&pub, 0, s->hash, digest, sig, sig_len);
}

int gt_client_verify_ske(gt_conn *c, uint16_t sigalg, const uint8_t *params, size_t params_len,
                         const uint8_t *sig, size_t sig_len)
{
    const gt_config *cfg = c->cfg;
    const gt_sigalg_info *s = gt_sigalg_info_get(sigalg);
    uint8_t digest[GT_HASH_MAX_LEN];
    /* RFC 5246 §7.4.1.4.1: only a pair the client listed. */
    if (!s || !offered_sigalg(cfg, sigalg) || !gt_sigalg_fits_key(cfg, s, c->hs.peer.type))
        return GT_ERR_ILLEGAL_PARAMETER;
    gt_ske_digest(c, s->hash, params, params_len, digest);
    int err = gt_verify_digest(&c->hs.peer, s, digest, sig, sig_len);
    if (err && cfg->fuzz_skip) return 0;
    /* Any failure of the check itself is decrypt_error (§7.2.2), a bad
     * key in the certificate included. */
    return err ? GT_ERR_CRYPTO_SIGNATURE : 0;
}
