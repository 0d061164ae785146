/* series.c: coverage over time from libFuzzer logs and AFL++ plot_data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

static double at(const cJSON *s, int row, int col)
{
    return cJSON_GetArrayItem(cJSON_GetArrayItem(s, row), col)->valuedouble;
}

/* Time is runs / exec/s when libFuzzer does not print it. */
static void test_libfuzzer_plain(void **state)
{
    (void)state;
    const char *log =
        "INFO: Seed: 1\n"
        "#2\tINITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb\n"
        "#1000\tNEW    cov: 20 ft: 30 corp: 5/40b lim: 4 exec/s: 500 rss: 31Mb L: 3/4\n"
        "#4000\tpulse  cov: 25 ft: 40 corp: 9/80b lim: 4 exec/s: 1000 rss: 31Mb\n";
    cJSON *s = gt_rp_fuzz_series(log, 100);
    assert_non_null(s);
    assert_int_equal(cJSON_GetArraySize(s), 3);
    assert_true(at(s, 0, 0) == 0 && at(s, 0, 1) == 10);
    assert_true(at(s, 1, 0) == 2 && at(s, 1, 1) == 20 && at(s, 1, 2) == 30 && at(s, 1, 3) == 5);
    assert_true(at(s, 2, 0) == 4 && at(s, 2, 1) == 25);
    cJSON_Delete(s);
}

/* Fork mode prints the elapsed time itself; it wins over runs / exec/s. */
static void test_libfuzzer_fork(void **state)
{
    (void)state;
    const char *log =
        "#100: cov: 5 ft: 6 corp: 3 exec/s 50 oom/timeout/crash: 0/0/0 time: 1s job: 1\n"
        "#9000: cov: 9 ft: 12 corp: 7 exec/s 100 oom/timeout/crash: 0/0/0 time: 30s job: 2\n";
    cJSON *s = gt_rp_fuzz_series(log, 100);
    assert_non_null(s);
    assert_int_equal(cJSON_GetArraySize(s), 2);
    assert_true(at(s, 1, 0) == 30 && at(s, 1, 1) == 9 && at(s, 1, 3) == 7);
    cJSON_Delete(s);
}

/* A second process in the same log (a merge step) must not be glued on:
 * the longer segment is kept. */
static void test_libfuzzer_segments(void **state)
{
    (void)state;
    const char *log = "#10\tINITED cov: 1 ft: 1 corp: 1/1b exec/s: 0 rss: 1Mb\n"
                      "#90000\tpulse  cov: 50 ft: 60 corp: 9/9b exec/s: 1000 rss: 1Mb\n"
                      "#5\tINITED cov: 49 ft: 59 corp: 9/9b exec/s: 0 rss: 1Mb\n"
                      "#6\tDONE   cov: 49 ft: 59 corp: 9/9b exec/s: 6 rss: 1Mb\n";
    cJSON *s = gt_rp_fuzz_series(log, 100);
    assert_non_null(s);
    assert_int_equal(cJSON_GetArraySize(s), 2);
    assert_true(at(s, 1, 0) == 90 && at(s, 1, 1) == 50);
    cJSON_Delete(s);
}

static void test_plot_data(void **state)
{
    (void)state;
    const char *pd = "# relative_time, cycles_done, cur_item, corpus_count, pending_total, "
                     "pending_favs, map_size, saved_crashes, saved_hangs, max_depth, "
                     "execs_per_sec, total_execs, edges_found\n"
                     "0, 0, 0, 10, 10, 1, 1.00%, 0, 0, 1, 100.00, 0, 300\n"
                     "5, 0, 2, 12, 9, 1, 1.20%, 0, 0, 2, 900.00, 4500, 340\n";
    cJSON *s = gt_rp_fuzz_series(pd, 100);
    assert_non_null(s);
    assert_int_equal(cJSON_GetArraySize(s), 2);
    assert_true(at(s, 1, 0) == 5 && at(s, 1, 1) == 340 && at(s, 1, 3) == 12);
    cJSON_Delete(s);
    /* An old plot_data without edges has nothing to plot. */
    const char *old = "# unix_time, cycles_done, cur_path, paths_total, pending_total\n"
                      "1700000000, 0, 0, 10, 10\n";
    assert_null(gt_rp_fuzz_series(old, 100));
}

static void test_nothing_to_plot(void **state)
{
    (void)state;
    assert_null(gt_rp_fuzz_series(NULL, 100));
    assert_null(gt_rp_fuzz_series("", 100));
    assert_null(gt_rp_fuzz_series("random text\n#notanumber cov: 3\n", 100));
    assert_null(gt_rp_fuzz_series("#12 cov: 3 ft: 4 corp: 1/1b exec/s: 1\n", 1));
}

/* Property: thinning keeps the first and the last point and never more
 * than asked for. */
static void test_thinning(void **state)
{
    (void)state;
    size_t cap = 1000 * 80, n = 0;
    char *log = malloc(cap);
    assert_non_null(log);
    for (int i = 1; i <= 1000; i++)
        n += (size_t)snprintf(log + n, cap - n, "#%d\tNEW cov: %d ft: 1 corp: 1/1b exec/s: 1\n", i,
                              i);
    for (size_t max = 2; max < 300; max += 37) {
        cJSON *s = gt_rp_fuzz_series(log, max);
        assert_non_null(s);
        assert_int_equal(cJSON_GetArraySize(s), (int)max);
        assert_true(at(s, 0, 1) == 1);
        assert_true(at(s, (int)max - 1, 1) == 1000);
        for (int i = 1; i < (int)max; i++)
            assert_true(at(s, i, 0) > at(s, i - 1, 0));
        cJSON_Delete(s);
    }
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libfuzzer_plain),    cmocka_unit_test(test_libfuzzer_fork),
        cmocka_unit_test(test_libfuzzer_segments), cmocka_unit_test(test_plot_data),
        cmocka_unit_test(test_nothing_to_plot),    cmocka_unit_test(test_thinning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
