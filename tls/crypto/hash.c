/* Generic hash descriptors, so HMAC, the PRF, signatures and the handshake
 * transcript are written once for every hash. */
#include "gt/crypto/hash.h"

#include <ctype.h>
#include <stddef.h>

#define WRAP(name, field)                                                                          \
    static void name##_init(gt_hash_ctx *c)                                                        \
    {                                                                                              \
        gt_##name##_init(&c->field);                                                               \
    }                                                                                              \
    static void name##_final(gt_hash_ctx *c, uint8_t *out)                                         \
    {                                                                                              \
        gt_##name##_final(&c->field, out);                                                         \
    }

WRAP(sha1, sha1)
WRAP(sha224, sha256)
WRAP(sha256, sha256)
WRAP(sha384, sha512)
WRAP(sha512, sha512)

static void sha1_update(gt_hash_ctx *c, const void *p, size_t n)
{
    gt_sha1_update(&c->sha1, p, n);
}
static void sha256_update(gt_hash_ctx *c, const void *p, size_t n)
{
    gt_sha256_update(&c->sha256, p, n);
}
static void sha512_update(gt_hash_ctx *c, const void *p, size_t n)
{
    gt_sha512_update(&c->sha512, p, n);
}

const gt_hash gt_hash_sha1 = {"SHA-1", GT_SHA1_LEN, 64, sha1_init, sha1_update, sha1_final};
const gt_hash gt_hash_sha224 = {"SHA-224",   GT_SHA224_LEN, 64,
                                sha224_init, sha256_update, sha224_final};
const gt_hash gt_hash_sha256 = {"SHA-256",   GT_SHA256_LEN, 64,
                                sha256_init, sha256_update, sha256_final};
const gt_hash gt_hash_sha384 = {"SHA-384",   GT_SHA384_LEN, 128,
                                sha384_init, sha512_update, sha384_final};
const gt_hash gt_hash_sha512 = {"SHA-512",   GT_SHA512_LEN, 128,
                                sha512_init, sha512_update, sha512_final};

static const gt_hash *const all[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256,
                                     &gt_hash_sha384, &gt_hash_sha512};

/* Case-insensitive comparison that skips '-' and '_', so "SHA-256",
 * "sha256" and "SHA_256" all match. */
static int same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a == '-' || *a == '_')
            a++;
        while (*b == '-' || *b == '_')
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        if (!*a) return 1;
        a++;
        b++;
    }
}

const gt_hash *gt_hash_by_name(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (same_name(name, all[i]->name)) return all[i];
    }
    return NULL;
}

void gt_hash_digest(const gt_hash *h, const void *p, size_t n, uint8_t *out)
{
    gt_hash_ctx c;
    h->init(&c);
    h->update(&c, p, n);
    h->final(&c, out); /* final wipes c */
}
