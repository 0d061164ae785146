/* P-256 field multiplication and squaring with MULX/ADCX/ADOX (BMI2 + ADX),
 * Montgomery form with R = 2^256, for p = 2^256 - 2^224 + 2^192 + 2^96 - 1.
 * Included by p256_adx.c only; callers must have checked
 * gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX).
 *
 * Same arithmetic as the portable fe_mul in p256.c, in inline assembly
 * because gcc does not keep two carry chains (CF for the low halves, OF for
 * the high halves of MULX products) in flight on its own. With n0 = 1 the
 * Montgomery quotient of a row is its low limb q, and q*p costs one MULX:
 *   (t + q*p) / 2^64 = t1 + (q << 32) + (t2 + (q >> 32)) 2^64
 *                      + (t3 + q*p3) 2^128            (p3 = 2^64 - 2^32 + 1)
 * Invariants: inputs < p; the accumulator stays below 2p between rows
 * (5 limbs, the top one 0 or 1); one final subtraction selected by CMOV.
 * No branch and no memory index depends on the operands.
 *
 * The asm names registers by macros so that the five-limb accumulator can
 * rotate through r8-r13 instead of being moved every row. */
#ifndef GT_CRYPTO_P256_FE_ADX_H
#define GT_CRYPTO_P256_FE_ADX_H

#include <stdint.h>

static const uint64_t p256_adx_p3 = 0xffffffff00000001ULL;

/* acc[0..4] += a * b[i] (acc[5] is the new top limb, set here). Low halves
 * ride the CF chain (ADCX), high halves the OF chain (ADOX). */
#define ADX_ROW(off, t0, t1, t2, t3, t4, t5)                                                       \
    "movq " off "(%[b]), %%rdx\n\t"                                                                \
    "xorl %%eax, %%eax\n\t"                                                                        \
    "mulxq 0(%[a]), %%r14, %%r15\n\t"                                                              \
    "adcxq %%r14, " t0 "\n\t"                                                                      \
    "adoxq %%r15, " t1 "\n\t"                                                                      \
    "mulxq 8(%[a]), %%r14, %%r15\n\t"                                                              \
    "adcxq %%r14, " t1 "\n\t"                                                                      \
    "adoxq %%r15, " t2 "\n\t"                                                                      \
    "mulxq 16(%[a]), %%r14, %%r15\n\t"                                                             \
    "adcxq %%r14, " t2 "\n\t"                                                                      \
    "adoxq %%r15, " t3 "\n\t"                                                                      \
    "mulxq 24(%[a]), %%r14, %%r15\n\t"                                                             \
    "adcxq %%r14, " t3 "\n\t"                                                                      \
    "adoxq %%r15, " t4 "\n\t"                                                                      \
    "movq $0, " t5 "\n\t"                                                                          \
    "adcxq %%rax, " t4 "\n\t"                                                                      \
    "adoxq %%rax, " t5 "\n\t"                                                                      \
    "adcxq %%rax, " t5 "\n\t"

/* One Montgomery row: q = t0, (t0..t5) <- (t0..t5 + q*p) / 2^64 held in
 * t1..t5; t0 is free afterwards. */
#define ADX_RED(t0, t1, t2, t3, t4, t5)                                                            \
    "movq " t0 ", %%rdx\n\t"                                                                       \
    "mulxq %[p3], %%r14, %%r15\n\t"                                                                \
    "movq " t0 ", %%rax\n\t"                                                                       \
    "shlq $32, %%rax\n\t"                                                                          \
    "shrq $32, " t0 "\n\t"                                                                         \
    "addq %%rax, " t1 "\n\t"                                                                       \
    "adcq " t0 ", " t2 "\n\t"                                                                      \
    "adcq %%r14, " t3 "\n\t"                                                                       \
    "adcq %%r15, " t4 "\n\t"                                                                       \
    "adcq $0, " t5 "\n\t"

