/* wolfSSL in the handshake benchmark (bench_hs.h): two WOLFSSL_CTX (TLS
 * 1.2 only, one cipher suite, one supported curve), the two WOLFSSL
 * objects joined by custom I/O callbacks over two memory queues.
 *
 * Work per handshake: the client verifies the chain against ca-bundle.pem
 * (WOLFSSL_VERIFY_PEER) and the name "localhost"
 * (wolfSSL_check_domain_name), and the ServerKeyExchange signature; it
 * sends SNI. EMS is on (wolfSSL's default with HAVE_EXTENDED_MASTER).
 * Full handshakes: session caches off on both sides, no tickets.
 * Resumed: a ticket (RFC 5077) from one full handshake, presented each
 * time, with the server's session cache off (stateless tickets).
 *
 * Only this file includes wolfSSL's headers (its OpenSSL-compatible names
 * must not meet OpenSSL's); the exported names here are hs_impl_wolfssl
 * and nothing else. */
#include <wolfssl/options.h> /* must come first: the build's configuration */
#ifndef __OPTIMIZE__
/* Debian's options.h defines _FORTIFY_SOURCE, which warns at -O0 */
#undef _FORTIFY_SOURCE
#endif
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/memory.h>

#include "bench_hs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_CAP 65536

struct wolf {
    WOLFSSL_CTX *ctx[2]; /* [0] client, [1] server */
    WOLFSSL *s[2];
    WOLFSSL_SESSION *sess;
    hs_queue q[2]; /* q[i]: bytes side i sent, not yet read by the other */
    int mode;
    int sniff, sh_ems; /* first handshake: look for EMS in the ServerHello */
    unsigned char buf[16384];
};

/* I/O context of one side: what it reads and where it writes. */
struct wolf_io {
    hs_queue *rd, *wr;
};
static struct wolf_io io[2];

static int initialised;

static void *count_malloc(size_t n)
{
    return hs_heap_malloc(n);
}

static void *count_realloc(void *p, size_t n)
{
    return hs_heap_realloc(p, n);
}

static void install_allocator(void)
{
    if (wolfSSL_SetAllocators(count_malloc, hs_heap_free, count_realloc))
        fprintf(stderr, "gt-bench: wolfssl: allocator hook refused\n");
}

static int io_recv(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    (void)ssl;
    struct wolf_io *x = ctx;
    size_t n = hs_queue_get(x->rd, (uint8_t *)buf, (size_t)sz);
    return n ? (int)n : WOLFSSL_CBIO_ERR_WANT_READ;
}

static int io_send(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    (void)ssl;
    struct wolf_io *x = ctx;
    size_t n = hs_queue_put(x->wr, (const uint8_t *)buf, (size_t)sz);
    return n ? (int)n : WOLFSSL_CBIO_ERR_WANT_WRITE;
}

static WOLFSSL_CTX *new_ctx(const hs_suite *s, int server, int mode)
{
    WOLFSSL_CTX *c =
        wolfSSL_CTX_new(server ? wolfTLSv1_2_server_method() : wolfTLSv1_2_client_method());
    char name[128];
    int ok = c && wolfSSL_CTX_set_cipher_list(c, s->cipher_name) == WOLFSSL_SUCCESS &&
             wolfSSL_CTX_UseSupportedCurve(c, s->group) == WOLFSSL_SUCCESS;
    if (ok && server) {
        snprintf(name, sizeof name, "%s.chain.pem", s->leaf);
        ok = wolfSSL_CTX_use_certificate_chain_file(c, hs_pki(name)) == WOLFSSL_SUCCESS;
        snprintf(name, sizeof name, "%s.key", s->leaf);
        ok = ok && wolfSSL_CTX_use_PrivateKey_file(c, hs_pki(name), WOLFSSL_FILETYPE_PEM) ==
                       WOLFSSL_SUCCESS;
        if (ok && mode == HS_FULL) ok = wolfSSL_CTX_NoTicketTLSv12(c) == WOLFSSL_SUCCESS;
    } else if (ok) {
        ok = wolfSSL_CTX_load_verify_locations(c, hs_pki("ca-bundle.pem"), NULL) == WOLFSSL_SUCCESS;
        wolfSSL_CTX_set_verify(c, WOLFSSL_VERIFY_PEER, NULL);
    }
    if (ok) {
        wolfSSL_CTX_set_session_cache_mode(c, WOLFSSL_SESS_CACHE_OFF);
        wolfSSL_CTX_SetIORecv(c, io_recv);
        wolfSSL_CTX_SetIOSend(c, io_send);
    }
    if (!ok) {
        fprintf(stderr, "gt-bench: wolfssl: cannot configure %s\n", s->label);
        wolfSSL_CTX_free(c);
        return NULL;
    }
    return c;
}

