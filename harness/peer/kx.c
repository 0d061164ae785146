/*
 * Key exchange and signatures for the scripted peer, on libcrypto: ECDHE
 * over X25519/P-256/P-384 (RFC 8422 §5.4, §5.10), RSA key transport
 * (RFC 5246 §7.4.7.1) and the digitally-signed struct (RFC 5246 §4.7) with
 * PKCS#1 v1.5, PSS (RFC 8446 §4.2.3 code points) and ECDSA.
 */
#include "peer.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

EVP_PKEY *gt_sp_ecdhe_new(uint16_t group)
{
    if (group == GT_GROUP_X25519) return EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
    return EVP_PKEY_Q_keygen(NULL, NULL, "EC", group == GT_GROUP_P384 ? "P-384" : "P-256");
}

int gt_sp_ecdhe_public(EVP_PKEY *k, uint8_t *out, size_t *n)
{
    return EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, 133, n) == 1
               ? 0
               : -1;
}

static EVP_PKEY *peer_point(uint16_t group, const uint8_t *pt, size_t n)
{
    if (group == GT_GROUP_X25519)
        return n == 32 ? EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, pt, n) : NULL;
    /* RFC 8422 §5.1.2: only the uncompressed form is used. */
    size_t want = group == GT_GROUP_P384 ? 97 : 65;
    if (n != want || pt[0] != 4) return NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *k = NULL;
    OSSL_PARAM p[3];
    p[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                            group == GT_GROUP_P384 ? "P-384" : "P-256", 0);
    p[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)pt, n);
    p[2] = OSSL_PARAM_construct_end();
    if (c == NULL || EVP_PKEY_fromdata_init(c) != 1 ||
        EVP_PKEY_fromdata(c, &k, EVP_PKEY_PUBLIC_KEY, p) != 1)
        k = NULL;
    EVP_PKEY_CTX_free(c);
    return k;
}

int gt_sp_ecdhe_derive(EVP_PKEY *k, uint16_t group, const uint8_t *pt, size_t n, uint8_t *out,
                       size_t *outlen)
{
    EVP_PKEY *peer = peer_point(group, pt, n);
    EVP_PKEY_CTX *c = peer ? EVP_PKEY_CTX_new(k, NULL) : NULL;
    size_t len = 66;
    int rc = -1;
    /* Point validation (RFC 8422 §5.11) happens in derive_set_peer. */
    if (c != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, peer) == 1 &&
        EVP_PKEY_derive(c, out, &len) == 1)
        rc = 0;
    if (rc == 0) {
        uint8_t acc = 0;
        for (size_t i = 0; i < len; i++)
            acc |= out[i];
        if (acc == 0) rc = -1; /* RFC 7748 §6.1 all-zero check */
        *outlen = len;
    }
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(peer);
    return rc;
}

/* SignatureScheme -> digest and padding (RFC 8446 §4.2.3 numbering, which
 * for TLS 1.2 is RFC 5246 §7.4.1.4.1's (hash, signature) pair). */
static const EVP_MD *sig_md(uint16_t alg)
{
    if ((alg >> 8) == 8) /* rsa_pss_rsae_* / rsa_pss_pss_* */
        return (alg & 0xff) == 4 || (alg & 0xff) == 9    ? EVP_sha256()
               : (alg & 0xff) == 5 || (alg & 0xff) == 10 ? EVP_sha384()
                                                         : EVP_sha512();
    switch (alg >> 8) {
    case 2:
        return EVP_sha1();
    case 4:
        return EVP_sha256();
    case 5:
        return EVP_sha384();
    case 6:
        return EVP_sha512();
    default:
        return NULL;
    }
}

static int sig_setup(EVP_PKEY_CTX *pc, uint16_t alg)
{
    if ((alg >> 8) != 8) return 1;
    return EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) == 1;
}

