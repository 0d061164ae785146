/* collect*.c: a campaign directory (testdata/campaign, the outputs of every
 * phase in the runners' formats) read into summary.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "report.h"

static cJSON *summary;

static int setup(void **state)
{
    (void)state;
    summary = gt_rp_collect(GT_REPORT_TESTDATA "/campaign");
    return summary ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cJSON_Delete(summary);
    return 0;
}

static const cJSON *get(const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(summary, a);
    return b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
}

static const cJSON *find(const cJSON *arr, const char *key, const char *val)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, arr)
    {
        if (!strcmp(gt_rp_str(o, key, ""), val)) return o;
    }
    return NULL;
}

static void test_meta_and_phases(void **state)
{
    (void)state;
    assert_string_equal(gt_rp_str(summary, "schema", ""), GT_RP_SCHEMA);
    const cJSON *meta = get("meta", NULL);
    assert_true(cJSON_IsNumber(cJSON_GetObjectItem(meta, "budget_s")));
    assert_true(gt_rp_num(meta, "budget_s", 0) == 600);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(meta, "interrupted")));
    /* a commit id stays a string even when it is all digits */
    assert_string_equal(gt_rp_str(meta, "commit", ""), "0123456");
    const cJSON *phases = get("phases", NULL);
    assert_int_equal(cJSON_GetArraySize(phases), 7);
    assert_string_equal(gt_rp_str(find(phases, "name", "conform"), "status", ""), "fail");
    assert_true(gt_rp_num(find(phases, "name", "fuzz"), "seconds", 0) == 250);
}

static void test_vectors(void **state)
{
    (void)state;
    const cJSON *v = get("vectors", NULL);
    assert_true(gt_rp_num(v, "passed", 0) == 21 + 7875 + 8 + 480);
    assert_true(gt_rp_num(v, "failed", 0) == 1);
    assert_true(gt_rp_num(v, "malformed", 0) == 1);
    const cJSON *files = cJSON_GetObjectItem(v, "files");
    const cJSON *cavp = find(files, "file", "ciphers/AES/GCM/gcmEncryptExtIV128.rsp");
    assert_non_null(cavp);
    assert_string_equal(gt_rp_str(cavp, "group", ""), "cavp");
    assert_non_null(find(files, "file", "vectors/aead/aes-gcm-spec.txt"));
    assert_string_equal(
        gt_rp_str(find(files, "file", "shared/vectors/tls12_prf_vectors.txt"), "group", ""),
        "tls-prf");
}

static void test_interop(void **state)
{
    (void)state;
    const cJSON *io = get("interop", NULL);
    double p = gt_rp_num(io, "passed", 0), f = gt_rp_num(io, "failed", 0);
    double s = gt_rp_num(io, "skipped", 0);
    assert_true(p + f + s == 48 && f == 2);
    /* the IUT leads the rows and columns */
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(io, "impls"), 0)->valuestring, "gt");
    const cJSON *pair = NULL, *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItem(io, "pairs"))
    {
        if (!strcmp(gt_rp_str(x, "server", ""), "gt") &&
            !strcmp(gt_rp_str(x, "client", ""), "gnutls"))
            pair = x;
    }
    assert_non_null(pair);
    assert_true(gt_rp_num(pair, "fail", 0) == 1 && gt_rp_num(pair, "pass", 0) == 2);
    const cJSON *note = cJSON_GetArrayItem(cJSON_GetObjectItem(pair, "notes"), 0);
    assert_string_equal(gt_rp_str(note, "result", ""), "fail");
    assert_non_null(strstr(gt_rp_str(note, "reason", ""), "decryption failed"));
    const cJSON *cells = cJSON_GetObjectItem(io, "cells");
    assert_int_equal(cJSON_GetArraySize(cells), 48);
}

