/* Montgomery multiplication with MULX (BMI2) and ADCX/ADOX (ADX).
 *
 * MULX does not touch the flags, so one pass over the limbs can keep two
 * independent carry chains: CF links the high half of each product to the
 * next low half, OF adds the row into the accumulator. The row loop is
 * written in inline assembly because compilers do not keep the two chains
 * apart (they serialise everything on CF). Same CIOS algorithm and
 * invariants as mul_portable in bn_mont.c; selected at run time by
 * gt_bn_mont_init when the CPU has BMI2 and ADX and the limb count is a
 * multiple of 4 (every RSA size: 1024..4096-bit moduli and their halves).
 * Nothing here branches on or indexes by limb values. */
#include "crypto/bn_mont_impl.h"

#if defined(__x86_64__)

/* One 4-limb step of "t += x * w": products from MULX, CF chain for the
 * product carries, OF chain for the accumulation. OFF is where the result
 * limb goes relative to the limb read (0, or -8 to shift down one limb). */
#define STEP(IN, OFF, HI_OUT, HI_IN)                                                               \
    "mulx " #IN "(%[x]), %%rax, %%" HI_OUT "\n\t"                                                  \
    "adcx %%" HI_IN ", %%rax\n\t"                                                                  \
    "adox " #IN "(%[t]), %%rax\n\t"                                                                \
    "mov %%rax, " #OFF "(%[t])\n\t"

#define ROW(O0, O1, O2, O3)                                                                        \
    __asm__ volatile("xor %%r8d, %%r8d\n\t"                                                        \
                     "1:\n\t" STEP(0, O0, "r9", "r8") STEP(8, O1, "r8", "r9")                      \
                         STEP(16, O2, "r9", "r8")                                                  \
                             STEP(24, O3, "r8", "r9") "lea 32(%[x]), %[x]\n\t"                     \
                                                      "lea 32(%[t]), %[t]\n\t"                     \
                                                      "lea -1(%[cnt]), %[cnt]\n\t"                 \
                                                      "jrcxz 2f\n\t"                               \
                                                      "jmp 1b\n\t"                                 \
                                                      "2:\n\t"                                     \
                                                      "mov $0, %%eax\n\t"                          \
                                                      "adcx %%rax, %%r8\n\t"                       \
                                                      "adox %%rax, %%r8\n\t"                       \
                                                      "mov %%r8, %[top]\n\t"                       \
                     : [x] "+r"(x), [t] "+r"(t), [cnt] "+c"(cnt), [top] "=&r"(top)                 \
                     : "d"(w)                                                                      \
                     : "rax", "r8", "r9", "cc", "memory")

/* t[0..n) += x * w; returns the limb carried out (t + x*w < 2^(64(n+1))). */
static inline uint64_t addmul(uint64_t *t, const uint64_t *x, uint64_t w, size_t n)
{
    size_t cnt = n / 4;
    uint64_t top;
    ROW(0, 8, 16, 24);
    return top;
}

/* Same, but limb j of the sum is stored at t[j-1] (the sum's limb 0 is
 * zero in Montgomery reduction and lands in the spare slot t[-1]). */
static inline uint64_t addmul_shift(uint64_t *t, const uint64_t *x, uint64_t w, size_t n)
{
    size_t cnt = n / 4;
    uint64_t top;
    ROW(-8, 0, 8, 16);
    return top;
}

__attribute__((target("bmi2,adx"))) void gt_bn_mont_mul_adx(const gt_bn_mont *c, uint64_t *r,
                                                            const uint64_t *a, const uint64_t *b)
{
    const size_t n = c->n;
    uint64_t buf[GT_BN_MAX_LIMBS + 1] = {0};
    uint64_t *t = buf + 1; /* buf[0] is the spare slot of addmul_shift */
    uint64_t hi = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t c1 = addmul(t, a, b[i], n);
        uint64_t u = t[0] * c->m0i;
        uint64_t c2 = addmul_shift(t, c->m, u, n);
        unsigned __int128 s = (unsigned __int128)c1 + c2 + hi;
        t[n - 1] = (uint64_t)s;
        hi = (uint64_t)(s >> 64);
    }
    gt_bn_mont_final_sub(r, t, hi, c->m, n);
    gt_bn_scrub(buf, n + 1);
}

__attribute__((target("bmi2,adx"))) void gt_bn_mont_sqr_adx(const gt_bn_mont *c, uint64_t *r,
                                                            const uint64_t *a)
{
    gt_bn_mont_mul_adx(c, r, a, a);
}
#endif
