/* Command-line options of gt-server and gt-client: one table, read by the
 * parser and by the usage text, so the two cannot disagree. Adding an
 * option (the next issue adds --ca/--verify on the server, --tickets,
 * --session-cache, --rsa-kx, client --cert/--key, --sess-out/--sess-in)
 * is one row and one setter. */
#include "tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef int (*setter)(gt_tool_opts *o, const char *arg, char *err, size_t ecap);

typedef struct {
    const char *name;
    const char *arg; /* NULL: a flag */
    unsigned tools;
    setter set;
    const char *help;
} opt_row;

static int int_arg(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

static int set_port(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    if (int_arg(a, 0, 65535, &o->port) == 0) return 0;
    snprintf(err, ecap, "--port: '%s' is not a port number (0..65535)", a);
    return -1;
}

static int set_cert(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    if (o->n_certs == GT_TOOL_MAX_CHAINS) {
        snprintf(err, ecap, "--cert: at most %d chains", GT_TOOL_MAX_CHAINS);
        return -1;
    }
    o->certs[o->n_certs++] = a;
    return 0;
}

static int set_key(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    /* each --key belongs to the --cert just before it */
    if (o->n_keys >= o->n_certs) {
        snprintf(err, ecap, "--key %s: every --key must follow its --cert", a);
        return -1;
    }
    o->keys[o->n_keys++] = a;
    return 0;
}

static int set_app(gt_tool_opts *o, enum gt_tool_app app, char *err, size_t ecap)
{
    if (o->app != GT_APP_NONE && o->app != app) {
        snprintf(err, ecap, "--www and --echo exclude each other");
        return -1;
    }
    o->app = app;
    return 0;
}

static int set_www(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    (void)a;
    return set_app(o, GT_APP_WWW, err, ecap);
}

static int set_echo(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    (void)a;
    return set_app(o, GT_APP_ECHO, err, ecap);
}

static int set_connections(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    if (int_arg(a, 1, 1000000, &o->connections) == 0) return 0;
    snprintf(err, ecap, "--connections: '%s' is not a count (1..1000000)", a);
    return -1;
}

static int set_idle(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    if (int_arg(a, 0, 86400, &o->idle_timeout) == 0) return 0;
    snprintf(err, ecap, "--idle-timeout: '%s' is not a number of seconds (0..86400)", a);
    return -1;
}

static int set_verify(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    static const char *const names[] = {"none", "optional", "require"};
    for (int i = 0; i < 3; i++)
        if (strcmp(a, names[i]) == 0) return o->verify = i, 0;
    snprintf(err, ecap, "--verify: '%s' is not none, optional or require", a);
    return -1;
}

static int set_tickets(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    (void)a, (void)err, (void)ecap;
    o->tickets = 1;
    return 0;
}

static int set_session_cache(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    if (int_arg(a, 0, 1000000, &o->session_cache) == 0) return 0;
    snprintf(err, ecap, "--session-cache: '%s' is not a count (0..1000000)", a);
    return -1;
}

/* Plain string options: the row says which field. */
#define STR_SETTER(field)                                                                          \
    static int set_##field(gt_tool_opts *o, const char *a, char *err, size_t ecap)                 \
    {                                                                                              \
        (void)err;                                                                                 \
        (void)ecap;                                                                                \
        o->field = a;                                                                              \
        return 0;                                                                                  \
    }
STR_SETTER(alpn)
STR_SETTER(suites)
STR_SETTER(groups)
STR_SETTER(ca)
STR_SETTER(servername)
STR_SETTER(sess_out)
STR_SETTER(sess_in)

static int set_rsa_kx(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    (void)a, (void)err, (void)ecap;
    o->rsa_kx = 1;
    return 0;
}

static int set_ign_eof(gt_tool_opts *o, const char *a, char *err, size_t ecap)
{
    (void)a;
    (void)err;
    (void)ecap;
    o->ign_eof = 1;
    return 0;
}

#define S GT_TOOL_SERVER
#define C GT_TOOL_CLIENT
static const opt_row rows[] = {
    {"--port", "P", S, set_port, "listen on 127.0.0.1:P (0: any free port, printed)"},
    {"--cert", "FILE", S | C, set_cert,
     "certificate chain, PEM: leaf then intermediates (server: repeatable; client: sent when "
     "asked)"},
    {"--key", "FILE", S | C, set_key, "private key of the --cert just before (PEM)"},
    {"--www", NULL, S, set_www, "answer each HTTP request with a short HTML page, then close"},
    {"--echo", NULL, S, set_echo, "echo everything back until the client closes"},
    {"--connections", "N", S, set_connections,
     "exit after N connections (default: run until killed)"},
    {"--ca", "FILE", S | C, set_ca,
     "trust anchors (PEM; client default " GT_TOOL_DEFAULT_CA "; server: for --verify)"},
    {"--verify", "MODE", S, set_verify,
     "client certificates: none (default), optional or require (needs --ca)"},
    {"--tickets", NULL, S, set_tickets, "issue and accept session tickets (RFC 5077)"},
    {"--session-cache", "N", S, set_session_cache, "keep N sessions for resumption by ID"},
    {"--sess-out", "FILE", C, set_sess_out, "save the session after the handshake"},
    {"--sess-in", "FILE", C, set_sess_in, "resume the session saved in FILE (by ticket or ID)"},
    {"--servername", "NAME", C, set_servername, "SNI and name to verify (default: HOST)"},
    {"--ign-eof", NULL, C, set_ign_eof,
     "at stdin EOF wait for the server to close (s_client -ign_eof)"},
    {"--alpn", "LIST", S | C, set_alpn, "ALPN protocols, comma separated, preference order"},
    {"--suites", "LIST", S | C, set_suites, "cipher suites (IANA names), comma separated"},
    {"--groups", "LIST", S | C, set_groups, "groups: x25519,secp256r1,secp384r1"},
    {"--rsa-kx", NULL, S | C, set_rsa_kx,
     "also offer/accept RSA key transport (TLS_RSA_WITH_*, no forward secrecy)"},
    {"--idle-timeout", "S", S | C, set_idle, "give up on a connection idle for S seconds"},
};
#undef S
#undef C

void gt_tool_usage(FILE *f, unsigned tool, const char *prog)
{
    if (tool == GT_TOOL_SERVER)
        fprintf(f,
                "usage: %s --port P --cert C --key K [--cert C2 --key K2 ...] [--www | --echo]"
                " [options]\n",
                prog);
    else
        fprintf(f, "usage: %s HOST:PORT [options]   (stdin -> server, server -> stdout)\n", prog);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char left[40];
        if (!(rows[i].tools & tool)) continue;
        snprintf(left, sizeof(left), "%s%s%s", rows[i].name, rows[i].arg ? " " : "",
                 rows[i].arg ? rows[i].arg : "");
        fprintf(f, "  %-22s %s\n", left, rows[i].help);
    }
    fprintf(f, "  SSLKEYLOGFILE=FILE     append NSS key log lines (for Wireshark/tshark)\n");
}

