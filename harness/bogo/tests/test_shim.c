/* gt-bogo-shim against a stand-in for BoringSSL's runner: this test listens
 * on 127.0.0.1, starts the shim with -port/-shim-id like runner.go does,
 * checks the 8-byte little-endian shim id, then plays the TLS peer with
 * the IUT (through harness/net) and checks what the runner checks: the
 * XOR-0xff echo, "hello" for -shim-writes-first, exported keying material
 * equal to its own, close_notify handling, exit status 0 / 1 (with the
 * reason on stderr, nothing on success) / 89 for what is not implemented,
 * and "No" for -is-handshaker-supported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gt/gt.h"
#include "gt_net.h"

#define PKI GT_SOURCE_DIR "/vectors/pki/"

typedef struct {
    pid_t pid;
    int lfd, fd;  /* listener, accepted connection */
    int out, err; /* the shim's stdout and stderr (read ends) */
    uint64_t id;
    char out_text[4096], err_text[4096];
} shim;

static void start(shim *s, uint64_t id, const char *const *args)
{
    char port[16], ids[32];
    const char *argv[64];
    int po[2], pe[2], p = 0, n = 0;
    memset(s, 0, sizeof *s);
    s->id = id;
    s->fd = -1;
    s->lfd = gt_net_listen_lo(0, &p);
    assert_true(s->lfd >= 0);
    snprintf(port, sizeof port, "%d", p);
    snprintf(ids, sizeof ids, "%llu", (unsigned long long)id);
    argv[n++] = GT_BOGO_SHIM;
    argv[n++] = "-port";
    argv[n++] = port;
    argv[n++] = "-shim-id";
    argv[n++] = ids;
    for (; args && *args && n < 63; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    assert_int_equal(pipe(po), 0);
    assert_int_equal(pipe(pe), 0);
    s->pid = fork();
    assert_true(s->pid >= 0);
    if (s->pid == 0) {
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]);
        close(pe[0]);
        execv(GT_BOGO_SHIM, (char *const *)argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    s->out = po[0];
    s->err = pe[0];
}

static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    for (;;) {
        ssize_t k = read(fd, buf + n, cap - 1 - n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0 || n + (size_t)k >= cap - 1) {
            if (k > 0) n += (size_t)k;
            break;
        }
        n += (size_t)k;
    }
    buf[n] = '\0';
    close(fd);
}

/* Waits for the shim (bounded) and returns its exit status. */
static int finish(shim *s)
{
    int st = 0;
    /* The shim drains its socket until we close (as the runner does). */
    if (s->fd >= 0) shutdown(s->fd, SHUT_WR);
    for (int i = 0; i < 300; i++) {
        pid_t r = waitpid(s->pid, &st, WNOHANG);
        if (r == s->pid) break;
        if (i == 299) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &st, 0);
            fail_msg("shim did not exit");
        }
        usleep(50 * 1000);
    }
    if (s->fd >= 0) close(s->fd);
    close(s->lfd);
    slurp(s->out, s->out_text, sizeof s->out_text);
    slurp(s->err, s->err_text, sizeof s->err_text);
    if (s->err_text[0]) print_message("shim stderr: %s", s->err_text);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Accepts the shim's connection and checks the id (runner.go reads it
 * before anything else; shim_dispatcher.go). */
static void accept_shim(shim *s)
{
    struct pollfd pf = {.fd = s->lfd, .events = POLLIN};
    char name[64];
    uint8_t id[8];
    assert_int_equal(poll(&pf, 1, 10000), 1);
    s->fd = gt_net_accept(s->lfd, name, sizeof name);
    assert_true(s->fd >= 0);
    for (size_t got = 0; got < sizeof id;) {
        struct pollfd q = {.fd = s->fd, .events = POLLIN};
        assert_int_equal(poll(&q, 1, 10000), 1);
        ssize_t k = recv(s->fd, id + got, sizeof id - got, 0);
        assert_true(k > 0);
        got += (size_t)k;
    }
    for (int i = 0; i < 8; i++)
        assert_int_equal(id[i], (uint8_t)(s->id >> (8 * i)));
}

