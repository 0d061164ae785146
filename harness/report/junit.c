/* JUnit XML for the campaign's phases that have no runner writing one
 * (build, vectors, fuzz, coverage, bench; and any phase that was not
 * available, which becomes one skipped test case saying why, so CI shows it
 * as skipped rather than passed). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef struct {
    char name[256];
    char failure[512]; /* empty: not failed */
    char skipped[512]; /* empty: not skipped */
    char out[256];
    double time;
} tcase;

typedef struct {
    tcase *c;
    size_t n, cap;
} tlist;

static tcase *add(tlist *l, const char *name)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        tcase *c = realloc(l->c, cap * sizeof *c);
        if (!c) return NULL;
        l->c = c;
        l->cap = cap;
    }
    tcase *t = &l->c[l->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

void gt_rp_xml_escape(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '<')
            fputs("&lt;", f);
        else if (ch == '>')
            fputs("&gt;", f);
        else if (ch == '&')
            fputs("&amp;", f);
        else if (ch == '"')
            fputs("&quot;", f);
        else if (ch < 0x20 && ch != '\n' && ch != '\t')
            fputc(' ', f); /* not allowed in XML 1.0 */
        else
            fputc(ch, f);
    }
}

static const cJSON *phase_of(const cJSON *s, const char *phase)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s, "phases"))
    {
        if (!strcmp(gt_rp_str(p, "name", ""), phase)) return p;
    }
    return NULL;
}

static void cases_for(const cJSON *s, const char *phase, tlist *l)
{
    const cJSON *x, *sec = cJSON_GetObjectItemCaseSensitive(s, phase);
    tcase *t;
    if (!strcmp(phase, "vectors")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(sec, "files"))
        {
            if (!(t = add(l, gt_rp_str(x, "file", "?")))) return;
            double failed = gt_rp_num(x, "failed", 0);
            if (failed > 0 || gt_rp_num(x, "malformed", 0))
                snprintf(t->failure, sizeof t->failure, "%.0f failed%s", failed,
                         gt_rp_num(x, "malformed", 0) ? ", malformed file" : "");
            snprintf(t->out, sizeof t->out, "%.0f passed, %.0f failed, %.0f skipped",
                     gt_rp_num(x, "passed", 0), failed, gt_rp_num(x, "skipped", 0));
        }
    } else if (!strcmp(phase, "fuzz")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(sec, "targets"))
        {
            if (!(t = add(l, gt_rp_str(x, "name", "?")))) return;
            const cJSON *cr = cJSON_GetObjectItemCaseSensitive(x, "crashes");
            if (cJSON_GetArraySize(cr) > 0)
                snprintf(t->failure, sizeof t->failure, "%d crashes; replay: %s",
                         cJSON_GetArraySize(cr),
                         gt_rp_str(cJSON_GetArrayItem(cr, 0), "command", "?"));
            t->time = gt_rp_num(x, "seconds", 0);
            snprintf(t->out, sizeof t->out, "%.0f execs, %.0f exec/s, %.0f edges, corpus %.0f",
                     gt_rp_num(x, "execs", 0), gt_rp_num(x, "exec_per_s", 0),
                     gt_rp_num(x, "edges", 0), gt_rp_num(x, "corpus", 0));
        }
    } else if (!strcmp(phase, "coverage")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(sec, "dirs"))
        {
            if (!(t = add(l, gt_rp_str(x, "dir", "?")))) return;
            snprintf(t->out, sizeof t->out, "%.1f%% lines",
                     gt_rp_num(cJSON_GetObjectItemCaseSensitive(x, "lines"), "percent", 0));
        }
    } else if (!strcmp(phase, "bench")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(sec, "results"))
        {
            if (!(t = add(l, gt_rp_str(x, "name", "?")))) return;
            snprintf(t->out, sizeof t->out, "gt %.1f %s, openssl %.1f, ratio %.2f",
                     gt_rp_num(x, "gt", 0), gt_rp_str(x, "unit", ""), gt_rp_num(x, "openssl", 0),
                     gt_rp_num(x, "ratio", 0));
        }
    }
}

int gt_rp_junit(const cJSON *s, const char *phase, FILE *f)
{
    const cJSON *p = phase_of(s, phase);
    const char *st = gt_rp_str(p, "status", "not run"), *note = gt_rp_str(p, "note", "");
    tlist l = {0};
    if (!strcmp(st, "pass") || !strcmp(st, "fail")) cases_for(s, phase, &l);
    /* Without per-item cases the phase itself is the one test case. */
    if (l.n == 0) {
        tcase *t = add(&l, phase);
        if (!t) return -1;
        t->time = gt_rp_num(p, "seconds", 0);
        if (!strcmp(st, "fail"))
            snprintf(t->failure, sizeof t->failure, "%s", note);
        else if (strcmp(st, "pass") != 0)
            snprintf(t->skipped, sizeof t->skipped, "%s%s%s",
                     !strcmp(st, "n/a") ? "not available" : st, *note ? ": " : "", note);
    } else if (!strcmp(st, "fail")) {
        /* the phase failed although no item did (its tool exited non-zero) */
        int any = 0;
        for (size_t i = 0; i < l.n; i++)
            any |= l.c[i].failure[0] != 0;
        tcase *t = any ? NULL : add(&l, phase);
        if (t) snprintf(t->failure, sizeof t->failure, "%s", *note ? note : "phase failed");
    }
    size_t fails = 0, skips = 0;
    for (size_t i = 0; i < l.n; i++)
        fails += l.c[i].failure[0] != 0, skips += l.c[i].skipped[0] != 0;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"campaign\">\n", f);
    fprintf(f,
            "  <testsuite name=\"campaign.%s\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\" "
            "errors=\"0\" time=\"%.3f\">\n",
            phase, l.n, fails, skips, gt_rp_num(p, "seconds", 0));
    for (size_t i = 0; i < l.n; i++) {
        fprintf(f, "    <testcase classname=\"campaign.%s\" name=\"", phase);
        gt_rp_xml_escape(f, l.c[i].name);
        fprintf(f, "\" time=\"%.3f\">", l.c[i].time);
        if (l.c[i].failure[0]) {
            fputs("<failure message=\"", f);
            gt_rp_xml_escape(f, l.c[i].failure);
            fputs("\"/>", f);
        } else if (l.c[i].skipped[0]) {
            fputs("<skipped message=\"", f);
            gt_rp_xml_escape(f, l.c[i].skipped);
            fputs("\"/>", f);
        }
        if (l.c[i].out[0]) {
            fputs("<system-out>", f);
            gt_rp_xml_escape(f, l.c[i].out);
            fputs("</system-out>", f);
        }
        fputs("</testcase>\n", f);
    }
    fputs("  </testsuite>\n</testsuites>\n", f);
    free(l.c);
    return ferror(f) ? -1 : 0;
}
