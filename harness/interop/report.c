/* Reports of one run: a compact terminal table (per server>client pair),
 * JUnit XML (one testsuite per pair, skips as <skipped message=…/>), a
 * JSON array with one object per cell, and a Markdown matrix (servers as
 * rows, clients as columns). The terminal's closing line is always exactly
 * `N passed, M failed, K skipped`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop.h"

typedef struct {
    size_t pass, fail, skip;
} counts;

static void count(counts *k, const gt_iop_cell *c)
{
    if (c->result == GT_IOP_PASS)
        k->pass++;
    else if (c->result == GT_IOP_SKIP)
        k->skip++;
    else
        k->fail++;
}

static counts pair_counts(const gt_iop_ctx *ctx, size_t s, size_t cl)
{
    counts k = {0, 0, 0};
    for (size_t i = 0; i < ctx->ncells; i++) {
        if (ctx->cells[i].server == (int)s && ctx->cells[i].client == (int)cl)
            count(&k, &ctx->cells[i]);
    }
    return k;
}

static const char *word(gt_iop_result r)
{
    switch (r) {
    case GT_IOP_PASS:
        return "pass";
    case GT_IOP_SKIP:
        return "skip";
    case GT_IOP_FAIL:
        return "fail";
    default:
        return "not run";
    }
}

/* Distinct skip reasons with their counts, so a skip is never invisible. */
static void skip_summary(const gt_iop_ctx *ctx)
{
    const char **seen = calloc(ctx->ncells + 1, sizeof *seen);
    size_t *n = calloc(ctx->ncells + 1, sizeof *n);
    size_t k = 0;
    for (size_t i = 0; seen && n && i < ctx->ncells; i++) {
        if (ctx->cells[i].result != GT_IOP_SKIP) continue;
        size_t j = 0;
        while (j < k && strcmp(seen[j], ctx->cells[i].reason) != 0)
            j++;
        if (j == k) seen[k++] = ctx->cells[i].reason;
        n[j]++;
    }
    if (k) printf("skipped, by reason:\n");
    for (size_t j = 0; j < k; j++)
        printf("  %5zu  %s\n", n[j], seen[j]);
    free(seen);
    free(n);
}

void gt_iop_report_terminal(const gt_iop_ctx *ctx, double wall)
{
    counts all = {0, 0, 0};
    printf("%-24s %6s %6s %6s\n", "server>client", "pass", "fail", "skip");
    for (size_t s = 0; s < ctx->nimpls; s++) {
        for (size_t c = 0; c < ctx->nimpls; c++) {
            counts k = pair_counts(ctx, s, c);
            if (k.pass + k.fail + k.skip == 0) continue;
            char pair[80];
            snprintf(pair, sizeof pair, "%s>%s", ctx->impls[s].name, ctx->impls[c].name);
            printf("%-24s %6zu %6zu %6zu\n", pair, k.pass, k.fail, k.skip);
        }
    }
    for (size_t i = 0; i < ctx->ncells; i++) {
        count(&all, &ctx->cells[i]);
        if (ctx->cells[i].result == GT_IOP_FAIL)
            printf("FAIL %s: %s\n", ctx->cells[i].id, ctx->cells[i].reason);
    }
    skip_summary(ctx);
    printf("%zu cells in %.1fs (--jobs %d, --timeout %ds), logs in %s\n", ctx->ncells, wall,
           ctx->jobs, ctx->timeout, ctx->out);
    printf("%zu passed, %zu failed, %zu skipped\n", all.pass, all.fail, all.skip);
    fflush(stdout);
}

int gt_iop_report_json(const gt_iop_ctx *ctx, const char *path)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < ctx->ncells; i++) {
        const gt_iop_cell *c = &ctx->cells[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", c->id);
        cJSON_AddStringToObject(o, "server", ctx->impls[c->server].name);
        cJSON_AddStringToObject(o, "client", ctx->impls[c->client].name);
        cJSON_AddStringToObject(o, "suite", c->suite->name);
        cJSON_AddStringToObject(o, "group", c->group ? c->group : "-");
        cJSON_AddStringToObject(o, "cert", c->cert->name);
        cJSON_AddStringToObject(o, "feature", c->feature->name);
        cJSON_AddStringToObject(o, "result", word(c->result));
        cJSON_AddStringToObject(o, "reason", c->reason);
        cJSON_AddNumberToObject(o, "seconds", (double)(long)(c->seconds * 1000) / 1000.0);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = arr ? cJSON_Print(arr) : NULL;
    cJSON_Delete(arr);
    FILE *f = text ? fopen(path, "w") : NULL;
    int rc = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF ? 0 : -1;
    if (f && fclose(f) != 0) rc = -1;
    free(text);
    return rc;
}

static void xml_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            /* XML 1.0 §2.2: no control characters but tab/LF/CR. */
            fputc((unsigned char)*s < 0x20 && *s != '\t' ? ' ' : *s, f);
        }
    }
}

