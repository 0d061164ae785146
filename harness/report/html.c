/* The campaign page: one self-contained HTML file (inline CSS and SVG, no
 * script, nothing fetched), drawn from summary.json only. This file holds
 * the frame, the phase table, vectors, coverage and benchmarks; the
 * interop grid, the conformance table, fuzzing and the comparison are in
 * html_sections.c, the charts in svg.c. */
#include <string.h>

#include "report.h"

static const char css[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d232a;"
    "background:#f6f7f9}"
    "header{background:#1d2b3a;color:#fff;padding:18px 28px}header h1{margin:0 0 "
    "4px;font-size:22px}"
    "header p{margin:0;color:#c9d3de}nav{padding:8px 28px;background:#e9edf2}"
    "nav a{margin-right:14px;color:#1d4f80;text-decoration:none}"
    "main{padding:8px 28px 40px}section{background:#fff;border:1px solid #dde2e8;"
    "border-radius:6px;padding:12px 18px;margin:16px 0}h2{margin:4px 0 10px;font-size:18px}"
    "h3{font-size:15px;margin:14px 0 6px}"
    "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #dde2e8;padding:3px 8px;"
    "text-align:left;vertical-align:top}th{background:#f0f3f6}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".pass{background:#d7f0d9}.fail{background:#f8d0d0}.skip{background:#eceff1;color:#555}"
    ".na{background:#eceff1;color:#555}.interrupted{background:#ffe3bf}.notrun{color:#888}"
    ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px}"
    ".muted{color:#667}.bar{display:inline-block;height:10px;background:#4a8bd6;"
    "vertical-align:middle;margin-right:6px}.bar.low{background:#d9822b}"
    ".bar.bad{background:#c62828}.bar.good{background:#2e7d32}"
    "table.grid td{min-width:92px;text-align:center;font-variant-numeric:tabular-nums}"
    "table.grid summary{cursor:pointer;list-style:none}table.grid ul{text-align:left;"
    "margin:4px 0;padding-left:16px;font-size:12px;max-width:420px}"
    "pre{background:#f0f3f6;padding:6px 8px;overflow-x:auto;font-size:12px}"
    ".charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #dde2e8;"
    "border-radius:4px;padding:4px}.reg{color:#b71c1c}.imp{color:#1b5e20}"
    "footer{color:#778;padding:0 28px 20px;font-size:12px}";

void gt_rp_html_escape(FILE *f, const char *s)
{
    for (; s && *s; s++) {
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
            fputc(*s, f);
        }
    }
}

/* CSS class of a phase status. */
static const char *status_class(const char *st)
{
    if (!strcmp(st, "pass")) return "pass";
    if (!strcmp(st, "fail")) return "fail";
    if (!strcmp(st, "interrupted")) return "interrupted";
    if (!strcmp(st, "n/a")) return "na";
    return "notrun";
}

static void head(const cJSON *meta, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width\">\n<title>tlsgauntlet campaign ",
          f);
    gt_rp_html_escape(f, gt_rp_str(meta, "started", ""));
    fprintf(f,
            "</title>\n<style>%s</style></head>\n<body>\n<header><h1>tlsgauntlet campaign</h1><p>",
            css);
    gt_rp_html_escape(f, gt_rp_str(meta, "started", "?"));
    fputs(" &middot; commit ", f);
    gt_rp_html_escape(f, gt_rp_str(meta, "commit", "?"));
    fputs(" &middot; ", f);
    gt_rp_html_escape(f, gt_rp_str(meta, "host", "?"));
    double budget = gt_rp_num(meta, "budget_s", 0), took = gt_rp_num(meta, "elapsed_s", 0);
    fprintf(f, " &middot; budget %.0f min &middot; took %d:%02d", budget / 60, (int)took / 60,
            (int)took % 60);
    if (gt_rp_num(meta, "interrupted", 0)) fputs(" &middot; <b>interrupted</b>", f);
    fputs("</p></header>\n<nav><a href=\"#phases\">Phases</a><a href=\"#compare\">Changes</a>"
          "<a href=\"#interop\">Interop</a><a href=\"#conform\">Conformance</a>"
          "<a href=\"#fuzz\">Fuzzing</a><a href=\"#coverage\">Coverage</a>"
          "<a href=\"#vectors\">Vectors</a><a href=\"#bench\">Benchmarks</a></nav>\n<main>\n",
          f);
}

static void phases(const cJSON *s, FILE *f)
{
    fputs("<section id=\"phases\"><h2>Phases</h2>\n<table><tr><th>phase</th><th>result</th>"
          "<th>time</th><th>summary</th></tr>\n",
          f);
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s, "phases"))
    {
        const char *st = gt_rp_str(p, "status", "not run");
        double sec = gt_rp_num(p, "seconds", 0);
        fputs("<tr><td>", f);
        gt_rp_html_escape(f, gt_rp_str(p, "name", "?"));
        fprintf(f, "</td><td><span class=\"badge %s\">", status_class(st));
        gt_rp_html_escape(f, !strcmp(st, "n/a") ? "not available" : st);
        fprintf(f, "</span></td><td class=\"n\">%d:%02d</td><td>", (int)sec / 60, (int)sec % 60);
        gt_rp_html_escape(f, gt_rp_str(p, "note", ""));
        fputs("</td></tr>\n", f);
    }
    fputs("</table></section>\n", f);
}

