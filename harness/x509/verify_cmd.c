/* `gt-x509 verify`: path validation of a certificate with the IUT.
 *
 *   gt-x509 verify --trust ROOTS.pem [--untrusted CHAIN.pem]...
 *                  [--host NAME | --ip ADDR] [--time UNIX_SECONDS]
 *                  [--purpose server|client] [--allow-sha1] LEAF.pem
 *
 * Prints "OK" (exit 0) or "FAIL: <reason>" (exit 1). Unreadable or
 * malformed input exits 2 with a message naming the file and the problem.
 * LEAF.pem may hold more certificates after the leaf: they join the
 * untrusted ones (a server's chain file works as is). --untrusted may be
 * given up to 16 times. Files are PEM (every CERTIFICATE block) or one DER
 * certificate. */
#define _GNU_SOURCE /* memmem */
#include "x509tool.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gt/gt_x509_verify.h"

#define MAX_CERTS 256

typedef struct {
    const char *trust, *leaf, *host, *ip, *purpose;
    const char *untrusted[16];
    int n_untrusted;
    int64_t now;
    unsigned flags;
} vopts;

/* Buffers that outlive the parsed views (freed at exit). */
typedef struct {
    uint8_t *bufs[48];
    int n;
} keep;

static int bad(const char *path, const char *what, int err)
{
    if (err)
        fprintf(stderr, "gt-x509 verify: %s: %s: %s (error %d)\n", path, what, gt_err_str(err),
                err);
    else
        fprintf(stderr, "gt-x509 verify: %s: %s\n", path, what);
    return 2;
}

static uint8_t *slurp(const char *path, size_t *n, keep *k)
{
    uint8_t *in = x509tool_read_file(path, n);
    if (!in) {
        fprintf(stderr, "gt-x509 verify: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    k->bufs[k->n++] = in;
    return in;
}

/* Appends every certificate of a PEM or DER file to certs[*count..]. */
static int load_certs(const char *path, gt_x509_cert *certs, size_t *count, keep *k)
{
    size_t n, len, before = *count;
    uint8_t *in = slurp(path, &n, k);
    char what[64];
    int err;
    if (!in) return 2;
    if (!memmem(in, n, "-----BEGIN ", 11)) {
        if (*count == MAX_CERTS) return bad(path, "too many certificates", 0);
        if ((err = gt_x509_cert_parse(&certs[*count], in, n)))
            return bad(path, "not a DER certificate", err);
        (*count)++;
        return 0;
    }
    uint8_t *der = malloc(n);
    if (!der) return bad(path, "out of memory", 0);
    k->bufs[k->n++] = der;
    gt_x509_iter it = {in, n};
    gt_pem_label label;
    size_t used = 0;
    while ((err = gt_pem_next(&it, &label, der + used, n - used, &len)) != 0) {
        snprintf(what, sizeof what, "PEM block after certificate %zu", *count - before);
        if (*count == before) snprintf(what, sizeof what, "first PEM block");
        if (err < 0) return bad(path, what, err);
        if (label != GT_PEM_CERTIFICATE) continue;
        if (*count == MAX_CERTS) return bad(path, "too many certificates", 0);
        snprintf(what, sizeof what, "certificate %zu", *count - before + 1);
        if ((err = gt_x509_cert_parse(&certs[*count], der + used, len)))
            return bad(path, what, err);
        used += len;
        (*count)++;
    }
    return *count > before ? 0 : bad(path, "no CERTIFICATE block", 0);
}

static int load_trust(const char *path, gt_trust_store *ts, gt_x509_cert **anchors, keep *k)
{
    size_t n, certs, bytes, added;
    uint8_t *in = slurp(path, &n, k);
    int err;
    if (!in) return 2;
    if (!memmem(in, n, "-----BEGIN ", 11)) { /* one DER certificate, kept in place */
        *anchors = calloc(1, sizeof **anchors);
        if (!*anchors) return bad(path, "out of memory", 0);
        gt_trust_init(ts, *anchors, 1, NULL, 0);
        if ((err = gt_trust_add_der(ts, in, n))) return bad(path, "not a DER certificate", err);
        return 0;
    }
    if ((err = gt_trust_pem_size(in, n, &certs, &bytes))) return bad(path, "bad PEM", err);
    if (!certs) return bad(path, "no CERTIFICATE block", 0);
    *anchors = calloc(certs, sizeof **anchors);
    uint8_t *buf = malloc(bytes);
    if (!*anchors || !buf) return bad(path, "out of memory", 0);
    k->bufs[k->n++] = buf;
    gt_trust_init(ts, *anchors, certs, buf, bytes);
    if ((err = gt_trust_add_pem(ts, in, n, 1, &added)))
        return bad(path, "a trust anchor does not parse", err);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: gt-x509 verify --trust ROOTS.pem [--untrusted CHAIN.pem]\n"
                    "         [--host NAME | --ip ADDR] [--time UNIX_SECONDS]\n"
                    "         [--purpose server|client] [--allow-sha1] LEAF.pem\n");
    return 2;
}

static int parse_args(int argc, char **argv, vopts *o)
{
    memset(o, 0, sizeof *o);
    o->now = (int64_t)time(NULL);
    o->purpose = "server";
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--trust")     ? &o->trust
                            : !strcmp(a, "--host")    ? &o->host
                            : !strcmp(a, "--ip")      ? &o->ip
                            : !strcmp(a, "--purpose") ? &o->purpose
                                                      : NULL;
        if (!strcmp(a, "--untrusted")) {
            if (i + 1 == argc || o->n_untrusted == 16) return usage();
            o->untrusted[o->n_untrusted++] = argv[++i];
        } else if (!strcmp(a, "--allow-sha1")) {
            o->flags |= GT_X509V_ALLOW_SHA1;
        } else if (!strcmp(a, "--time")) {
            char *end;
            if (i + 1 == argc) return usage();
            errno = 0;
            long long t = strtoll(argv[++i], &end, 10);
            if (errno || *end || end == argv[i]) return bad(argv[i], "not a Unix time", 0);
            o->now = t;
        } else if (slot) {
            if (i + 1 == argc) return usage();
            *slot = argv[++i];
        } else if (a[0] == '-' || o->leaf) {
            return usage();
        } else {
            o->leaf = a;
        }
    }
    if (!o->trust || !o->leaf || (o->host && o->ip)) return usage();
    if (strcmp(o->purpose, "server") && strcmp(o->purpose, "client")) return usage();
    return 0;
}