static inline __attribute__((always_inline)) void fe_mul_adx(uint64_t *r, const uint64_t *a,
                                                             const uint64_t *b)
{
    /* clang-format off */
    __asm__ volatile(
        /* row 0: (r8..r12) = a * b[0] */
        "movq 0(%[b]), %%rdx\n\t"
        "mulxq 0(%[a]), %%r8, %%r9\n\t"
        "mulxq 8(%[a]), %%r14, %%r10\n\t"
        "addq %%r14, %%r9\n\t"
        "mulxq 16(%[a]), %%r14, %%r11\n\t"
        "adcq %%r14, %%r10\n\t"
        "mulxq 24(%[a]), %%r14, %%r12\n\t"
        "adcq %%r14, %%r11\n\t"
        "adcq $0, %%r12\n\t"
        "xorl %%r13d, %%r13d\n\t" /* the sixth limb of the first row */
        ADX_RED("%%r8", "%%r9", "%%r10", "%%r11", "%%r12", "%%r13")
        ADX_ROW("8", "%%r9", "%%r10", "%%r11", "%%r12", "%%r13", "%%r8")
        ADX_RED("%%r9", "%%r10", "%%r11", "%%r12", "%%r13", "%%r8")
        ADX_ROW("16", "%%r10", "%%r11", "%%r12", "%%r13", "%%r8", "%%r9")
        ADX_RED("%%r10", "%%r11", "%%r12", "%%r13", "%%r8", "%%r9")
        ADX_ROW("24", "%%r11", "%%r12", "%%r13", "%%r8", "%%r9", "%%r10")
        ADX_RED("%%r11", "%%r12", "%%r13", "%%r8", "%%r9", "%%r10")
        /* acc = (r12, r13, r8, r9, r10) < 2p: subtract p, keep acc on borrow */
        "movq %%r12, %%rax\n\t"
        "movq %%r13, %%rdx\n\t"
        "movq %%r8, %%r14\n\t"
        "movq %%r9, %%r15\n\t"
        "movl $0xffffffff, %%r11d\n\t"
        "subq $-1, %%rax\n\t"
        "sbbq %%r11, %%rdx\n\t"
        "sbbq $0, %%r14\n\t"
        "movq %[p3], %%r11\n\t"
        "sbbq %%r11, %%r15\n\t"
        "sbbq $0, %%r10\n\t"
        "cmovcq %%r12, %%rax\n\t"
        "cmovcq %%r13, %%rdx\n\t"
        "cmovcq %%r8, %%r14\n\t"
        "cmovcq %%r9, %%r15\n\t"
        "movq %%rax, 0(%[r])\n\t"
        "movq %%rdx, 8(%[r])\n\t"
        "movq %%r14, 16(%[r])\n\t"
        "movq %%r15, 24(%[r])\n\t"
        :
        : [r] "r"(r), [a] "r"(a), [b] "r"(b), [p3] "m"(p256_adx_p3)
        : "rax", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "cc", "memory");
    /* clang-format on */
}

/* One reduction round on the low half only: (x0..x3) <- (x + q*p) / 2^64
 * with q = x0, the result left in x1, x2, x3, x0. It stays below 2^256
 * (x < 2^256, q < 2^64: (x + q*p) / 2^64 < 2^192 + p), so no fifth limb. */
#define ADX_RED4(x0, x1, x2, x3)                                                                   \
    "movq " x0 ", %%rdx\n\t"                                                                       \
    "mulxq %[p3], %%rax, %%rcx\n\t"                                                                \
    "shlq $32, %%rdx\n\t"                                                                          \
    "shrq $32, " x0 "\n\t"                                                                         \
    "addq %%rdx, " x1 "\n\t"                                                                       \
    "adcq " x0 ", " x2 "\n\t"                                                                      \
    "adcq %%rax, " x3 "\n\t"                                                                       \
    "adcq $0, %%rcx\n\t"                                                                           \
    "movq %%rcx, " x0 "\n\t"

/* Squaring: the 8-limb square (six cross products doubled, four squares
 * on the diagonal), then its low half reduced by four rounds and added to
 * the high half: a^2 < p^2 makes the sum below 2p. */