static const opt_row *find(const char *name)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        if (strcmp(rows[i].name, name) == 0) return &rows[i];
    return NULL;
}

static int check(const gt_tool_opts *o, char *err, size_t ecap)
{
    if (o->tool == GT_TOOL_SERVER) {
        if (o->port < 0) return snprintf(err, ecap, "--port is required"), -1;
        if (o->n_certs == 0) return snprintf(err, ecap, "at least one --cert/--key"), -1;
        if (o->n_keys != o->n_certs)
            return snprintf(err, ecap, "--cert %s has no --key", o->certs[o->n_keys]), -1;
        if (o->verify && o->ca == NULL)
            return snprintf(err, ecap, "--verify %s needs --ca",
                            o->verify == 1 ? "optional" : "require"),
                   -1;
        return 0;
    }
    if (o->target == NULL) return snprintf(err, ecap, "HOST:PORT is required"), -1;
    if (o->n_certs > 1) return snprintf(err, ecap, "a client takes one --cert/--key"), -1;
    if (o->n_keys != o->n_certs)
        return snprintf(err, ecap, "--cert %s has no --key", o->certs[o->n_keys]), -1;
    return 0;
}

static int parse_one(gt_tool_opts *o, int argc, char **argv, int *i, char *err, size_t ecap)
{
    const char *a = argv[*i];
    if (a[0] != '-' || a[1] == '\0') {
        if (o->tool == GT_TOOL_CLIENT && o->target == NULL) {
            o->target = a;
            return 0;
        }
        return snprintf(err, ecap, "unexpected argument '%s'", a), -1;
    }
    const opt_row *r = find(a);
    if (r == NULL || !(r->tools & o->tool)) return snprintf(err, ecap, "unknown option %s", a), -1;
    const char *arg = NULL;
    if (r->arg != NULL) {
        if (*i + 1 >= argc) return snprintf(err, ecap, "%s needs %s", a, r->arg), -1;
        arg = argv[++*i];
    }
    return r->set(o, arg, err, ecap);
}

int gt_tool_parse(gt_tool_opts *o, unsigned tool, int argc, char **argv)
{
    char err[256] = "";
    memset(o, 0, sizeof(*o));
    o->tool = tool;
    o->prog = argc > 0 ? argv[0] : (tool == GT_TOOL_SERVER ? "gt-server" : "gt-client");
    o->port = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            gt_tool_usage(stdout, tool, o->prog);
            return 1;
        }
        if (parse_one(o, argc, argv, &i, err, sizeof(err)) != 0) goto bad;
    }
    if (check(o, err, sizeof(err)) == 0) return 0;
bad:
    fprintf(stderr, "%s: %s\n", o->prog, err);
    gt_tool_usage(stderr, tool, o->prog);
    return -1;
}
