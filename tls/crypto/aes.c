/* AES front end: key setup and the choice between AES-NI and the portable
 * bitsliced code (FIPS 197). The choice is made once, at key setup, from
 * gt_cpu_has(), so GT_FORCE_PORTABLE=1 or gt_cpu_override(0) before
 * gt_aes_init() selects the portable path for that key. */
#include "crypto/aes_impl.h"

#include "core/ct.h"

int gt_aes_init(gt_aes_key *k, const uint8_t *key, size_t key_len)
{
    if (key_len != 16 && key_len != 24 && key_len != 32) return GT_ERR_CRYPTO_KEY_SIZE;
    gt_wipe(k, sizeof *k);
    gt_aes_ct_expand(k, key, key_len);
    if (gt_aesni_usable()) {
        k->impl = GT_AES_IMPL_NI;
        gt_aesni_setup(k);
    } else {
        k->impl = GT_AES_IMPL_CT;
        gt_aes_ct_bitslice_keys(k);
    }
    return 0;
}

void gt_aes_encrypt_block(const gt_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    if (k->impl == GT_AES_IMPL_NI)
        gt_aesni_encrypt(k, in, out, 1);
    else
        gt_aes_ct_encrypt(k, in, out, 1);
}

void gt_aes_decrypt_block(const gt_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    if (k->impl == GT_AES_IMPL_NI)
        gt_aesni_decrypt(k, in, out, 1);
    else
        gt_aes_ct_decrypt(k, in, out, 1);
}

void gt_aes_free(gt_aes_key *k)
{
    gt_wipe(k, sizeof *k);
}