int gt_sp_sign(EVP_PKEY *key, uint16_t sigalg, const uint8_t *msg, size_t n, uint8_t *sig,
               size_t *siglen)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    const EVP_MD *md = sig_md(sigalg);
    int ok = m != NULL && md != NULL && EVP_DigestSignInit(m, &pc, md, NULL, key) == 1 &&
             sig_setup(pc, sigalg) && EVP_DigestSign(m, sig, siglen, msg, n) == 1;
    EVP_MD_CTX_free(m);
    return ok ? 0 : -1;
}

int gt_sp_verify(EVP_PKEY *key, uint16_t sigalg, const uint8_t *msg, size_t n, const uint8_t *sig,
                 size_t siglen)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    const EVP_MD *md = sig_md(sigalg);
    int ok = m != NULL && md != NULL && EVP_DigestVerifyInit(m, &pc, md, NULL, key) == 1 &&
             sig_setup(pc, sigalg) && EVP_DigestVerify(m, sig, siglen, msg, n) == 1;
    EVP_MD_CTX_free(m);
    return ok ? 0 : -1;
}

uint16_t gt_sp_default_sigalg(EVP_PKEY *key)
{
    if (EVP_PKEY_is_a(key, "RSA")) return 0x0804; /* rsa_pss_rsae_sha256 */
    return EVP_PKEY_get_bits(key) > 256 ? 0x0503 : 0x0403;
}

size_t gt_sp_key_bytes(EVP_PKEY *k)
{
    return (size_t)EVP_PKEY_get_size(k);
}

int gt_sp_rsa_encrypt(EVP_PKEY *pub, const uint8_t *in, size_t n, int raw, uint8_t *out,
                      size_t *outlen)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pub, NULL);
    int ok = c != NULL && EVP_PKEY_encrypt_init(c) == 1 &&
             EVP_PKEY_CTX_set_rsa_padding(c, raw ? RSA_NO_PADDING : RSA_PKCS1_PADDING) == 1 &&
             EVP_PKEY_encrypt(c, out, outlen, in, n) == 1;
    EVP_PKEY_CTX_free(c);
    return ok ? 0 : -1;
}

/* Raw decryption: the scripted server checks the padding itself, so that a
 * client sending a malformed block is reported as such. */
int gt_sp_rsa_decrypt(EVP_PKEY *key, const uint8_t *in, size_t n, uint8_t *out, size_t *outlen)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(key, NULL);
    int ok = c != NULL && EVP_PKEY_decrypt_init(c) == 1 &&
             EVP_PKEY_CTX_set_rsa_padding(c, RSA_NO_PADDING) == 1 &&
             EVP_PKEY_decrypt(c, out, outlen, in, n) == 1;
    EVP_PKEY_CTX_free(c);
    return ok ? 0 : -1;
}

EVP_PKEY *gt_sp_cert_pubkey(const uint8_t *der, size_t n)
{
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)n);
    EVP_PKEY *k = x ? X509_get_pubkey(x) : NULL;
    X509_free(x);
    return k;
}

int gt_sp_chain_load(gt_sp_chain *c, const char *chain_pem, const char *key_pem)
{
    FILE *f = fopen(chain_pem, "r");
    X509 *x;
    memset(c, 0, sizeof(*c));
    if (f == NULL) return -1;
    while (c->n < 4 && (x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        unsigned char *der = NULL;
        int len = i2d_X509(x, &der);
        X509_free(x);
        if (len <= 0) break;
        c->der[c->n] = der;
        c->len[c->n++] = (size_t)len;
    }
    fclose(f);
    f = fopen(key_pem, "r");
    if (f != NULL) {
        c->key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
        fclose(f);
    }
    return c->n > 0 && c->key != NULL ? 0 : -1;
}

void gt_sp_chain_free(gt_sp_chain *c)
{
    for (size_t i = 0; i < c->n; i++)
        OPENSSL_free(c->der[i]);
    EVP_PKEY_free(c->key);
    memset(c, 0, sizeof(*c));
}
