/* What changed between two campaigns, so a regression is seen at a
 * glance: phases whose result changed, vector files that started failing,
 * interop cells and conformance cases that flipped, new fuzzing crashes
 * and coverage edges, coverage lost or gained per directory, benchmark
 * ratios (IUT / reference) that moved by more than a threshold.
 *
 * Each item is {kind, what, from, to, severity} with severity
 * "regression", "improvement" or "change"; regressions are listed first. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

#define COVERAGE_STEP 0.5 /* percentage points of line coverage worth a line */

static void item(cJSON *items, const char *kind, const char *what, const char *from, const char *to,
                 const char *severity)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", kind);
    cJSON_AddStringToObject(o, "what", what);
    cJSON_AddStringToObject(o, "from", from);
    cJSON_AddStringToObject(o, "to", to);
    cJSON_AddStringToObject(o, "severity", severity);
    cJSON_AddItemToArray(items, o);
}

/* pass -> fail is a regression, fail -> pass an improvement; a result that
 * appears failing is a regression too (a new failure). */
static const char *flip(const char *from, const char *to)
{
    if (!strcmp(to, "fail") && strcmp(from, "fail")) return "regression";
    if (!strcmp(from, "fail") && strcmp(to, "fail")) return "improvement";
    return "change";
}

static const cJSON *by_key(const cJSON *arr, const char *key, const char *val)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, arr)
    {
        if (!strcmp(gt_rp_str(o, key, ""), val)) return o;
    }
    return NULL;
}

static const cJSON *path2(const cJSON *s, const char *a, const char *b)
{
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, a), b);
}

static void phases(cJSON *items, const cJSON *old, const cJSON *cur)
{
    const cJSON *p, *po = cJSON_GetObjectItemCaseSensitive(old, "phases");
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(cur, "phases"))
    {
        const char *name = gt_rp_str(p, "name", "?"), *to = gt_rp_str(p, "status", "?");
        const char *from = gt_rp_str(by_key(po, "name", name), "status", "absent");
        if (strcmp(from, to) != 0) item(items, "phase", name, from, to, flip(from, to));
    }
}

static void vectors(cJSON *items, const cJSON *old, const cJSON *cur)
{
    const cJSON *f, *fo = path2(old, "vectors", "files");
    if (!fo) return; /* no earlier vectors phase: nothing to compare */
    cJSON_ArrayForEach(f, path2(cur, "vectors", "files"))
    {
        const char *name = gt_rp_str(f, "file", "?");
        const cJSON *o = by_key(fo, "file", name);
        double was = gt_rp_num(o, "failed", 0), now = gt_rp_num(f, "failed", 0);
        if (o && was == now) continue;
        char a[64], b[64];
        snprintf(a, sizeof a, o ? "%.0f failed" : "absent", was);
        snprintf(b, sizeof b, "%.0f failed", now);
        if (!o && now == 0) continue; /* a new file that passes is not news */
        item(items, "vectors", name, a, b, now > was ? "regression" : "improvement");
    }
}

/* Keyed results: {"id": "pass"} maps (interop cells). New passing cells are
 * counted into one line rather than listed. */
static void cells(cJSON *items, const char *kind, const cJSON *old, const cJSON *cur)
{
    if (!old) return;
    const cJSON *c;
    int fresh = 0;
    cJSON_ArrayForEach(c, cur)
    {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(old, c->string);
        const char *from = cJSON_IsString(o) ? o->valuestring : "absent";
        if (!strcmp(from, c->valuestring)) continue;
        if (!o && strcmp(c->valuestring, "fail") != 0) {
            fresh++;
            continue;
        }
        item(items, kind, c->string, from, c->valuestring, flip(from, c->valuestring));
    }
    /* Cells not run this time (a smaller matrix, --quick) are one line too. */
    int gone = 0;
    cJSON_ArrayForEach(c, old) gone += !cJSON_GetObjectItemCaseSensitive(cur, c->string);
    char what[64];
    if (fresh) {
        snprintf(what, sizeof what, "%d new cells", fresh);
        item(items, kind, what, "absent", "pass or skip", "change");
    }
    if (gone) {
        snprintf(what, sizeof what, "%d cells not run this time", gone);
        item(items, kind, what, "run", "absent", "change");
    }
}

static void conform(cJSON *items, const cJSON *old, const cJSON *cur)
{
    const cJSON *co = path2(old, "conform", "cases"), *row;
    if (!co) return;
    cJSON_ArrayForEach(row, path2(cur, "conform", "cases"))
    {
        const char *id = gt_rp_str(row, "id", "?");
        const cJSON *orow = by_key(co, "id", id);
        const cJSON *r, *ores = cJSON_GetObjectItemCaseSensitive(orow, "results");
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(row, "results"))
        {
            const char *to = gt_rp_str(r, "result", "fail");
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(ores, r->string);
            const char *from = o ? gt_rp_str(o, "result", "fail") : "absent";
            if (!strcmp(from, to) || (!o && strcmp(to, "fail") != 0)) continue;
            char what[512];
            snprintf(what, sizeof what, "%s: %s", r->string, id);
            item(items, "conformance", what, from, to, flip(from, to));
        }
    }
}

