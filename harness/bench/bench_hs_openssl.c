/* OpenSSL's libssl in the handshake benchmark (bench_hs.h): two SSL_CTX
 * (TLS 1.2 only, one cipher suite, one group), the two SSL objects joined
 * by a BIO pair (in-memory, 64 KiB each way, so a whole 2^14 record or
 * flight always fits).
 *
 * Work per handshake: the client verifies the chain against ca-bundle.pem
 * (SSL_VERIFY_PEER) and the name "localhost" (SSL_set1_host), and the
 * ServerKeyExchange signature; it sends SNI. EMS is on by default in
 * OpenSSL 3. Full handshakes: no session cache, no tickets. Resumed: a
 * ticket (RFC 5077) from one full handshake, presented each time; the
 * server keeps no session cache (stateless tickets) and does not renew. */
#include "bench_hs.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>

#define PAIR_BUF 65536

struct ossl {
    SSL_CTX *ctx[2]; /* [0] client, [1] server */
    SSL *s[2];       /* the current pair */
    SSL_SESSION *sess;
    int mode;
    unsigned char buf[16384];
};

static void *count_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return hs_heap_malloc(n);
}

static void *count_realloc(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return hs_heap_realloc(p, n);
}

static void count_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    hs_heap_free(p);
}

static void install_allocator(void)
{
    if (!CRYPTO_set_mem_functions(count_malloc, count_realloc, count_free))
        fprintf(stderr, "gt-bench: openssl: allocator hook refused (too late)\n");
}

static SSL_CTX *new_ctx(const hs_suite *s, int server, int mode)
{
    SSL_CTX *c = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    char name[128];
    int ok = c && SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION) &&
             SSL_CTX_set_max_proto_version(c, TLS1_2_VERSION) &&
             SSL_CTX_set_cipher_list(c, s->cipher_name) &&
             SSL_CTX_set1_groups_list(c, s->group_name);
    if (ok && server) {
        snprintf(name, sizeof name, "%s.chain.pem", s->leaf);
        ok = SSL_CTX_use_certificate_chain_file(c, hs_pki(name)) == 1;
        snprintf(name, sizeof name, "%s.key", s->leaf);
        ok = ok && SSL_CTX_use_PrivateKey_file(c, hs_pki(name), SSL_FILETYPE_PEM) == 1 &&
             SSL_CTX_check_private_key(c) == 1;
        /* stateless: resumption only by ticket */
        SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
    } else if (ok) {
        ok = SSL_CTX_load_verify_locations(c, hs_pki("ca-bundle.pem"), NULL) == 1;
        SSL_CTX_set_verify(c, SSL_VERIFY_PEER, NULL);
    }
    if (ok && mode == HS_FULL) SSL_CTX_set_options(c, SSL_OP_NO_TICKET);
    if (!ok) {
        fprintf(stderr, "gt-bench: openssl: cannot configure %s\n", s->label);
        ERR_print_errors_fp(stderr);
        SSL_CTX_free(c);
        return NULL;
    }
    return c;
}