static int run(const vopts *o, keep *k)
{
    static gt_x509_cert certs[MAX_CERTS + 1];
    gt_x509_cert *anchors = NULL;
    gt_trust_store ts;
    size_t count = 0, ip_len = 0;
    uint8_t ip[16];
    int rc;
    rc = load_trust(o->trust, &ts, &anchors, k);
    if (!rc) rc = load_certs(o->leaf, certs, &count, k);
    for (int i = 0; !rc && i < o->n_untrusted; i++)
        rc = load_certs(o->untrusted[i], certs, &count, k);
    if (rc) {
        free(anchors);
        return rc;
    }
    if (o->ip && gt_x509_ip_parse(o->ip, strlen(o->ip), ip, &ip_len)) {
        free(anchors);
        return bad(o->ip, "not an IPv4 or IPv6 address", 0);
    }
    gt_x509v_params p = {
        .trust = &ts,
        .now = o->now,
        .purpose = strcmp(o->purpose, "client") ? GT_X509V_PURPOSE_SERVER : GT_X509V_PURPOSE_CLIENT,
        .host = o->host,
        .host_len = o->host ? strlen(o->host) : 0,
        .ip = o->ip ? ip : NULL,
        .ip_len = ip_len,
        .flags = o->flags,
    };
    gt_x509v_result res;
    int err = gt_x509_verify(&p, &certs[0], certs + 1, count - 1, &res);
    free(anchors);
    if (err == GT_ERR_X509V_BAD_REFERENCE) return bad(o->host, "not a valid host name", 0);
    if (err) {
        printf("FAIL: %s (error %d)\n", gt_err_str(err), err);
        return 1;
    }
    printf("OK\n");
    if (getenv("GT_X509_VERBOSE"))
        fprintf(stderr, "path of %zu, %u signature checks, %u attempts\n", res.len, res.sigs,
                res.attempts);
    return 0;
}

int x509tool_verify(int argc, char **argv)
{
    vopts o;
    keep k = {{0}, 0};
    int rc = parse_args(argc, argv, &o);
    if (!rc) rc = run(&o, &k);
    for (int i = 0; i < k.n; i++)
        free(k.bufs[i]);
    return rc;
}
