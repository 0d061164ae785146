/*
 * Option parsing for the reference peers. Every option of the contract is
 * accepted by every peer; whether a library can honour it is decided later
 * by the peer itself (exit 3, RESULT skip).
 */
#include "opts.h"
#include "result.h"
#include "suites.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum {
    O_ROLE = 256,
    O_PORT,
    O_CERT,
    O_KEY,
    O_CA,
    O_SUITE,
    O_GROUP,
    O_SIGALGS,
    O_SNI,
    O_ALPN,
    O_EXPECT_ALPN,
    O_RESUME,
    O_CONNECTIONS,
    O_CLIENT_AUTH,
    O_NO_EMS,
    O_SEND_BYTES,
    O_RECORD_SIZE,
    O_CLOSE,
    O_EXPECT_CLOSE,
    O_RENEGOTIATE,
    O_KEYLOG,
    O_TIMEOUT,
    O_CAPS,
};

static const struct option long_opts[] = {
    {"role", required_argument, NULL, O_ROLE},
    {"port", required_argument, NULL, O_PORT},
    {"cert", required_argument, NULL, O_CERT},
    {"key", required_argument, NULL, O_KEY},
    {"ca", required_argument, NULL, O_CA},
    {"suite", required_argument, NULL, O_SUITE},
    {"group", required_argument, NULL, O_GROUP},
    {"sigalgs", required_argument, NULL, O_SIGALGS},
    {"sni", required_argument, NULL, O_SNI},
    {"alpn", required_argument, NULL, O_ALPN},
    {"expect-alpn", required_argument, NULL, O_EXPECT_ALPN},
    {"resume", required_argument, NULL, O_RESUME},
    {"connections", required_argument, NULL, O_CONNECTIONS},
    {"client-auth", required_argument, NULL, O_CLIENT_AUTH},
    {"no-ems", no_argument, NULL, O_NO_EMS},
    {"send-bytes", required_argument, NULL, O_SEND_BYTES},
    {"record-size", required_argument, NULL, O_RECORD_SIZE},
    {"close", required_argument, NULL, O_CLOSE},
    {"expect-close", required_argument, NULL, O_EXPECT_CLOSE},
    {"renegotiate", no_argument, NULL, O_RENEGOTIATE},
    {"keylog", required_argument, NULL, O_KEYLOG},
    {"timeout", required_argument, NULL, O_TIMEOUT},
    {"capabilities", no_argument, NULL, O_CAPS},
    {NULL, 0, NULL, 0},
};

static long num(const char *name, const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        gt_peer_usage("--%s: expected an integer in %ld..%ld, got '%s'", name, lo, hi, s);
    return v;
}

/* Picks the index of s in a NULL-terminated word list, or dies. */
static int word(const char *name, const char *s, const char *const *words)
{
    for (int i = 0; words[i] != NULL; i++)
        if (strcmp(s, words[i]) == 0) return i;
    gt_peer_usage("--%s: unknown value '%s'", name, s);
    return -1;
}

