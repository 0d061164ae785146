/* placeholder */
#include "crypto/aes_impl.h"
int gt_gcm_vaes_usable(void)
{
    return 0;
}
void gt_gcm_vaes_crypt(const gt_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                       uint8_t *out, size_t nblocks, int decrypt)
{
    gt_gcm_clmul_crypt(g, ctr, y, in, out, nblocks, decrypt);
}
