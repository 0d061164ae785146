/* gt-interop: command line of the interop matrix runner.
 *
 *   gt-interop [--peers LIST] [--iut] [--filter PATTERN] [--jobs N]
 *              [--timeout S] [--out DIR] [--junit FILE] [--json FILE]
 *              [--markdown FILE] [--quick] [--list] [--record DIR]
 *              [--peer-dir DIR] [--peer-bin NAME=PATH] [--pki DIR] [--verbose]
 *
 * Exit status: 0 when every cell passed or was skipped with a reason, 1 when
 * any cell failed, 2 on a usage or set-up error (such as a missing peer). */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "interop.h"

#define DEFAULT_PEERS "openssl,wolfssl,gnutls,mbedtls"

typedef struct {
    const char *peers, *filter, *peer_dir, *junit, *json, *markdown;
    const char *bins[GT_IOP_MAX_IMPLS][2]; /* --peer-bin NAME=PATH */
    size_t nbins;
    bool iut, list;
} options;

static void usage(FILE *f)
{
    fprintf(f, "usage: gt-interop [options]\n"
               "  --peers LIST        implementations (default " DEFAULT_PEERS ")\n"
               "  --iut               add the implementation under test (gt-peer-gt)\n"
               "  --filter PATTERN    substring or glob over cell ids\n"
               "                      (server>client/SUITE/group/cert/feature)\n"
               "  --jobs N            cells in parallel (default: nproc)\n"
               "  --timeout S         per cell (default 20)\n"
               "  --out DIR           logs and reports (default out/interop-<timestamp>)\n"
               "  --junit FILE, --json FILE, --markdown FILE   (default: in --out)\n"
               "  --quick             every pair both ways, two GCM suites, full handshake\n"
               "  --list              print the cells (and static skips) and exit\n"
               "  --record DIR        run the recorded cells (default list, or all cells\n"
               "                      --filter selects) through a proxy and write\n"
               "                      transcripts to DIR (vectors/transcripts)\n"
               "  --peer-dir DIR      where gt-peer-<name> binaries are\n"
               "  --peer-bin NAME=PATH  binary for one implementation (repeatable)\n"
               "  --pki DIR           test PKI (default vectors/pki of the source tree)\n"
               "  --verbose           print every cell as it finishes\n");
}

/* Default peer directory: the build tree this binary lives in. */
static void default_peer_dir(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, cap, "peers");
        return;
    }
    exe[n] = 0;
    /* build/<preset>/harness/interop/gt-interop -> build/<preset>/peers */
    snprintf(out, cap, "%s/../../peers", dirname(exe));
}

static int find_bin(gt_iop_impl *im, const options *o, const char *peer_dir, const char *name)
{
    for (size_t i = 0; i < o->nbins; i++) {
        if (strcmp(o->bins[i][0], name) == 0) {
            snprintf(im->bin, sizeof im->bin, "%s", o->bins[i][1]);
            return access(im->bin, X_OK);
        }
    }
    /* Flat (peers/gt-peer-x) or per-library (peers/x/gt-peer-x) layout. */
    snprintf(im->bin, sizeof im->bin, "%s/gt-peer-%s", peer_dir, name);
    if (access(im->bin, X_OK) == 0) return 0;
    snprintf(im->bin, sizeof im->bin, "%s/%s/gt-peer-%s", peer_dir, name, name);
    if (access(im->bin, X_OK) == 0) return 0;
    snprintf(im->bin, sizeof im->bin, "%s/gt-peer-%s", peer_dir, name);
    return -1;
}

static int add_impl(gt_iop_ctx *ctx, const options *o, const char *peer_dir, const char *name,
                    bool iut)
{
    if (ctx->nimpls == GT_IOP_MAX_IMPLS || !*name || strlen(name) >= sizeof ctx->impls[0].name) {
        fprintf(stderr, "gt-interop: bad or too many implementations at '%s'\n", name);
        return -1;
    }
    gt_iop_impl *im = &ctx->impls[ctx->nimpls++];
    snprintf(im->name, sizeof im->name, "%s", name);
    if (find_bin(im, o, peer_dir, name) != 0) {
        fprintf(stderr, "gt-interop: %s peer '%s' not found: %s is missing or not executable%s\n",
                iut ? "--iut:" : "", name, im->bin,
                iut ? " (the IUT's peer is not built yet: tls/ has no engine)" : "");
        return -1;
    }
    return 0;
}

