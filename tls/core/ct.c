/* Constant-time byte helpers and secure wipe (see ct.h). */
#include "core/ct.h"

#include <string.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define GT_CT_MSAN 1
#endif
#endif

uint32_t gt_ct_memeq(const void *a, const void *b, size_t n)
{
    const volatile uint8_t *x = a, *y = b;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= (uint32_t)(x[i] ^ y[i]);
    return gt_ct_eq32(acc, 0);
}

void gt_ct_cond_copy(uint32_t bit, void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    uint8_t m = (uint8_t)gt_ct_mask32(bit);
    for (size_t i = 0; i < n; i++)
        d[i] = (uint8_t)((s[i] & m) | (d[i] & (uint8_t)~m));
}

void gt_ct_select_bytes(uint32_t bit, void *dst, const void *a, const void *b, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *x = a, *y = b;
    uint8_t m = (uint8_t)gt_ct_mask32(bit);
    for (size_t i = 0; i < n; i++)
        d[i] = (uint8_t)((x[i] & m) | (y[i] & (uint8_t)~m));
}

uint32_t gt_ct_is_zero(const void *p, size_t n)
{
    const volatile uint8_t *x = p;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= x[i];
    return gt_ct_eq32(acc, 0);
}

void gt_wipe(void *p, size_t n)
{
    if (!p || !n) return;
    /* explicit_bzero (glibc >= 2.25) is guaranteed not to be optimised away. */
    explicit_bzero(p, n);
#ifdef GT_CT_MSAN
    /* MemorySanitizer has no interceptor for explicit_bzero: tell it the
     * zeros are defined (preset msan only). */
    __msan_unpoison(p, n);
#endif
}