static void test_conform(void **state)
{
    (void)state;
    const cJSON *cf = get("conform", NULL);
    const cJSON *impls = cJSON_GetObjectItem(cf, "impls");
    assert_int_equal(cJSON_GetArraySize(impls), 3);
    assert_string_equal(cJSON_GetArrayItem(impls, 0)->valuestring, "gt");
    const cJSON *totals = cJSON_GetObjectItem(cf, "totals");
    assert_string_equal(gt_rp_str(cJSON_GetObjectItem(totals, "gt"), "status", ""), "n/a");
    assert_non_null(strstr(gt_rp_str(cJSON_GetObjectItem(totals, "gt"), "reason", ""), "engine"));
    const cJSON *o = cJSON_GetObjectItem(totals, "openssl");
    /* instances are counted, as the runner's closing line counts them */
    assert_true(gt_rp_num(o, "passed", 0) == 5 && gt_rp_num(o, "failed", 0) == 1);
    /* one row per case: the failing instance decides, its name is kept */
    const cJSON *row = find(cJSON_GetObjectItem(cf, "cases"), "id", "record.oversize");
    assert_non_null(row);
    assert_string_equal(gt_rp_str(row, "role", ""), "server");
    const cJSON *res = cJSON_GetObjectItem(row, "results");
    const cJSON *os = cJSON_GetObjectItem(res, "openssl"),
                *ws = cJSON_GetObjectItem(res, "wolfssl");
    assert_string_equal(gt_rp_str(os, "result", ""), "fail");
    assert_non_null(strstr(gt_rp_str(os, "reason", ""), "CHACHA20"));
    assert_true(gt_rp_num(os, "instances", 0) == 2 && gt_rp_num(os, "failed", 0) == 1);
    assert_string_equal(gt_rp_str(ws, "result", ""), "pass");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(cf, "cases")), 5);
}

static void test_fuzz(void **state)
{
    (void)state;
    const cJSON *fz = get("fuzz", NULL);
    assert_true(gt_rp_num(fz, "crashes", 0) == 1);
    const cJSON *t = cJSON_GetObjectItem(fz, "targets");
    const cJSON *x509 = find(t, "name", "x509_cert"), *der = find(t, "name", "der");
    assert_true(gt_rp_num(x509, "exec_per_s", 0) == 35000);
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(x509, "series")) > 10);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(der, "series")), 31);
    const cJSON *crash = cJSON_GetArrayItem(cJSON_GetObjectItem(der, "crashes"), 0);
    assert_non_null(strstr(gt_rp_str(crash, "command", ""), "der-3f2a9c"));
    assert_non_null(strstr(gt_rp_str(crash, "stack", ""), "gt_der_read_len"));
}

static void test_coverage(void **state)
{
    (void)state;
    const cJSON *dirs = get("coverage", "dirs");
    assert_null(find(dirs, "dir", "/usr/include")); /* outside the checkout */
    const cJSON *rec = find(dirs, "dir", "tls/record");
    const cJSON *lines = cJSON_GetObjectItem(rec, "lines");
    assert_true(gt_rp_num(lines, "covered", 0) == 270 && gt_rp_num(lines, "count", 0) == 320);
    assert_true(gt_rp_num(lines, "percent", 0) > 84.3 && gt_rp_num(lines, "percent", 0) < 84.4);
    assert_non_null(find(dirs, "dir", "tls/include"));
    /* sorted by directory */
    const cJSON *prev = NULL, *d;
    cJSON_ArrayForEach(d, dirs)
    {
        if (prev) assert_true(strcmp(gt_rp_str(prev, "dir", ""), gt_rp_str(d, "dir", "")) < 0);
        prev = d;
    }
    const cJSON *total = cJSON_GetObjectItem(get("coverage", "total"), "lines");
    assert_true(gt_rp_num(total, "count", 0) == 200 + 120 + 600 + 310 + 4);
}

static void test_bench(void **state)
{
    (void)state;
    const cJSON *r = get("bench", "results");
    assert_int_equal(cJSON_GetArraySize(r), 4);
    const cJSON *hs = cJSON_GetArrayItem(r, 2);
    assert_true(gt_rp_num(hs, "ratio_wolfssl", 0) == 0.75);
}

/* A directory where nothing ran gives a summary with no sections. */
static void test_empty_dir(void **state)
{
    (void)state;
    char dir[] = "/tmp/gt-report-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    cJSON *s = gt_rp_collect(dir);
    assert_non_null(s);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(s, "phases")), 0);
    static const char *const none[] = {"vectors", "interop",  "conform",
                                       "fuzz",    "coverage", "bench"};
    for (size_t i = 0; i < 6; i++)
        assert_null(cJSON_GetObjectItem(s, none[i]));
    cJSON_Delete(s);
    rmdir(dir);
}

static void test_result_words(void **state)
{
    (void)state;
    assert_string_equal(gt_rp_result_word("PASSED"), "pass");
    assert_string_equal(gt_rp_result_word("n/a"), "skip");
    assert_string_equal(gt_rp_result_word("skipped"), "skip");
    /* unknown words and missing results are failures, never passes */
    assert_string_equal(gt_rp_result_word("weird"), "fail");
    assert_string_equal(gt_rp_result_word(NULL), "fail");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta_and_phases),
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_interop),
        cmocka_unit_test(test_conform),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_bench),
        cmocka_unit_test(test_empty_dir),
        cmocka_unit_test(test_result_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