static void fuzz(cJSON *items, const cJSON *old, const cJSON *cur)
{
    const cJSON *to = path2(old, "fuzz", "targets"), *t;
    if (!to) return;
    cJSON_ArrayForEach(t, path2(cur, "fuzz", "targets"))
    {
        const char *name = gt_rp_str(t, "name", "?");
        const cJSON *o = by_key(to, "name", name);
        int cw = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, "crashes"));
        int cn = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "crashes"));
        char a[64], b[64], what[256];
        if (cn != cw) {
            snprintf(a, sizeof a, "%d crashes", cw);
            snprintf(b, sizeof b, "%d crashes", cn);
            snprintf(what, sizeof what, "%s crashes", name);
            item(items, "fuzz", what, a, b, cn > cw ? "regression" : "improvement");
        }
        double ew = gt_rp_num(o, "edges", 0), en = gt_rp_num(t, "edges", 0);
        if (o && ew != en) {
            snprintf(a, sizeof a, "%.0f edges", ew);
            snprintf(b, sizeof b, "%.0f edges", en);
            snprintf(what, sizeof what, "%s coverage", name);
            item(items, "fuzz", what, a, b, "change");
        }
    }
}

static void coverage(cJSON *items, const cJSON *old, const cJSON *cur)
{
    const cJSON *dold = path2(old, "coverage", "dirs"), *d;
    if (!dold) return;
    cJSON_ArrayForEach(d, path2(cur, "coverage", "dirs"))
    {
        const char *name = gt_rp_str(d, "dir", "?");
        const cJSON *o = by_key(dold, "dir", name);
        if (!o) continue;
        double pw = gt_rp_num(cJSON_GetObjectItemCaseSensitive(o, "lines"), "percent", 0);
        double pn = gt_rp_num(cJSON_GetObjectItemCaseSensitive(d, "lines"), "percent", 0);
        if (fabs(pn - pw) < COVERAGE_STEP) continue;
        char a[64], b[64], what[300];
        snprintf(a, sizeof a, "%.1f%% lines", pw);
        snprintf(b, sizeof b, "%.1f%% lines", pn);
        snprintf(what, sizeof what, "%s coverage %s", name, pn < pw ? "lost" : "gained");
        item(items, "coverage", what, a, b, pn < pw ? "regression" : "improvement");
    }
}

static void bench(cJSON *items, const cJSON *old, const cJSON *cur, double threshold)
{
    const cJSON *ro = path2(old, "bench", "results"), *r;
    cJSON_ArrayForEach(r, path2(cur, "bench", "results"))
    {
        const char *name = gt_rp_str(r, "name", "?");
        const cJSON *o = by_key(ro, "name", name);
        double rw = gt_rp_num(o, "ratio", 0), rn = gt_rp_num(r, "ratio", 0);
        if (!o || rw <= 0 || rn <= 0 || fabs(rn / rw - 1) <= threshold) continue;
        char a[64], b[64], what[300];
        snprintf(a, sizeof a, "%.2fx OpenSSL", rw);
        snprintf(b, sizeof b, "%.2fx OpenSSL (%+.0f%%)", rn, (rn / rw - 1) * 100);
        snprintf(what, sizeof what, "%s %s", name, rn < rw ? "slower" : "faster");
        item(items, "bench", what, a, b, rn < rw ? "regression" : "improvement");
    }
}

static int count_sev(const cJSON *items, const char *sev)
{
    int n = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, items) n += !strcmp(gt_rp_str(it, "severity", ""), sev);
    return n;
}

static cJSON *sorted(cJSON *items)
{
    static const char *const order[] = {"regression", "improvement", "change"};
    cJSON *out = cJSON_CreateArray();
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < cJSON_GetArraySize(items);) {
            /* copied, not moved: cJSON 1.7.15 mishandles detaching the last item */
            cJSON *it = cJSON_GetArrayItem(items, i);
            if (strcmp(gt_rp_str(it, "severity", ""), order[k]) == 0)
                cJSON_AddItemToArray(out, cJSON_Duplicate(it, 1));
            i++;
        }
    }
    cJSON_Delete(items);
    return out;
}

cJSON *gt_rp_compare(const cJSON *old, const cJSON *cur, double threshold)
{
    cJSON *items = cJSON_CreateArray();
    phases(items, old, cur);
    vectors(items, old, cur);
    cells(items, "interop", path2(old, "interop", "cells"), path2(cur, "interop", "cells"));
    conform(items, old, cur);
    fuzz(items, old, cur);
    coverage(items, old, cur);
    bench(items, old, cur, threshold);
    items = sorted(items);
    cJSON *cmp = cJSON_CreateObject();
    const cJSON *om = cJSON_GetObjectItemCaseSensitive(old, "meta");
    cJSON_AddStringToObject(cmp, "against",
                            gt_rp_str(om, "out", gt_rp_str(om, "started", "the earlier campaign")));
    cJSON_AddNumberToObject(cmp, "threshold", threshold);
    cJSON_AddNumberToObject(cmp, "regressions", count_sev(items, "regression"));
    cJSON_AddNumberToObject(cmp, "improvements", count_sev(items, "improvement"));
    cJSON_AddNumberToObject(cmp, "changes", count_sev(items, "change"));
    cJSON_AddItemToObject(cmp, "items", items);
    return cmp;
}

void gt_rp_compare_print(const cJSON *cmp, FILE *f)
{
    fprintf(f, "changes since %s: %.0f regressions, %.0f improvements, %.0f other changes\n",
            gt_rp_str(cmp, "against", "?"), gt_rp_num(cmp, "regressions", 0),
            gt_rp_num(cmp, "improvements", 0), gt_rp_num(cmp, "changes", 0));
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(cmp, "items"))
    {
        const char *sev = gt_rp_str(it, "severity", "");
        fprintf(f, "  %-11s %-11s %s: %s -> %s\n",
                !strcmp(sev, "regression")    ? "REGRESSION"
                : !strcmp(sev, "improvement") ? "improved"
                                              : "changed",
                gt_rp_str(it, "kind", ""), gt_rp_str(it, "what", ""), gt_rp_str(it, "from", ""),
                gt_rp_str(it, "to", ""));
    }
}
