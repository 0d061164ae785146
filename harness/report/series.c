/* Coverage over time from what a fuzzer leaves behind.
 *
 * libFuzzer prints a status line on every new unit, every power-of-two
 * "pulse" and at the end:
 *     #4096   NEW    cov: 812 ft: 2301 corp: 180/9Kb lim: 48 exec/s: 2048 rss: 41Mb ...
 * and in -fork mode the parent prints
 *     #52011: cov: 1203 ft: 3900 corp: 412 exec/s 5200 oom/timeout/crash: 0/0/0 time: 10s ...
 * Only fork mode says how long it has been running; otherwise the elapsed
 * time is the run count divided by exec/s, which libFuzzer computes as runs
 * since start over seconds since start, so the two agree. A log can hold
 * several processes (a merge step after the run): a falling run count
 * starts a new segment and the longest segment is the one plotted.
 *
 * AFL++ writes plot_data, a CSV whose header names the columns
 * ("# relative_time, cycles_done, cur_item, corpus_count, ...,
 * edges_found" in 4.x; older versions start with unix_time and have no
 * edges column, in which case there is nothing to plot). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef struct {
    double t, cov, ft, corp;
} point;

typedef struct {
    point *p;
    size_t n, cap;
} series;

static void push(series *s, point pt)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        point *p = realloc(s->p, cap * sizeof *p);
        if (!p) return;
        s->p = p;
        s->cap = cap;
    }
    s->p[s->n++] = pt;
}

/* The number after `key` on the line (NULL end = not found). */
static int field(const char *line, const char *key, double *out)
{
    const char *k = strstr(line, key);
    if (!k) return 0;
    char *end;
    double v = strtod(k + strlen(key), &end);
    if (end == k + strlen(key)) return 0;
    *out = v;
    return 1;
}

static int libfuzzer_line(const char *line, double *runs, point *pt)
{
    if (line[0] != '#') return 0;
    char *end;
    *runs = strtod(line + 1, &end);
    if (end == line + 1 || !field(line, " cov: ", &pt->cov)) return 0;
    pt->ft = 0, pt->corp = 0;
    field(line, " ft: ", &pt->ft);
    field(line, " corp: ", &pt->corp);
    double eps = 0;
    if (field(line, " time: ", &pt->t)) return 1;
    if (!field(line, " exec/s: ", &eps)) field(line, " exec/s ", &eps);
    pt->t = eps > 0 ? *runs / eps : 0;
    return 1;
}

static void parse_libfuzzer(const char *text, series *best)
{
    series cur = {0};
    double last_runs = -1;
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char buf[1024];
        if (len >= sizeof buf) len = sizeof buf - 1;
        memcpy(buf, line, len);
        buf[len] = 0;
        double runs;
        point pt;
        if (libfuzzer_line(buf, &runs, &pt)) {
            if (runs < last_runs) { /* a new process: keep the longer segment */
                if (cur.n && (!best->n || cur.p[cur.n - 1].t > best->p[best->n - 1].t)) {
                    free(best->p);
                    *best = cur;
                } else {
                    free(cur.p);
                }
                cur = (series){0};
            }
            last_runs = runs;
            push(&cur, pt);
        }
        line = nl ? nl + 1 : NULL;
    }
    if (cur.n && (!best->n || cur.p[cur.n - 1].t > best->p[best->n - 1].t)) {
        free(best->p);
        *best = cur;
    } else {
        free(cur.p);
    }
}

/* Column index of `name` in an AFL header ("# a, b, c"), or -1. */
static int column(const char *header, const char *name)
{
    int idx = 0;
    const char *p = header + 1;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",\n");
        while (n && p[n - 1] == ' ')
            n--;
        if (n == strlen(name) && strncmp(p, name, n) == 0) return idx;
        p += strcspn(p, ",\n");
        if (*p != ',') break;
        idx++;
    }
    return -1;
}

static double csv_num(const char *row, int col)
{
    for (int i = 0; i < col && row; i++) {
        row = strchr(row, ',');
        if (row) row++;
    }
    return row ? strtod(row, NULL) : 0;
}

static void parse_plot_data(const char *text, series *s)
{
    int tcol = column(text, "relative_time"), epoch = 0;
    if (tcol < 0) tcol = column(text, "unix_time"), epoch = 1;
    int cov = column(text, "edges_found");
    int corp = column(text, "corpus_count");
    if (corp < 0) corp = column(text, "paths_total");
    if (tcol < 0 || cov < 0) return;
    double t0 = -1;
    for (const char *row = strchr(text, '\n'); row && *++row;) {
        if (*row != '#') {
            point pt = {csv_num(row, tcol), csv_num(row, cov), 0,
                        corp >= 0 ? csv_num(row, corp) : 0};
            if (epoch && t0 < 0) t0 = pt.t;
            if (epoch) pt.t -= t0;
            push(s, pt);
        }
        row = strchr(row, '\n');
    }
}

cJSON *gt_rp_fuzz_series(const char *text, size_t max_points)
{
    series s = {0};
    if (!text) return NULL;
    if (text[0] == '#' && (strstr(text, "relative_time") || strstr(text, "unix_time")) &&
        strchr(text, '\n') && strstr(text, "cycles_done"))
        parse_plot_data(text, &s);
    else
        parse_libfuzzer(text, &s);
    if (s.n == 0 || max_points < 2) {
        free(s.p);
        return NULL;
    }
    cJSON *out = cJSON_CreateArray();
    size_t n = s.n < max_points ? s.n : max_points;
    for (size_t i = 0; i < n; i++) {
        /* evenly thinned; the first and last points are always kept */
        size_t k = n == s.n ? i : i * (s.n - 1) / (n - 1);
        double row[4] = {s.p[k].t, s.p[k].cov, s.p[k].ft, s.p[k].corp};
        cJSON_AddItemToArray(out, cJSON_CreateDoubleArray(row, 4));
    }
    free(s.p);
    return out;
}
