/* Symmetric crypto throughput at 16 KiB (one TLS record's worth of
 * plaintext), the IUT next to OpenSSL's EVP in the same run. The AEADs are
 * measured as a TLS record would use them: 13 bytes of AAD and a fresh
 * nonce per call. */
#include "bench.h"

#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gt/gt_crypto.h"

#define BUF 16384

struct sym {
    uint8_t key[32], iv[12], aad[13], tag[16];
    uint8_t in[BUF], out[BUF];
    gt_gcm_key gcm;
    EVP_CIPHER_CTX *evp;
    EVP_MD_CTX *md;
    const EVP_MD *sha256;
};

static void gt_gcm_run(void *arg)
{
    struct sym *s = arg;
    s->iv[11]++;
    if (gt_gcm_seal(&s->gcm, s->iv, 12, s->aad, 13, s->in, BUF, s->out, s->tag, 16)) abort();
}

static void ossl_aead_run(void *arg)
{
    struct sym *s = arg;
    int n;
    s->iv[11]++;
    if (!EVP_EncryptInit_ex(s->evp, NULL, NULL, NULL, s->iv) ||
        !EVP_EncryptUpdate(s->evp, NULL, &n, s->aad, 13) ||
        !EVP_EncryptUpdate(s->evp, s->out, &n, s->in, BUF) ||
        !EVP_EncryptFinal_ex(s->evp, s->out + n, &n) ||
        !EVP_CIPHER_CTX_ctrl(s->evp, EVP_CTRL_AEAD_GET_TAG, 16, s->tag))
        abort();
}

static void gt_chacha_run(void *arg)
{
    struct sym *s = arg;
    s->iv[11]++;
    if (gt_chacha20poly1305_seal(s->key, s->iv, s->aad, 13, s->in, BUF, s->out, s->tag)) abort();
}

static void gt_sha256_run(void *arg)
{
    struct sym *s = arg;
    gt_hash_digest(&gt_hash_sha256, s->in, BUF, s->tag + 0);
}

static void ossl_sha256_run(void *arg)
{
    struct sym *s = arg;
    uint8_t md[32];
    unsigned n;
    if (!EVP_DigestInit_ex(s->md, s->sha256, NULL) || !EVP_DigestUpdate(s->md, s->in, BUF) ||
        !EVP_DigestFinal_ex(s->md, md, &n))
        abort();
}

static void aead_pair(const bench_opts *o, struct sym *s, const char *name, const EVP_CIPHER *c,
                      size_t key_len, bench_fn gt)
{
    if (gt == gt_gcm_run && gt_gcm_init(&s->gcm, s->key, key_len)) abort();
    if (!EVP_EncryptInit_ex(s->evp, c, NULL, s->key, s->iv)) abort();
    bench_pair(o, name, BUF, gt, s, ossl_aead_run, s);
}

void bench_crypto(const bench_opts *o)
{
    struct sym *s = calloc(1, sizeof *s);
    if (!s) abort();
    for (size_t i = 0; i < BUF; i++)
        s->in[i] = (uint8_t)(i * 7);
    for (size_t i = 0; i < 32; i++)
        s->key[i] = (uint8_t)(i + 1);
    s->evp = EVP_CIPHER_CTX_new();
    s->md = EVP_MD_CTX_new();
    s->sha256 = EVP_sha256();
    if (!s->evp || !s->md) abort();
    aead_pair(o, s, "AES-128-GCM seal 16KiB", EVP_aes_128_gcm(), 16, gt_gcm_run);
    aead_pair(o, s, "AES-256-GCM seal 16KiB", EVP_aes_256_gcm(), 32, gt_gcm_run);
    aead_pair(o, s, "ChaCha20-Poly1305 seal 16KiB", EVP_chacha20_poly1305(), 32, gt_chacha_run);
    bench_pair(o, "SHA-256 16KiB", BUF, gt_sha256_run, s, ossl_sha256_run, s);
    gt_gcm_free(&s->gcm);
    EVP_CIPHER_CTX_free(s->evp);
    EVP_MD_CTX_free(s->md);
    free(s);
}
