/* Known-answer check between two real peers: both sides write the NSS key
 * log line `CLIENT_RANDOM <client_random hex> <master_secret hex>` for
 * every handshake; a session both sides completed must yield the same set
 * of lines (same client random, same master secret), or one of them
 * derived its keys differently — which TLS would not notice if, say, both
 * Finished checks were broken in matching ways.
 *
 * Lines are compared as sets (order of writes between two handshakes of a
 * resumption cell does not matter); hex case is normalised. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop.h"

#define MAX_LINES 8
/* "CLIENT_RANDOM " + 64 hex + " " + 96 hex */
#define LINE_LEN 256

typedef struct {
    char line[MAX_LINES][LINE_LEN];
    size_t n;
} keylog;

static bool hex_of(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!isxdigit((unsigned char)s[i])) return false;
    }
    return true;
}

/* Accepts only well-formed CLIENT_RANDOM lines (RFC 5246: 32-byte random,
 * 48-byte master secret); other labels are ignored, bad lines fail. */
static int parse_line(char *l, keylog *k, char *why, size_t cap)
{
    static const char tag[] = "CLIENT_RANDOM ";
    l[strcspn(l, "\r\n")] = 0;
    if (*l == 0 || *l == '#' || strncmp(l, tag, sizeof tag - 1) != 0) return 0;
    char *cr = l + sizeof tag - 1;
    if (strlen(cr) != 64 + 1 + 96 || cr[64] != ' ' || !hex_of(cr, 64) || !hex_of(cr + 65, 96)) {
        snprintf(why, cap, "malformed keylog line: %.60s", l);
        return -1;
    }
    if (k->n == MAX_LINES) {
        snprintf(why, cap, "more than %d keylog lines", MAX_LINES);
        return -1;
    }
    for (char *p = l; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    /* "client_random " after lowering; the label is fixed anyway. */
    snprintf(k->line[k->n++], LINE_LEN, "%s", cr);
    return 0;
}

static int load(const char *path, keylog *k, char *why, size_t cap)
{
    FILE *f = fopen(path, "r");
    k->n = 0;
    if (!f) {
        snprintf(why, cap, "no keylog file %s", path);
        return -1;
    }
    char buf[512];
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof buf, f))
        rc = parse_line(buf, k, why, cap);
    fclose(f);
    if (rc == 0 && k->n == 0) {
        snprintf(why, cap, "no CLIENT_RANDOM line in %s", path);
        rc = -1;
    }
    return rc;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

int gt_iop_keylog_compare(const char *a_path, const char *b_path, char *why, size_t cap)
{
    keylog a, b;
    char w[200];
    if (load(a_path, &a, w, sizeof w) != 0) {
        snprintf(why, cap, "server: %s", w);
        return -1;
    }
    if (load(b_path, &b, w, sizeof w) != 0) {
        snprintf(why, cap, "client: %s", w);
        return -1;
    }
    qsort(a.line, a.n, LINE_LEN, cmp);
    qsort(b.line, b.n, LINE_LEN, cmp);
    if (a.n != b.n) {
        snprintf(why, cap, "server logged %zu sessions, client %zu", a.n, b.n);
        return -1;
    }
    for (size_t i = 0; i < a.n; i++) {
        if (strncmp(a.line[i], b.line[i], 64) != 0) {
            snprintf(why, cap, "client randoms differ (server %.16s..., client %.16s...)",
                     a.line[i], b.line[i]);
            return -1;
        }
        if (strcmp(a.line[i], b.line[i]) != 0) {
            snprintf(why, cap, "master secrets differ for client random %.16s...", a.line[i]);
            return -1;
        }
    }
    return 0;
}