/* A section with no data says why, from the phase's own status line. */
static int missing(const cJSON *s, const char *member, const char *phase, FILE *f)
{
    if (cJSON_GetObjectItemCaseSensitive(s, member)) return 0;
    const char *why = "the phase did not run";
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s, "phases"))
    {
        if (strcmp(gt_rp_str(p, "name", ""), phase) != 0) continue;
        const char *st = gt_rp_str(p, "status", "");
        const char *note = gt_rp_str(p, "note", "");
        fprintf(f, "<p class=\"muted\">No results: %s", !strcmp(st, "n/a") ? "not available" : st);
        if (*note) fputs(" &mdash; ", f);
        gt_rp_html_escape(f, note);
        fputs(".</p>\n", f);
        return 1;
    }
    fprintf(f, "<p class=\"muted\">No results: %s.</p>\n", why);
    return 1;
}

static void pct_cell(FILE *f, const cJSON *o)
{
    double p = gt_rp_num(o, "percent", 0);
    fprintf(f, "<td><span class=\"bar%s\" style=\"width:%dpx\"></span>%.1f%%</td>",
            p < 60 ? " low" : "", (int)(p + 0.5), p);
}

static void coverage(const cJSON *s, FILE *f)
{
    fputs("<section id=\"coverage\"><h2>Coverage</h2>\n", f);
    const cJSON *cov = cJSON_GetObjectItemCaseSensitive(s, "coverage");
    if (!missing(s, "coverage", "coverage", f)) {
        fputs("<table><tr><th>directory</th><th>lines</th><th class=\"n\">covered / total</th>"
              "<th>functions</th><th>branches</th></tr>\n",
              f);
        const cJSON *r;
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(cov, "dirs"))
        {
            const cJSON *l = cJSON_GetObjectItemCaseSensitive(r, "lines");
            fputs("<tr><td>", f);
            gt_rp_html_escape(f, gt_rp_str(r, "dir", "?"));
            fputs("</td>", f);
            pct_cell(f, l);
            fprintf(f, "<td class=\"n\">%.0f / %.0f</td>", gt_rp_num(l, "covered", 0),
                    gt_rp_num(l, "count", 0));
            pct_cell(f, cJSON_GetObjectItemCaseSensitive(r, "functions"));
            pct_cell(f, cJSON_GetObjectItemCaseSensitive(r, "branches"));
            fputs("</tr>\n", f);
        }
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(cov, "total");
        const cJSON *tl = cJSON_GetObjectItemCaseSensitive(t, "lines");
        fputs("<tr><th>total</th>", f);
        pct_cell(f, tl);
        fprintf(f, "<td class=\"n\">%.0f / %.0f</td>", gt_rp_num(tl, "covered", 0),
                gt_rp_num(tl, "count", 0));
        pct_cell(f, cJSON_GetObjectItemCaseSensitive(t, "functions"));
        pct_cell(f, cJSON_GetObjectItemCaseSensitive(t, "branches"));
        fputs("</tr></table>\n", f);
    }
    fputs("</section>\n", f);
}