static void junit_suite(FILE *f, const gt_iop_ctx *ctx, size_t s, size_t cl, counts k)
{
    double t = 0;
    for (size_t i = 0; i < ctx->ncells; i++) {
        if (ctx->cells[i].server == (int)s && ctx->cells[i].client == (int)cl)
            t += ctx->cells[i].seconds;
    }
    fprintf(f, "  <testsuite name=\"interop %s&gt;%s\" tests=\"%zu\" failures=\"%zu\" ",
            ctx->impls[s].name, ctx->impls[cl].name, k.pass + k.fail + k.skip, k.fail);
    fprintf(f, "skipped=\"%zu\" errors=\"0\" time=\"%.3f\">\n", k.skip, t);
    for (size_t i = 0; i < ctx->ncells; i++) {
        const gt_iop_cell *c = &ctx->cells[i];
        if (c->server != (int)s || c->client != (int)cl) continue;
        fprintf(f, "    <testcase classname=\"interop.%s-%s\" name=\"", ctx->impls[s].name,
                ctx->impls[cl].name);
        xml_escaped(f, c->id);
        fprintf(f, "\" time=\"%.3f\"", c->seconds);
        if (c->result == GT_IOP_PASS) {
            fputs("/>\n", f);
            continue;
        }
        fprintf(f, ">\n      <%s message=\"", c->result == GT_IOP_SKIP ? "skipped" : "failure");
        xml_escaped(f, c->reason);
        fputs("\"/>\n    </testcase>\n", f);
    }
    fputs("  </testsuite>\n", f);
}

int gt_iop_report_junit(const gt_iop_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"interop\">\n", f);
    for (size_t s = 0; s < ctx->nimpls; s++) {
        for (size_t c = 0; c < ctx->nimpls; c++) {
            counts k = pair_counts(ctx, s, c);
            if (k.pass + k.fail + k.skip) junit_suite(f, ctx, s, c, k);
        }
    }
    fputs("</testsuites>\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

int gt_iop_report_markdown(const gt_iop_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    counts all = {0, 0, 0};
    for (size_t i = 0; i < ctx->ncells; i++)
        count(&all, &ctx->cells[i]);
    fprintf(f, "# Interop matrix\n\n%zu passed, %zu failed, %zu skipped. ", all.pass, all.fail,
            all.skip);
    fputs("Rows: server, columns: client; each cell is pass / fail / skip.\n\n| server \\ client |",
          f);
    for (size_t c = 0; c < ctx->nimpls; c++)
        fprintf(f, " %s |", ctx->impls[c].name);
    fputs("\n|---|", f);
    for (size_t c = 0; c < ctx->nimpls; c++)
        fputs("---|", f);
    fputc('\n', f);
    for (size_t s = 0; s < ctx->nimpls; s++) {
        fprintf(f, "| **%s** %s |", ctx->impls[s].name, ctx->impls[s].version);
        for (size_t c = 0; c < ctx->nimpls; c++) {
            counts k = pair_counts(ctx, s, c);
            fprintf(f, " %zu / %s%zu%s / %zu |", k.pass, k.fail ? "**" : "", k.fail,
                    k.fail ? "**" : "", k.skip);
        }
        fputc('\n', f);
    }
    if (all.fail) {
        fputs("\n## Failures\n\n", f);
        for (size_t i = 0; i < ctx->ncells; i++) {
            if (ctx->cells[i].result == GT_IOP_FAIL)
                fprintf(f, "- `%s`: %s\n", ctx->cells[i].id, ctx->cells[i].reason);
        }
    }
    return fclose(f) == 0 ? 0 : -1;
}