/* Splits a comma list in place (the string is argv storage). */
static size_t split(const char *name, char *s, const char **out)
{
    size_t n = 0;
    for (char *tok = strtok(s, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (n == GT_PEER_MAX_LIST)
            gt_peer_usage("--%s: more than %d entries", name, GT_PEER_MAX_LIST);
        out[n++] = tok;
    }
    if (n == 0) gt_peer_usage("--%s: empty list", name);
    return n;
}

static void defaults(gt_peer_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->role = (enum gt_peer_role) - 1;
    o->port = -1;
    o->connections = 0;
    o->record_size = 16384;
    o->close_notify = 1;
    o->timeout = 10;
}

static void check(gt_peer_opts *o)
{
    if (o->capabilities) return;
    if ((int)o->role < 0) gt_peer_usage("--role server|client is required");
    if (o->port < 0 || (o->role == GT_PEER_CLIENT && o->port == 0))
        gt_peer_usage("--port is required (0 = ephemeral, server only)");
    if (o->suite != NULL && gt_peer_suite_by_name(o->suite) == NULL)
        gt_peer_usage("--suite: unknown TLS 1.2 suite '%s'", o->suite);
    if (o->group != NULL && gt_peer_group_by_name(o->group) == NULL)
        gt_peer_usage("--group: unknown group '%s'", o->group);
    for (size_t i = 0; i < o->n_sigalgs; i++)
        if (gt_peer_sigalg_by_name(o->sigalgs[i]) == NULL)
            gt_peer_usage("--sigalgs: unknown SignatureScheme '%s'", o->sigalgs[i]);
    if (o->role == GT_PEER_SERVER && (o->cert == NULL || o->key == NULL))
        gt_peer_usage("server needs --cert and --key");
    if ((o->cert == NULL) != (o->key == NULL)) gt_peer_usage("--cert and --key go together");
    if (o->role == GT_PEER_CLIENT && o->ca == NULL)
        gt_peer_usage("client needs --ca (it always verifies the server)");
    if (o->role == GT_PEER_SERVER && o->client_auth != GT_CAUTH_NONE && o->ca == NULL)
        gt_peer_usage("--client-auth needs --ca");
    if (o->connections == 0) o->connections = o->resume != GT_RESUME_NONE ? 2 : 1;
    if (o->role == GT_PEER_CLIENT) o->connections = o->resume != GT_RESUME_NONE ? 2 : 1;
}

void gt_peer_opts_parse(gt_peer_opts *o, int argc, char **argv)
{
    static const char *const roles[] = {"client", "server", NULL};
    static const char *const resumes[] = {"none", "id", "ticket", NULL};
    static const char *const cauths[] = {"none", "request", "require", NULL};
    static const char *const closes[] = {"abrupt", "notify", NULL};
    static const char *const expects[] = {"any", "notify", NULL};
    int c;

    defaults(o);
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
        switch (c) {
        case O_ROLE:
            o->role = (enum gt_peer_role)word("role", optarg, roles);
            break;
        case O_PORT:
            o->port = (int)num("port", optarg, 0, 65535);
            break;
        case O_CERT:
            o->cert = optarg;
            break;
        case O_KEY:
            o->key = optarg;
            break;
        case O_CA:
            o->ca = optarg;
            break;
        case O_SUITE:
            o->suite = optarg;
            break;
        case O_GROUP:
            o->group = optarg;
            break;
        case O_SIGALGS:
            o->sigalgs_arg = strdup(optarg);
            o->n_sigalgs = split("sigalgs", optarg, o->sigalgs);
            break;
        case O_SNI:
            o->sni = optarg;
            break;
        case O_ALPN:
            o->alpn_arg = strdup(optarg);
            o->n_alpn = split("alpn", optarg, o->alpn);
            break;
        case O_EXPECT_ALPN:
            o->expect_alpn = optarg;
            break;
        case O_RESUME:
            o->resume = (enum gt_peer_resume)word("resume", optarg, resumes);
            break;
        case O_CONNECTIONS:
            o->connections = (int)num("connections", optarg, 1, 1000);
            break;
        case O_CLIENT_AUTH:
            o->client_auth = (enum gt_peer_cauth)word("client-auth", optarg, cauths);
            break;
        case O_NO_EMS:
            o->no_ems = 1;
            break;
        case O_SEND_BYTES:
            o->send_bytes = num("send-bytes", optarg, 0, 1L << 34);
            break;
        case O_RECORD_SIZE:
            o->record_size = (int)num("record-size", optarg, 1, 16384);
            break;
        case O_CLOSE:
            o->close_notify = word("close", optarg, closes);
            break;
        case O_EXPECT_CLOSE:
            o->expect_close_notify = word("expect-close", optarg, expects);
            break;
        case O_RENEGOTIATE:
            o->renegotiate = 1;
            break;
        case O_KEYLOG:
            o->keylog = optarg;
            break;
        case O_TIMEOUT:
            o->timeout = (int)num("timeout", optarg, 1, 3600);
            break;
        case O_CAPS:
            o->capabilities = 1;
            break;
        default:
            gt_peer_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc) gt_peer_usage("unexpected argument '%s'", argv[optind]);
    check(o);
}