static int setup_impls(gt_iop_ctx *ctx, const options *o)
{
    char peer_dir[PATH_MAX], list[512];
    if (o->peer_dir)
        snprintf(peer_dir, sizeof peer_dir, "%s", o->peer_dir);
    else
        default_peer_dir(peer_dir, sizeof peer_dir);
    snprintf(list, sizeof list, "%s", o->peers ? o->peers : DEFAULT_PEERS);
    char *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (add_impl(ctx, o, peer_dir, t, false) != 0) return -1;
    }
    if (o->iut && add_impl(ctx, o, peer_dir, "gt", true) != 0) return -1;
    for (size_t i = 0; i < ctx->nimpls; i++) {
        if (gt_iop_load_caps(&ctx->impls[i], 10) != 0)
            fprintf(stderr, "gt-interop: %s: %s (its cells will fail)\n", ctx->impls[i].name,
                    ctx->impls[i].caps_error);
    }
    return 0;
}

static int parse_peer_bin(options *o, char *arg)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1] || o->nbins == GT_IOP_MAX_IMPLS) return -1;
    *eq = 0;
    o->bins[o->nbins][0] = arg;
    o->bins[o->nbins++][1] = eq + 1;
    return 0;
}

static int parse_int(const char *s, int lo, int hi, int *v)
{
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (errno || *end || end == s || x < lo || x > hi) return -1;
    *v = (int)x;
    return 0;
}

static int parse_args(int argc, char **argv, gt_iop_ctx *ctx, options *o)
{
    enum {
        O_PEERS = 256,
        O_IUT,
        O_FILTER,
        O_JUNIT,
        O_JSON,
        O_MD,
        O_LIST,
        O_RECORD,
        O_PDIR,
        O_PBIN,
        O_PKI,
        O_QUICK
    };
    static const struct option opts[] = {
        {"peers", 1, 0, O_PEERS},   {"iut", 0, 0, O_IUT},       {"filter", 1, 0, O_FILTER},
        {"jobs", 1, 0, 'j'},        {"timeout", 1, 0, 't'},     {"out", 1, 0, 'o'},
        {"junit", 1, 0, O_JUNIT},   {"json", 1, 0, O_JSON},     {"markdown", 1, 0, O_MD},
        {"quick", 0, 0, O_QUICK},   {"list", 0, 0, O_LIST},     {"record", 1, 0, O_RECORD},
        {"peer-dir", 1, 0, O_PDIR}, {"peer-bin", 1, 0, O_PBIN}, {"pki", 1, 0, O_PKI},
        {"verbose", 0, 0, 'v'},     {"help", 0, 0, 'h'},        {0, 0, 0, 0},
    };
    int ch;
    while ((ch = getopt_long(argc, argv, "j:t:o:vh", opts, NULL)) != -1) {
        int bad = 0;
        switch (ch) {
        case O_PEERS:
            o->peers = optarg;
            break;
        case O_IUT:
            o->iut = true;
            break;
        case O_FILTER:
            o->filter = optarg;
            break;
        case 'j':
            bad = parse_int(optarg, 1, 256, &ctx->jobs);
            break;
        case 't':
            bad = parse_int(optarg, 1, 3600, &ctx->timeout);
            break;
        case 'o':
            snprintf(ctx->out, sizeof ctx->out, "%s", optarg);
            break;
        case O_JUNIT:
            o->junit = optarg;
            break;
        case O_JSON:
            o->json = optarg;
            break;
        case O_MD:
            o->markdown = optarg;
            break;
        case O_QUICK:
            ctx->quick = true;
            break;
        case O_LIST:
            o->list = true;
            break;
        case O_RECORD:
            snprintf(ctx->record_dir, sizeof ctx->record_dir, "%s", optarg);
            break;
        case O_PDIR:
            o->peer_dir = optarg;
            break;
        case O_PBIN:
            bad = parse_peer_bin(o, optarg);
            break;
        case O_PKI:
            snprintf(ctx->pki, sizeof ctx->pki, "%s", optarg);
            break;
        case 'v':
            ctx->verbose = true;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            bad = 1;
        }
        if (bad) {
            if (ch != '?') fprintf(stderr, "gt-interop: bad value for an option: %s\n", optarg);
            usage(stderr);
            return -1;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "gt-interop: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    return 0;
}

static void defaults(gt_iop_ctx *ctx)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    ctx->jobs = n > 0 ? (int)n : 2;
    ctx->timeout = 20;
    snprintf(ctx->pki, sizeof ctx->pki, "%s/vectors/pki", GT_SOURCE_DIR);
}

static void list_cells(const gt_iop_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ncells; i++) {
        const gt_iop_cell *c = &ctx->cells[i];
        if (c->result == GT_IOP_PENDING)
            printf("%s\n", c->id);
        else
            printf("%s\t[%s: %s]\n", c->id, c->result == GT_IOP_SKIP ? "skip" : "fail", c->reason);
    }
    printf("%zu cells (per pair, %zu suite x group x certificate combinations are excluded by "
           "the RFC 8422/5246 certificate rules)\n",
           ctx->ncells, ctx->excluded);
}

