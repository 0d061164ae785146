/* Tests for proxy.c: bytes pass through unchanged both ways, the streams
 * are cut into TLS records at the right boundaries even when a header
 * arrives in pieces, and a torn trailing record makes the recording fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "interop.h"

typedef struct {
    gt_iop_proxy *px;
    int listener, client, server;
} rig;

static void setup_rig(rig *r)
{
    int sport = 0, pport = 0;
    r->listener = gt_iop_listen_loopback(&sport);
    assert_true(r->listener >= 0);
    r->px = gt_iop_proxy_start(sport, 5000, &pport);
    assert_non_null(r->px);
    r->client = gt_iop_connect_loopback(pport);
    assert_true(r->client >= 0);
    r->server = accept(r->listener, NULL, NULL);
    assert_true(r->server >= 0);
}

static void send_all(int fd, const char *p, size_t n)
{
    assert_int_equal(write(fd, p, n), (ssize_t)n);
}

static void recv_exactly(int fd, const char *want, size_t n)
{
    char buf[64];
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        assert_true(k > 0);
        got += (size_t)k;
    }
    assert_memory_equal(buf, want, n);
}

static void records_both_ways(void **state)
{
    (void)state;
    rig r;
    setup_rig(&r);
    /* A handshake record whose header is split across two writes. */
    send_all(r.client, "\x16\x03", 2);
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    send_all(r.client, "\x01\x00\x03\xaa\xbb\xcc", 6);
    recv_exactly(r.server, "\x16\x03\x01\x00\x03\xaa\xbb\xcc", 8);
    /* Two records in one write the other way. */
    send_all(r.server, "\x17\x03\x03\x00\x02\xdd\xee\x15\x03\x03\x00\x00", 12);
    recv_exactly(r.client, "\x17\x03\x03\x00\x02\xdd\xee\x15\x03\x03\x00\x00", 12);
    close(r.client);
    char b;
    assert_int_equal(read(r.server, &b, 1), 0); /* the FIN came through */
    close(r.server);

    const gt_iop_record *recs;
    size_t n;
    assert_int_equal(gt_iop_proxy_finish(r.px, &recs, &n), 0);
    assert_int_equal(n, 3);
    assert_true(recs[0].c2s && recs[0].type == 0x16 && recs[0].version == 0x0301);
    assert_int_equal(recs[0].len, 3);
    assert_memory_equal(recs[0].payload, "\xaa\xbb\xcc", 3);
    assert_false(recs[1].c2s);
    assert_int_equal(recs[1].type, 0x17);
    assert_memory_equal(recs[1].payload, "\xdd\xee", 2);
    assert_int_equal(recs[2].type, 0x15);
    assert_int_equal(recs[2].len, 0);
    gt_iop_proxy_free(r.px);
    close(r.listener);
}

static void torn_record_fails(void **state)
{
    (void)state;
    rig r;
    setup_rig(&r);
    send_all(r.client, "\x16\x03\x01\x00\x10\x01\x02", 7); /* 16 announced, 2 sent */
    recv_exactly(r.server, "\x16\x03\x01\x00\x10\x01\x02", 7);
    close(r.client);
    close(r.server);
    const gt_iop_record *recs;
    size_t n;
    assert_int_not_equal(gt_iop_proxy_finish(r.px, &recs, &n), 0);
    gt_iop_proxy_free(r.px);
    close(r.listener);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_both_ways),
        cmocka_unit_test(torn_record_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
