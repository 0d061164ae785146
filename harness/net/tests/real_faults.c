/* I/O fault injection with the real engine (issue 11 §2): an IUT client and
 * an IUT server, each a gt_conn behind gt_net, over a socketpair or TCP on
 * 127.0.0.1, with the fault injector (gt_net_fault.h) on one or both sides:
 *   - short reads and writes, 1 byte at a time;
 *   - EINTR and EAGAIN on every few calls;
 *   - a connection reset in the middle of a record, injected and real
 *     (SO_LINGER 0 gives a TCP RST);
 *   - peer silence: the idle timeout ends the handshake and a read.
 * Data is checked end to end; every failure must be the expected status,
 * with the connection not left open. The slow-loris case runs against
 * gt-server itself (harness/soak, ctest soak/slowloris). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "gt_net.h"
#include "gt_net_fault.h"
#include "util/pipe.h"
#include "util/testutil.h"

enum { DATA = 24 * 1024 };

static uint64_t faults_total;

typedef struct {
    int fd;
    gt_net_fault_cfg fault;
    int idle_ms;
    /* results */
    int hs_rc, rc;
    uint64_t echoed;
    gt_net_fault_stats st;
} side;

static gt_config *server_config(gt_drbg *d)
{
    gt_config *cfg = tu_config(d, 7);
    assert_int_equal(tu_add_chain(cfg, "server-p256"), 0);
    return cfg;
}

/* The server thread: handshake, then echo until the client's close_notify,
 * answered with ours. */
static void *server_main(void *arg)
{
    side *s = arg;
    gt_drbg d;
    gt_config *cfg = server_config(&d);
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_SERVER, NULL);
    gt_net_fault f;
    gt_net_fault_init(&f, NULL, &s->fault);
    gt_net_conn nc;
    gt_net_conn_init(&nc, s->fd, c, &f.io);
    nc.idle_ms = s->idle_ms ? s->idle_ms : 10000;
    s->hs_rc = s->rc = gt_net_handshake(&nc);
    static __thread uint8_t buf[8192];
    while (s->rc == GT_NET_OK) {
        size_t got = 0;
        s->rc = gt_net_read(&nc, buf, sizeof buf, &got);
        if (s->rc == GT_NET_CLOSED) {
            s->rc = gt_net_close_notify(&nc);
            if (s->rc == GT_NET_OK) s->rc = GT_NET_CLOSED;
            break;
        }
        if (s->rc == GT_NET_OK) s->rc = gt_net_write_all(&nc, buf, got);
        s->echoed += got;
    }
    s->st = f.st;
    gt_conn_free(c);
    gt_config_free(cfg);
    return NULL;
}

typedef struct {
    gt_drbg d;
    gt_config *cfg;
    gt_conn *c;
    gt_net_fault f;
    gt_net_conn nc;
} client;

static void client_open(client *k, int fd, const gt_net_fault_cfg *fc, int idle_ms)
{
    k->cfg = tu_config(&k->d, 8);
    assert_int_equal(tu_add_trust(k->cfg), 0);
    k->c = gt_conn_new(k->cfg, GT_ROLE_CLIENT, "localhost");
    assert_non_null(k->c);
    gt_net_fault_init(&k->f, NULL, fc);
    gt_net_conn_init(&k->nc, fd, k->c, &k->f.io);
    k->nc.idle_ms = idle_ms;
}

static void client_close(client *k)
{
    faults_total += gt_net_fault_total(&k->f.st);
    close(k->nc.fd);
    gt_conn_free(k->c);
    gt_config_free(k->cfg);
}

/* Not open: writing application data is refused. */
static void assert_not_open(client *k)
{
    size_t taken = 1;
    assert_int_not_equal(gt_conn_state(k->c), GT_STATE_OPEN);
    assert_true(gt_conn_write(k->c, (const uint8_t *)"x", 1, &taken) < 0);
    assert_int_equal(taken, 0);
}

