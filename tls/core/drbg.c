/* HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1 §10.1.2), seeded from
 * getrandom(2). No prediction resistance; reseeds itself from the OS every
 * GT_DRBG_RESEED_INTERVAL generate calls. */
#include "gt/crypto/drbg.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "core/ct.h"
#include "gt/crypto/hash.h"

/* SP 800-90A §10.1.1 / Table 2 for SHA-256: security strength 256 bits, so
 * 256 bits of entropy plus a 128-bit nonce at instantiation. */
#define ENTROPY_LEN 32
#define NONCE_LEN   16

typedef struct {
    const uint8_t *p;
    size_t n;
} piece;

/* K = HMAC(K, V || byte || provided data) and V = HMAC(K, V). */
static void update_round(gt_drbg *d, uint8_t byte, const piece *data, size_t npieces)
{
    gt_hmac_ctx c;
    gt_hmac_init(&c, &gt_hash_sha256, d->k, sizeof d->k);
    gt_hmac_update(&c, d->v, sizeof d->v);
    gt_hmac_update(&c, &byte, 1);
    for (size_t i = 0; i < npieces; i++) {
        if (data[i].n) gt_hmac_update(&c, data[i].p, data[i].n);
    }
    gt_hmac_final(&c, d->k);
    gt_hmac(&gt_hash_sha256, d->k, sizeof d->k, d->v, sizeof d->v, d->v);
}

/* §10.1.2.2 HMAC_DRBG_Update: the second round only when there is
 * provided data. The provided data is the concatenation of the pieces. */
static void drbg_update(gt_drbg *d, const piece *data, size_t npieces)
{
    size_t total = 0;
    for (size_t i = 0; i < npieces; i++)
        total += data[i].n;
    update_round(d, 0x00, data, npieces);
    if (total) update_round(d, 0x01, data, npieces);
}

/* §10.1.2.3: Key = 0x00.., V = 0x01.., Update(entropy || nonce || pers). */
void gt_drbg_instantiate(gt_drbg *d, const uint8_t *entropy, size_t elen, const uint8_t *nonce,
                         size_t nlen, const uint8_t *pers, size_t plen)
{
    piece seed[3] = {{entropy, elen}, {nonce, nlen}, {pers, plen}};
    memset(d->k, 0x00, sizeof d->k);
    memset(d->v, 0x01, sizeof d->v);
    drbg_update(d, seed, 3);
    d->reseed_counter = 1;
    d->deterministic = 0;
}

/* §10.1.2.4: Update(entropy || additional input), counter back to 1. */
void gt_drbg_reseed_with(gt_drbg *d, const uint8_t *entropy, size_t elen, const uint8_t *add,
                         size_t alen)
{
    piece seed[2] = {{entropy, elen}, {add, alen}};
    drbg_update(d, seed, 2);
    d->reseed_counter = 1;
}

/* getrandom(2) with flags 0 blocks until the kernel pool is initialised
 * and then never blocks; it may still return short or fail with EINTR. */
static int os_random(uint8_t *p, size_t n)
{
    while (n) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            return GT_ERR_CRYPTO_RNG;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int gt_drbg_init(gt_drbg *d, const uint8_t *pers, size_t pers_len)
{
    uint8_t seed[ENTROPY_LEN + NONCE_LEN];
    int rc = os_random(seed, sizeof seed);
    if (rc) {
        gt_wipe(d, sizeof *d);
        return rc;
    }
    gt_drbg_instantiate(d, seed, ENTROPY_LEN, seed + ENTROPY_LEN, NONCE_LEN, pers, pers_len);
    gt_wipe(seed, sizeof seed);
    return 0;
}

void gt_drbg_init_seed(gt_drbg *d, const uint8_t *seed, size_t seed_len)
{
    static const char pers[] = "tlsgauntlet deterministic DRBG";
    gt_drbg_instantiate(d, seed, seed_len, NULL, 0, (const uint8_t *)pers, sizeof pers - 1);
    d->deterministic = 1;
}

/* A deterministic DRBG must never reach the OS, so it reseeds from its own
 * output: still a function of the seed alone, and the counter stays bounded. */
int gt_drbg_reseed(gt_drbg *d, const uint8_t *add, size_t add_len)
{
    uint8_t e[ENTROPY_LEN];
    int rc = 0;
    if (d->deterministic) {
        gt_hmac(&gt_hash_sha256, d->k, sizeof d->k, d->v, sizeof d->v, d->v);
        memcpy(e, d->v, sizeof e);
    } else {
        rc = os_random(e, sizeof e);
    }
    if (!rc) gt_drbg_reseed_with(d, e, sizeof e, add, add_len);
    gt_wipe(e, sizeof e);
    return rc;
}

/* §10.1.2.5 HMAC_DRBG_Generate. */
int gt_drbg_generate(gt_drbg *d, uint8_t *out, size_t n, const uint8_t *add, size_t add_len)
{
    piece extra = {add, add_len};
    if (n > GT_DRBG_MAX_REQUEST || (!out && n)) return GT_ERR_ARG;
    if (d->reseed_counter > GT_DRBG_RESEED_INTERVAL) {
        /* Step 1 and 6: the additional input goes into the reseed, then
         * is treated as empty. */
        int rc = gt_drbg_reseed(d, add, add_len);
        if (rc) return rc;
        extra.n = 0;
    }
    if (extra.n) drbg_update(d, &extra, 1);
    while (n) {
        size_t take = n < sizeof d->v ? n : sizeof d->v;
        gt_hmac(&gt_hash_sha256, d->k, sizeof d->k, d->v, sizeof d->v, d->v);
        memcpy(out, d->v, take);
        out += take;
        n -= take;
    }
    drbg_update(d, &extra, 1);
    d->reseed_counter++;
    return 0;
}

void gt_drbg_free(gt_drbg *d)
{
    gt_wipe(d, sizeof *d);
}
