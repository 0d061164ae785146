/* Soak scenarios with the IUT client (gt_conn over harness/net) and the
 * raw-socket faults: aborted handshakes, garbage, slow loris. */
#include "soak.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "gt/gt.h"
#include "gt_net.h"
#include "tools.h"

enum { CHUNK = 16384, LARGE = 1 << 20, SMALL = 1000, TIMEOUT_MS = 10000 };

int soak_connect(const soak_target *t, int timeout_ms)
{
    char err[256];
    int fd = gt_net_connect(t->host, t->port, timeout_ms, err, sizeof err);
    if (fd < 0) return -1;
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

/* A client config per thread: the default RNG (a DRBG) lives in the config
 * and is not meant to be shared between threads. */
static __thread gt_config *thread_cfg;

void soak_iut_thread_done(void)
{
    gt_config_free(thread_cfg);
    thread_cfg = NULL;
}

static gt_config *client_config(const soak_target *t)
{
    if (thread_cfg) return thread_cfg;
    char path[512], err[256];
    gt_config *c = gt_config_new(NULL);
    snprintf(path, sizeof path, "%s/ca-bundle.pem", t->pki);
    if (c && gt_tool_add_trust(c, path, err, sizeof err) != 0) {
        fprintf(stderr, "gt-soak: %s\n", err);
        gt_config_free(c);
        c = NULL;
    }
    return thread_cfg = c;
}

size_t soak_client_hello(const soak_target *t, uint8_t *out, size_t cap)
{
    gt_config *cfg = client_config(t);
    gt_conn *c = cfg ? gt_conn_new(cfg, GT_ROLE_CLIENT, "localhost") : NULL;
    const uint8_t *p;
    size_t n = 0;
    if (c && gt_conn_output(c, &p, &n) == 0 && n <= cap) memcpy(out, p, n);
    if (n > cap) n = 0;
    gt_conn_free(c);
    return n;
}

/* Echo of len bytes in CHUNK rounds (the server answers each round before
 * the next, so neither side blocks on a full socket). */
static int echo(gt_net_conn *nc, size_t len, soak_stats *st, enum soak_scn s)
{
    static __thread uint8_t out[CHUNK], back[CHUNK];
    for (size_t off = 0; off < len; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK, have = 0;
        for (size_t i = 0; i < n; i++)
            out[i] = (uint8_t)(off + i * 7);
        int rc = gt_net_write_all(nc, out, n);
        while (rc == GT_NET_OK && have < n) {
            size_t got = 0;
            rc = gt_net_read(nc, back + have, n - have, &got);
            have += got;
        }
        if (rc != GT_NET_OK) {
            char why[512];
            gt_tool_describe(why, sizeof why, rc, nc);
            soak_fail(st, s, why);
            return -1;
        }
        if (memcmp(out, back, n) != 0) {
            soak_fail(st, s, "echoed data differs");
            return -1;
        }
        st->bytes += n;
    }
    return 0;
}

int soak_iut(const soak_target *t, soak_stats *st, int large)
{
    enum soak_scn s = large ? SCN_IUT_LARGE : SCN_IUT_FULL;
    gt_config *cfg = client_config(t);
    int fd = cfg ? soak_connect(t, TIMEOUT_MS) : -1;
    if (fd < 0) {
        soak_fail(st, s, "connect");
        return -1;
    }
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_CLIENT, "localhost");
    gt_net_conn nc;
    gt_net_conn_init(&nc, fd, c, NULL);
    nc.idle_ms = TIMEOUT_MS;
    int rc = gt_net_handshake(&nc), ret = -1;
    if (rc != GT_NET_OK) {
        char why[512];
        gt_tool_describe(why, sizeof why, rc, &nc);
        soak_fail(st, s, why);
    } else {
        st->handshakes++;
        if (echo(&nc, large ? LARGE : SMALL, st, s) == 0) {
            uint8_t b[16];
            size_t got = 0;
            rc = gt_net_close_notify(&nc);
            if (rc == GT_NET_OK) rc = gt_net_read(&nc, b, sizeof b, &got);
            if (rc == GT_NET_CLOSED)
                ret = 0;
            else
                soak_fail(st, s, "no close_notify from the server");
        }
    }
    gt_conn_free(c);
    close(fd);
    return ret;
}

/* Waits until the server ends the connection: 0 when it did (EOF or reset)
 * within ms, -1 if it kept it open. Whatever it sends first (an alert) is
 * read and dropped. */
static int wait_server_close(int fd, int ms)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long left = ms - ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
        if (left <= 0) return -1;
        struct pollfd pf = {fd, POLLIN, 0};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        uint8_t buf[512];
        ssize_t k = recv(fd, buf, sizeof buf, 0);
        if (k == 0 || (k < 0 && errno == ECONNRESET)) return 0;
        if (k < 0 && errno != EINTR && errno != EAGAIN) return 0;
    }
}

int soak_abort(const soak_target *t, soak_stats *st)
{
    uint8_t ch[2048];
    size_t n = soak_client_hello(t, ch, sizeof ch);
    int fd = n ? soak_connect(t, TIMEOUT_MS) : -1;
    if (fd < 0) {
        soak_fail(st, SCN_ABORT, "connect");
        return -1;
    }
    int ok = send(fd, ch, n / 2, MSG_NOSIGNAL) == (ssize_t)(n / 2);
    close(fd); /* the abort itself: the server must just forget it */
    if (!ok) soak_fail(st, SCN_ABORT, "send");
    return ok ? 0 : -1;
}

int soak_garbage(const soak_target *t, soak_stats *st)
{
    uint8_t junk[300];
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&junk;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)rand_r(&seed);
    junk[0] = (uint8_t)(junk[0] | 0x80); /* no valid content type */
    int fd = soak_connect(t, TIMEOUT_MS);
    if (fd < 0) {
        soak_fail(st, SCN_GARBAGE, "connect");
        return -1;
    }
    int ret = 0;
    if (send(fd, junk, sizeof junk, MSG_NOSIGNAL) < 0) {
        ret = -1;
        soak_fail(st, SCN_GARBAGE, "send");
    } else if (wait_server_close(fd, 5000) != 0) {
        ret = -1;
        soak_fail(st, SCN_GARBAGE, "server kept a garbage connection open");
    }
    close(fd);
    return ret;
}

/* One byte of a real ClientHello every byte_ms: never idle, never done. The
 * server must end it by its handshake deadline (its idle timeout), long
 * before the ClientHello would be complete. */
int soak_slowloris(const soak_target *t, soak_stats *st, int byte_ms)
{
    uint8_t ch[2048];
    size_t n = soak_client_hello(t, ch, sizeof ch);
    int fd = n ? soak_connect(t, TIMEOUT_MS) : -1;
    if (fd < 0) {
        soak_fail(st, SCN_SLOWLORIS, "connect");
        return -1;
    }
    int limit_ms = t->idle_s * 1000 + 2000, spent = 0, ret = -1;
    for (size_t i = 0; i < n && spent <= limit_ms; i++) {
        if (send(fd, ch + i, 1, MSG_NOSIGNAL) != 1 || wait_server_close(fd, byte_ms) == 0) {
            ret = 0; /* dropped by the server */
            break;
        }
        spent += byte_ms;
    }
    if (ret != 0)
        soak_fail(st, SCN_SLOWLORIS,
                  spent > limit_ms ? "slow loris not dropped in time"
                                   : "slow loris ClientHello completed");
    close(fd);
    return ret;
}
