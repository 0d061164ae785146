/* Hashes (FIPS 180-4), HMAC (RFC 2104) and the TLS 1.2 PRF (RFC 5246 §5).
 * Contexts are plain structs: no allocation. Finalising wipes the context. */
#ifndef GT_CRYPTO_HASH_H
#define GT_CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"

#define GT_SHA1_LEN       20
#define GT_SHA224_LEN     28
#define GT_SHA256_LEN     32
#define GT_SHA384_LEN     48
#define GT_SHA512_LEN     64
#define GT_HASH_MAX_LEN   64
#define GT_HASH_MAX_BLOCK 128

typedef struct {
    uint32_t h[5];
    uint64_t bytes;
    uint8_t buf[64];
    size_t n;
} gt_sha1_ctx;

typedef struct { /* SHA-224 and SHA-256 */
    uint32_t h[8];
    uint64_t bytes;
    uint8_t buf[64];
    size_t n;
} gt_sha256_ctx;

typedef struct { /* SHA-384 and SHA-512 */
    uint64_t h[8];
    uint64_t bytes; /* < 2^64 bytes is plenty */
    uint8_t buf[128];
    size_t n;
} gt_sha512_ctx;

void gt_sha1_init(gt_sha1_ctx *c);
void gt_sha1_update(gt_sha1_ctx *c, const void *p, size_t n);
void gt_sha1_final(gt_sha1_ctx *c, uint8_t out[GT_SHA1_LEN]);
void gt_sha224_init(gt_sha256_ctx *c);
void gt_sha224_final(gt_sha256_ctx *c, uint8_t out[GT_SHA224_LEN]);
void gt_sha256_init(gt_sha256_ctx *c);
void gt_sha256_update(gt_sha256_ctx *c, const void *p, size_t n); /* also SHA-224 */
void gt_sha256_final(gt_sha256_ctx *c, uint8_t out[GT_SHA256_LEN]);
void gt_sha384_init(gt_sha512_ctx *c);
void gt_sha384_final(gt_sha512_ctx *c, uint8_t out[GT_SHA384_LEN]);
void gt_sha512_init(gt_sha512_ctx *c);
void gt_sha512_update(gt_sha512_ctx *c, const void *p, size_t n); /* also SHA-384 */
void gt_sha512_final(gt_sha512_ctx *c, uint8_t out[GT_SHA512_LEN]);

/* A context big enough for any hash. */
typedef union {
    gt_sha1_ctx sha1;
    gt_sha256_ctx sha256;
    gt_sha512_ctx sha512;
} gt_hash_ctx;

/* Generic hash descriptor, so HMAC, the PRF, signatures and the handshake
 * transcript can be written once. */
typedef struct gt_hash {
    const char *name; /* "SHA-256" */
    size_t out_len;
    size_t block_len;
    void (*init)(gt_hash_ctx *c);
    void (*update)(gt_hash_ctx *c, const void *p, size_t n);
    void (*final)(gt_hash_ctx *c, uint8_t *out);
} gt_hash;

extern const gt_hash gt_hash_sha1, gt_hash_sha224, gt_hash_sha256, gt_hash_sha384, gt_hash_sha512;
/* Looks a hash up by name ("SHA-256", "SHA256", "sha256"); NULL if unknown. */
const gt_hash *gt_hash_by_name(const char *name);
/* One-shot. */
void gt_hash_digest(const gt_hash *h, const void *p, size_t n, uint8_t *out);

typedef struct {
    const gt_hash *h;
    gt_hash_ctx inner, outer;
} gt_hmac_ctx;

void gt_hmac_init(gt_hmac_ctx *c, const gt_hash *h, const uint8_t *key, size_t key_len);
void gt_hmac_update(gt_hmac_ctx *c, const void *p, size_t n);
/* Writes h->out_len bytes and wipes the context. */
void gt_hmac_final(gt_hmac_ctx *c, uint8_t *out);
void gt_hmac(const gt_hash *h, const uint8_t *key, size_t key_len, const void *msg, size_t n,
             uint8_t *out);

/* RFC 5246 §5: PRF(secret, label, seed) = P_<hash>(secret, label + seed).
 * seed is the concatenation seed1 || seed2 (either may be empty), which
 * covers client_random + server_random without a copy. */
int gt_tls12_prf(const gt_hash *h, const uint8_t *secret, size_t secret_len, const char *label,
                 const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                 uint8_t *out, size_t out_len);

#endif
