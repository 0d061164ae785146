/* Tests for keylog.c: the known-answer check between two peers' NSS key
 * logs — equal sets pass, any differing random or secret fails, and
 * malformed or missing logs fail with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop.h"

#define CR1 "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
#define CR2 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define MS1                                                                                        \
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab" \
    "cd"                                                                                           \
    "ef"
#define MS2                                                                                        \
    "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba987654" \
    "32"                                                                                           \
    "10"

static char path_a[64], path_b[64];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(path_a, sizeof path_a, "/tmp/gt-keylog-a-%d", (int)getpid());
    snprintf(path_b, sizeof path_b, "/tmp/gt-keylog-b-%d", (int)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path_a);
    unlink(path_b);
    return 0;
}

static int compare(const char *a, const char *b, char *why)
{
    put(path_a, a);
    put(path_b, b);
    return gt_iop_keylog_compare(path_a, path_b, why, 200);
}

static void equal_logs_pass(void **state)
{
    (void)state;
    char why[200];
    const char *l = "CLIENT_RANDOM " CR1 " " MS1 "\n";
    assert_int_equal(compare(l, l, why), 0);
    /* Hex case and comment lines do not matter. */
    char upper[256];
    snprintf(upper, sizeof upper, "# comment\nCLIENT_RANDOM %s %s\n", CR1, MS1);
    for (char *p = upper + 24; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'f' ? *p - 32 : *p);
    assert_int_equal(compare(l, upper, why), 0);
}

static void resumption_order_does_not_matter(void **state)
{
    (void)state;
    char why[200];
    assert_int_equal(compare("CLIENT_RANDOM " CR1 " " MS1 "\nCLIENT_RANDOM " CR2 " " MS1 "\n",
                             "CLIENT_RANDOM " CR2 " " MS1 "\nCLIENT_RANDOM " CR1 " " MS1 "\n", why),
                     0);
}

static void differing_secret_fails(void **state)
{
    (void)state;
    char why[200];
    assert_int_not_equal(
        compare("CLIENT_RANDOM " CR1 " " MS1 "\n", "CLIENT_RANDOM " CR1 " " MS2 "\n", why), 0);
    assert_non_null(strstr(why, "master secrets differ"));
}

static void differing_random_fails(void **state)
{
    (void)state;
    char why[200];
    assert_int_not_equal(
        compare("CLIENT_RANDOM " CR1 " " MS1 "\n", "CLIENT_RANDOM " CR2 " " MS1 "\n", why), 0);
    assert_non_null(strstr(why, "client randoms differ"));
    /* One side logged a session the other did not, with a new secret. */
    assert_int_not_equal(compare("CLIENT_RANDOM " CR1 " " MS1 "\n",
                                 "CLIENT_RANDOM " CR1 " " MS1 "\nCLIENT_RANDOM " CR2 " " MS2 "\n",
                                 why),
                         0);
    assert_non_null(strstr(why, "only the client logged"));
}

static void unlogged_resumption_passes(void **state)
{
    (void)state;
    char why[200];
    /* The abbreviated handshake re-uses the master secret: a library that
     * does not log it (GnuTLS) is not a mismatch. */
    assert_int_equal(compare("CLIENT_RANDOM " CR1 " " MS1 "\nCLIENT_RANDOM " CR2 " " MS1 "\n",
                             "CLIENT_RANDOM " CR1 " " MS1 "\n", why),
                     0);
}

static void bad_logs_fail(void **state)
{
    (void)state;
    char why[200];
    const char *good = "CLIENT_RANDOM " CR1 " " MS1 "\n";
    assert_int_not_equal(compare(good, "", why), 0);
    assert_non_null(strstr(why, "client: no CLIENT_RANDOM"));
    assert_int_not_equal(compare("CLIENT_RANDOM " CR1 " " MS1 "0\n", good, why), 0);
    assert_non_null(strstr(why, "server: malformed"));
    assert_int_not_equal(compare("CLIENT_RANDOM " CR1 "zz" MS1 "\n", good, why), 0);
    assert_int_not_equal(compare("CLIENT_RANDOM xyz " MS1 "\n", good, why), 0);
    unlink(path_a);
    assert_int_not_equal(gt_iop_keylog_compare(path_a, path_b, why, sizeof why), 0);
    assert_non_null(strstr(why, "no keylog file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(equal_logs_pass),
        cmocka_unit_test(resumption_order_does_not_matter),
        cmocka_unit_test(differing_secret_fails),
        cmocka_unit_test(differing_random_fails),
        cmocka_unit_test(unlogged_resumption_passes),
        cmocka_unit_test(bad_logs_fail),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
