/* Tests of harness/net/dial.c: host:port parsing (including IPv6
 * literals and every malformed shape) and connect errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gt_net.h"

static void test_split_ok(void **state)
{
    char h[64], p[8];
    (void)state;
    assert_int_equal(gt_net_split_hostport("localhost:4433", h, sizeof(h), p, sizeof(p)), 0);
    assert_string_equal(h, "localhost");
    assert_string_equal(p, "4433");
    assert_int_equal(gt_net_split_hostport("127.0.0.1:1", h, sizeof(h), p, sizeof(p)), 0);
    assert_string_equal(h, "127.0.0.1");
    assert_string_equal(p, "1");
    assert_int_equal(gt_net_split_hostport("[::1]:443", h, sizeof(h), p, sizeof(p)), 0);
    assert_string_equal(h, "::1");
    assert_string_equal(p, "443");
}

static void test_split_bad(void **state)
{
    static const char *const bad[] = {
        "",
        "host",
        "host:",
        ":443",
        "::1:443",
        "[::1]443",
        "[::1",
        "[]:443",
        "h:44a3",
        "h:-1",
        "h:0",
        "h:65536",
        "h:123456789",
        "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylonghost:1",
    };
    char h[64], p[8];
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(gt_net_split_hostport(bad[i], h, sizeof(h), p, sizeof(p)), -1);
    assert_int_equal(gt_net_split_hostport(NULL, h, sizeof(h), p, sizeof(p)), -1);
}

static void test_connect_errors(void **state)
{
    char err[256], port[8];
    (void)state;
    /* a port that was just free: refused */
    int p, l = gt_net_listen_lo(0, &p);
    assert_true(l >= 0);
    close(l);
    snprintf(port, sizeof(port), "%d", p);
    assert_int_equal(gt_net_connect("127.0.0.1", port, 2000, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "refused"));
    assert_int_equal(gt_net_connect("no-such-host.invalid", "443", 2000, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "cannot resolve"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_ok),
        cmocka_unit_test(test_split_bad),
        cmocka_unit_test(test_connect_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
