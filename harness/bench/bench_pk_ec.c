/* P-256 / P-384 operations per second: the IUT next to OpenSSL's EVP in the
 * same run. ECDSA signs a precomputed SHA-256/384 digest (the IUT with its
 * RFC 6979 nonce, hedged with 32 RNG bytes as the engine would); ECDH is one
 * shared-secret computation from the encoded peer point, validation
 * included on the IUT's side (OpenSSL's is given a pre-decoded peer key,
 * which favours it). */
#include "bench.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt_crypto.h"

struct ec_case {
    gt_ec_curve curve;
    const gt_hash *hash;
    uint8_t priv[48], pub[97], peer[97], dig[64], sig[GT_EC_MAX_SIG_DER], out[48];
    size_t sig_len, pub_len;
    uint64_t ctr;
    EVP_PKEY *key, *peer_key;
    EVP_PKEY_CTX *sign_ctx, *verify_ctx, *derive_ctx;
    unsigned char osig[128];
    size_t osig_len;
};

/* A cheap deterministic byte source (benchmarks need no entropy). */
static int bench_rng(void *ctx, uint8_t *out, size_t n)
{
    uint64_t *c = ctx;
    for (size_t i = 0; i < n; i++) {
        *c = *c * 6364136223846793005ULL + 1442695040888963407ULL;
        out[i] = (uint8_t)(*c >> 56);
    }
    return 0;
}

static void gt_sign_run(void *arg)
{
    struct ec_case *e = arg;
    size_t len;
    e->dig[0]++;
    if (gt_ecdsa_sign(e->curve, e->hash, e->priv, e->dig, e->hash->out_len, bench_rng, &e->ctr,
                      e->sig, sizeof e->sig, &len))
        abort();
}

static void ossl_sign_run(void *arg)
{
    struct ec_case *e = arg;
    size_t len = sizeof e->osig;
    e->dig[0]++;
    if (EVP_PKEY_sign(e->sign_ctx, e->osig, &len, e->dig, e->hash->out_len) != 1) abort();
}

static void gt_verify_run(void *arg)
{
    struct ec_case *e = arg;
    if (gt_ecdsa_verify(e->curve, e->pub, e->pub_len, e->dig, e->hash->out_len, e->sig, e->sig_len))
        abort();
}

static void ossl_verify_run(void *arg)
{
    struct ec_case *e = arg;
    if (EVP_PKEY_verify(e->verify_ctx, e->osig, e->osig_len, e->dig, e->hash->out_len) != 1)
        abort();
}

static void gt_ecdh_run(void *arg)
{
    struct ec_case *e = arg;
    if (gt_ecdh(e->curve, e->priv, e->peer, e->pub_len, e->out)) abort();
}

/* OpenSSL's fastest path, as `openssl speed ecdhp256` measures it: the peer
 * key was decoded (and checked on the curve) once, outside the loop. */
static void ossl_ecdh_run(void *arg)
{
    struct ec_case *e = arg;
    size_t len = sizeof e->out;
    if (EVP_PKEY_derive(e->derive_ctx, e->out, &len) != 1) abort();
}

static void setup(struct ec_case *e, gt_ec_curve curve, const gt_hash *h, const char *name,
                  const EVP_MD *md)
{
    uint8_t peer_priv[48];
    memset(e, 0, sizeof *e);
    e->curve = curve;
    e->hash = h;
    e->ctr = 42;
    e->pub_len = gt_ec_pub_len(curve);
    if (gt_ec_keygen(curve, bench_rng, &e->ctr, e->priv, e->pub) ||
        gt_ec_keygen(curve, bench_rng, &e->ctr, peer_priv, e->peer))
        abort();
    gt_hash_digest(h, "bench", 5, e->dig);
    if (gt_ecdsa_sign(curve, h, e->priv, e->dig, h->out_len, NULL, NULL, e->sig, sizeof e->sig,
                      &e->sig_len))
        abort();
    e->key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", name);
    e->peer_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", name);
    if (!e->key || !e->peer_key) abort();
    e->sign_ctx = EVP_PKEY_CTX_new(e->key, NULL);
    e->verify_ctx = EVP_PKEY_CTX_new(e->key, NULL);
    if (!e->sign_ctx || EVP_PKEY_sign_init(e->sign_ctx) != 1 ||
        EVP_PKEY_CTX_set_signature_md(e->sign_ctx, md) != 1 || !e->verify_ctx ||
        EVP_PKEY_verify_init(e->verify_ctx) != 1 ||
        EVP_PKEY_CTX_set_signature_md(e->verify_ctx, md) != 1)
        abort();
    e->derive_ctx = EVP_PKEY_CTX_new(e->key, NULL);
    if (!e->derive_ctx || EVP_PKEY_derive_init(e->derive_ctx) != 1 ||
        EVP_PKEY_derive_set_peer_ex(e->derive_ctx, e->peer_key, 0) != 1)
        abort();
    e->osig_len = sizeof e->osig;
    if (EVP_PKEY_sign(e->sign_ctx, e->osig, &e->osig_len, e->dig, h->out_len) != 1) abort();
}

static void teardown(struct ec_case *e)
{
    EVP_PKEY_CTX_free(e->sign_ctx);
    EVP_PKEY_CTX_free(e->verify_ctx);
    EVP_PKEY_CTX_free(e->derive_ctx);
    EVP_PKEY_free(e->key);
    EVP_PKEY_free(e->peer_key);
}

void bench_pk_ec(const bench_opts *o)
{
    struct ec_case *e = calloc(1, sizeof *e);
    if (!e) abort();
    setup(e, GT_EC_P256, &gt_hash_sha256, "P-256", EVP_sha256());
    bench_pair(o, "ECDSA P-256 sign", 0, gt_sign_run, e, ossl_sign_run, e);
    teardown(e); /* signing changed the digest: start over */
    setup(e, GT_EC_P256, &gt_hash_sha256, "P-256", EVP_sha256());
    bench_pair(o, "ECDSA P-256 verify", 0, gt_verify_run, e, ossl_verify_run, e);
    bench_pair(o, "ECDH P-256", 0, gt_ecdh_run, e, ossl_ecdh_run, e);
    teardown(e);
    setup(e, GT_EC_P384, &gt_hash_sha384, "P-384", EVP_sha384());
    bench_pair(o, "ECDSA P-384 sign", 0, gt_sign_run, e, ossl_sign_run, e);
    teardown(e);
    free(e);
}
