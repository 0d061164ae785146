/* Tests of harness/net/conn_io.c over a socketpair, with the fake engine
 * (fake_engine.h) on our side and hand-written records, or a forked echo
 * child, on the other: handshake, data both ways under short and failing
 * reads and writes, clean close versus truncation, alerts, resets, idle
 * timeout and the event-style interface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fake_engine.h"
#include "gt_net.h"

typedef struct {
    int fd[2];
    gt_conn *tls;
    gt_net_conn nc;
} pair;

static void pair_open(pair *p, size_t cap, const gt_net_io *io)
{
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, p->fd), 0);
    p->tls = fake_conn_new(cap);
    gt_net_conn_init(&p->nc, p->fd[0], p->tls, io);
    p->nc.idle_ms = 5000;
}

static void pair_close(pair *p)
{
    close(p->fd[0]);
    if (p->fd[1] >= 0) close(p->fd[1]);
    fake_conn_free(p->tls);
}

static void send_rec(int fd, uint8_t type, const void *data, size_t n)
{
    uint8_t rec[3 + 65536];
    size_t len = fake_record(rec, type, data, n);
    assert_int_equal(write(fd, rec, len), (ssize_t)len);
}

static void read_exact(int fd, uint8_t *buf, size_t n)
{
    for (size_t at = 0; at < n;) {
        ssize_t k = read(fd, buf + at, n - at);
        if (k <= 0) exit(90);
        at += (size_t)k;
    }
}

/* Reads one record from the raw side; returns its type (payload in buf). */
static int recv_rec(int fd, uint8_t *buf, size_t *n)
{
    uint8_t h[3];
    read_exact(fd, h, 3);
    *n = (size_t)h[1] << 8 | h[2];
    read_exact(fd, buf, *n);
    return h[0];
}

static void test_handshake(void **state)
{
    pair p;
    uint8_t buf[16];
    size_t n;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    assert_int_equal(recv_rec(p.fd[1], buf, &n), 'H');
    assert_int_equal(p.nc.bytes_out, 3);
    assert_int_equal(p.nc.bytes_in, 3);
    pair_close(&p);
}

/* An I/O vtable that moves 1..7 bytes per call and, one call in three,
 * fails with EINTR or EAGAIN without doing anything. */
typedef struct {
    uint64_t x;
    unsigned calls, short_ops, faults;
} chaos;

static uint64_t next(chaos *c)
{
    c->x ^= c->x << 13;
    c->x ^= c->x >> 7;
    c->x ^= c->x << 17;
    return c->x;
}

static int chaos_fault(chaos *c)
{
    uint64_t r = next(c);
    c->calls++;
    if (r % 3 != 0) return 0;
    errno = (r >> 8) & 1 ? EINTR : EAGAIN;
    c->faults++;
    return 1;
}

static ssize_t chaos_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    chaos *c = ctx;
    if (chaos_fault(c)) return -1;
    size_t k = 1 + next(c) % 7;
    c->short_ops += k < cap;
    return recv(fd, buf, k < cap ? k : cap, 0);
}

static ssize_t chaos_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    chaos *c = ctx;
    if (chaos_fault(c)) return -1;
    size_t k = 1 + next(c) % 7;
    c->short_ops += k < n;
    return send(fd, buf, k < n ? k : n, MSG_NOSIGNAL);
}

/* The other side: echoes every data record, answers close_notify. */
static void echo_child(int fd)
{
    static uint8_t buf[65536];
    size_t n;
    send_rec(fd, 'H', NULL, 0);
    for (;;) {
        int t = recv_rec(fd, buf, &n);
        if (t == 'D') send_rec(fd, 'D', buf, n);
        if (t == 'C') {
            send_rec(fd, 'C', NULL, 0);
            _exit(0);
        }
    }
}

static void pattern(uint8_t *p, size_t n, size_t off)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)((off + i) * 131 + 7);
}

/* Property: whatever the read/write sizes and transient failures, every
 * byte comes back once and in order, and close_notify is seen as such. */
