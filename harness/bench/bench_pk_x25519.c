/* X25519 shared secrets per second (RFC 7748 §5 scalar multiplication of a
 * peer's u-coordinate): gt_x25519 next to OpenSSL's EVP_PKEY_derive with
 * the same private scalar and peer key, in the same run. OpenSSL's context
 * is set up once (derive_init + set_peer), so both sides time just the
 * ladder, the inversion and the encoding. */
#include "bench.h"

#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/x25519.h"

struct x_case {
    uint8_t priv[32], peer[32], out[32];
    EVP_PKEY *key, *peer_key;
    EVP_PKEY_CTX *ctx;
};

static void gt_run(void *arg)
{
    struct x_case *x = arg;
    if (gt_x25519(x->out, x->priv, x->peer)) abort();
}

static void ossl_run(void *arg)
{
    struct x_case *x = arg;
    size_t len = sizeof x->out;
    if (EVP_PKEY_derive(x->ctx, x->out, &len) != 1) abort();
}

void bench_pk_x25519(const bench_opts *o)
{
    struct x_case x;
    uint8_t peer_priv[32], ref[32];
    for (int i = 0; i < 32; i++) {
        x.priv[i] = (uint8_t)(7 * i + 1);
        peer_priv[i] = (uint8_t)(13 * i + 5);
    }
    gt_x25519_base(x.peer, peer_priv);
    x.key = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, x.priv, 32);
    x.peer_key = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, x.peer, 32);
    x.ctx = x.key ? EVP_PKEY_CTX_new(x.key, NULL) : NULL;
    if (!x.peer_key || !x.ctx || EVP_PKEY_derive_init(x.ctx) != 1 ||
        EVP_PKEY_derive_set_peer(x.ctx, x.peer_key) != 1)
        abort();
    /* Both sides must agree before anything is timed. */
    ossl_run(&x);
    memcpy(ref, x.out, 32);
    gt_run(&x);
    if (memcmp(ref, x.out, 32) != 0) abort();
    bench_pair(o, "X25519", 0, gt_run, &x, ossl_run, &x);
    EVP_PKEY_CTX_free(x.ctx);
    EVP_PKEY_free(x.key);
    EVP_PKEY_free(x.peer_key);
}
