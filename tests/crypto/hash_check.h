/* Checks shared by the SHA unit tests (test_sha1.c, test_sha256.c,
 * test_sha512.c), written once against the gt_hash descriptor. Header-only,
 * static inline: included after <cmocka.h>. */
#ifndef GT_TEST_HASH_CHECK_H
#define GT_TEST_HASH_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/hash.h"
#include "util/kat.h"
#include "util/testutil.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "core/cpu.h"

#define CAVP_DIR "/usr/lib/python3/dist-packages/cryptography_vectors/hashes"

/* Whether the CPU itself has SHA-NI, independent of GT_FORCE_PORTABLE (the
 * comparison tests force each path with gt_cpu_override). */
static inline int hc_cpu_has_shani(void)
{
#if defined(__x86_64__) || defined(__i386__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & bit_SSE4_1) || !(c & bit_SSSE3)) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_SHA) != 0;
#else
    return 0;
#endif
}

#define HC_SHANI (GT_CPU_SHA | GT_CPU_SSSE3 | GT_CPU_SSE41)

/* Property: with SHA-NI forced on and off, every length 0..300 and a
 * switch of implementation in the middle of a message agree. */
static inline void hc_check_paths_agree(const gt_hash *h)
{
    uint8_t buf[300], a[GT_HASH_MAX_LEN], b[GT_HASH_MAX_LEN];
    for (size_t n = 0; n <= sizeof buf; n++) {
        tu_fill(buf, n, 1000 + n);
        gt_cpu_override(0);
        gt_hash_digest(h, buf, n, a);
        gt_cpu_override(HC_SHANI);
        gt_hash_digest(h, buf, n, b);
        assert_memory_equal(a, b, h->out_len);
        /* half portable, half SHA-NI: the chaining state is shared */
        gt_hash_ctx c;
        gt_cpu_override(0);
        h->init(&c);
        h->update(&c, buf, n / 2);
        gt_cpu_override(HC_SHANI);
        h->update(&c, buf + n / 2, n - n / 2);
        h->final(&c, b);
        assert_memory_equal(a, b, h->out_len);
    }
    gt_cpu_reset();
}

/* Property at block level: from 64 random chaining states (seeded from
 * seed, not just the IVs) and 0..8 random blocks, the portable and the
 * SHA-NI block functions of a SHA-1/SHA-256 state of `words` words agree. */
typedef void (*hc_blocks_fn)(uint32_t *h, const uint8_t *p, size_t nblocks);
static inline void hc_check_blocks_agree(size_t words, uint64_t seed, hc_blocks_fn portable,
                                         hc_blocks_fn shani)
{
    uint8_t data[64 * 9], hs[32];
    assert_true(words <= 8);
    for (uint64_t i = 0; i < 64; i++) {
        uint32_t a[8] = {0}, b[8] = {0};
        size_t nb = i % 9;
        tu_fill(data, sizeof data, i);
        tu_fill(hs, 4 * words, i + seed);
        for (size_t w = 0; w < words; w++)
            a[w] = b[w] = (uint32_t)hs[4 * w] << 24 | (uint32_t)hs[4 * w + 1] << 16 |
                          (uint32_t)hs[4 * w + 2] << 8 | hs[4 * w + 3];
        portable(a, data, nb);
        shani(b, data, nb);
        assert_memory_equal(a, b, sizeof a);
    }
}

/* Digest of msg repeated `repeat` times, fed in one update per copy. */
static inline void hc_digest_repeat(const gt_hash *h, const uint8_t *msg, size_t n, long repeat,
                                    uint8_t *out)
{
    gt_hash_ctx c;
    h->init(&c);
    for (long i = 0; i < repeat; i++)
        h->update(&c, msg, n);
    h->final(&c, out);
}

/* Runs the [section] cases of vectors/hash/sha-fips180.txt; returns how
 * many ran. Fails on a mismatch, an unknown key or a malformed file. */
static inline int hc_run_fips(const gt_hash *h, const char *section)
{
    char path[1024];
    kat_file k;
    int rc, ran = 0;
    if (kat_open(&k, kat_vectors_path(path, sizeof path, "hash/sha-fips180.txt")))
        fail_msg("%s", k.err);
    while ((rc = kat_next(&k)) == 1) {
        if (strcmp(k.section, section)) continue;
        if (!kat_keys_ok(&k, "msg md repeat")) fail_msg("%s", k.err);
        const kat_kv *msg = kat_get(&k, "msg"), *md = kat_get(&k, "md"),
                     *rep = kat_get(&k, "repeat");
        if (!msg || !md) fail_msg("%s:%d: msg and md required", k.path, k.case_line);
        assert_int_equal(md->len, h->out_len);
        uint8_t out[GT_HASH_MAX_LEN];
        hc_digest_repeat(h, msg->bin, msg->len, rep ? atol(rep->raw) : 1, out);
        if (memcmp(out, md->bin, md->len))
            fail_msg("%s:%d: %s digest mismatch", k.path, k.case_line, h->name);
        ran++;
    }
    if (rc < 0) fail_msg("%s", k.err);
    kat_close(&k);
    return ran;
}

