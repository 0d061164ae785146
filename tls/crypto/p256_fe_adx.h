/* P-256 field multiplication and squaring with MULX/ADCX/ADOX (BMI2 + ADX),
 * Montgomery form with R = 2^256, for p = 2^256 - 2^224 + 2^192 + 2^96 - 1.
 * Included by p256_adx.c only; callers must have checked
 * gt_cpu_has(GT_CPU_BMI2 | GT_CPU_ADX).
 *
 * Same results as the portable fe_mul/fe_sqr of p256.c, in inline assembly
 * because gcc does not keep two carry chains (CF for the low halves, OF for
 * the high halves of MULX products) in flight on its own. Both compute the
 * full 8-limb product (separated operand scanning), then reduce its low
 * half. With n0 = 1 the Montgomery quotient of a round is its low limb q,
 * and q*p costs one MULX:
 *   (x + q*p) / 2^64 = x1 + (q << 32) + (x2 + (q >> 32)) 2^64
 *                      + (x3 + q*p3) 2^128            (p3 = 2^64 - 2^32 + 1)
 * Invariants: inputs < p, so the product is below p^2 and the reduced sum
 * below 2p; one final subtraction selected by CMOV. No branch and no memory
 * index depends on the operands.
 *
 * Register names are macro arguments so that the reduction's four-limb
 * window can rotate through r8-r11 instead of being moved every round. */
#ifndef GT_CRYPTO_P256_FE_ADX_H
#define GT_CRYPTO_P256_FE_ADX_H

#include <stdint.h>

/* Limbs 1 and 3 of p, as memory operands. */
static const uint64_t p256_adx_p1 = 0x00000000ffffffffULL, p256_adx_p3 = 0xffffffff00000001ULL;

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

/* The common tail of mul and sqr: the 8-limb value in r8..r15 (below p^2)
 * has its low half reduced by four rounds and added to its high half; the
 * sum is below 2p, so one subtraction of p, kept unless it borrows, leaves
 * it below p. Stores through the pointer operand %[r] (a memory operand, so
 * that the whole computation needs only two registers from the compiler). */
#define ADX_REDUCE_FINAL                                                                           \
    ADX_RED4("%%r8", "%%r9", "%%r10", "%%r11")                                                     \
    ADX_RED4("%%r9", "%%r10", "%%r11", "%%r8")                                                     \
    ADX_RED4("%%r10", "%%r11", "%%r8", "%%r9")                                                     \
    ADX_RED4("%%r11", "%%r8", "%%r9", "%%r10")                                                     \
    "xorl %%ecx, %%ecx\n\t"                                                                        \
    "addq %%r12, %%r8\n\t"                                                                         \
    "adcq %%r13, %%r9\n\t"                                                                         \
    "adcq %%r14, %%r10\n\t"                                                                        \
    "adcq %%r15, %%r11\n\t"                                                                        \
    "adcq $0, %%rcx\n\t"                                                                           \
    "movq %%r8, %%r12\n\t"                                                                         \
    "movq %%r9, %%r13\n\t"                                                                         \
    "movq %%r10, %%r14\n\t"                                                                        \
    "movq %%r11, %%r15\n\t"                                                                        \
    "movl $0xffffffff, %%eax\n\t"                                                                  \
    "subq $-1, %%r12\n\t"                                                                          \
    "sbbq %%rax, %%r13\n\t"                                                                        \
    "sbbq $0, %%r14\n\t"                                                                           \
    "sbbq %[p3], %%r15\n\t"                                                                        \
    "sbbq $0, %%rcx\n\t"                                                                           \
    "cmovcq %%r8, %%r12\n\t"                                                                       \
    "cmovcq %%r9, %%r13\n\t"                                                                       \
    "cmovcq %%r10, %%r14\n\t"                                                                      \
    "cmovcq %%r11, %%r15\n\t"                                                                      \
    "movq %[r], %%rdx\n\t"                                                                         \
    "movq %%r12, 0(%%rdx)\n\t"                                                                     \
    "movq %%r13, 8(%%rdx)\n\t"                                                                     \
    "movq %%r14, 16(%%rdx)\n\t"                                                                    \
    "movq %%r15, 24(%%rdx)\n\t"

/* Product row i >= 1: (t0..t4) += a * b[i], t4 fresh (the high half of
 * a3*b[i]); low halves on the CF chain (ADCX), high halves on OF (ADOX),
 * both chains ending in t4. */
#define ADX_PROW(off, t0, t1, t2, t3, t4)                                                          \
    "movq " off "(%[b]), %%rdx\n\t"                                                                \
    "xorl %%eax, %%eax\n\t"                                                                        \
    "mulxq 0(%[a]), %%rax, %%rcx\n\t"                                                              \
    "adcxq %%rax, " t0 "\n\t"                                                                      \
    "adoxq %%rcx, " t1 "\n\t"                                                                      \
    "mulxq 8(%[a]), %%rax, %%rcx\n\t"                                                              \
    "adcxq %%rax, " t1 "\n\t"                                                                      \
    "adoxq %%rcx, " t2 "\n\t"                                                                      \
    "mulxq 16(%[a]), %%rax, %%rcx\n\t"                                                             \
    "adcxq %%rax, " t2 "\n\t"                                                                      \
    "adoxq %%rcx, " t3 "\n\t"                                                                      \
    "mulxq 24(%[a]), %%rax, " t4 "\n\t"                                                            \
    "adcxq %%rax, " t3 "\n\t"                                                                      \
    "movl $0, %%eax\n\t"                                                                           \
    "adcxq %%rax, " t4 "\n\t"                                                                      \
    "adoxq %%rax, " t4 "\n\t"