static void close_pair(void *ctx)
{
    struct wolf *w = ctx;
    for (int i = 0; i < 2; i++) {
        hs_side = HS_SIDE_CLIENT + i;
        wolfSSL_free(w->s[i]);
        w->s[i] = NULL;
        w->q[i].r = w->q[i].w = 0;
    }
    hs_side = HS_SIDE_NONE;
}

static void teardown(void *ctx)
{
    struct wolf *w = ctx;
    if (!w) return;
    close_pair(w);
    wolfSSL_SESSION_free(w->sess);
    wolfSSL_CTX_free(w->ctx[0]);
    wolfSSL_CTX_free(w->ctx[1]);
    hs_queue_free(&w->q[0]);
    hs_queue_free(&w->q[1]);
    free(w);
}

/* 1 while the handshake wants more, 0 when done, -1 on failure. */
static int hs_step(WOLFSSL *s, int server)
{
    int r = server ? wolfSSL_accept(s) : wolfSSL_connect(s);
    if (r == WOLFSSL_SUCCESS) return 0;
    int e = wolfSSL_get_error(s, r);
    return e == WOLFSSL_ERROR_WANT_READ || e == WOLFSSL_ERROR_WANT_WRITE ? 1 : -1;
}

static int new_pair(struct wolf *w)
{
    for (int i = 0; i < 2; i++) {
        hs_side = HS_SIDE_CLIENT + i;
        w->s[i] = wolfSSL_new(w->ctx[i]);
        if (!w->s[i]) return -1;
        io[i] = (struct wolf_io){&w->q[1 - i], &w->q[i]};
        wolfSSL_SetIOReadCtx(w->s[i], &io[i]);
        wolfSSL_SetIOWriteCtx(w->s[i], &io[i]);
    }
    hs_side = HS_SIDE_CLIENT;
    WOLFSSL *c = w->s[0];
    int ok = wolfSSL_UseSNI(c, WOLFSSL_SNI_HOST_NAME, "localhost", 9) == WOLFSSL_SUCCESS &&
             wolfSSL_check_domain_name(c, "localhost") == WOLFSSL_SUCCESS;
    if (ok && w->mode == HS_RESUMED) ok = wolfSSL_UseSessionTicket(c) == WOLFSSL_SUCCESS;
    if (ok && w->sess) ok = wolfSSL_set_session(c, w->sess) == WOLFSSL_SUCCESS;
    hs_side = HS_SIDE_NONE;
    return ok ? 0 : -1;
}

/* RFC 7627 §5.1: extended_master_secret (23) among the ServerHello's
 * extensions. p: the server's first record (a ServerHello leads it). */
static int hello_has_ems(const uint8_t *p, size_t n)
{
    /* record header 5, handshake header 4, version 2, random 32 */
    size_t at = 5 + 4 + 2 + 32;
    if (n < at + 1 || p[5] != 2) return 0;
    at += 1 + p[at] + 2 + 1; /* session id, suite, compression */
    if (n < at + 2) return 0;
    size_t end = at + 2 + ((size_t)p[at] << 8 | p[at + 1]);
    for (at += 2; at + 4 <= end && end <= n; at += 4 + ((size_t)p[at + 2] << 8 | p[at + 3]))
        if (p[at] == 0 && p[at + 1] == 23) return 1;
    return 0;
}

