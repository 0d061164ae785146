/* GCM front end (SP 800-38D): J0 for any IV length, the incremental
 * interface, the length block, and the one-shot seal/open with a
 * constant-time tag check. The bulk work goes to one of three back ends
 * chosen at key setup: portable (aes_ct.c + ghash_ct.c), AES-NI + PCLMULQDQ
 * (gcm_clmul.c) or VAES + VPCLMULQDQ (gcm_vaes.c). One-shot calls run
 * through the incremental code, so both give the same results by
 * construction. */
#include "crypto/aes_impl.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"

enum { PH_AAD = 0, PH_ENC = 1, PH_DEC = 2 };

/* SP 800-38D §5.2.1.1: len(P) <= 2^39 - 256 bits, len(A) <= 2^64 - 1 bits. */
#define GCM_MAX_MSG ((((uint64_t)1) << 36) - 32)
#define GCM_MAX_AAD ((((uint64_t)1) << 61) - 1)

int gt_gcm_init(gt_gcm_key *g, const uint8_t *key, size_t key_len)
{
    uint8_t h[16] = {0};
    gt_wipe(g, sizeof *g);
    int rc = gt_aes_init(&g->aes, key, key_len);
    if (rc != 0) return rc;
    if (g->aes.impl == GT_AES_IMPL_NI && gt_gcm_vaes_usable()) {
        g->impl = GT_GCM_IMPL_VAES;
    } else if (g->aes.impl == GT_AES_IMPL_NI && gt_gcm_clmul_usable()) {
        g->impl = GT_GCM_IMPL_CLMUL;
    } else {
        /* All-portable, also for the odd CPU with AES-NI but no PCLMULQDQ. */
        g->impl = GT_GCM_IMPL_CT;
        g->aes.impl = GT_AES_IMPL_CT;
        gt_aes_ct_bitslice_keys(&g->aes);
    }
    gt_aes_encrypt_block(&g->aes, h, h); /* H = E(K, 0^128) */
    if (g->impl == GT_GCM_IMPL_CT) gt_ghash_ct_init(g, h);
    if (g->impl == GT_GCM_IMPL_CLMUL) gt_ghash_clmul_init(g, h);
    if (g->impl == GT_GCM_IMPL_VAES) gt_ghash_vaes_init(g, h);
    gt_wipe(h, sizeof h);
    return 0;
}

void gt_gcm_free(gt_gcm_key *g)
{
    gt_wipe(g, sizeof *g);
}

static void ghash(const gt_gcm_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks)
{
    if (g->impl == GT_GCM_IMPL_CT)
        gt_ghash_ct(g, y, in, nblocks);
    else
        gt_ghash_clmul(g, y, in, nblocks);
}

/* Whole blocks of CTR (SP 800-38D §6.5) with GHASH over the ciphertext. */
static void crypt_blocks(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                         uint8_t *out, size_t nblocks, int decrypt)
{
    switch (g->impl) {
    case GT_GCM_IMPL_VAES:
        gt_gcm_vaes_crypt(g, ctr, y, in, out, nblocks, decrypt);
        break;
    case GT_GCM_IMPL_CLMUL:
        gt_gcm_clmul_crypt(g, ctr, y, in, out, nblocks, decrypt);
        break;
    default:
        if (decrypt) ghash(g, y, in, nblocks); /* before in == out is overwritten */
        gt_aes_ct_ctr32(&g->aes, ctr, in, out, nblocks);
        if (!decrypt) ghash(g, y, out, nblocks);
        break;
    }
}

/* Hashes the partial block in c->buf, zero-padded (SP 800-38D §6.4). */
static void flush(gt_gcm_ctx *c)
{
    if (c->buf_used == 0) return;
    memset(c->buf + c->buf_used, 0, 16 - c->buf_used);
    ghash(c->key, c->y, c->buf, 1);
    c->buf_used = 0;
}

static void inc32(uint8_t ctr[16])
{
    gt_store32_be(ctr + 12, gt_load32_be(ctr + 12) + 1);
}

int gt_gcm_start(gt_gcm_ctx *c, const gt_gcm_key *g, const uint8_t *iv, size_t iv_len)
{
    memset(c, 0, sizeof *c);
    if (iv_len == 0 || iv_len > (SIZE_MAX >> 3)) return GT_ERR_CRYPTO_IV_SIZE;
    c->key = g;
    if (iv_len == 12) {
        /* SP 800-38D §7.1 step 2: J0 = IV || 0^31 || 1. */
        memcpy(c->j0, iv, 12);
        c->j0[15] = 1;
    } else {
        /* Otherwise J0 = GHASH(IV || 0^(s+64) || [len(IV)]_64). */
        uint8_t last[16] = {0};
        ghash(g, c->j0, iv, iv_len / 16);
        if (iv_len % 16 != 0) {
            memcpy(last, iv + iv_len - iv_len % 16, iv_len % 16);
            ghash(g, c->j0, last, 1);
            memset(last, 0, sizeof last);
        }
        gt_store64_be(last + 8, (uint64_t)iv_len * 8);
        ghash(g, c->j0, last, 1);
    }
    memcpy(c->ctr, c->j0, 16);
    inc32(c->ctr);
    c->phase = PH_AAD;
    return 0;
}

