/* Tests of harness/peer/crypto.c: the PRF against the shared TLS 1.2 PRF
 * vectors (read in place), record protection round trips for every suite
 * (and encrypt-then-MAC), and every tamper making the record fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer.h"

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    unsigned v;
    while (sscanf(h, "%2x", &v) == 1)
        out[n++] = (uint8_t)v, h += 2;
    return n;
}

/* ../shared/vectors/tls12_prf_vectors.txt: blocks of Hash/Secret/Label/Seed/Output. */
static void test_prf_vectors(void **state)
{
    (void)state;
    char path[1024], line[2048], hash[32] = "", label[2048] = "";
    uint8_t secret[256], seed[256], want[512], got[512];
    size_t sl = 0, dl = 0, ol = 0;
    int checked = 0;
    snprintf(path, sizeof(path), "%s/vectors/tls12_prf_vectors.txt", GT_SHARED_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (sscanf(line, "Hash = %31s", hash) == 1) continue;
        if (strncmp(line, "Label = ", 8) == 0) snprintf(label, sizeof(label), "%s", line + 8);
        if (strncmp(line, "Secret = ", 9) == 0) sl = unhex(line + 9, secret);
        if (strncmp(line, "Seed = ", 7) == 0) dl = unhex(line + 7, seed);
        if (strncmp(line, "Output = ", 9) != 0) continue;
        ol = unhex(line + 9, want);
        int s384 = strcmp(hash, "SHA-384") == 0;
        if (!s384 && strcmp(hash, "SHA-256") != 0) continue; /* TLS 1.2 suites use only these */
        assert_int_equal(gt_sp_prf(s384, secret, sl, label, seed, dl, got, ol), 0);
        assert_memory_equal(got, want, ol);
        checked++;
    }
    fclose(f);
    assert_true(checked >= 2);
}

static void keys(const gt_sp_suite *s, int etm, gt_sp_dir *c_wr, gt_sp_dir *s_rd)
{
    uint8_t ms[48], cr[32], sr[32];
    gt_sp_dir c_rd, s_wr;
    memset(ms, 7, 48), memset(cr, 1, 32), memset(sr, 2, 32);
    assert_int_equal(gt_sp_keys(s, ms, cr, sr, etm, 1, &c_rd, c_wr), 0);
    assert_int_equal(gt_sp_keys(s, ms, cr, sr, etm, 0, s_rd, &s_wr), 0);
    c_wr->active = s_rd->active = 1;
}

static void test_round_trip_every_suite(void **state)
{
    (void)state;
    gt_wbuf frag = {0}, plain = {0};
    uint8_t msg[300];
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (uint8_t)(i * 7);
    for (size_t k = 0; k < gt_sp_n_suites; k++)
        for (int etm = 0; etm <= 1; etm++) {
            gt_sp_dir w, r;
            keys(&gt_sp_suites[k], etm, &w, &r);
            for (size_t n = 0; n < sizeof(msg); n += 37) {
                assert_int_equal(gt_sp_seal(&w, GT_CT_APPDATA, 0x0303, msg, n, NULL, &frag), 0);
                assert_int_equal(gt_sp_open(&r, GT_CT_APPDATA, 0x0303, frag.p, frag.n, &plain), 0);
                assert_int_equal(plain.n, n);
                if (n) assert_memory_equal(plain.p, msg, n);
            }
        }
    gt_wbuf_free(&frag);
    gt_wbuf_free(&plain);
}

/* Every tamper must make the record fail; valid padding variants must not. */
static void test_tampers(void **state)
{
    (void)state;
    gt_wbuf frag = {0}, plain = {0};
    static const uint8_t msg[40] = {1};
    for (size_t k = 0; k < gt_sp_n_suites; k++) {
        const gt_sp_suite *s = &gt_sp_suites[k];
        for (int t = 0; t < 9; t++) {
            gt_sp_tamper tm;
            memset(&tm, 0, sizeof(tm));
            int cbc_only = t >= 4, must_fail = t != 7 && t != 8;
            if (cbc_only && !gt_sp_is_cbc(s)) continue;
            switch (t) {
            case 0:
                tm.flip_last = 1;
                break;
            case 1:
                tm.flip_first = 1;
                break;
            case 2:
                tm.truncate = 1;
                break;
            case 3:
                tm.truncate = 1000;
                break;
            case 4:
                tm.pad_bad = 1, tm.pad_extra = 1;
                break;
            case 5:
                tm.flip_mac = 1;
                break;
            case 6:
                tm.no_mac = 1;
                break;
            case 7:
                tm.pad_extra = 3;
                break;
            default:
                tm.pad_max = 1;
                break;
            }
            gt_sp_dir w, r;
            keys(s, 0, &w, &r);
            assert_int_equal(gt_sp_seal(&w, GT_CT_APPDATA, 0x0303, msg, sizeof(msg), &tm, &frag),
                             0);
            int rc = gt_sp_open(&r, GT_CT_APPDATA, 0x0303, frag.p, frag.n, &plain);
            assert_int_equal(rc != 0, must_fail);
        }
    }
    gt_wbuf_free(&frag);
    gt_wbuf_free(&plain);
}

/* The record header is authenticated: another type or version fails. */
static void test_header_bound(void **state)
{
    (void)state;
    gt_wbuf frag = {0}, plain = {0};
    for (size_t k = 0; k < gt_sp_n_suites; k++) {
        gt_sp_dir w, r;
        keys(&gt_sp_suites[k], 0, &w, &r);
        gt_sp_seal(&w, GT_CT_APPDATA, 0x0303, (const uint8_t *)"hello", 5, NULL, &frag);
        assert_int_not_equal(gt_sp_open(&r, GT_CT_HANDSHAKE, 0x0303, frag.p, frag.n, &plain), 0);
    }
    gt_wbuf_free(&frag);
    gt_wbuf_free(&plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prf_vectors),
        cmocka_unit_test(test_round_trip_every_suite),
        cmocka_unit_test(test_tampers),
        cmocka_unit_test(test_header_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