/* Handshake, DATA bytes echoed and compared, close_notify both ways. */
static void echo_run(const gt_net_fault_cfg *cf, const gt_net_fault_cfg *sf)
{
    int fd[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fd), 0);
    side s = {.fd = fd[1], .fault = *sf};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, server_main, &s), 0);
    client k;
    client_open(&k, fd[0], cf, 10000);
    assert_int_equal(gt_net_handshake(&k.nc), GT_NET_OK);
    static uint8_t data[DATA], back[DATA];
    tu_fill(data, sizeof data, 3);
    assert_int_equal(gt_net_write_all(&k.nc, data, sizeof data), GT_NET_OK);
    size_t have = 0;
    while (have < sizeof back) {
        size_t got = 0;
        assert_int_equal(gt_net_read(&k.nc, back + have, sizeof back - have, &got), GT_NET_OK);
        have += got;
    }
    assert_memory_equal(data, back, sizeof data);
    assert_int_equal(gt_net_close_notify(&k.nc), GT_NET_OK);
    size_t got = 0;
    assert_int_equal(gt_net_read(&k.nc, back, sizeof back, &got), GT_NET_CLOSED);
    pthread_join(th, NULL);
    close(fd[1]);
    assert_int_equal(s.rc, GT_NET_CLOSED);
    assert_int_equal(s.echoed, DATA);
    faults_total += gt_net_fault_total(&s.st);
    print_message("faults injected: client %llu, server %llu\n",
                  (unsigned long long)gt_net_fault_total(&k.f.st),
                  (unsigned long long)gt_net_fault_total(&s.st));
    assert_true(gt_net_fault_total(&k.f.st) > 0 || gt_net_fault_total(&s.st) > 0);
    client_close(&k);
}

static void test_byte_at_a_time(void **state)
{
    (void)state;
    gt_net_fault_cfg one = {.short_read = 1, .short_write = 1}, none = {0};
    echo_run(&one, &none);
    echo_run(&none, &one);
    echo_run(&one, &one);
}

static void test_eintr_eagain(void **state)
{
    (void)state;
    gt_net_fault_cfg f = {.eintr_every = 2, .eagain_every = 3, .short_read = 7, .short_write = 5};
    gt_net_fault_cfg g = {.eintr_every = 3, .eagain_every = 2};
    echo_run(&f, &g);
}

/* Injected ECONNRESET in the middle of the server's first flight, and in
 * the middle of an application record. */
static void test_reset_mid_record(void **state)
{
    (void)state;
    for (int after_hs = 0; after_hs < 2; after_hs++) {
        int fd[2];
        assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fd), 0);
        side s = {.fd = fd[1]};
        pthread_t th;
        assert_int_equal(pthread_create(&th, NULL, server_main, &s), 0);
        client k;
        gt_net_fault_cfg f = {.reset_read_after = 100}; /* inside ServerHello..Certificate */
        if (after_hs) f.reset_read_after = 0;
        client_open(&k, fd[0], &f, 10000);
        if (!after_hs) {
            assert_int_equal(gt_net_handshake(&k.nc), GT_NET_ERR_RESET);
            assert_not_open(&k);
        } else {
            assert_int_equal(gt_net_handshake(&k.nc), GT_NET_OK);
            k.f.cfg.reset_read_after = k.f.rd[fd[0]] + 10; /* 10 bytes into the echo */
            assert_int_equal(gt_net_write_all(&k.nc, (const uint8_t *)"ping", 4), GT_NET_OK);
            uint8_t buf[64];
            size_t got = 0;
            assert_int_equal(gt_net_read(&k.nc, buf, sizeof buf, &got), GT_NET_ERR_RESET);
            assert_int_equal(got, 0);
        }
        assert_int_equal(k.f.st.resets, 1);
        client_close(&k); /* the server sees the end of the stream */
        pthread_join(th, NULL);
        close(fd[1]);
        assert_true(s.rc < 0);
        assert_int_not_equal(s.rc, GT_NET_ERR_TIMEOUT);
    }
}

/* A real TCP reset: the client sends part of its ClientHello record and
 * aborts with SO_LINGER 0; the server's handshake ends with a reset (or a
 * truncation when the RST raced the data) and never opens. */