static void vectors(const cJSON *s, FILE *f)
{
    static const char *const groups[] = {"project", "cavp", "tls-prf", "wycheproof"};
    fputs("<section id=\"vectors\"><h2>Known-answer vectors</h2>\n", f);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(s, "vectors");
    if (!missing(s, "vectors", "vectors", f)) {
        fprintf(f, "<p>%.0f passed, %.0f failed, %.0f skipped", gt_rp_num(v, "passed", 0),
                gt_rp_num(v, "failed", 0), gt_rp_num(v, "skipped", 0));
        if (gt_rp_num(v, "malformed", 0) > 0)
            fprintf(f, ", %.0f malformed files", gt_rp_num(v, "malformed", 0));
        fputs(
            "</p>\n<table><tr><th>source</th><th class=\"n\">files</th><th class=\"n\">passed</th>"
            "<th class=\"n\">failed</th><th class=\"n\">skipped</th></tr>\n",
            f);
        const cJSON *files = cJSON_GetObjectItemCaseSensitive(v, "files"), *x;
        for (size_t g = 0; g < 4; g++) {
            double n = 0, k[3] = {0, 0, 0};
            cJSON_ArrayForEach(x, files)
            {
                if (strcmp(gt_rp_str(x, "group", ""), groups[g]) != 0) continue;
                n++, k[0] += gt_rp_num(x, "passed", 0), k[1] += gt_rp_num(x, "failed", 0);
                k[2] += gt_rp_num(x, "skipped", 0);
            }
            if (n == 0) continue;
            fprintf(f,
                    "<tr class=\"%s\"><td>%s</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>"
                    "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td></tr>\n",
                    k[1] > 0 ? "fail" : "", groups[g], n, k[0], k[1], k[2]);
        }
        fputs("</table>\n<details><summary>every file</summary><table><tr><th>file</th>"
              "<th class=\"n\">passed</th><th class=\"n\">failed</th><th class=\"n\">skipped</th>"
              "</tr>\n",
              f);
        cJSON_ArrayForEach(x, files)
        {
            int bad = gt_rp_num(x, "failed", 0) > 0 || gt_rp_num(x, "malformed", 0);
            fprintf(f, "<tr class=\"%s\"><td>", bad ? "fail" : "");
            gt_rp_html_escape(f, gt_rp_str(x, "file", "?"));
            fprintf(f,
                    "%s</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f"
                    "</td></tr>\n",
                    gt_rp_num(x, "malformed", 0) ? " (malformed)" : "", gt_rp_num(x, "passed", 0),
                    gt_rp_num(x, "failed", 0), gt_rp_num(x, "skipped", 0));
        }
        fputs("</table></details>\n", f);
    }
    fputs("</section>\n", f);
}

static void ratio_cell(FILE *f, double r)
{
    int w = (int)(r * 40 + 0.5);
    if (w > 160) w = 160;
    fprintf(f, "<td><span class=\"bar %s\" style=\"width:%dpx\"></span>%.2f&times;</td>",
            r >= 1     ? "good"
            : r >= 0.8 ? "low"
                       : "bad",
            w, r);
}

static void bench(const cJSON *s, FILE *f)
{
    fputs("<section id=\"bench\"><h2>Benchmarks</h2>\n", f);
    const cJSON *rows =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "bench"), "results");
    if (!missing(s, "bench", "bench", f)) {
        int wolf = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, rows) wolf |= cJSON_HasObjectItem(r, "wolfssl");
        fputs("<p class=\"muted\">Same process, same run; ratio = IUT / reference "
              "(higher is better for the IUT). The bar marks 1&times; at 40 px.</p>\n"
              "<table><tr><th>benchmark</th><th>unit</th><th class=\"n\">IUT (gt)</th>"
              "<th class=\"n\">OpenSSL</th><th>gt / OpenSSL</th>",
              f);
        if (wolf) fputs("<th class=\"n\">wolfSSL</th><th>gt / wolfSSL</th>", f);
        fputs("</tr>\n", f);
        cJSON_ArrayForEach(r, rows)
        {
            fputs("<tr><td>", f);
            gt_rp_html_escape(f, gt_rp_str(r, "name", "?"));
            fputs("</td><td>", f);
            gt_rp_html_escape(f, gt_rp_str(r, "unit", ""));
            fprintf(f, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td>",
                    gt_rp_num(r, "gt", 0), gt_rp_num(r, "openssl", 0));
            ratio_cell(f, gt_rp_num(r, "ratio", 0));
            if (wolf && cJSON_HasObjectItem(r, "wolfssl")) {
                fprintf(f, "<td class=\"n\">%.1f</td>", gt_rp_num(r, "wolfssl", 0));
                ratio_cell(f, gt_rp_num(r, "ratio_wolfssl", 0));
            } else if (wolf) {
                fputs("<td></td><td></td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    fputs("</section>\n", f);
}

int gt_rp_html(const cJSON *s, FILE *f)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(s, "meta");
    head(meta, f);
    phases(s, f);
    gt_rp_html_compare(cJSON_GetObjectItemCaseSensitive(s, "compare"), f);
    fputs("<section id=\"interop\"><h2>Interoperability</h2>\n", f);
    if (!missing(s, "interop", "interop", f))
        gt_rp_html_interop(cJSON_GetObjectItemCaseSensitive(s, "interop"), f);
    fputs("</section>\n<section id=\"conform\"><h2>Conformance</h2>\n", f);
    if (!missing(s, "conform", "conform", f))
        gt_rp_html_conform(cJSON_GetObjectItemCaseSensitive(s, "conform"), f);
    fputs("</section>\n<section id=\"fuzz\"><h2>Fuzzing</h2>\n", f);
    if (!missing(s, "fuzz", "fuzz", f))
        gt_rp_html_fuzz(cJSON_GetObjectItemCaseSensitive(s, "fuzz"), f);
    fputs("</section>\n", f);
    coverage(s, f);
    vectors(s, f);
    bench(s, f);
    fputs("</main>\n<footer>Generated by gt-report from summary.json (", f);
    gt_rp_html_escape(f, gt_rp_str(s, "schema", "?"));
    fputs("). Every figure on this page is in that file.</footer>\n</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}
