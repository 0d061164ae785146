/* Constant-time helpers: the one place where branch-free selection and
 * comparison live (BearSSL's inner.h is the model). Masks are all-ones or
 * all-zero words; "bits" are 0 or 1. None of these branch or index memory on
 * their arguments. Checked by the ctgrind tests in tests/ct/. */
#ifndef GT_CORE_CT_H
#define GT_CORE_CT_H

#include <stddef.h>
#include <stdint.h>

/* The compiler must not turn masks back into branches. An empty asm with the
 * value as an in/out operand hides where the value came from. */
static inline uint32_t gt_ct_barrier32(uint32_t x)
{
    __asm__("" : "+r"(x));
    return x;
}
static inline uint64_t gt_ct_barrier64(uint64_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

/* 1 if x != 0, else 0. */
static inline uint32_t gt_ct_nz32(uint32_t x)
{
    return gt_ct_barrier32((x | (0u - x)) >> 31);
}
/* 1 if x == y. */
static inline uint32_t gt_ct_eq32(uint32_t x, uint32_t y)
{
    return 1u ^ gt_ct_nz32(x ^ y);
}
/* 1 if x < y (unsigned). */
static inline uint32_t gt_ct_lt32(uint32_t x, uint32_t y)
{
    uint64_t d = (uint64_t)x - (uint64_t)y;
    return gt_ct_barrier32((uint32_t)(d >> 63));
}
/* 1 if x >= y. */
static inline uint32_t gt_ct_ge32(uint32_t x, uint32_t y)
{
    return 1u ^ gt_ct_lt32(x, y);
}
/* bit (0/1) to mask (0 / all ones). */
static inline uint32_t gt_ct_mask32(uint32_t bit)
{
    return 0u - gt_ct_barrier32(bit);
}
static inline uint64_t gt_ct_mask64(uint64_t bit)
{
    return 0u - gt_ct_barrier64(bit);
}
/* bit ? a : b */
static inline uint32_t gt_ct_select32(uint32_t bit, uint32_t a, uint32_t b)
{
    uint32_t m = gt_ct_mask32(bit);
    return (a & m) | (b & ~m);
}
static inline uint64_t gt_ct_select64(uint64_t bit, uint64_t a, uint64_t b)
{
    uint64_t m = gt_ct_mask64(bit);
    return (a & m) | (b & ~m);
}
static inline uint8_t gt_ct_select8(uint32_t bit, uint8_t a, uint8_t b)
{
    return (uint8_t)gt_ct_select32(bit, a, b);
}

/* 1 if the n bytes at a and b are equal; time depends on n only.
 * Use for MACs, Finished, tags: never memcmp on secrets. */
uint32_t gt_ct_memeq(const void *a, const void *b, size_t n);
/* if bit: dst = src (n bytes), else dst unchanged; touches every byte. */
void gt_ct_cond_copy(uint32_t bit, void *dst, const void *src, size_t n);
/* dst = bit ? a : b, bytewise. */
void gt_ct_select_bytes(uint32_t bit, void *dst, const void *a, const void *b, size_t n);
/* 1 if every byte is zero. */
uint32_t gt_ct_is_zero(const void *p, size_t n);

/* Zeroes memory in a way the compiler cannot elide (secrets, keys). */
void gt_wipe(void *p, size_t n);

#endif