int gt_gcm_aad(gt_gcm_ctx *c, const uint8_t *aad, size_t n)
{
    if (c->key == NULL || c->phase != PH_AAD) return GT_ERR_STATE;
    if (n > GCM_MAX_AAD - c->aad_len) return GT_ERR_CRYPTO_LENGTH;
    if (n == 0) return 0; /* aad may be NULL then */
    c->aad_len += n;
    while (c->buf_used != 0 && n > 0) {
        c->buf[c->buf_used++] = *aad++, n--;
        if (c->buf_used == 16) flush(c);
    }
    if (n == 0) return 0;
    ghash(c->key, c->y, aad, n / 16);
    aad += n - n % 16, n %= 16;
    memcpy(c->buf, aad, n);
    c->buf_used = n;
    return 0;
}

static int crypt(gt_gcm_ctx *c, const uint8_t *in, uint8_t *out, size_t n, int phase)
{
    if (c->key == NULL) return GT_ERR_STATE;
    if (c->phase == PH_AAD) flush(c), c->phase = phase;
    if (c->phase != phase) return GT_ERR_STATE;
    if (n > GCM_MAX_MSG - c->msg_len) return GT_ERR_CRYPTO_LENGTH;
    if (n == 0) return 0;
    c->msg_len += n;
    /* Finish the block a previous call left partial: keystream in c->ks,
     * ciphertext so far in c->buf. */
    while (c->buf_used != 0 && n > 0) {
        uint8_t x = *in++, o = x ^ c->ks[c->buf_used];
        *out++ = o;
        c->buf[c->buf_used++] = phase == PH_DEC ? x : o;
        n--;
        if (c->buf_used == 16) flush(c);
    }
    crypt_blocks(c->key, c->ctr, c->y, in, out, n / 16, phase == PH_DEC);
    in += n - n % 16, out += n - n % 16, n %= 16;
    if (n > 0) {
        gt_aes_encrypt_block(&c->key->aes, c->ctr, c->ks);
        inc32(c->ctr);
        for (size_t i = 0; i < n; i++) {
            uint8_t x = in[i], o = x ^ c->ks[i];
            out[i] = o;
            c->buf[i] = phase == PH_DEC ? x : o;
        }
        c->buf_used = n;
    }
    return 0;
}

int gt_gcm_encrypt(gt_gcm_ctx *c, const uint8_t *in, uint8_t *out, size_t n)
{
    return crypt(c, in, out, n, PH_ENC);
}

int gt_gcm_decrypt(gt_gcm_ctx *c, const uint8_t *in, uint8_t *out, size_t n)
{
    return crypt(c, in, out, n, PH_DEC);
}

void gt_gcm_finish(gt_gcm_ctx *c, uint8_t tag[16])
{
    uint8_t lens[16];
    if (c->key == NULL) {
        memset(tag, 0, 16);
        return;
    }
    flush(c);
    /* SP 800-38D §7.1 step 5: the block [len(A)]_64 || [len(C)]_64. */
    gt_store64_be(lens, c->aad_len * 8);
    gt_store64_be(lens + 8, c->msg_len * 8);
    ghash(c->key, c->y, lens, 1);
    gt_aes_encrypt_block(&c->key->aes, c->j0, tag); /* T = E(K, J0) ^ S */
    for (unsigned i = 0; i < 16; i++)
        tag[i] ^= c->y[i];
    gt_wipe(c, sizeof *c);
}

/* SP 800-38D §5.2.1.2: 128, 120, 112, 104, 96 bits, and 64 or 32 for
 * applications that accept their limits. */
static int tag_len_ok(size_t t)
{
    return (t >= 12 && t <= 16) || t == 8 || t == 4;
}

int gt_gcm_seal(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag,
                size_t tag_len)
{
    gt_gcm_ctx c;
    uint8_t full[16];
    if (!tag_len_ok(tag_len)) return GT_ERR_CRYPTO_IV_SIZE;
    if (len > GCM_MAX_MSG) return GT_ERR_CRYPTO_LENGTH;
    int rc = gt_gcm_start(&c, g, iv, iv_len);
    if (rc == 0) rc = gt_gcm_aad(&c, aad, aad_len);
    if (rc == 0) rc = gt_gcm_encrypt(&c, in, out, len);
    if (rc != 0) {
        gt_wipe(&c, sizeof c);
        return rc;
    }
    gt_gcm_finish(&c, full);
    memcpy(tag, full, tag_len);
    gt_wipe(full, sizeof full);
    return 0;
}

int gt_gcm_open(const gt_gcm_key *g, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                size_t aad_len, const uint8_t *in, size_t len, const uint8_t *tag, size_t tag_len,
                uint8_t *out)
{
    gt_gcm_ctx c;
    uint8_t full[16];
    if (!tag_len_ok(tag_len)) return GT_ERR_CRYPTO_IV_SIZE;
    if (len > GCM_MAX_MSG) return GT_ERR_CRYPTO_LENGTH;
    int rc = gt_gcm_start(&c, g, iv, iv_len);
    if (rc == 0) rc = gt_gcm_aad(&c, aad, aad_len);
    if (rc == 0) rc = gt_gcm_decrypt(&c, in, out, len);
    if (rc != 0) {
        gt_wipe(&c, sizeof c);
        return rc;
    }
    gt_gcm_finish(&c, full);
    /* No branch on the comparison: the plaintext is masked to zero on a
     * mismatch and the error code is computed, so the only decision on
     * the secret-derived result is the caller's check of the return. */
    uint32_t ok = gt_ct_memeq(full, tag, tag_len);
    uint64_t keep = gt_ct_mask64(ok);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, out + i, 8);
        w &= keep;
        memcpy(out + i, &w, 8);
    }
    for (; i < len; i++)
        out[i] &= (uint8_t)keep;
    gt_wipe(full, sizeof full);
    return (int)((uint32_t)GT_ERR_CRYPTO_TAG & ~gt_ct_mask32(ok));
}