static gt_config *peer_config(gt_role role, const char *leaf)
{
    char cert[512], key[512];
    gt_config *cfg = gt_config_new(NULL);
    assert_non_null(cfg);
    if (role == GT_ROLE_SERVER) {
        snprintf(cert, sizeof cert, PKI "%s.chain.pem", leaf);
        snprintf(key, sizeof key, PKI "%s.key", leaf);
        FILE *fc = fopen(cert, "rb"), *fk = fopen(key, "rb");
        static uint8_t cb[65536], kb[65536];
        assert_non_null(fc);
        assert_non_null(fk);
        size_t cn = fread(cb, 1, sizeof cb, fc), kn = fread(kb, 1, sizeof kb, fk);
        fclose(fc);
        fclose(fk);
        assert_int_equal(gt_config_add_chain(cfg, cb, cn, kb, kn), 0);
    } else {
        assert_int_equal(gt_config_set_option(cfg, GT_OPT_VERIFY_PEER, 0), 0);
    }
    return cfg;
}

typedef struct {
    gt_config *cfg;
    gt_conn *c;
    gt_net_conn nc;
} peer;

/* An unclean runner: once its engine has seen close_notify, what it would
 * send (its own close_notify) is dropped on the floor. */
static ssize_t mute_read(void *ctx, int fd, uint8_t *buf, size_t cap)
{
    (void)ctx;
    return recv(fd, buf, cap, 0);
}

static ssize_t mute_write(void *ctx, int fd, const uint8_t *buf, size_t n)
{
    if (gt_conn_state(*(gt_conn **)ctx) == GT_STATE_CLOSED) return (ssize_t)n;
    return send(fd, buf, n, MSG_NOSIGNAL);
}

static int peer_start_io(peer *p, shim *s, gt_role role, gt_config *cfg, const gt_net_io *io)
{
    p->cfg = cfg;
    p->c = gt_conn_new(cfg, role, NULL);
    assert_non_null(p->c);
    gt_net_conn_init(&p->nc, s->fd, p->c, io);
    p->nc.idle_ms = 10000;
    return gt_net_handshake(&p->nc);
}

static int peer_start(peer *p, shim *s, gt_role role, gt_config *cfg)
{
    p->cfg = cfg;
    p->c = gt_conn_new(cfg, role, NULL);
    assert_non_null(p->c);
    gt_net_conn_init(&p->nc, s->fd, p->c, NULL);
    p->nc.idle_ms = 10000;
    return gt_net_handshake(&p->nc);
}

static void peer_free(peer *p)
{
    gt_conn_free(p->c);
    gt_config_free(p->cfg);
}

static void read_exact(peer *p, uint8_t *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        size_t k = 0;
        assert_int_equal(gt_net_read(&p->nc, buf + got, n - got, &k), GT_NET_OK);
        got += k;
    }
}