/* Runs a NIST CAVP ShortMsg/LongMsg .rsp file in place (Len in bits,
 * Msg, MD). Returns how many cases ran. */
static inline int hc_run_cavp(const gt_hash *h, const char *rel)
{
    char path[1024], line[65536];
    snprintf(path, sizeof path, "%s/%s", CAVP_DIR, rel);
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("%s: missing (python3-cryptography-vectors, see ci/install-deps.sh)", path);
    long bits = -1;
    uint8_t *msg = NULL, md[GT_HASH_MAX_LEN], out[GT_HASH_MAX_LEN];
    size_t mlen = 0;
    int ran = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!strncmp(line, "Len = ", 6)) {
            bits = atol(line + 6);
        } else if (!strncmp(line, "Msg = ", 6)) {
            free(msg);
            msg = tu_unhex_alloc(line + 6, &mlen);
            assert_non_null(msg);
        } else if (!strncmp(line, "MD = ", 5)) {
            assert_int_equal(tu_unhex(line + 5, md, sizeof md), h->out_len);
            if (bits < 0 || bits % 8 || !msg) fail_msg("%s:%d: bad case", path, lineno);
            gt_hash_digest(h, msg, (size_t)bits / 8, out);
            if (memcmp(out, md, h->out_len))
                fail_msg("%s:%d: %s mismatch (Len = %ld)", path, lineno, h->name, bits);
            ran++;
            bits = -1;
        }
    }
    free(msg);
    fclose(f);
    return ran;
}

/* Property: any split of the input into updates gives the one-shot digest.
 * Lengths 0..max, split points drawn from tu_fill, plus byte-at-a-time. */
static inline void hc_check_incremental(const gt_hash *h, size_t max, uint64_t seed)
{
    uint8_t *buf = malloc(max + 1), want[GT_HASH_MAX_LEN], got[GT_HASH_MAX_LEN];
    uint8_t r[8];
    assert_non_null(buf);
    tu_fill(buf, max + 1, seed);
    for (size_t n = 0; n <= max; n++) {
        gt_hash_digest(h, buf, n, want);
        gt_hash_ctx c;
        size_t off = 0;
        h->init(&c);
        for (int piece = 0; off < n; piece++) {
            tu_fill(r, sizeof r, seed + n * 131 + (size_t)piece);
            size_t left = n - off, take = (r[0] | (size_t)r[1] << 8) % (left + 1);
            h->update(&c, buf + off, take); /* take may be 0: empty updates are legal */
            off += take;
        }
        h->final(&c, got);
        assert_memory_equal(got, want, h->out_len);
        if (n % 17 == 0) {
            h->init(&c);
            for (size_t i = 0; i < n; i++)
                h->update(&c, buf + i, 1);
            h->final(&c, got);
            assert_memory_equal(got, want, h->out_len);
        }
    }
    free(buf);
}

/* Negative property: flipping any single bit of a message changes the
 * digest (a broken compression that ignores input words fails this). */
static inline void hc_check_bitflips(const gt_hash *h, size_t n)
{
    uint8_t *buf = malloc(n), base[GT_HASH_MAX_LEN], d[GT_HASH_MAX_LEN];
    assert_non_null(buf);
    tu_fill(buf, n, n);
    gt_hash_digest(h, buf, n, base);
    for (size_t i = 0; i < n * 8; i += 7) {
        buf[i / 8] ^= (uint8_t)(1u << (i % 8));
        gt_hash_digest(h, buf, n, d);
        assert_memory_not_equal(d, base, h->out_len);
        buf[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    free(buf);
}

/* Finalising must wipe the context (hash.h contract). */
static inline void hc_check_wiped(const gt_hash *h)
{
    gt_hash_ctx c, zero;
    uint8_t out[GT_HASH_MAX_LEN];
    memset(&zero, 0, sizeof zero);
    memset(&c, 0, sizeof c);
    h->init(&c);
    h->update(&c, "secret", 6);
    h->final(&c, out);
    assert_memory_equal(&c, &zero, sizeof c);
}

#endif
