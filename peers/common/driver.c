/*
 * The connection script every reference peer follows (peers/README.md):
 * handshake, checks against the options, optional renegotiation, the echo
 * exchange, the close, and one RESULT line. The library adapters only do
 * TLS; everything the runner compares across libraries happens here, once.
 */
#include "net.h"
#include "pattern.h"
#include "peer.h"
#include "suites.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK 16384

typedef struct {
    const gt_peer_lib *lib;
    const gt_peer_opts *o;
    const char *last_group; /* group of the previous full handshake */
} run;

/* Names for groups outside the contract, so a library default that strays
 * (e.g. to P-521) is reported as such (RFC 8422 §5.1.1, RFC 7748). */
static const char *group_name(uint16_t code)
{
    static char hex[8];
    const gt_peer_group *g = gt_peer_group_by_code(code);
    if (g != NULL) return g->name;
    switch (code) {
    case 25:
        return "secp521r1";
    case 30:
        return "x448";
    default:
        snprintf(hex, sizeof(hex), "0x%04x", code);
        return hex;
    }
}

/* What the wire says, then what the library says, and they must agree. */
static int observe(run *ru, gt_peer_conn *c, const gt_peer_wire *w, gt_peer_result *r)
{
    memset(r, 0, sizeof(*r));
    if (!w->server_hello || w->malformed)
        return gt_peer_errf("could not observe the ServerHello on the wire (seen=%d malformed=%d)",
                            w->server_hello, w->malformed);
    r->suite = w->suite;
    r->ems = w->ems;
    if (ru->lib->info(c, r) != 0) return GT_PEER_FAIL;
    /* RFC 5246 §7.3: an abbreviated handshake has no ServerHelloDone */
    if (r->resumed != !w->hello_done)
        return gt_peer_errf("library reports resumed=%d, the wire the opposite", r->resumed);
    if (strcmp(r->alpn, w->alpn) != 0)
        return gt_peer_errf("library reports ALPN '%s', the wire '%s'", r->alpn, w->alpn);
    if (w->group != 0)
        r->group = ru->last_group = group_name(w->group);
    else if (r->resumed && ru->last_group != NULL)
        r->group = ru->last_group; /* abbreviated handshake: no key exchange */
    else if (r->resumed && ru->o->group != NULL)
        r->group = ru->o->group;
    else
        r->group = "-";
    return 0;
}

static int check(run *ru, int index, const gt_peer_wire *w, const gt_peer_result *r)
{
    const gt_peer_opts *o = ru->o;
    const gt_peer_suite *s = gt_peer_suite_by_code(r->suite);
    if (o->suite != NULL && (s == NULL || strcmp(s->iana, o->suite) != 0))
        return gt_peer_errf("negotiated suite 0x%04X, expected %s", r->suite, o->suite);
    if (o->group != NULL && strcmp(r->group, "-") != 0 && strcmp(r->group, o->group) != 0)
        return gt_peer_errf("negotiated group %s, expected %s", r->group, o->group);
    if (o->expect_alpn != NULL && strcmp(r->alpn, o->expect_alpn) != 0)
        return gt_peer_errf("negotiated ALPN '%s', expected '%s'", r->alpn, o->expect_alpn);
    if (o->role != GT_PEER_CLIENT || o->resume == GT_RESUME_NONE) return 0;
    if (index == 0 && o->resume == GT_RESUME_TICKET && !w->new_ticket)
        return gt_peer_errf("resume ticket: the server sent no NewSessionTicket");
    if (index > 0 && !r->resumed)
        return gt_peer_errf("resume %s: the second handshake was a full handshake",
                            o->resume == GT_RESUME_ID ? "id" : "ticket");
    return 0;
}

static int exchange(run *ru, gt_peer_conn *c, gt_peer_result *r)
{
    static uint8_t out[CHUNK], in[CHUNK];
    uint8_t want[32], got[32];
    gt_peer_sha *hs = gt_peer_sha_new(), *hr = gt_peer_sha_new();
    long total = ru->o->send_bytes, off = 0;
    int rc = 0;
    while (rc == 0 && off < total) {
        size_t k = (size_t)(total - off < ru->o->record_size ? total - off : ru->o->record_size);
        gt_peer_pattern(out, k, (uint64_t)off);
        gt_peer_sha_update(hs, out, k);
        rc = ru->lib->write(c, out, k);
        for (size_t have = 0; rc == 0 && have < k;) {
            long n = ru->lib->read(c, in, k - have);
            if (n <= 0) {
                rc = n == GT_READ_ERR ? GT_PEER_FAIL
                                      : gt_peer_errf("peer closed after %ld of %ld echoed bytes",
                                                     off + (long)have, total);
                break;
            }
            gt_peer_sha_update(hr, in, (size_t)n);
            have += (size_t)n;
        }
        off += (long)k;
    }
    gt_peer_sha_final(hs, want);
    gt_peer_sha_final(hr, got);
    if (rc == 0 && memcmp(want, got, 32) != 0)
        rc = gt_peer_errf("echoed bytes differ from the pattern (SHA-256 mismatch)");
    r->bytes = rc == 0 ? total : off;
    return rc;
}

