/* Known-answer check between two real peers: both sides write the NSS key
 * log line `CLIENT_RANDOM <client_random hex> <master_secret hex>` for
 * every handshake; a session both sides completed must yield the same set
 * of lines (same client random, same master secret), or one of them
 * derived its keys differently — which TLS would not notice if, say, both
 * Finished checks were broken in matching ways.
 *
 * Lines are matched by client random (order of writes between the two
 * handshakes of a resumption cell does not matter); hex case is
 * normalised. */
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

/* Index of the line with this client random, or -1. */
static int find_random(const keylog *k, const char *line)
{
    for (size_t i = 0; i < k->n; i++) {
        if (strncmp(k->line[i], line, 64) == 0) return (int)i;
    }
    return -1;
}

/* A session only one side logged is accepted when it re-uses a master
 * secret both logged: that is an abbreviated handshake (RFC 5246 §7.3),
 * and some libraries (GnuTLS) do not log those. */
static int check_extra(const keylog *mine, const keylog *other, const char *side, char *why,
                       size_t cap)
{
    for (size_t i = 0; i < mine->n; i++) {
        if (find_random(other, mine->line[i]) >= 0) continue;
        bool resumed = false;
        for (size_t j = 0; j < mine->n && !resumed; j++) {
            resumed = j != i && find_random(other, mine->line[j]) >= 0 &&
                      strcmp(mine->line[j] + 65, mine->line[i] + 65) == 0;
        }
        if (!resumed) {
            snprintf(why, cap, "only the %s logged client random %.16s..., with a new secret", side,
                     mine->line[i]);
            return -1;
        }
    }
    return 0;
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
    size_t common = 0;
    for (size_t i = 0; i < a.n; i++) {
        int j = find_random(&b, a.line[i]);
        if (j < 0) continue;
        common++;
        if (strcmp(a.line[i], b.line[j]) != 0) {
            snprintf(why, cap, "master secrets differ for client random %.16s...", a.line[i]);
            return -1;
        }
    }
    if (common == 0) {
        snprintf(why, cap, "client randoms differ (server %.16s..., client %.16s...)", a.line[0],
                 b.line[0]);
        return -1;
    }
    if (check_extra(&a, &b, "server", why, cap) != 0 ||
        check_extra(&b, &a, "client", why, cap) != 0)
        return -1;
    return 0;
}
