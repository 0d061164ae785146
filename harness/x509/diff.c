/* gt-x509-diff: compares the IUT's certificate parsing with OpenSSL's and
 * wolfSSL's on every certificate of the given sets.
 *
 *   gt-x509-diff [--known FILE] [--verbose] LABEL=PATH...
 *
 * PATH is a file or a directory (walked recursively; *.pem, *.crt, *.cer,
 * *.der and, under a directory labelled "corpus", every file). PEM files
 * contribute each CERTIFICATE block (id "LABEL:relpath#n"), other files
 * are one DER certificate (id "LABEL:relpath"). For each certificate the
 * verdict (accepted or not) and, when both accepted it, serial, issuer,
 * subject (DER), notBefore, notAfter, SAN DNS/IP list and key type/size are
 * compared. A difference listed in the known-differences file (lines
 * "ID-GLOB FIELD IMPL reason...", fnmatch globs, IMPL openssl|wolfssl|*)
 * is reported as known; any other one fails the run (exit 1). Exit 2 for
 * unreadable input. */
#define _GNU_SOURCE /* memmem */
#include "diff.h"

#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gt/crypto/hash.h"
#include "gt/gt_x509.h"

#define MAX_KNOWN 512

typedef struct {
    char id[512], field[32], impl[16];
    int used;
} known_row;

static known_row known[MAX_KNOWN];
static int n_known, verbose;
static unsigned n_certs, n_known_hits, n_new, n_dups;

/* SHA-256 of every certificate compared so far: a later copy (fuzz
 * corpora hold many copies of the vector files) is counted, not compared
 * again, so its reviewed differences are not reported a second time. */
#define MAX_SEEN 65536
static uint8_t (*seen)[GT_SHA256_LEN];
static size_t n_seen;

static int already_seen(const uint8_t *der, size_t n)
{
    uint8_t h[GT_SHA256_LEN];
    gt_hash_digest(&gt_hash_sha256, der, n, h);
    if (!seen) seen = calloc(MAX_SEEN, sizeof *seen);
    for (size_t i = 0; i < n_seen; i++)
        if (!memcmp(seen[i], h, sizeof h)) return 1;
    if (seen && n_seen < MAX_SEEN) memcpy(seen[n_seen++], h, sizeof h);
    return 0;
}

void drec_hex(char *out, size_t cap, const uint8_t *p, size_t n)
{
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < n && o + 3 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%02x", p[i]);
}

void drec_serial(drec *r, const uint8_t *mag, size_t n, int negative)
{
    while (n > 1 && mag[0] == 0) { /* one representation for the magnitude */
        mag++;
        n--;
    }
    r->serial[0] = negative ? '-' : 0;
    drec_hex(r->serial + (negative ? 1 : 0), sizeof r->serial - 1, mag, n);
}

void drec_san_add(drec *r, const char *kind, const uint8_t *p, size_t n)
{
    size_t o = strlen(r->san);
    int ip = kind[0] == 'I';
    o += (size_t)snprintf(r->san + o, sizeof r->san - o, "%s%s:", o ? "," : "", kind);
    for (size_t i = 0; i < n && o + 5 < sizeof r->san; i++) {
        int printable = !ip && p[i] > 0x20 && p[i] < 0x7f && p[i] != ',' && p[i] != '\\';
        o += (size_t)snprintf(r->san + o, sizeof r->san - o, printable ? "%c" : "\\x%02x", p[i]);
    }
}

static int load_known(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    if (!f) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        known_row *k = &known[n_known];
        if (line[0] == '#' || line[0] == '\n') continue;
        if (n_known == MAX_KNOWN ||
            sscanf(line, "%511s %31s %15s", k->id, k->field, k->impl) != 3) {
            fprintf(stderr, "gt-x509-diff: %s: bad line: %s", path, line);
            fclose(f);
            return -1;
        }
        n_known++;
    }
    fclose(f);
    return 0;
}

static int is_known(const char *id, const char *field, const char *impl)
{
    for (int i = 0; i < n_known; i++) {
        known_row *k = &known[i];
        if (!fnmatch(k->id, id, 0) && !fnmatch(k->field, field, 0) && !fnmatch(k->impl, impl, 0)) {
            k->used = 1;
            return 1;
        }
    }
    return 0;
}

static void report(const char *id, const char *field, const char *impl, const char *iut,
                   const char *other)
{
    if (is_known(id, field, impl)) {
        n_known_hits++;
        if (verbose) printf("known %s %s %s: iut=%s %s=%s\n", id, field, impl, iut, impl, other);
        return;
    }
    n_new++;
    printf("NEW DIFFERENCE %s %s %s: iut=%s %s=%s\n", id, field, impl, iut, impl, other);
}

static void cmp_name(const char *id, const char *field, const char *impl, const uint8_t *a,
                     size_t al, const uint8_t *b, size_t bl)
{
    char x[2 * 96 + 1], y[2 * 96 + 1];
    if (al == bl && memcmp(a, b, al) == 0) return;
    drec_hex(x, sizeof x, a, al < 96 ? al : 96);
    drec_hex(y, sizeof y, b, bl < 96 ? bl : 96);
    report(id, field, impl, x, y);
}