static void echo_run(uint64_t seed, size_t cap, size_t total, size_t chunk, int use_chaos)
{
    chaos ch = {.x = seed};
    gt_net_io io = {chaos_read, chaos_write, &ch};
    static uint8_t out[70000], in[70000];
    pair p;
    pair_open(&p, cap, use_chaos ? &io : NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p.fd[0]);
        echo_child(p.fd[1]);
    }
    close(p.fd[1]);
    p.fd[1] = -1;
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    for (size_t off = 0; off < total; off += chunk) {
        size_t k = total - off < chunk ? total - off : chunk;
        pattern(out, k, off);
        assert_int_equal(gt_net_write_all(&p.nc, out, k), GT_NET_OK);
        for (size_t have = 0; have < k;) {
            size_t got = 0;
            assert_int_equal(gt_net_read(&p.nc, in + have, k - have, &got), GT_NET_OK);
            assert_true(got > 0);
            have += got;
        }
        assert_memory_equal(in, out, k);
    }
    assert_int_equal(gt_net_close_notify(&p.nc), GT_NET_OK);
    size_t got = 1;
    assert_int_equal(gt_net_read(&p.nc, in, sizeof(in), &got), GT_NET_CLOSED);
    assert_int_equal(got, 0);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    if (use_chaos) {
        assert_true(ch.faults > 0);
        assert_true(ch.short_ops > 0);
    }
    pair_close(&p);
}

static void test_echo_plain(void **state)
{
    (void)state;
    echo_run(1, 1 << 17, 1 << 20, 65536, 0);
}

static void test_echo_chaos(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 6; seed++)
        echo_run(seed * 0x9e3779b97f4a7c15ull, seed % 2 ? 64 : 40000, 3000 + seed * 1000,
                 seed % 2 ? 37 : 1000, 1);
}

static void test_data_then_close_notify(void **state)
{
    pair p;
    uint8_t buf[64];
    size_t got;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    send_rec(p.fd[1], 'D', "abc", 3);
    send_rec(p.fd[1], 'C', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_OK);
    assert_int_equal(got, 3);
    assert_memory_equal(buf, "abc", 3);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_CLOSED);
    pair_close(&p);
}

/* RFC 5246 §7.2.1: end of stream without close_notify is truncation, and
 * the data before it is still delivered first. */
static void test_truncation(void **state)
{
    pair p;
    uint8_t buf[64];
    size_t got;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    send_rec(p.fd[1], 'D', "hello", 5);
    shutdown(p.fd[1], SHUT_WR);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    assert_int_equal(gt_net_read(&p.nc, buf, 2, &got), GT_NET_OK);
    assert_int_equal(got, 2);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_OK);
    assert_int_equal(got, 3);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_ERR_TRUNCATED);
    assert_int_equal(gt_conn_state(p.tls), GT_STATE_FAILED);
    /* sticky: asking again gives the engine's error, never a clean end */
    assert_true(gt_net_read(&p.nc, buf, sizeof(buf), &got) < 0);
    pair_close(&p);
}

/* A partial record followed by the end of the stream is truncation too. */
static void test_truncated_record(void **state)
{
    pair p;
    uint8_t buf[64];
    size_t got;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    assert_int_equal(write(p.fd[1], "D\0\x09par", 6), 6);
    shutdown(p.fd[1], SHUT_WR);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_ERR_TRUNCATED);
    pair_close(&p);
}

static void test_handshake_eof(void **state)
{
    pair p;
    (void)state;
    pair_open(&p, 4096, NULL);
    shutdown(p.fd[1], SHUT_WR);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_ERR_TRUNCATED);
    pair_close(&p);
}

static void test_handshake_close_notify(void **state)
{
    pair p;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'C', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_ERR_HS_CLOSED);
    pair_close(&p);
}

/* The engine fails: the wrapper says so and its fatal alert leaves. */
static void test_tls_failure_sends_alert(void **state)
{
    pair p;
    uint8_t buf[16];
    size_t n;
    gt_alert_info a;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'X', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_ERR_TLS);
    assert_true(gt_conn_error(p.tls, &a) < 0);
    assert_int_equal(a.desc, GT_ALERT_HANDSHAKE_FAILURE);
    int t = recv_rec(p.fd[1], buf, &n);
    if (t == 'H') t = recv_rec(p.fd[1], buf, &n);
    assert_int_equal(t, 'A');
    assert_int_equal(n, 1);
    assert_int_equal(buf[0], GT_ALERT_HANDSHAKE_FAILURE);
    pair_close(&p);
}

static void test_received_alert(void **state)
{
    pair p;
    uint8_t d = GT_ALERT_UNKNOWN_CA;
    gt_alert_info a;
    (void)state;
    pair_open(&p, 4096, NULL);
    send_rec(p.fd[1], 'A', &d, 1);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_ERR_TLS);
    assert_true(gt_conn_error(p.tls, &a) < 0);
    assert_int_equal(a.sent, 0);
    assert_int_equal(a.desc, GT_ALERT_UNKNOWN_CA);
    pair_close(&p);
}

