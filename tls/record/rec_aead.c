/* AEAD record protection (RFC 5246 §6.2.3.3):
 * - AES-GCM (RFC 5288 §3): nonce = salt(4, the fixed IV) || explicit(8),
 *   the explicit part sent in front of the ciphertext. We send the sequence
 *   number there, which makes it unique per key without any state.
 * - ChaCha20-Poly1305 (RFC 7905 §2): nonce = IV(12) xor the sequence
 *   number left-padded to 12 bytes; nothing explicit on the wire.
 * The sequence number is the first 8 bytes of the AAD the framing layer
 * built. Tags are 16 bytes. */
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "gt/crypto/chacha.h"
#include "record/record.h"

#define TAG    16
#define GCM_EX 8

/* GT_FUZZING builds only (GT_OPT_FUZZ_SKIP_CHECKS): decrypt without
 * checking the tag, so mutated records still reach the handshake. */
#ifdef GT_FUZZING
static int gcm_unchecked(gt_rec_state *s, const uint8_t *nonce, uint8_t *data, size_t n)
{
    gt_gcm_ctx c;
    uint8_t tag[16];
    int err = gt_gcm_start(&c, &s->key.gcm, nonce, 12);
    if (!err) err = gt_gcm_decrypt(&c, data, data, n);
    gt_gcm_finish(&c, tag);
    return err;
}
static int chacha_unchecked(gt_rec_state *s, const uint8_t *nonce, uint8_t *data, size_t n)
{
    gt_chacha20(s->key.chacha, nonce, 1, data, data, n);
    return 0;
}
#else
static int gcm_unchecked(gt_rec_state *s, const uint8_t *nonce, uint8_t *data, size_t n)
{
    (void)s, (void)nonce, (void)data, (void)n;
    return GT_ERR_BAD_RECORD_MAC;
}
static int chacha_unchecked(gt_rec_state *s, const uint8_t *nonce, uint8_t *data, size_t n)
{
    (void)s, (void)nonce, (void)data, (void)n;
    return GT_ERR_BAD_RECORD_MAC;
}
#endif

static void set_aad_len(uint8_t aad[13], size_t len)
{
    aad[11] = (uint8_t)(len >> 8);
    aad[12] = (uint8_t)len;
}

static int gcm_seal(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                    size_t *frag_len)
{
    uint8_t nonce[12];
    memcpy(nonce, s->iv, 4);
    memcpy(nonce + 4, aad, GCM_EX); /* explicit nonce = sequence number */
    memcpy(frag, aad, GCM_EX);
    int err = gt_gcm_seal(&s->key.gcm, nonce, 12, aad, 13, frag + GCM_EX, len, frag + GCM_EX,
                          frag + GCM_EX + len, TAG);
    if (err) return err;
    *frag_len = GCM_EX + len + TAG;
    return 0;
}

static int gcm_open(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                    size_t *plain_len)
{
    uint8_t nonce[12];
    gt_rd r = gt_rd_init(frag, len);
    const uint8_t *tag;
    /* Too short to hold the explicit nonce and the tag: it cannot
     * authenticate, which is what bad_record_mac says. */
    if (len < GCM_EX + TAG) return GT_ERR_BAD_RECORD_MAC;
    size_t n = len - GCM_EX - TAG;
    memcpy(nonce, s->iv, 4);
    if (gt_rd_copy(&r, nonce + 4, GCM_EX) || gt_rd_skip(&r, n) || gt_rd_bytes(&r, TAG, &tag))
        return GT_ERR_INTERNAL;
    set_aad_len(aad, n);
    uint8_t *data = frag + GCM_EX;
    int err = s->skip_checks
                  ? gcm_unchecked(s, nonce, data, n)
                  : gt_gcm_open(&s->key.gcm, nonce, 12, aad, 13, data, n, tag, TAG, data);
    if (err) return err == GT_ERR_CRYPTO_TAG ? GT_ERR_BAD_RECORD_MAC : err;
    *plain = data;
    *plain_len = n;
    return 0;
}

static void chacha_nonce(const gt_rec_state *s, const uint8_t aad[13], uint8_t nonce[12])
{
    memcpy(nonce, s->iv, 12);
    for (size_t i = 0; i < 8; i++)
        nonce[4 + i] ^= aad[i];
}

static int chacha_seal(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                       size_t *frag_len)
{
    uint8_t nonce[12];
    chacha_nonce(s, aad, nonce);
    int err = gt_chacha20poly1305_seal(s->key.chacha, nonce, aad, 13, frag, len, frag, frag + len);
    if (err) return err;
    *frag_len = len + TAG;
    return 0;
}

static int chacha_open(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                       size_t *plain_len)
{
    uint8_t nonce[12];
    gt_rd r = gt_rd_init(frag, len);
    const uint8_t *tag;
    if (len < TAG) return GT_ERR_BAD_RECORD_MAC;
    size_t n = len - TAG;
    if (gt_rd_skip(&r, n) || gt_rd_bytes(&r, TAG, &tag)) return GT_ERR_INTERNAL;
    chacha_nonce(s, aad, nonce);
    set_aad_len(aad, n);
    int err = s->skip_checks
                  ? chacha_unchecked(s, nonce, frag, n)
                  : gt_chacha20poly1305_open(s->key.chacha, nonce, aad, 13, frag, n, tag, frag);
    if (err) return err == GT_ERR_CRYPTO_TAG ? GT_ERR_BAD_RECORD_MAC : err;
    *plain = frag;
    *plain_len = n;
    return 0;
}

const gt_rec_ops gt_rec_gcm_ops = {"AES-GCM", GCM_EX, TAG, gcm_seal, gcm_open};
const gt_rec_ops gt_rec_chacha_ops = {"ChaCha20-Poly1305", 0, TAG, chacha_seal, chacha_open};

int gt_rec_state_init(gt_rec_state *s, gt_cipher_type cipher, const uint8_t *key, size_t key_len,
                      const uint8_t *iv, size_t iv_len)
{
    int err;
    gt_rec_state_init_null(s);
    switch (cipher) {
    case GT_CIPHER_AES_GCM:
        if (iv_len != 4) return GT_ERR_CRYPTO_IV_SIZE;
        if ((err = gt_gcm_init(&s->key.gcm, key, key_len))) return err;
        memcpy(s->iv, iv, 4);
        s->ops = &gt_rec_gcm_ops;
        return 0;
    case GT_CIPHER_CHACHA_POLY:
        if (key_len != 32) return GT_ERR_CRYPTO_KEY_SIZE;
        if (iv_len != 12) return GT_ERR_CRYPTO_IV_SIZE;
        memcpy(s->key.chacha, key, 32);
        memcpy(s->iv, iv, 12);
        s->ops = &gt_rec_chacha_ops;
        return 0;
    default:
        return GT_ERR_UNSUPPORTED;
    }
}
