/* Tests of harness/tools/opts.c: the option table, per-tool options,
 * --cert/--key pairing, required arguments and every usage error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tools.h"

#define ARGV(...)           ((char *[]){"prog", __VA_ARGS__, NULL})
#define ARGC(...)           ((int)(sizeof((char *[]){"prog", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(o, tool, ...) gt_tool_parse(o, tool, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static void test_server_ok(void **state)
{
    gt_tool_opts o;
    (void)state;
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "4433", "--cert", "a.pem", "--key",
                           "a.key", "--cert", "b.pem", "--key", "b.key", "--www", "--alpn",
                           "h2,http/1.1", "--suites", "S1,S2", "--groups", "x25519"),
                     0);
    assert_int_equal(o.port, 4433);
    assert_int_equal(o.n_certs, 2);
    assert_string_equal(o.certs[1], "b.pem");
    assert_string_equal(o.keys[1], "b.key");
    assert_int_equal(o.app, GT_APP_WWW);
    assert_string_equal(o.alpn, "h2,http/1.1");
    assert_string_equal(o.suites, "S1,S2");
    assert_string_equal(o.groups, "x25519");
    assert_null(o.target);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "0", "--cert", "a", "--key", "b", "--echo",
                           "--connections", "3", "--idle-timeout", "5"),
                     0);
    assert_int_equal(o.port, 0);
    assert_int_equal(o.app, GT_APP_ECHO);
    assert_int_equal(o.connections, 3);
    assert_int_equal(o.idle_timeout, 5);
    /* sessions and client authentication */
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "0", "--cert", "a", "--key", "b", "--ca",
                           "ca.pem", "--verify", "optional", "--tickets", "--session-cache", "64"),
                     0);
    assert_string_equal(o.ca, "ca.pem");
    assert_int_equal(o.verify, 1);
    assert_int_equal(o.tickets, 1);
    assert_int_equal(o.session_cache, 64);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "0", "--cert", "a", "--key", "b", "--ca",
                           "ca.pem", "--verify", "require"),
                     0);
    assert_int_equal(o.verify, 2);
}

static void test_client_ok(void **state)
{
    gt_tool_opts o;
    (void)state;
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "example.com:443", "--ca", "ca.pem", "--servername",
                           "www.example.com", "--alpn", "http/1.1"),
                     0);
    assert_string_equal(o.target, "example.com:443");
    assert_string_equal(o.ca, "ca.pem");
    assert_string_equal(o.servername, "www.example.com");
    /* the target may come after the options too */
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "--suites", "X", "127.0.0.1:1"), 0);
    assert_string_equal(o.target, "127.0.0.1:1");
    /* a client certificate and a session file in and out */
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "--cert", "c.pem", "--key", "c.key",
                           "--sess-out", "s.bin", "--sess-in", "t.bin"),
                     0);
    assert_int_equal(o.n_certs, 1);
    assert_string_equal(o.keys[0], "c.key");
    assert_string_equal(o.sess_out, "s.bin");
    assert_string_equal(o.sess_in, "t.bin");
}

static void test_usage_errors(void **state)
{
    gt_tool_opts o;
    (void)state;
    /* missing pieces */
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--cert", "a", "--key", "b"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--key", "b", "--cert", "a"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "--ca", "x"), -1);
    /* bad values */
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "65536", "--cert", "a", "--key", "b"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "12x", "--cert", "a", "--key", "b"), -1);
    assert_int_equal(
        PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b", "--connections", "0"),
        -1);
    /* exclusive and per-tool options */
    assert_int_equal(
        PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b", "--www", "--echo"),
        -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b",
                           "--verify", "require"),
                     -1); /* --verify needs --ca */
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b", "--ca",
                           "c", "--verify", "sometimes"),
                     -1);
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b",
                           "--session-cache", "-1"),
                     -1);
    assert_int_equal(
        PARSE(&o, GT_TOOL_SERVER, "--port", "1", "--cert", "a", "--key", "b", "--sess-in", "f"),
        -1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "--tickets"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "--cert", "a"), -1); /* no --key */
    assert_int_equal(
        PARSE(&o, GT_TOOL_CLIENT, "h:1", "--cert", "a", "--key", "b", "--cert", "c", "--key", "d"),
        -1); /* one client chain */
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "--www"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "h:2"), -1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "h:1", "--bogus"), -1);
    /* too many chains */
    char *many[2 + 2 * 2 * (GT_TOOL_MAX_CHAINS + 1)];
    int n = 0;
    many[n++] = "prog";
    for (int i = 0; i <= GT_TOOL_MAX_CHAINS; i++) {
        many[n++] = "--cert";
        many[n++] = "c";
        many[n++] = "--key";
        many[n++] = "k";
    }
    assert_int_equal(gt_tool_parse(&o, GT_TOOL_SERVER, n, many), -1);
}

static void test_help(void **state)
{
    gt_tool_opts o;
    (void)state;
    assert_int_equal(PARSE(&o, GT_TOOL_SERVER, "--help"), 1);
    assert_int_equal(PARSE(&o, GT_TOOL_CLIENT, "-h"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_ok),
        cmocka_unit_test(test_client_ok),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_help),
    };
    /* usage text goes to stdout/stderr; keep the test log readable */
    if (freopen("/dev/null", "w", stderr) == NULL) return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
