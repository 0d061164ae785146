/* Tests for ports.c: the READY line parser (the only thing the runner
 * believes about where a server listens) and the loopback helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "interop.h"

static void ready_accepts_the_contract_line(void **state)
{
    (void)state;
    int port = 0;
    assert_int_equal(gt_iop_parse_ready("READY port=4433", &port), 0);
    assert_int_equal(port, 4433);
    assert_int_equal(gt_iop_parse_ready("READY port=65535  ", &port), 0);
    assert_int_equal(port, 65535);
    assert_int_equal(gt_iop_parse_ready("READY port=1", &port), 0);
    assert_int_equal(port, 1);
}

static void ready_rejects_everything_else(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "READY",
        "READY port=",
        "READY port=0",
        "READY port=65536",
        "READY port=-5",
        "READY port=12x",
        "ready port=443",
        " READY port=443",
        "READY  port=443",
        "READY port=99999999999999999999",
        "RESULT ok",
        "READY port= 443",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int port = 77;
        assert_int_not_equal(gt_iop_parse_ready(bad[i], &port), 0);
        assert_int_equal(port, 77); /* untouched on failure */
    }
}

static void loopback_round_trip(void **state)
{
    (void)state;
    int port = 0;
    int l = gt_iop_listen_loopback(&port);
    assert_true(l >= 0);
    assert_true(port > 0 && port < 65536);
    int c = gt_iop_connect_loopback(port);
    assert_true(c >= 0);
    assert_int_equal(write(c, "hi", 2), 2);
    int a = accept(l, NULL, NULL);
    assert_true(a >= 0);
    char buf[2];
    assert_int_equal(read(a, buf, 2), 2);
    assert_memory_equal(buf, "hi", 2);
    close(a);
    close(c);
    close(l);
    /* Nobody listens any more: connecting fails cleanly. */
    assert_int_equal(gt_iop_connect_loopback(port), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ready_accepts_the_contract_line),
        cmocka_unit_test(ready_rejects_everything_else),
        cmocka_unit_test(loopback_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
