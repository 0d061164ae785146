/* Run-time CPU feature detection for the accelerated crypto paths.
 * GT_FORCE_PORTABLE=1 in the environment (read once) disables every
 * accelerated path, so tests can exercise the portable code on any CPU. */
#ifndef GT_CORE_CPU_H
#define GT_CORE_CPU_H

#include <stdint.h>

enum {
    GT_CPU_AESNI = 1u << 0,
    GT_CPU_PCLMUL = 1u << 1,
    GT_CPU_SSSE3 = 1u << 2,
    GT_CPU_SSE41 = 1u << 3,
    GT_CPU_AVX = 1u << 4,
    GT_CPU_AVX2 = 1u << 5,
    GT_CPU_BMI2 = 1u << 6,
    GT_CPU_ADX = 1u << 7,
    GT_CPU_SHA = 1u << 8,
    GT_CPU_AVX512F = 1u << 9,
    GT_CPU_AVX512VL = 1u << 10,
    GT_CPU_AVX512BW = 1u << 11,
    GT_CPU_VAES = 1u << 12,
    GT_CPU_VPCLMUL = 1u << 13,
    GT_CPU_AVX512IFMA = 1u << 14,
};

/* The usable features (0 when GT_FORCE_PORTABLE is set). */
uint32_t gt_cpu_features(void);
static inline int gt_cpu_has(uint32_t mask)
{
    return (gt_cpu_features() & mask) == mask;
}
/* For tests and benchmarks: override the detected set (0 = portable only);
 * gt_cpu_reset() goes back to detection. Not thread-safe. */
void gt_cpu_override(uint32_t features);
void gt_cpu_reset(void);

#endif