static void test_tcp_rst(void **state)
{
    (void)state;
    int port = 0, lfd = gt_net_listen_lo(0, &port);
    assert_true(lfd >= 0);
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(cfd, (struct sockaddr *)&a, sizeof a), 0);
    int sfd = -1;
    for (int i = 0; i < 200 && sfd < 0; i++) {
        char name[64];
        sfd = gt_net_accept(lfd, name, sizeof name);
        if (sfd < 0) usleep(5000);
    }
    assert_true(sfd >= 0);
    /* the first 30 bytes of a real ClientHello record */
    client k;
    gt_net_fault_cfg none = {0};
    client_open(&k, cfd, &none, 1000);
    const uint8_t *out;
    size_t n;
    assert_int_equal(gt_conn_output(k.c, &out, &n), 0);
    assert_true(n > 30);
    assert_int_equal(send(cfd, out, 30, 0), 30);
    struct linger lg = {1, 0};
    assert_int_equal(setsockopt(cfd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
    usleep(20000);
    client_close(&k); /* RST */
    side s = {.fd = sfd, .idle_ms = 3000};
    server_main(&s);
    close(sfd);
    close(lfd);
    print_message("server after RST: %s\n", gt_net_status_str(s.hs_rc));
    assert_true(s.hs_rc == GT_NET_ERR_RESET || s.hs_rc == GT_NET_ERR_TRUNCATED ||
                s.hs_rc == GT_NET_ERR_HS_CLOSED);
    faults_total++;
}

static int64_t ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A silent peer: the server's handshake times out after its idle time;
 * after a handshake, a read waiting for a silent client times out too. */
static void test_peer_silence(void **state)
{
    (void)state;
    int fd[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fd), 0);
    side s = {.fd = fd[1], .idle_ms = 300};
    int64_t t0 = ms_now();
    server_main(&s); /* nobody talks on fd[0] */
    int64_t dt = ms_now() - t0;
    assert_int_equal(s.hs_rc, GT_NET_ERR_TIMEOUT);
    assert_true(dt >= 290 && dt < 3000);
    close(fd[0]);
    close(fd[1]);

    /* open, then the client says nothing: the server's read times out */
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fd), 0);
    side s2 = {.fd = fd[1], .idle_ms = 300};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, server_main, &s2), 0);
    client k;
    gt_net_fault_cfg none = {0};
    client_open(&k, fd[0], &none, 5000);
    assert_int_equal(gt_net_handshake(&k.nc), GT_NET_OK);
    pthread_join(th, NULL);
    assert_int_equal(s2.hs_rc, GT_NET_OK);
    assert_int_equal(s2.rc, GT_NET_ERR_TIMEOUT);
    /* and the client, waiting for data that never comes, times out too */
    k.nc.idle_ms = 200;
    uint8_t buf[16];
    size_t got;
    int rc = gt_net_read(&k.nc, buf, sizeof buf, &got);
    assert_true(rc == GT_NET_ERR_TIMEOUT || rc == GT_NET_ERR_TRUNCATED);
    client_close(&k);
    close(fd[1]);
    faults_total += 3;
}

static void test_parse_spec(void **state)
{
    (void)state;
    gt_net_fault_cfg c;
    assert_int_equal(gt_net_fault_parse(&c, "short=1,eintr=3,eagain=5,reset_read=300"), 0);
    assert_int_equal(c.short_read, 1);
    assert_int_equal(c.short_write, 1);
    assert_int_equal(c.eintr_every, 3);
    assert_int_equal(c.eagain_every, 5);
    assert_int_equal(c.reset_read_after, 300);
    assert_int_equal(gt_net_fault_parse(&c, ""), 0);
    assert_int_equal(gt_net_fault_parse(&c, "bogus=1"), -1);
    assert_int_equal(gt_net_fault_parse(&c, "short="), -1);
    assert_int_equal(gt_net_fault_parse(&c, "short=1x"), -1);
    assert_int_equal(gt_net_fault_parse(&c, "=1"), -1);
    assert_int_equal(gt_net_fault_parse(&c, "short=99999999999"), -1);
}

static int report(void **state)
{
    (void)state;
    print_message("real_faults: %llu faults injected in total\n", (unsigned long long)faults_total);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_spec),   cmocka_unit_test(test_byte_at_a_time),
        cmocka_unit_test(test_eintr_eagain), cmocka_unit_test(test_reset_mid_record),
        cmocka_unit_test(test_tcp_rst),      cmocka_unit_test(test_peer_silence),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
