/* CPUID-based feature detection (see cpu.h). */
#include "core/cpu.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint32_t xgetbv0(void)
{
    uint32_t a, d;
    __asm__ volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(0));
    return a;
}

static uint32_t detect(void)
{
    unsigned a, b, c, d;
    uint32_t f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (c & bit_AES) f |= GT_CPU_AESNI;
    if (c & bit_PCLMUL) f |= GT_CPU_PCLMUL;
    if (c & bit_SSSE3) f |= GT_CPU_SSSE3;
    if (c & bit_SSE4_1) f |= GT_CPU_SSE41;
    /* AVX state must be enabled by the OS (OSXSAVE + XCR0 bits 1,2). */
    int ymm = (c & bit_OSXSAVE) && (xgetbv0() & 6) == 6;
    int zmm = ymm && (xgetbv0() & 0xE6) == 0xE6;
    if (ymm && (c & bit_AVX)) f |= GT_CPU_AVX;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if (ymm && (b & bit_AVX2)) f |= GT_CPU_AVX2;
        if (b & bit_BMI2) f |= GT_CPU_BMI2;
        if (b & bit_ADX) f |= GT_CPU_ADX;
        if (b & bit_SHA) f |= GT_CPU_SHA;
        if (zmm && (b & bit_AVX512F)) f |= GT_CPU_AVX512F;
        if (zmm && (b & bit_AVX512VL)) f |= GT_CPU_AVX512VL;
        if (zmm && (b & bit_AVX512BW)) f |= GT_CPU_AVX512BW;
        if (zmm && (b & bit_AVX512IFMA)) f |= GT_CPU_AVX512IFMA;
        if (ymm && (c & bit_VAES)) f |= GT_CPU_VAES;
        if (ymm && (c & bit_VPCLMULQDQ)) f |= GT_CPU_VPCLMUL;
    }
    return f;
}
#else
static uint32_t detect(void)
{
    return 0;
}
#endif

static int cached;
static uint32_t features;

static uint32_t compute(void)
{
    const char *force = getenv("GT_FORCE_PORTABLE");
    if (force && *force && strcmp(force, "0") != 0) return 0;
    return detect();
}

uint32_t gt_cpu_features(void)
{
    if (!cached) {
        features = compute();
        cached = 1;
    }
    return features;
}

void gt_cpu_override(uint32_t f)
{
    features = f;
    cached = 1;
}

void gt_cpu_reset(void)
{
    cached = 0;
}
