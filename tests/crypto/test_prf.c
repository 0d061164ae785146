/* Tests for tls/crypto/prf.c (RFC 5246 §5): the shared TLS 1.2 PRF vectors
 * (read in place from the shared folder; a missing file is a failure, not
 * a skip), for SHA-224/256/384/512, plus properties: the seed may be split
 * anywhere between seed1 and seed2, a shorter output is a prefix of a
 * longer one, and bad arguments are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/hash.h"
#include "util/testutil.h"

typedef struct {
    const gt_hash *h;
    uint8_t secret[256], seed[256], out[512];
    size_t secret_len, seed_len, out_len;
    long want_len;
    char label[128];
    int have; /* bit set of the fields seen */
} prf_case;

enum { F_HASH = 1, F_SECRET = 2, F_LABEL = 4, F_SEED = 8, F_OUTLEN = 16, F_OUTPUT = 32 };

static void check_case(const prf_case *c, const char *path, int line)
{
    uint8_t got[512];
    if (c->have != 63) fail_msg("%s:%d: incomplete block", path, line);
    if ((size_t)c->want_len != c->out_len) fail_msg("%s:%d: OutLen != len(Output)", path, line);
    assert_int_equal(gt_tls12_prf(c->h, c->secret, c->secret_len, c->label, c->seed, c->seed_len,
                                  NULL, 0, got, c->out_len),
                     0);
    if (memcmp(got, c->out, c->out_len)) fail_msg("%s:%d: PRF-%s mismatch", path, line, c->h->name);
}

static void unhex_into(const char *v, uint8_t *out, size_t cap, size_t *len, const char *path,
                       int line)
{
    *len = tu_unhex(v, out, cap);
    if (*len == (size_t)-1) fail_msg("%s:%d: bad hex", path, line);
}

/* Parses "Key = Value" blocks separated by blank lines. Returns a bit set
 * of the hashes seen (bit i for all[i] below) and the number of cases. */
static int run_shared_vectors(int *cases)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/vectors/tls12_prf_vectors.txt", tu_shared_dir());
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("%s: missing (the PRF vectors must be present)", path);
    static const gt_hash *const all[] = {&gt_hash_sha224, &gt_hash_sha256, &gt_hash_sha384,
                                         &gt_hash_sha512};
    prf_case c;
    int seen = 0, lineno = 0, start = 0;
    memset(&c, 0, sizeof c);
    *cases = 0;
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        if (got) lineno++;
        if (got) line[strcspn(line, "\r\n")] = 0;
        if (!got || !line[0]) {
            if (c.have) {
                check_case(&c, path, start);
                for (int i = 0; i < 4; i++)
                    if (all[i] == c.h) seen |= 1 << i;
                (*cases)++;
                memset(&c, 0, sizeof c);
            }
            if (!got) break;
            continue;
        }
        if (line[0] == '#') continue;
        char *eq = strstr(line, " = ");
        if (!eq) fail_msg("%s:%d: malformed line", path, lineno);
        *eq = 0;
        const char *k = line, *v = eq + 3;
        if (!c.have) start = lineno;
        if (!strcmp(k, "Hash")) {
            c.h = gt_hash_by_name(v);
            if (!c.h) fail_msg("%s:%d: unknown hash %s", path, lineno, v);
            c.have |= F_HASH;
        } else if (!strcmp(k, "Secret")) {
            unhex_into(v, c.secret, sizeof c.secret, &c.secret_len, path, lineno);
            c.have |= F_SECRET;
        } else if (!strcmp(k, "Label")) {
            snprintf(c.label, sizeof c.label, "%s", v);
            c.have |= F_LABEL;
        } else if (!strcmp(k, "Seed")) {
            unhex_into(v, c.seed, sizeof c.seed, &c.seed_len, path, lineno);
            c.have |= F_SEED;
        } else if (!strcmp(k, "OutLen")) {
            c.want_len = atol(v);
            c.have |= F_OUTLEN;
        } else if (!strcmp(k, "Output")) {
            unhex_into(v, c.out, sizeof c.out, &c.out_len, path, lineno);
            c.have |= F_OUTPUT;
        } else {
            fail_msg("%s:%d: unknown key %s", path, lineno, k);
        }
    }
    fclose(f);
    return seen;
}