static void compare(const char *id, const drec *a, const drec *b, const char *impl)
{
    char x[64], y[64];
    if (a->ok != b->ok) {
        snprintf(x, sizeof x, "reject(%d)", a->err);
        snprintf(y, sizeof y, "reject(%d)", b->err);
        report(id, "verdict", impl, a->ok ? "accept" : x, b->ok ? "accept" : y);
        return;
    }
    if (!a->ok) return;
    if (strcmp(a->serial, b->serial)) report(id, "serial", impl, a->serial, b->serial);
    cmp_name(id, "issuer", impl, a->issuer, a->issuer_len, b->issuer, b->issuer_len);
    cmp_name(id, "subject", impl, a->subject, a->subject_len, b->subject, b->subject_len);
    if (a->not_before != b->not_before) {
        snprintf(x, sizeof x, "%lld", (long long)a->not_before);
        snprintf(y, sizeof y, "%lld", (long long)b->not_before);
        report(id, "notbefore", impl, x, y);
    }
    if (a->not_after != b->not_after) {
        snprintf(x, sizeof x, "%lld", (long long)a->not_after);
        snprintf(y, sizeof y, "%lld", (long long)b->not_after);
        report(id, "notafter", impl, x, y);
    }
    if (strcmp(a->san, b->san)) report(id, "san", impl, a->san, b->san);
    snprintf(x, sizeof x, "%s/%u", a->key, a->bits);
    snprintf(y, sizeof y, "%s/%u", b->key, b->bits ? b->bits : a->bits);
    if (strcmp(x, y)) report(id, "key", impl, x, y);
}

static void one_cert(const char *id, const uint8_t *der, size_t n)
{
    static drec iut, ossl, wolf;
    if (already_seen(der, n)) {
        n_dups++;
        return;
    }
    diff_iut(der, n, &iut);
    diff_openssl(der, n, &ossl);
    diff_wolfssl(der, n, &wolf);
    n_certs++;
    compare(id, &iut, &ossl, "openssl");
    compare(id, &iut, &wolf, "wolfssl");
}

static uint8_t *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long len;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)len + 1)) && fread(buf, 1, (size_t)len, f) == (size_t)len) {
        *n = (size_t)len;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int one_file(const char *label, const char *path, const char *rel)
{
    size_t n, len;
    uint8_t *in = read_all(path, &n);
    char id[1024];
    if (!in) {
        perror(path);
        return -1;
    }
    if (!memmem(in, n, "-----BEGIN", 10)) {
        snprintf(id, sizeof id, "%s:%s", label, rel);
        one_cert(id, in, n);
        free(in);
        return 0;
    }
    if (already_seen(in, n)) { /* a copy of a PEM file already walked */
        n_dups++;
        free(in);
        return 0;
    }
    uint8_t *der = malloc(n + 1);
    gt_x509_iter it = {in, n};
    gt_pem_label lab;
    int k = 0, err;
    /* the IUT's PEM decoder picks the blocks; a block it cannot decode is
     * reported, not silently skipped */
    while (der && (err = gt_pem_next(&it, &lab, der, n, &len)) != 0) {
        if (err < 0) {
            snprintf(id, sizeof id, "%s:%s#%d", label, rel, k + 1);
            report(id, "pem", "*", gt_err_str(err), "-");
            break;
        }
        if (lab != GT_PEM_CERTIFICATE) continue;
        snprintf(id, sizeof id, "%s:%s#%d", label, rel, ++k);
        one_cert(id, der, len);
    }
    free(der);
    free(in);
    return 0;
}

static int wanted(const char *label, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!strcmp(label, "corpus")) return name[0] != '.';
    return dot && (!strcmp(dot, ".pem") || !strcmp(dot, ".crt") || !strcmp(dot, ".cer") ||
                   !strcmp(dot, ".der"));
}

static int walk(const char *label, const char *root, const char *rel)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel) >= (int)sizeof path ||
        stat(path, &st)) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return one_file(label, path, *rel ? rel : strrchr(path, '/') + 1);
    struct dirent **ents;
    int n = scandir(path, &ents, NULL, alphasort), rc = 0;
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        const char *e = ents[i]->d_name;
        char sub[4096];
        int ok = snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e) < (int)sizeof sub &&
                 snprintf(path, sizeof path, "%s/%s", root, sub) < (int)sizeof path;
        if (ok && e[0] != '.' && !stat(path, &st) && (S_ISDIR(st.st_mode) || wanted(label, e)))
            rc |= walk(label, root, sub);
        free(ents[i]);
    }
    free(ents);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!strcmp(argv[i], "--known") && i + 1 < argc) {
            if (load_known(argv[++i])) return 2;
        } else if (!strcmp(argv[i], "--verbose")) {
            verbose = 1;
        } else if (eq && eq != argv[i]) {
            *eq = 0;
            rc |= walk(argv[i], eq + 1, "");
        } else {
            fprintf(stderr, "usage: gt-x509-diff [--known FILE] [--verbose] LABEL=PATH...\n");
            return 2;
        }
    }
    for (int i = 0; i < n_known; i++)
        if (!known[i].used)
            printf("note: known difference no longer seen: %s %s %s\n", known[i].id, known[i].field,
                   known[i].impl);
    printf("%u certificates (%u duplicates skipped), %u known differences, %u new\n", n_certs,
           n_dups, n_known_hits, n_new);
    free(seen);
    if (rc) return 2;
    return n_new ? 1 : 0;
}