static void test_reset_on_write(void **state)
{
    pair p;
    static uint8_t big[200000];
    (void)state;
    pair_open(&p, 1 << 16, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    close(p.fd[1]);
    p.fd[1] = -1;
    int rc = gt_net_write_all(&p.nc, big, sizeof(big));
    assert_int_equal(rc, GT_NET_ERR_RESET);
    assert_int_equal(p.nc.sys_errno, EPIPE);
    pair_close(&p);
}

static int64_t ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_idle_timeout(void **state)
{
    pair p;
    uint8_t buf[8];
    size_t got;
    (void)state;
    pair_open(&p, 4096, NULL);
    p.nc.idle_ms = 100;
    int64_t t0 = ms();
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_ERR_TIMEOUT);
    int64_t dt = ms() - t0;
    assert_true(dt >= 90 && dt < 3000);
    send_rec(p.fd[1], 'H', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    assert_int_equal(gt_net_read(&p.nc, buf, sizeof(buf), &got), GT_NET_ERR_TIMEOUT);
    pair_close(&p);
}

/* Event style: events follow what the engine needs; a step never blocks. */
static void test_events_and_step(void **state)
{
    pair p;
    uint8_t buf[16];
    size_t got, n;
    (void)state;
    pair_open(&p, 4096, NULL);
    short ev = gt_net_events(&p.nc);
    assert_true(ev & POLLOUT);
    assert_true(ev & POLLIN);
    assert_int_equal(gt_net_step(&p.nc, POLLOUT), GT_NET_OK);
    assert_false(gt_net_events(&p.nc) & POLLOUT);
    assert_int_equal(recv_rec(p.fd[1], buf, &n), 'H');
    /* nothing to read: a step on a spurious POLLIN must not block */
    assert_int_equal(gt_net_step(&p.nc, POLLIN), GT_NET_OK);
    assert_int_equal(gt_net_recv(&p.nc, buf, sizeof(buf), &got), GT_NET_OK);
    assert_int_equal(got, 0);
    send_rec(p.fd[1], 'H', NULL, 0);
    send_rec(p.fd[1], 'D', "xy", 2);
    assert_int_equal(gt_net_step(&p.nc, POLLIN), GT_NET_OK);
    assert_int_equal(gt_conn_state(p.tls), GT_STATE_OPEN);
    assert_int_equal(gt_net_recv(&p.nc, buf, sizeof(buf), &got), GT_NET_OK);
    assert_int_equal(got, 2);
    shutdown(p.fd[1], SHUT_WR);
    assert_int_equal(gt_net_step(&p.nc, POLLIN), GT_NET_OK);
    assert_true(p.nc.eof);
    assert_false(gt_net_events(&p.nc) & POLLIN);
    assert_int_equal(gt_net_recv(&p.nc, buf, sizeof(buf), &got), GT_NET_ERR_TRUNCATED);
    pair_close(&p);
}

/* The engine takes no more input (its buffer is full and nobody reads):
 * the wrapper stops reading rather than spin, and a blocking read reports
 * the stall instead of hanging. */
static void test_stall_is_reported(void **state)
{
    pair p;
    static uint8_t blob[3000];
    (void)state;
    pair_open(&p, 1024, NULL);
    send_rec(p.fd[1], 'H', NULL, 0);
    assert_int_equal(gt_net_handshake(&p.nc), GT_NET_OK);
    for (int i = 0; i < 12; i++)
        send_rec(p.fd[1], 'D', blob, sizeof(blob)); /* each larger than the app buffer */
    for (int i = 0; i < 20 && (gt_net_events(&p.nc) & POLLIN); i++)
        assert_int_equal(gt_net_step(&p.nc, POLLIN), GT_NET_OK);
    assert_int_equal(gt_net_events(&p.nc), 0);
    assert_int_equal(gt_net_wait(&p.nc, 0), GT_NET_ERR_STALL);
    pair_close(&p);
}

static void test_status_strings(void **state)
{
    (void)state;
    for (int s = -7; s <= 2; s++) {
        const char *m = gt_net_status_str(s);
        assert_non_null(m);
        assert_string_not_equal(m, "unknown status");
        for (int t = -7; t < s; t++)
            assert_string_not_equal(m, gt_net_status_str(t));
    }
    assert_string_equal(gt_net_status_str(99), "unknown status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake),
        cmocka_unit_test(test_echo_plain),
        cmocka_unit_test(test_echo_chaos),
        cmocka_unit_test(test_data_then_close_notify),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_truncated_record),
        cmocka_unit_test(test_handshake_eof),
        cmocka_unit_test(test_handshake_close_notify),
        cmocka_unit_test(test_tls_failure_sends_alert),
        cmocka_unit_test(test_received_alert),
        cmocka_unit_test(test_reset_on_write),
        cmocka_unit_test(test_idle_timeout),
        cmocka_unit_test(test_events_and_step),
        cmocka_unit_test(test_stall_is_reported),
        cmocka_unit_test(test_status_strings),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
