/* HMAC (RFC 2104; FIPS 198-1) over any gt_hash. */
#include "gt/crypto/hash.h"

#include <string.h>

#include "core/ct.h"

void gt_hmac_init(gt_hmac_ctx *c, const gt_hash *h, const uint8_t *key, size_t key_len)
{
    uint8_t k0[GT_HASH_MAX_BLOCK], pad[GT_HASH_MAX_BLOCK];
    size_t b = h->block_len;

    /* RFC 2104 §2: keys longer than the block are hashed first; shorter
     * ones are zero-padded to the block length. */
    memset(k0, 0, sizeof k0);
    if (key_len > b)
        gt_hash_digest(h, key, key_len, k0);
    else if (key_len)
        memcpy(k0, key, key_len);

    c->h = h;
    for (size_t i = 0; i < b; i++)
        pad[i] = k0[i] ^ 0x36;
    h->init(&c->inner);
    h->update(&c->inner, pad, b);
    for (size_t i = 0; i < b; i++)
        pad[i] = k0[i] ^ 0x5c;
    h->init(&c->outer);
    h->update(&c->outer, pad, b);
    gt_wipe(k0, sizeof k0);
    gt_wipe(pad, sizeof pad);
}

void gt_hmac_update(gt_hmac_ctx *c, const void *p, size_t n)
{
    c->h->update(&c->inner, p, n);
}

void gt_hmac_final(gt_hmac_ctx *c, uint8_t *out)
{
    uint8_t ih[GT_HASH_MAX_LEN];
    const gt_hash *h = c->h;
    h->final(&c->inner, ih);
    h->update(&c->outer, ih, h->out_len);
    h->final(&c->outer, out);
    gt_wipe(ih, sizeof ih);
    gt_wipe(c, sizeof *c);
}

void gt_hmac(const gt_hash *h, const uint8_t *key, size_t key_len, const void *msg, size_t n,
             uint8_t *out)
{
    gt_hmac_ctx c;
    gt_hmac_init(&c, h, key, key_len);
    gt_hmac_update(&c, msg, n);
    gt_hmac_final(&c, out);
}