/* The runner's default exchange: a message, its XOR-0xff echo. */
static void echo_round(peer *p, size_t n)
{
    uint8_t *msg = malloc(n), *back = malloc(n);
    for (size_t i = 0; i < n; i++)
        msg[i] = (uint8_t)(0x42 ^ i);
    assert_int_equal(gt_net_write_all(&p->nc, msg, n), GT_NET_OK);
    read_exact(p, back, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(back[i], msg[i] ^ 0xff);
    free(msg);
    free(back);
}

static const char *server_args[] = {"-server", "-key-file", PKI "server-p256.key", "-cert-file",
                                    PKI "server-p256.chain.pem"};

static void test_server_echo(void **state)
{
    (void)state;
    const char *args[] = {server_args[0], server_args[1],        server_args[2],
                          server_args[3], server_args[4],        "-expect-version",
                          "771",          "-check-close-notify", NULL};
    shim s;
    peer p;
    start(&s, 0x0102030405060708ull, args);
    accept_shim(&s);
    assert_int_equal(peer_start(&p, &s, GT_ROLE_CLIENT, peer_config(GT_ROLE_CLIENT, NULL)), 0);
    echo_round(&p, 100);
    echo_round(&p, 1);
    assert_int_equal(gt_net_close_notify(&p.nc), GT_NET_OK);
    /* -check-close-notify: the shim answers with its own */
    uint8_t b;
    size_t k = 0;
    assert_int_equal(gt_net_read(&p.nc, &b, 1, &k), GT_NET_CLOSED);
    peer_free(&p);
    assert_int_equal(finish(&s), 0);
    assert_string_equal(s.err_text, "");
    assert_string_equal(s.out_text, "");
}

/* -async: the shim moves one byte per socket call; a multi-record echo. */
static void test_server_async(void **state)
{
    (void)state;
    const char *args[] = {server_args[0],
                          server_args[1],
                          server_args[2],
                          server_args[3],
                          server_args[4],
                          "-async",
                          NULL};
    shim s;
    peer p;
    start(&s, 7, args);
    accept_shim(&s);
    assert_int_equal(peer_start(&p, &s, GT_ROLE_CLIENT, peer_config(GT_ROLE_CLIENT, NULL)), 0);
    echo_round(&p, 20000);
    assert_int_equal(gt_net_close_notify(&p.nc), GT_NET_OK);
    peer_free(&p);
    assert_int_equal(finish(&s), 0);
    assert_string_equal(s.err_text, "");
}

static void test_client_expectations(void **state)
{
    (void)state;
    const char *args[] = {"-expect-cipher",
                          "49195",
                          "-expect-curve-id",
                          "29",
                          "-advertise-alpn",
                          "\x02h2",
                          "-expect-alpn",
                          "h2",
                          "-shim-writes-first",
                          "-expect-peer-signature-algorithm",
                          "1027",
                          NULL};
    const char *alpn[] = {"h2"};
    uint16_t suite = 0xC02B;
    uint8_t hello[5];
    shim s;
    peer p;
    gt_config *cfg = peer_config(GT_ROLE_SERVER, "server-p256");
    assert_int_equal(gt_config_set_alpn(cfg, alpn, 1), 0);
    assert_int_equal(gt_config_set_suites(cfg, &suite, 1), 0);
    start(&s, 42, args);
    accept_shim(&s);
    assert_int_equal(peer_start(&p, &s, GT_ROLE_SERVER, cfg), 0);
    size_t k = 0;
    int rc = gt_net_read(&p.nc, hello, sizeof hello, &k);
    if (rc != GT_NET_OK) print_message("peer %d, shim exit %d\n", rc, finish(&s));
    assert_int_equal(rc, GT_NET_OK);
    if (k < sizeof hello) read_exact(&p, hello + k, sizeof hello - k);
    assert_memory_equal(hello, "hello", 5);
    echo_round(&p, 32);
    assert_int_equal(gt_net_close_notify(&p.nc), GT_NET_OK);
    peer_free(&p);
    assert_int_equal(finish(&s), 0);
    assert_string_equal(s.err_text, "");
}

/* The exporter (RFC 5705) must agree with the IUT on the other side. */
static void test_export(void **state)
{
    (void)state;
    const char *args[] = {server_args[0],
                          server_args[1],
                          server_args[2],
                          server_args[3],
                          server_args[4],
                          "-export-keying-material",
                          "77",
                          "-export-label",
                          "EXPERIMENTAL bogo",
                          "-export-context",
                          "ctx",
                          "-use-export-context",
                          NULL};
    uint8_t got[77], want[77];
    shim s;
    peer p;
    start(&s, 9, args);
    accept_shim(&s);
    assert_int_equal(peer_start(&p, &s, GT_ROLE_CLIENT, peer_config(GT_ROLE_CLIENT, NULL)), 0);
    read_exact(&p, got, sizeof got);
    assert_int_equal(gt_conn_export_keying_material(p.c, want, sizeof want, "EXPERIMENTAL bogo",
                                                    (const uint8_t *)"ctx", 3, 1),
                     0);
    assert_memory_equal(got, want, sizeof got);
    echo_round(&p, 5);
    assert_int_equal(gt_net_close_notify(&p.nc), GT_NET_OK);
    peer_free(&p);
    assert_int_equal(finish(&s), 0);
}

/* A failed expectation: exit 1 and the reason, in BoringSSL's words. */
static void test_expectation_fails(void **state)
{
    (void)state;
    const char *args[] = {"-expect-cipher", "49196", NULL};
    uint16_t suite = 0xC02B;
    shim s;
    peer p;
    gt_config *cfg = peer_config(GT_ROLE_SERVER, "server-p256");
    assert_int_equal(gt_config_set_suites(cfg, &suite, 1), 0);
    start(&s, 10, args);
    accept_shim(&s);
    (void)peer_start(&p, &s, GT_ROLE_SERVER, cfg);
    peer_free(&p);
    assert_int_equal(finish(&s), 1);
    assert_non_null(strstr(s.err_text, "Cipher ID was c02b, wanted c02c"));
}

/* A TLS failure: the peer's alert as BoringSSL names it. */
static void test_alert_reason(void **state)
{
    (void)state;
    const char *args[] = {"-curves", "23", NULL};
    uint16_t group = 29;
    shim s;
    peer p;
    gt_config *cfg = peer_config(GT_ROLE_SERVER, "server-p256");
    assert_int_equal(gt_config_set_groups(cfg, &group, 1), 0);
    start(&s, 11, args);
    accept_shim(&s);
    assert_int_equal(peer_start(&p, &s, GT_ROLE_SERVER, cfg), GT_NET_ERR_TLS);
    peer_free(&p);
    assert_int_equal(finish(&s), 1);
    assert_non_null(strstr(s.err_text, ":SSLV3_ALERT_HANDSHAKE_FAILURE:"));
}

/* -shim-shuts-down -check-close-notify: the shim closes first and needs
 * the runner's close_notify; a bare end of stream is a failure. */
static void test_shim_shuts_down(void **state)
{
    (void)state;
    const char *args[] = {server_args[0], server_args[1],     server_args[2],        server_args[3],
                          server_args[4], "-shim-shuts-down", "-check-close-notify", NULL};
    for (int clean = 1; clean >= 0; clean--) {
        shim s;
        peer p;
        uint8_t b;
        size_t k = 0;
        gt_net_io mute = {mute_read, mute_write, &p.c};
        start(&s, 12, args);
        accept_shim(&s);
        assert_int_equal(peer_start_io(&p, &s, GT_ROLE_CLIENT, peer_config(GT_ROLE_CLIENT, NULL),
                                       clean ? NULL : &mute),
                         0);
        /* The shim's close_notify (maybe already read with its Finished). */
        int r = gt_net_read(&p.nc, &b, 1, &k);
        assert_true(r == GT_NET_CLOSED || r == GT_NET_ERR_TRUNCATED || r == GT_NET_ERR_RESET);
        shutdown(s.fd, SHUT_RDWR);
        peer_free(&p);
        assert_int_equal(finish(&s), clean ? 0 : 1);
        if (!clean) assert_non_null(strstr(s.err_text, "Unexpected SSL_shutdown result"));
    }
}

static int run_only(const char *const *args, char *out, size_t cap)
{
    shim s;
    start(&s, 1, args);
    int rc = finish(&s);
    snprintf(out, cap, "%s", s.out_text);
    return rc;
}

static void test_unimplemented(void **state)
{
    (void)state;
    char out[4096];
    const char *unknown[] = {"-server", "-frobnicate", NULL};
    const char *tls11[] = {"-max-version", "770", NULL};
    const char *tls13[] = {"-min-version", "772", NULL};
    const char *dtls[] = {"-max-version", "65277", NULL};
    /* resumption and client certificates run now; what stays out: a
     * server resuming with other -on-resume- settings (one config holds
     * its cache), the client CertificateVerify's algorithm (not reported),
     * separate signing and verifying lists (the engine has one) */
    const char *resume[] = {"-server", "-resume-count", "1", "-on-resume-curves", "29", NULL};
    const char *reneg[] = {"-renegotiate-freely", NULL};
    const char *client_auth[] = {server_args[0],
                                 server_args[1],
                                 server_args[2],
                                 server_args[3],
                                 server_args[4],
                                 "-require-any-client-certificate",
                                 "-expect-peer-signature-algorithm",
                                 "1027",
                                 NULL};
    const char *two_lists[] = {"-signing-prefs", "1027", "-verify-prefs", "1283", NULL};
    const char *bad_int[] = {"-max-version", "0x303", NULL};
    assert_int_equal(run_only(unknown, out, sizeof out), 89);
    assert_int_equal(run_only(tls11, out, sizeof out), 89);
    assert_int_equal(run_only(tls13, out, sizeof out), 89);
    assert_int_equal(run_only(dtls, out, sizeof out), 89);
    assert_int_equal(run_only(resume, out, sizeof out), 89);
    assert_int_equal(run_only(reneg, out, sizeof out), 89);
    assert_int_equal(run_only(client_auth, out, sizeof out), 89);
    assert_int_equal(run_only(two_lists, out, sizeof out), 89);
    assert_int_equal(run_only(bad_int, out, sizeof out), 1);
    const char *hs[] = {"-is-handshaker-supported", NULL};
    assert_int_equal(run_only(hs, out, sizeof out), 0);
    assert_string_equal(out, "No\n");
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_echo),         cmocka_unit_test(test_server_async),
        cmocka_unit_test(test_client_expectations), cmocka_unit_test(test_export),
        cmocka_unit_test(test_expectation_fails),   cmocka_unit_test(test_alert_reason),
        cmocka_unit_test(test_shim_shuts_down),     cmocka_unit_test(test_unimplemented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
