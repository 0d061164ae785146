/* Tests of harness/tools/www.c: the end of an HTTP request head in every
 * line-ending style and split anywhere, and the response's framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "www.h"

static int done(const char *s)
{
    return gt_www_request_done((const uint8_t *)s, strlen(s));
}

static void test_request_done(void **state)
{
    (void)state;
    assert_true(done("GET / HTTP/1.0\r\n\r\n"));
    assert_true(done("GET / HTTP/1.0\n\n"));
    assert_true(done("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"));
    assert_false(done(""));
    assert_false(done("GET / HTTP/1.0\r\n"));
    assert_false(done("GET / HTTP/1.0\r\nHost: x\r\n\r"));
    assert_false(done("\r\n\r"));
    /* every prefix of a complete request is incomplete, the whole is not */
    const char *req = "GET /index.html HTTP/1.0\r\nUser-Agent: t\r\n\r\n";
    for (size_t i = 0; i < strlen(req); i++)
        assert_false(gt_www_request_done((const uint8_t *)req, i));
}

static void test_response(void **state)
{
    char out[2048];
    const char *req = "GET /x<y> HTTP/1.0\r\n\r\n";
    (void)state;
    size_t n = gt_www_response(out, sizeof(out), (const uint8_t *)req, strlen(req), "suite=S");
    assert_true(n > 0 && n < sizeof(out));
    assert_int_equal(strlen(out), n);
    assert_true(strncmp(out, "HTTP/1.0 200 OK\r\n", 17) == 0);
    const char *body = strstr(out, "\r\n\r\n");
    assert_non_null(body);
    body += 4;
    const char *cl = strstr(out, "Content-Length: ");
    assert_non_null(cl);
    assert_int_equal(atoi(cl + 16), (int)strlen(body));
    assert_non_null(strstr(body, "suite=S"));
    assert_non_null(strstr(body, "GET /x?y? HTTP/1.0")); /* markup is neutralised */
    /* a tiny buffer truncates but stays a C string */
    n = gt_www_response(out, 16, (const uint8_t *)req, strlen(req), "p");
    assert_int_equal(n, 15);
    assert_int_equal(strlen(out), 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_done),
        cmocka_unit_test(test_response),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