static inline __attribute__((always_inline)) void fe_sqr_adx(uint64_t *r, const uint64_t *a)
{
    /* clang-format off */
    __asm__ volatile(
        /* cross products into r9..r14 */
        "movq 0(%[a]), %%rdx\n\t"
        "mulxq 8(%[a]), %%r9, %%r10\n\t"
        "mulxq 16(%[a]), %%rax, %%r11\n\t"
        "addq %%rax, %%r10\n\t"
        "mulxq 24(%[a]), %%rax, %%r12\n\t"
        "adcq %%rax, %%r11\n\t"
        "adcq $0, %%r12\n\t"
        "movq 8(%[a]), %%rdx\n\t"
        "xorl %%r13d, %%r13d\n\t"
        "mulxq 16(%[a]), %%rax, %%rcx\n\t"
        "adcxq %%rax, %%r11\n\t"
        "adoxq %%rcx, %%r12\n\t"
        "mulxq 24(%[a]), %%rax, %%rcx\n\t"
        "adcxq %%rax, %%r12\n\t"
        "adoxq %%rcx, %%r13\n\t"
        "movq $0, %%rax\n\t"
        "adcxq %%rax, %%r13\n\t"
        "movq 16(%[a]), %%rdx\n\t"
        "mulxq 24(%[a]), %%rax, %%r14\n\t"
        "addq %%rax, %%r13\n\t"
        "adcq $0, %%r14\n\t"
        /* double into r9..r15 */
        "movq $0, %%r15\n\t"
        "addq %%r9, %%r9\n\t"
        "adcq %%r10, %%r10\n\t"
        "adcq %%r11, %%r11\n\t"
        "adcq %%r12, %%r12\n\t"
        "adcq %%r13, %%r13\n\t"
        "adcq %%r14, %%r14\n\t"
        "adcq $0, %%r15\n\t"
        /* add the squares a_i^2 at limbs 2i, 2i+1 (MULX leaves CF alone) */
        "movq 0(%[a]), %%rdx\n\t"
        "mulxq %%rdx, %%r8, %%rcx\n\t"
        "addq %%rcx, %%r9\n\t"
        "movq 8(%[a]), %%rdx\n\t"
        "mulxq %%rdx, %%rax, %%rcx\n\t"
        "adcq %%rax, %%r10\n\t"
        "adcq %%rcx, %%r11\n\t"
        "movq 16(%[a]), %%rdx\n\t"
        "mulxq %%rdx, %%rax, %%rcx\n\t"
        "adcq %%rax, %%r12\n\t"
        "adcq %%rcx, %%r13\n\t"
        "movq 24(%[a]), %%rdx\n\t"
        "mulxq %%rdx, %%rax, %%rcx\n\t"
        "adcq %%rax, %%r14\n\t"
        "adcq %%rcx, %%r15\n\t"
        /* reduce the low half r8..r11 */
        ADX_RED4("%%r8", "%%r9", "%%r10", "%%r11") ADX_RED4("%%r9", "%%r10", "%%r11", "%%r8")
        ADX_RED4("%%r10", "%%r11", "%%r8", "%%r9") ADX_RED4("%%r11", "%%r8", "%%r9", "%%r10")
        /* (r8..r11) + (r12..r15) < 2p, carry in rcx; subtract p, keep the
         * sum on borrow */
        "xorl %%ecx, %%ecx\n\t"
        "addq %%r12, %%r8\n\t"
        "adcq %%r13, %%r9\n\t"
        "adcq %%r14, %%r10\n\t"
        "adcq %%r15, %%r11\n\t"
        "adcq $0, %%rcx\n\t"
        "movq %%r8, %%r12\n\t"
        "movq %%r9, %%r13\n\t"
        "movq %%r10, %%r14\n\t"
        "movq %%r11, %%r15\n\t"
        "movl $0xffffffff, %%eax\n\t"
        "subq $-1, %%r12\n\t"
        "sbbq %%rax, %%r13\n\t"
        "sbbq $0, %%r14\n\t"
        "sbbq %[p3], %%r15\n\t"
        "sbbq $0, %%rcx\n\t"
        "cmovcq %%r8, %%r12\n\t"
        "cmovcq %%r9, %%r13\n\t"
        "cmovcq %%r10, %%r14\n\t"
        "cmovcq %%r11, %%r15\n\t"
        "movq %%r12, 0(%[r])\n\t"
        "movq %%r13, 8(%[r])\n\t"
        "movq %%r14, 16(%[r])\n\t"
        "movq %%r15, 24(%[r])\n\t"
        :
        : [r] "r"(r), [a] "r"(a), [p3] "m"(p256_adx_p3)
        : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "cc",
          "memory");
    /* clang-format on */
}

#endif
