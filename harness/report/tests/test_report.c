/* html*.c, svg.c, junit.c and compare.c over the committed fixtures
 * (testdata/summary.json and the earlier testdata/summary-old.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

static char *html_of(const cJSON *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(gt_rp_html(s, f), 0);
    fclose(f);
    return buf;
}

static char *junit_of(const cJSON *s, const char *phase)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(gt_rp_junit(s, phase, f), 0);
    fclose(f);
    return buf;
}

static cJSON *load(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GT_REPORT_TESTDATA, name);
    cJSON *s = gt_rp_load_json(path);
    assert_non_null(s);
    return s;
}

static void test_page_sections(void **state)
{
    (void)state;
    cJSON *s = load("summary.json");
    char *page = html_of(s);
    static const char *const want[] = {
        "<!DOCTYPE html>", "id=\"phases\"",   "id=\"compare\"", "id=\"interop\"", "id=\"conform\"",
        "id=\"fuzz\"",     "id=\"coverage\"", "id=\"vectors\"", "id=\"bench\"",   "class=\"grid\"",
        "<polyline",       "gt / wolfSSL",    "der-3f2a9c",     "tls/record",     "</html>"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(page, want[i])) fail_msg("page lacks %s", want[i]);
    }
    /* self-contained: nothing to fetch, no script */
    assert_null(strstr(page, "src="));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<link"));
    free(page);
    cJSON_Delete(s);
}

/* Text from the runners is escaped everywhere it lands. */
static void test_page_escapes(void **state)
{
    (void)state;
    cJSON *s = cJSON_Parse("{\"phases\":[{\"name\":\"build\",\"status\":\"fail\",\"seconds\":1,"
                           "\"note\":\"<script>alert(1)</script> & \\\"q\\\"\"}],"
                           "\"meta\":{\"host\":\"<b>h</b>\"}}");
    assert_non_null(s);
    char *page = html_of(s);
    assert_null(strstr(page, "<script>"));
    assert_null(strstr(page, "<b>h</b>"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
    /* sections without data say so instead of vanishing */
    assert_non_null(strstr(page, "No results"));
    free(page);
    cJSON_Delete(s);
}

static void test_page_empty(void **state)
{
    (void)state;
    cJSON *s = cJSON_CreateObject();
    char *page = html_of(s);
    assert_non_null(strstr(page, "</html>"));
    free(page);
    cJSON_Delete(s);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_junit(void **state)
{
    (void)state;
    cJSON *s = load("summary.json");
    char *x = junit_of(s, "fuzz");
    assert_non_null(strstr(x, "tests=\"2\" failures=\"1\""));
    assert_int_equal(count(x, "<failure "), 1);
    free(x);
    x = junit_of(s, "vectors");
    assert_non_null(strstr(x, "failures=\"2\"")); /* one failed file, one malformed */
    free(x);
    x = junit_of(s, "bench");
    assert_non_null(strstr(x, "tests=\"4\" failures=\"0\""));
    free(x);
    cJSON_Delete(s);
    /* a phase that could not run is one skipped case with the reason */
    s = cJSON_Parse("{\"phases\":[{\"name\":\"coverage\",\"status\":\"n/a\",\"seconds\":0,"
                    "\"note\":\"coverage.sh <missing> & co\"}]}");
    x = junit_of(s, "coverage");
    assert_non_null(strstr(x, "skipped=\"1\""));
    assert_non_null(
        strstr(x, "<skipped message=\"not available: coverage.sh &lt;missing&gt; &amp; co\"/>"));
    assert_int_equal(count(x, "<failure"), 0);
    free(x);
    /* a phase absent from the summary is "not run", not a pass */
    x = junit_of(s, "bench");
    assert_non_null(strstr(x, "<skipped message=\"not run\"/>"));
    free(x);
    cJSON_Delete(s);
}

static void test_compare(void **state)
{
    (void)state;
    cJSON *old = load("summary-old.json"), *cur = load("summary.json");
    cJSON_DeleteItemFromObject(cur, "compare");
    cJSON *c = gt_rp_compare(old, cur, 0.10);
    assert_true(gt_rp_num(c, "regressions", 0) == 6);
    assert_true(gt_rp_num(c, "improvements", 0) == 1);
    assert_true(gt_rp_num(c, "changes", 0) == 1);
    const cJSON *items = cJSON_GetObjectItem(c, "items");
    /* regressions first */
    assert_string_equal(gt_rp_str(cJSON_GetArrayItem(items, 0), "severity", ""), "regression");
    int bench = 0, cell = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        bench |= !strcmp(gt_rp_str(it, "kind", ""), "bench") &&
                 strstr(gt_rp_str(it, "what", ""), "ECDSA P-256 sign slower");
        cell |= !strcmp(gt_rp_str(it, "what", ""),
                        "gt>gnutls/TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256/x25519/full") &&
                !strcmp(gt_rp_str(it, "to", ""), "fail");
    }
    assert_true(bench && cell);
    cJSON_Delete(c);
    /* a move below the threshold is not reported */
    c = gt_rp_compare(old, cur, 0.5);
    assert_true(gt_rp_num(c, "regressions", 0) == 5);
    cJSON_Delete(c);
    /* property: a campaign compared with itself has no changes */
    c = gt_rp_compare(cur, cur, 0.10);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(c, "items")), 0);
    cJSON_Delete(c);
    /* swapping the two turns regressions into improvements */
    c = gt_rp_compare(cur, old, 0.10);
    assert_true(gt_rp_num(c, "improvements", 0) == 6);
    cJSON_Delete(c);
    cJSON_Delete(old);
    cJSON_Delete(cur);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_sections), cmocka_unit_test(test_page_escapes),
        cmocka_unit_test(test_page_empty),    cmocka_unit_test(test_junit),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