static inline __attribute__((always_inline)) void fe_mul_adx(uint64_t *r, const uint64_t *a,
                                                             const uint64_t *b)
{
    /* clang-format off */
    __asm__ volatile(
        /* the 8-limb product in r8..r15, row by row */
        "movq 0(%[b]), %%rdx\n\t"
        "mulxq 0(%[a]), %%r8, %%r9\n\t"
        "mulxq 8(%[a]), %%rax, %%r10\n\t"
        "addq %%rax, %%r9\n\t"
        "mulxq 16(%[a]), %%rax, %%r11\n\t"
        "adcq %%rax, %%r10\n\t"
        "mulxq 24(%[a]), %%rax, %%r12\n\t"
        "adcq %%rax, %%r11\n\t"
        "adcq $0, %%r12\n\t"
        ADX_PROW("8", "%%r9", "%%r10", "%%r11", "%%r12", "%%r13")
        ADX_PROW("16", "%%r10", "%%r11", "%%r12", "%%r13", "%%r14")
        ADX_PROW("24", "%%r11", "%%r12", "%%r13", "%%r14", "%%r15")
        ADX_REDUCE_FINAL
        : [r] "+m"(r)
        : [a] "r"(a), [b] "r"(b), [p3] "m"(p256_adx_p3)
        : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "cc",
          "memory");
    /* clang-format on */
}

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
        ADX_REDUCE_FINAL
        : [r] "+m"(r)
        : [a] "r"(a), [p3] "m"(p256_adx_p3)
        : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "cc",
          "memory");
    /* clang-format on */
}

/* r = a + b mod p (a, b < p): the sum, and the sum minus p kept unless it
 * borrows past the carry. Plain x86-64, but it lives with the rest of the
 * assembly field: only the ADX build uses it. */
static inline __attribute__((always_inline)) void fe_add_asm(uint64_t *r, const uint64_t *a,
                                                             const uint64_t *b)
{
    uint64_t t0, t1, t2, t3, s0, s1, s2, s3, c;
    /* clang-format off */
    __asm__ volatile(
        "movq 0(%[a]), %[t0]\n\t"
        "movq 8(%[a]), %[t1]\n\t"
        "movq 16(%[a]), %[t2]\n\t"
        "movq 24(%[a]), %[t3]\n\t"
        "xorl %k[c], %k[c]\n\t"
        "addq 0(%[b]), %[t0]\n\t"
        "adcq 8(%[b]), %[t1]\n\t"
        "adcq 16(%[b]), %[t2]\n\t"
        "adcq 24(%[b]), %[t3]\n\t"
        "adcq $0, %[c]\n\t"
        "movq %[t0], %[s0]\n\t"
        "movq %[t1], %[s1]\n\t"
        "movq %[t2], %[s2]\n\t"
        "movq %[t3], %[s3]\n\t"
        "subq $-1, %[s0]\n\t"
        "sbbq %[p1], %[s1]\n\t"
        "sbbq $0, %[s2]\n\t"
        "sbbq %[p3], %[s3]\n\t"
        "sbbq $0, %[c]\n\t"
        "cmovcq %[t0], %[s0]\n\t"
        "cmovcq %[t1], %[s1]\n\t"
        "cmovcq %[t2], %[s2]\n\t"
        "cmovcq %[t3], %[s3]\n\t"
        "movq %[s0], 0(%[r])\n\t"
        "movq %[s1], 8(%[r])\n\t"
        "movq %[s2], 16(%[r])\n\t"
        "movq %[s3], 24(%[r])\n\t"
        : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [s0] "=&r"(s0),
          [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3), [c] "=&r"(c)
        : [r] "r"(r), [a] "r"(a), [b] "r"(b), [p1] "m"(p256_adx_p1), [p3] "m"(p256_adx_p3)
        : "cc", "memory");
    /* clang-format on */
}

/* r = a - b mod p (a, b < p): the difference, plus p if it borrowed (p's
 * limbs masked by the borrow: -1, -1 >> 32, 0, p3). */
static inline __attribute__((always_inline)) void fe_sub_asm(uint64_t *r, const uint64_t *a,
                                                             const uint64_t *b)
{
    uint64_t t0, t1, t2, t3, m, x, y;
    /* clang-format off */
    __asm__ volatile(
        "movq 0(%[a]), %[t0]\n\t"
        "movq 8(%[a]), %[t1]\n\t"
        "movq 16(%[a]), %[t2]\n\t"
        "movq 24(%[a]), %[t3]\n\t"
        "xorl %k[m], %k[m]\n\t"
        "subq 0(%[b]), %[t0]\n\t"
        "sbbq 8(%[b]), %[t1]\n\t"
        "sbbq 16(%[b]), %[t2]\n\t"
        "sbbq 24(%[b]), %[t3]\n\t"
        "sbbq $0, %[m]\n\t"
        "movq %[m], %[x]\n\t"
        "shrq $32, %[x]\n\t"
        "movq %[p3], %[y]\n\t"
        "andq %[m], %[y]\n\t"
        "addq %[m], %[t0]\n\t"
        "adcq %[x], %[t1]\n\t"
        "adcq $0, %[t2]\n\t"
        "adcq %[y], %[t3]\n\t"
        "movq %[t0], 0(%[r])\n\t"
        "movq %[t1], 8(%[r])\n\t"
        "movq %[t2], 16(%[r])\n\t"
        "movq %[t3], 24(%[r])\n\t"
        : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [m] "=&r"(m),
          [x] "=&r"(x), [y] "=&r"(y)
        : [r] "r"(r), [a] "r"(a), [b] "r"(b), [p3] "m"(p256_adx_p3)
        : "cc", "memory");
    /* clang-format on */
}

#endif