static void test_shared_vectors(void **state)
{
    (void)state;
    int cases;
    assert_int_equal(run_shared_vectors(&cases), 0xF); /* SHA-224, 256, 384, 512 all seen */
    assert_true(cases >= 4);
}

/* PRF(secret, label, s1 || s2) does not depend on where the seed is cut. */
static void test_seed_split(void **state)
{
    (void)state;
    uint8_t secret[48], seed[64], want[100], got[100];
    tu_fill(secret, sizeof secret, 1);
    tu_fill(seed, sizeof seed, 2);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, secret, sizeof secret, "key expansion", seed,
                                  sizeof seed, NULL, 0, want, sizeof want),
                     0);
    for (size_t cut = 0; cut <= sizeof seed; cut++) {
        assert_int_equal(gt_tls12_prf(&gt_hash_sha256, secret, sizeof secret, "key expansion", seed,
                                      cut, seed + cut, sizeof seed - cut, got, sizeof got),
                         0);
        assert_memory_equal(got, want, sizeof want);
    }
}

/* P_hash output is a stream: any length is a prefix of a longer one, across
 * the hash-output boundaries; the label and every secret byte matter. */
static void test_prefix_and_sensitivity(void **state)
{
    (void)state;
    uint8_t secret[48], seed[32], full[300], part[300];
    tu_fill(secret, sizeof secret, 3);
    tu_fill(seed, sizeof seed, 4);
    const gt_hash *hs[] = {&gt_hash_sha256, &gt_hash_sha384, &gt_hash_sha1};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(gt_tls12_prf(hs[i], secret, sizeof secret, "master secret", seed,
                                      sizeof seed, NULL, 0, full, sizeof full),
                         0);
        for (size_t n = 0; n <= sizeof full; n += 7) {
            memset(part, 0xAB, sizeof part);
            assert_int_equal(gt_tls12_prf(hs[i], secret, sizeof secret, "master secret", seed,
                                          sizeof seed, NULL, 0, part, n),
                             0);
            assert_memory_equal(part, full, n);
            if (n < sizeof part) assert_int_equal(part[n], 0xAB); /* no overrun */
        }
        assert_int_equal(gt_tls12_prf(hs[i], secret, sizeof secret, "master secreT", seed,
                                      sizeof seed, NULL, 0, part, 48),
                         0);
        assert_memory_not_equal(part, full, 48);
        secret[47] ^= 0x80;
        assert_int_equal(gt_tls12_prf(hs[i], secret, sizeof secret, "master secret", seed,
                                      sizeof seed, NULL, 0, part, 48),
                         0);
        secret[47] ^= 0x80;
        assert_memory_not_equal(part, full, 48);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    uint8_t s[8] = {0}, out[16];
    assert_int_equal(gt_tls12_prf(NULL, s, 8, "l", s, 8, NULL, 0, out, 16), GT_ERR_ARG);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, s, 8, NULL, s, 8, NULL, 0, out, 16), GT_ERR_ARG);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, NULL, 8, "l", s, 8, NULL, 0, out, 16),
                     GT_ERR_ARG);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, s, 8, "l", NULL, 8, NULL, 0, out, 16),
                     GT_ERR_ARG);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, s, 8, "l", s, 8, NULL, 4, out, 16), GT_ERR_ARG);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, s, 8, "l", s, 8, NULL, 0, NULL, 16), GT_ERR_ARG);
    /* empty secret, seed and output are legal */
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, NULL, 0, "", NULL, 0, NULL, 0, NULL, 0), 0);
    assert_int_equal(gt_tls12_prf(&gt_hash_sha256, NULL, 0, "l", NULL, 0, NULL, 0, out, 16), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_vectors),
        cmocka_unit_test(test_seed_split),
        cmocka_unit_test(test_prefix_and_sensitivity),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