static int write_reports(const gt_iop_ctx *ctx, const options *o)
{
    char def[PATH_MAX + 32];
    int rc = 0;
    snprintf(def, sizeof def, "%s/results.json", ctx->out);
    rc |= gt_iop_report_json(ctx, o->json ? o->json : def);
    snprintf(def, sizeof def, "%s/junit.xml", ctx->out);
    rc |= gt_iop_report_junit(ctx, o->junit ? o->junit : def);
    snprintf(def, sizeof def, "%s/matrix.md", ctx->out);
    rc |= gt_iop_report_markdown(ctx, o->markdown ? o->markdown : def);
    if (rc) fprintf(stderr, "gt-interop: could not write a report file\n");
    return rc;
}

int main(int argc, char **argv)
{
    static gt_iop_ctx ctx;
    options o;
    memset(&o, 0, sizeof o);
    defaults(&ctx);
    if (parse_args(argc, argv, &ctx, &o) != 0) return 2;
    signal(SIGPIPE, SIG_IGN);
    if (setup_impls(&ctx, &o) != 0 || gt_iop_build_matrix(&ctx) != 0) return 2;
    gt_iop_filter(&ctx, o.filter);
    if (*ctx.record_dir) {
        gt_iop_mark_records(&ctx, o.filter != NULL);
        if (gt_iop_mkdirs(ctx.record_dir) != 0) {
            fprintf(stderr, "gt-interop: cannot create %s\n", ctx.record_dir);
            return 2;
        }
    }
    if (o.list) {
        list_cells(&ctx);
        return 0;
    }
    if (!*ctx.out) {
        char stamp[32];
        time_t t = time(NULL);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
        snprintf(ctx.out, sizeof ctx.out, "out/interop-%s", stamp);
    }
    if (gt_iop_mkdirs(ctx.out) != 0) {
        fprintf(stderr, "gt-interop: cannot create %s\n", ctx.out);
        return 2;
    }
    int64_t t0 = gt_iop_now_ms();
    gt_iop_run_all(&ctx);
    double wall = (double)(gt_iop_now_ms() - t0) / 1000.0;
    int rc = write_reports(&ctx, &o) ? 2 : 0;
    gt_iop_report_terminal(&ctx, wall);
    for (size_t i = 0; i < ctx.ncells; i++) {
        if (ctx.cells[i].result == GT_IOP_FAIL) rc = 1;
    }
    for (size_t i = 0; i < ctx.nimpls; i++)
        cJSON_Delete(ctx.impls[i].caps);
    free(ctx.cells);
    return rc;
}
