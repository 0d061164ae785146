/* Soak scenarios with the reference client: OpenSSL libssl, TLS 1.2 only,
 * verifying the server's chain (the test PKI) and name, over a blocking
 * socket with timeouts. The resumption scenario offers the session of the
 * thread's last full handshake; whether the server resumed is counted, and
 * a server without resumption answering with a full handshake is fine
 * (RFC 5246 §7.4.1.3). */
#include "soak.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { SMALL = 2000, TIMEOUT_MS = 10000 };

static SSL_CTX *ctx;

void soak_ossl_global_init(const char *pki)
{
    char ca[512];
    snprintf(ca, sizeof ca, "%s/ca-bundle.pem", pki);
    ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) return;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
        fprintf(stderr, "gt-soak: OpenSSL cannot load %s\n", ca);
        SSL_CTX_free(ctx);
        ctx = NULL;
    }
}

void soak_ossl_session_free(void *session)
{
    SSL_SESSION_free(session);
}

static const char *ossl_cause(SSL *ssl, int r, char *buf, size_t cap)
{
    unsigned long e = ERR_get_error();
    int code = SSL_get_error(ssl, r);
    if (e) {
        ERR_error_string_n(e, buf, cap);
        ERR_clear_error();
    } else {
        snprintf(buf, cap, "OpenSSL: SSL_get_error %d", code);
    }
    return buf;
}

/* A short echo, then close_notify both ways. */
static int echo_close(SSL *ssl, soak_stats *st, enum soak_scn s)
{
    uint8_t out[SMALL], back[SMALL];
    char why[256];
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (uint8_t)(i * 13);
    int r = SSL_write(ssl, out, sizeof out);
    if (r != (int)sizeof out) {
        soak_fail(st, s, ossl_cause(ssl, r, why, sizeof why));
        return -1;
    }
    size_t have = 0;
    while (have < sizeof back) {
        r = SSL_read(ssl, back + have, (int)(sizeof back - have));
        if (r <= 0) {
            soak_fail(st, s, ossl_cause(ssl, r, why, sizeof why));
            return -1;
        }
        have += (size_t)r;
    }
    if (memcmp(out, back, sizeof out) != 0) {
        soak_fail(st, s, "echoed data differs");
        return -1;
    }
    st->bytes += sizeof out;
    r = SSL_shutdown(ssl); /* 0: ours sent, the server's still to come */
    if (r == 0) r = SSL_shutdown(ssl);
    if (r != 1) {
        soak_fail(st, s, "no close_notify from the server");
        return -1;
    }
    return 0;
}

int soak_ossl(const soak_target *t, soak_stats *st, void **session, int resume)
{
    enum soak_scn s = resume ? SCN_OSSL_RESUME : SCN_OSSL_FULL;
    char why[256];
    int fd = ctx ? soak_connect(t, TIMEOUT_MS) : -1;
    if (fd < 0) {
        soak_fail(st, s, ctx ? "connect" : "OpenSSL context");
        return -1;
    }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    if (resume && *session) {
        SSL_set_session(ssl, *session);
        st->resume_tries++;
    }
    int ret = -1, r = SSL_connect(ssl);
    if (r != 1) {
        soak_fail(st, s, ossl_cause(ssl, r, why, sizeof why));
    } else {
        st->handshakes++;
        if (SSL_session_reused(ssl)) st->resumed++;
        ret = echo_close(ssl, st, s);
        if (ret == 0 && !resume) {
            SSL_SESSION_free(*session);
            *session = SSL_get1_session(ssl);
        }
    }
    SSL_free(ssl);
    close(fd);
    return ret;
}