/* The pair negotiated what the benchmark says it measures. */
static int negotiated(struct wolf *w, const hs_suite *s)
{
    const char *curve = wolfSSL_get_curve_name(w->s[0]);
    const char *want = s->group == 29 ? "X25519" : "SECP256R1";
    return wolfSSL_version(w->s[0]) == TLS1_2_VERSION &&
           wolfSSL_get_current_cipher_suite(w->s[0]) == s->suite && curve && !strcmp(curve, want) &&
           w->sh_ems;
}

static int open_pair(void *ctx)
{
    struct wolf *w = ctx;
    close_pair(w);
    if (new_pair(w)) return -1;
    int st[2] = {1, 1};
    for (int round = 0; round < 64 && (st[0] > 0 || st[1] > 0); round++) {
        for (int i = 0; i < 2; i++) {
            hs_side = HS_SIDE_CLIENT + i;
            if (st[i] > 0) st[i] = hs_step(w->s[i], i);
            if (i == 1 && w->sniff && round == 0)
                w->sh_ems = hello_has_ems(w->q[1].buf + w->q[1].r, w->q[1].w - w->q[1].r);
        }
        if (st[0] < 0 || st[1] < 0) break;
    }
    hs_side = HS_SIDE_NONE;
    if (st[0] || st[1]) return -1;
    return w->sess && !wolfSSL_session_reused(w->s[0]) ? -1 : 0;
}

static int handshake(void *ctx)
{
    int err = open_pair(ctx);
    close_pair(ctx);
    return err;
}

static void *setup(const hs_suite *s, int mode)
{
    if (!initialised && wolfSSL_Init() != WOLFSSL_SUCCESS) return NULL;
    initialised = 1;
    struct wolf *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->mode = mode;
    int ok = hs_queue_init(&w->q[0], QUEUE_CAP) == 0 && hs_queue_init(&w->q[1], QUEUE_CAP) == 0;
    w->ctx[0] = ok ? new_ctx(s, 0, mode) : NULL;
    w->ctx[1] = w->ctx[0] ? new_ctx(s, 1, mode) : NULL;
    ok = w->ctx[1] != NULL;
    /* one full handshake: negotiated as asked? (and the ticket, if wanted) */
    w->sniff = 1;
    ok = ok && open_pair(w) == 0 && negotiated(w, s);
    w->sniff = 0;
    if (ok && mode == HS_RESUMED)
        ok = (w->sess = wolfSSL_get1_session(w->s[0])) != NULL &&
             wolfSSL_SESSION_has_ticket(w->sess);
    close_pair(w);
    if (!ok) {
        fprintf(stderr, "gt-bench: wolfssl: %s: first handshake failed or not as asked\n",
                s->label);
        teardown(w);
        return NULL;
    }
    return w;
}

static int transfer(void *ctx, size_t n, int from_server)
{
    struct wolf *w = ctx;
    static const unsigned char data[16384];
    int wr = from_server ? 1 : 0;
    size_t sent = 0, got = 0;
    while (got < n) {
        if (sent < n) {
            int k = (int)(n - sent < sizeof data ? n - sent : sizeof data);
            hs_side = HS_SIDE_CLIENT + wr;
            int r = wolfSSL_write(w->s[wr], data, k);
            if (r <= 0) return -1;
            sent += (size_t)r;
        }
        hs_side = HS_SIDE_CLIENT + 1 - wr;
        int r, progress = 0;
        while ((r = wolfSSL_read(w->s[1 - wr], w->buf, sizeof w->buf)) > 0) {
            got += (size_t)r;
            progress = 1;
        }
        hs_side = HS_SIDE_NONE;
        if (wolfSSL_get_error(w->s[1 - wr], r) != WOLFSSL_ERROR_WANT_READ) return -1;
        if (!progress && sent == n && got < n) return -1;
    }
    return 0;
}

const hs_impl hs_impl_wolfssl = {"wolfssl", setup,      handshake, open_pair,
                                 transfer,  close_pair, teardown,  install_allocator};