static void close_pair(void *ctx)
{
    struct ossl *o = ctx;
    for (int i = 0; i < 2; i++) {
        hs_side = HS_SIDE_CLIENT + i;
        /* a connection freed before shutdown marks its session not
         * resumable (ssl_clear_bad_session); say it ended cleanly, as an
         * application would with close_notify, minus the alert's cost */
        if (o->s[i]) SSL_set_shutdown(o->s[i], SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        SSL_free(o->s[i]);
        o->s[i] = NULL;
    }
    hs_side = HS_SIDE_NONE;
}

static void teardown(void *ctx)
{
    struct ossl *o = ctx;
    if (!o) return;
    close_pair(o);
    SSL_SESSION_free(o->sess);
    SSL_CTX_free(o->ctx[0]);
    SSL_CTX_free(o->ctx[1]);
    free(o);
}

/* 1 while the handshake wants more, 0 when done, -1 on failure. */
static int hs_step(SSL *s)
{
    int r = SSL_do_handshake(s);
    if (r == 1) return 0;
    int e = SSL_get_error(s, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE ? 1 : -1;
}

static int open_pair(void *ctx)
{
    struct ossl *o = ctx;
    BIO *b[2];
    close_pair(o);
    if (!BIO_new_bio_pair(&b[0], PAIR_BUF, &b[1], PAIR_BUF)) return -1;
    for (int i = 0; i < 2; i++) {
        hs_side = HS_SIDE_CLIENT + i;
        o->s[i] = SSL_new(o->ctx[i]);
        if (o->s[i]) SSL_set_bio(o->s[i], b[i], b[i]);
    }
    hs_side = HS_SIDE_CLIENT;
    int ok = o->s[0] && o->s[1] && SSL_set_tlsext_host_name(o->s[0], "localhost") &&
             SSL_set1_host(o->s[0], "localhost") && (!o->sess || SSL_set_session(o->s[0], o->sess));
    if (!o->s[0]) BIO_free(b[0]);
    if (!o->s[1]) BIO_free(b[1]);
    if (!ok) return -1;
    SSL_set_connect_state(o->s[0]);
    SSL_set_accept_state(o->s[1]);
    int st[2] = {1, 1};
    for (int round = 0; round < 64 && (st[0] > 0 || st[1] > 0); round++) {
        for (int i = 0; i < 2; i++) {
            hs_side = HS_SIDE_CLIENT + i;
            if (st[i] > 0) st[i] = hs_step(o->s[i]);
        }
        if (st[0] < 0 || st[1] < 0) break;
    }
    hs_side = HS_SIDE_NONE;
    if (st[0] || st[1]) return -1;
    return o->sess && !SSL_session_reused(o->s[0]) ? -1 : 0;
}

static int handshake(void *ctx)
{
    int err = open_pair(ctx);
    close_pair(ctx);
    return err;
}

/* The pair negotiated what the benchmark says it measures. */
static int negotiated(struct ossl *o, const hs_suite *s)
{
    const SSL_CIPHER *c = SSL_get_current_cipher(o->s[0]);
    int nid = SSL_get_negotiated_group(o->s[0]);
    int want = s->group == 29 ? NID_X25519 : NID_X9_62_prime256v1;
    return SSL_version(o->s[0]) == TLS1_2_VERSION && c &&
           SSL_CIPHER_get_protocol_id(c) == s->suite && nid == want &&
           SSL_get_extms_support(o->s[0]) == 1;
}

static void *setup(const hs_suite *s, int mode)
{
    struct ossl *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->mode = mode;
    o->ctx[0] = new_ctx(s, 0, mode);
    o->ctx[1] = o->ctx[0] ? new_ctx(s, 1, mode) : NULL;
    int ok = o->ctx[1] != NULL;
    /* one full handshake: negotiated as asked? (and the ticket, if wanted) */
    ok = ok && open_pair(o) == 0 && negotiated(o, s);
    if (ok && mode == HS_RESUMED)
        ok = (o->sess = SSL_get1_session(o->s[0])) != NULL && SSL_SESSION_has_ticket(o->sess);
    close_pair(o);
    if (!ok) {
        fprintf(stderr, "gt-bench: openssl: %s: first handshake failed or not as asked\n",
                s->label);
        teardown(o);
        return NULL;
    }
    return o;
}

static int transfer(void *ctx, size_t n, int from_server)
{
    struct ossl *o = ctx;
    static const unsigned char data[16384];
    int w = from_server ? 1 : 0;
    size_t sent = 0, got = 0;
    while (got < n) {
        if (sent < n) {
            int k = (int)(n - sent < sizeof data ? n - sent : sizeof data);
            hs_side = HS_SIDE_CLIENT + w;
            int r = SSL_write(o->s[w], data, k);
            if (r <= 0) return -1;
            sent += (size_t)r;
        }
        hs_side = HS_SIDE_CLIENT + 1 - w;
        int r, progress = 0;
        while ((r = SSL_read(o->s[1 - w], o->buf, sizeof o->buf)) > 0) {
            got += (size_t)r;
            progress = 1;
        }
        hs_side = HS_SIDE_NONE;
        if (SSL_get_error(o->s[1 - w], r) != SSL_ERROR_WANT_READ) return -1;
        if (!progress && sent == n && got < n) return -1;
    }
    return 0;
}

const hs_impl hs_impl_openssl = {"openssl", setup,      handshake, open_pair,
                                 transfer,  close_pair, teardown,  install_allocator};
