/* The gt_rng_fn adapter over a gt_drbg (see gt/crypto/rng.h). */
#include "gt/crypto/drbg.h"
#include "gt/crypto/rng.h"

int gt_rng_drbg(void *ctx, uint8_t *out, size_t n)
{
    gt_drbg *d = ctx;
    /* SP 800-90A caps one request; long requests are split. */
    while (n > 0) {
        size_t k = n < GT_DRBG_MAX_REQUEST ? n : GT_DRBG_MAX_REQUEST;
        int err = gt_drbg_generate(d, out, k, NULL, 0);
        if (err) return GT_ERR_CRYPTO_RNG;
        out += k;
        n -= k;
    }
    return 0;
}