static int echo(run *ru, gt_peer_conn *c, gt_peer_result *r, int *notify)
{
    static uint8_t buf[CHUNK];
    for (;;) {
        long n = ru->lib->read(c, buf, sizeof(buf));
        if (n == GT_READ_ERR) return GT_PEER_FAIL;
        if (n <= 0) {
            *notify = n == GT_READ_NOTIFY;
            return 0;
        }
        r->bytes += n;
        for (long at = 0; at < n;) {
            long k = n - at < ru->o->record_size ? n - at : ru->o->record_size;
            if (ru->lib->write(c, buf + at, (size_t)k) != 0) return GT_PEER_FAIL;
            at += k;
        }
    }
}

/* Client: send our close, then read how the server closes. */
static int client_close(run *ru, gt_peer_conn *c, int fd, int *notify)
{
    uint8_t buf[256];
    if (ru->o->close_notify) {
        if (ru->lib->close_notify(c) != 0) return GT_PEER_FAIL;
    } else {
        shutdown(fd, SHUT_WR); /* TCP FIN without close_notify */
    }
    for (;;) {
        long n = ru->lib->read(c, buf, sizeof(buf));
        if (n > 0) return gt_peer_errf("unexpected application data after the echo");
        *notify = n == GT_READ_NOTIFY;
        if (n == GT_READ_ERR && ru->o->expect_close_notify) return GT_PEER_FAIL;
        return 0;
    }
}

static int connection(run *ru, int fd, int index, gt_peer_result *r)
{
    static gt_peer_wire w;
    gt_peer_conn *c = NULL;
    int notify = 0, rc;
    gt_peer_wire_reset(&w);
    rc = ru->lib->handshake(fd, index, &w, &c);
    if (rc == 0) rc = observe(ru, c, &w, r);
    if (rc == 0) rc = check(ru, index, &w, r);
    if (rc == 0 && ru->o->renegotiate && ru->o->role == GT_PEER_CLIENT) {
        int rn = ru->lib->renegotiate(c);
        if (rn == GT_RENEG_ERR) rc = GT_PEER_FAIL;
        r->renegotiated = rn == GT_RENEG_DONE;
        if (rn == GT_RENEG_REFUSED_DEAD) {
            /* The server refused and the library cannot go on with this
             * connection: report the refusal, not a failure (contract). */
            ru->lib->free(c);
            return rc;
        }
    }
    if (rc == 0 && ru->o->role == GT_PEER_CLIENT) {
        rc = exchange(ru, c, r);
        if (rc == 0) rc = client_close(ru, c, fd, &notify);
    } else if (rc == 0) {
        rc = echo(ru, c, r, &notify);
        if (rc == 0 && ru->o->close_notify)
            (void)ru->lib->close_notify(c);      /* the client may be gone already */
        if (rc == 0 && ru->lib->info(c, r) != 0) /* renegotiations happen in reads */
            rc = GT_PEER_FAIL;
    }
    if (rc == 0 && ru->o->expect_close_notify && !notify)
        rc = gt_peer_errf("the peer closed without close_notify");
    if (c != NULL) ru->lib->free(c);
    return rc;
}

static int run_server(run *ru)
{
    int port, lfd = gt_peer_listen(ru->o->port, &port);
    if (lfd < 0) return GT_PEER_FAIL;
    gt_peer_ready(port);
    for (int i = 0; i < ru->o->connections; i++) {
        gt_peer_result r;
        int fd = gt_peer_accept(lfd), rc;
        if (fd < 0) return GT_PEER_FAIL;
        rc = connection(ru, fd, i, &r);
        close(fd);
        if (rc != 0) return rc;
        gt_peer_print_ok(&r);
    }
    close(lfd);
    return 0;
}

static int run_client(run *ru)
{
    gt_peer_result r;
    for (int i = 0; i < ru->o->connections; i++) {
        int fd = gt_peer_connect(ru->o->port), rc;
        if (fd < 0) return GT_PEER_FAIL;
        rc = connection(ru, fd, i, &r);
        close(fd);
        if (rc != 0) return rc;
    }
    gt_peer_print_ok(&r);
    return 0;
}

int gt_peer_main(const gt_peer_lib *lib, int argc, char **argv)
{
    gt_peer_opts o;
    run ru = {lib, &o, NULL};
    int rc;
    gt_peer_opts_parse(&o, argc, argv);
    if (o.capabilities) {
        gt_peer_print_caps(lib);
        return 0;
    }
    gt_peer_io_init(o.timeout);
    rc = gt_peer_check_caps(lib, &o);
    if (rc == 0) rc = lib->setup(&o);
    if (rc == 0) rc = o.role == GT_PEER_SERVER ? run_server(&ru) : run_client(&ru);
    gt_peer_exit(rc);
}
