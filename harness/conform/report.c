/* JUnit XML (for CI) and a JSON summary of a conformance run. */
#include "runner.h"

#include <stdio.h>
#include <string.h>

static void esc(FILE *f, const char *s, int json)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (json && (ch == '"' || ch == '\\'))
            fprintf(f, "\\%c", ch);
        else if (json && ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else if (!json && ch == '<')
            fputs("&lt;", f);
        else if (!json && ch == '>')
            fputs("&gt;", f);
        else if (!json && ch == '&')
            fputs("&amp;", f);
        else if (!json && ch == '"')
            fputs("&quot;", f);
        else
            fputc(ch, f);
    }
}

static void counts(const gt_cf_inst *in, size_t n, size_t c[3])
{
    c[0] = c[1] = c[2] = 0;
    for (size_t i = 0; i < n; i++)
        c[in[i].result]++;
}

int gt_cf_write_junit(const char *path, const gt_cf_inst *in, size_t n)
{
    FILE *f = fopen(path, "w");
    size_t c[3];
    if (f == NULL) return -1;
    counts(in, n, c);
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuite name=\"conform\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n", n,
            c[GT_R_FAIL], c[GT_R_SKIP]);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  <testcase classname=\"conform.%s\" name=\"", in[i].c->rfc);
        esc(f, in[i].name, 0);
        fprintf(f, "\" time=\"%.3f\">", in[i].ms / 1e3);
        if (in[i].result != GT_R_PASS) {
            fprintf(f, in[i].result == GT_R_FAIL ? "<failure message=\"" : "<skipped message=\"");
            esc(f, in[i].detail, 0);
            fprintf(f, "\"/>");
        }
        fprintf(f, "</testcase>\n");
    }
    fprintf(f, "</testsuite>\n");
    return fclose(f);
}

int gt_cf_write_json(const char *path, const gt_cf_inst *in, size_t n, const gt_cf_env *env)
{
    static const char *const res[] = {"pass", "fail", "skip"};
    FILE *f = fopen(path, "w");
    size_t c[3];
    if (f == NULL) return -1;
    counts(in, n, c);
    fprintf(f,
            "{\"runner\":\"conform\",\"target\":\"%s\",\"passed\":%zu,\"failed\":%zu,"
            "\"skipped\":%zu,\n \"suites\":[",
            env->target == GT_TARGET_SERVER ? "server" : "client", c[0], c[1], c[2]);
    for (size_t i = 0; i < env->n_suites; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", gt_sp_suite_by_code(env->suites[i])->name);
    fprintf(f, "],\n \"groups\":[");
    for (size_t i = 0; i < env->n_groups; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", gt_sp_group_name(env->groups[i]));
    fprintf(f, "],\n \"cases\":[\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  {\"name\":\"");
        esc(f, in[i].name, 1);
        fprintf(f, "\",\"id\":\"%s\",\"rfc\":\"", in[i].c->id);
        esc(f, in[i].c->rfc, 1);
        fprintf(f, "\",\"result\":\"%s\",\"ms\":%.1f,\"detail\":\"", res[in[i].result], in[i].ms);
        esc(f, in[i].detail, 1);
        fprintf(f, "\"}%s\n", i + 1 < n ? "," : "");
    }
    fprintf(f, "]}\n");
    return fclose(f);
}
