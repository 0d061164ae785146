/* CBC mode without padding (SP 800-38A §6.2). Padding and its constant-time
 * check belong to the record layer (RFC 5246 §6.2.3.2), not here. The iv
 * buffer carries the chaining value between calls, so a message may be
 * processed in pieces. */
#include "crypto/aes_impl.h"

#include <string.h>

#include "core/ct.h"

static void cbc_encrypt_ct(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t nblocks)
{
    uint8_t x[16];
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        for (unsigned i = 0; i < 16; i++)
            x[i] = in[i] ^ iv[i];
        gt_aes_ct_encrypt(k, x, iv, 1);
        memcpy(out, iv, 16);
    }
    gt_wipe(x, sizeof x);
}

/* Four blocks per call to the bitsliced core, which does four at once.
 * The ciphertext is copied aside first so that in == out works. */
static void cbc_decrypt_ct(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t nblocks)
{
    uint8_t c[64], p[64];
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memcpy(c, in, 16 * n);
        gt_aes_ct_decrypt(k, c, p, n);
        for (size_t i = 0; i < 16; i++)
            out[i] = p[i] ^ iv[i];
        for (size_t i = 16; i < 16 * n; i++)
            out[i] = p[i] ^ c[i - 16];
        memcpy(iv, c + 16 * (n - 1), 16);
        in += 16 * n, out += 16 * n, nblocks -= n;
    }
    gt_wipe(p, sizeof p);
}

int gt_aes_cbc_encrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                       size_t len)
{
    if (len % 16 != 0) return GT_ERR_CRYPTO_LENGTH;
    if (k->impl == GT_AES_IMPL_NI)
        gt_aesni_cbc_encrypt(k, iv, in, out, len / 16);
    else
        cbc_encrypt_ct(k, iv, in, out, len / 16);
    return 0;
}

int gt_aes_cbc_decrypt(const gt_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                       size_t len)
{
    if (len % 16 != 0) return GT_ERR_CRYPTO_LENGTH;
    if (k->impl == GT_AES_IMPL_NI)
        gt_aesni_cbc_decrypt(k, iv, in, out, len / 16);
    else
        cbc_decrypt_ct(k, iv, in, out, len / 16);
    return 0;
}
