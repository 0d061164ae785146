/* The page's larger sections: the interop matrix as a coloured grid, the
 * conformance table with every implementation side by side, the fuzzing
 * table with its reproducers, and what changed since an earlier campaign.
 * Details hide in <details> elements, so the page needs no script. */
#include <string.h>

#include "report.h"

#define MAX_NOTES 60 /* per interop cell; the rest is in summary.json */

/* Green for all-pass, red as soon as anything failed (darker the larger
 * the failing share), paler as more of the cell was skipped. */
static void cell_style(FILE *f, double pass, double fail, double skip)
{
    double total = pass + fail + skip;
    if (total == 0) {
        fputs("background:#eceff1", f);
        return;
    }
    if (fail > 0) {
        double share = fail / (pass + fail);
        fprintf(f, "background:hsl(0,70%%,%d%%)", (int)(78 - 30 * share));
        return;
    }
    fprintf(f, "background:hsl(125,45%%,%d%%)", (int)(62 + 26 * (skip / total)));
}

static const cJSON *find_pair(const cJSON *pairs, const char *server, const char *client)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, pairs)
    {
        if (!strcmp(gt_rp_str(p, "server", ""), server) &&
            !strcmp(gt_rp_str(p, "client", ""), client))
            return p;
    }
    return NULL;
}

static void grid_cell(const cJSON *p, FILE *f)
{
    if (!p) {
        fputs("<td class=\"na\">&mdash;</td>", f);
        return;
    }
    double pass = gt_rp_num(p, "pass", 0), fail = gt_rp_num(p, "fail", 0);
    double skip = gt_rp_num(p, "skip", 0);
    fputs("<td style=\"", f);
    cell_style(f, pass, fail, skip);
    fprintf(f, "\" title=\"%.0f passed, %.0f failed, %.0f skipped\">", pass, fail, skip);
    const cJSON *notes = cJSON_GetObjectItemCaseSensitive(p, "notes");
    if (cJSON_GetArraySize(notes) == 0) {
        fprintf(f, "%.0f / %.0f / %.0f</td>", pass, fail, skip);
        return;
    }
    fprintf(f, "<details><summary>%.0f / %.0f / %.0f</summary><ul>", pass, fail, skip);
    const cJSON *n;
    int shown = 0;
    cJSON_ArrayForEach(n, notes)
    {
        if (shown++ == MAX_NOTES) {
            fprintf(f, "<li>&hellip; %d more in summary.json</li>",
                    cJSON_GetArraySize(notes) - MAX_NOTES);
            break;
        }
        fprintf(f, "<li><b>%s</b> ", gt_rp_str(n, "result", "?"));
        gt_rp_html_escape(f, gt_rp_str(n, "id", "?"));
        fputs(": ", f);
        gt_rp_html_escape(f, gt_rp_str(n, "reason", ""));
        fputs("</li>", f);
    }
    fputs("</ul></details></td>", f);
}

void gt_rp_html_interop(const cJSON *io, FILE *f)
{
    const cJSON *impls = cJSON_GetObjectItemCaseSensitive(io, "impls");
    const cJSON *pairs = cJSON_GetObjectItemCaseSensitive(io, "pairs");
    fprintf(f,
            "<p>%.0f passed, %.0f failed, %.0f skipped. Rows: server, columns: client; each cell "
            "is passed / failed / skipped; open a cell for what did not pass.</p>\n"
            "<table class=\"grid\"><tr><th>server \\ client</th>",
            gt_rp_num(io, "passed", 0), gt_rp_num(io, "failed", 0), gt_rp_num(io, "skipped", 0));
    const cJSON *c, *s;
    cJSON_ArrayForEach(c, impls)
    {
        fputs("<th>", f);
        gt_rp_html_escape(f, c->valuestring);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    cJSON_ArrayForEach(s, impls)
    {
        fputs("<tr><th>", f);
        gt_rp_html_escape(f, s->valuestring);
        fputs("</th>", f);
        cJSON_ArrayForEach(c, impls) grid_cell(find_pair(pairs, s->valuestring, c->valuestring), f);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void conform_row(const cJSON *row, const cJSON *impls, FILE *f)
{
    fputs("<tr><td>", f);
    gt_rp_html_escape(f, gt_rp_str(row, "id", "?"));
    fputs("</td><td>", f);
    gt_rp_html_escape(f, gt_rp_str(row, "rfc", ""));
    fputs("</td><td>", f);
    gt_rp_html_escape(f, gt_rp_str(row, "role", ""));
    fputs("</td>", f);
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(row, "results"), *i;
    cJSON_ArrayForEach(i, impls)
    {
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(res, i->valuestring);
        if (!r) {
            fputs("<td class=\"na\">&mdash;</td>", f);
            continue;
        }
        const char *w = gt_rp_str(r, "result", "fail");
        fprintf(f, "<td class=\"%s\" title=\"", w);
        gt_rp_html_escape(f, gt_rp_str(r, "reason", ""));
        fprintf(f, "\">%s</td>", w);
    }
    fputs("</tr>\n", f);
}

/* A row is interesting when some implementation failed it or the
 * implementations disagree. */
static int interesting(const cJSON *row)
{
    const cJSON *r;
    const char *first = NULL;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(row, "results"))
    {
        const char *w = gt_rp_str(r, "result", "fail");
        if (w[0] == 'f') return 1;
        if (first && strcmp(first, w) != 0) return 1;
        first = w;
    }
    return 0;
}

static void conform_head(const cJSON *impls, FILE *f)
{
    fputs("<table><tr><th>case</th><th>RFC</th><th>role</th>", f);
    const cJSON *i;
    cJSON_ArrayForEach(i, impls)
    {
        fputs("<th>", f);
        gt_rp_html_escape(f, i->valuestring);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
}

void gt_rp_html_conform(const cJSON *cf, FILE *f)
{
    const cJSON *impls = cJSON_GetObjectItemCaseSensitive(cf, "impls");
    const cJSON *totals = cJSON_GetObjectItemCaseSensitive(cf, "totals");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(cf, "cases"), *i, *row;
    fputs("<table><tr><th>implementation</th><th class=\"n\">passed</th><th class=\"n\">failed"
          "</th><th class=\"n\">not applicable</th><th>note</th></tr>\n",
          f);
    cJSON_ArrayForEach(i, impls)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(totals, i->valuestring);
        fputs("<tr><td>", f);
        gt_rp_html_escape(f, i->valuestring);
        if (!strcmp(gt_rp_str(t, "status", ""), "n/a")) {
            fputs("</td><td colspan=\"3\" class=\"na\">not available</td><td>", f);
            gt_rp_html_escape(f, gt_rp_str(t, "reason", ""));
            fputs("</td></tr>\n", f);
            continue;
        }
        fprintf(f,
                "</td><td class=\"n\">%.0f</td><td class=\"n %s\">%.0f</td><td class=\"n\">%.0f"
                "</td><td></td></tr>\n",
                gt_rp_num(t, "passed", 0), gt_rp_num(t, "failed", 0) > 0 ? "fail" : "",
                gt_rp_num(t, "failed", 0), gt_rp_num(t, "skipped", 0));
    }
    fputs("</table>\n<h3>Cases that failed somewhere or where implementations differ</h3>\n", f);
    conform_head(impls, f);
    int n = 0;
    cJSON_ArrayForEach(row, cases)
    {
        if (interesting(row)) conform_row(row, impls, f), n++;
    }
    if (n == 0) fputs("<tr><td colspan=\"9\" class=\"muted\">none</td></tr>\n", f);
    fprintf(f, "</table>\n<details><summary>all %d cases</summary>\n", cJSON_GetArraySize(cases));
    conform_head(impls, f);
    cJSON_ArrayForEach(row, cases) conform_row(row, impls, f);
    fputs("</table></details>\n", f);
}

void gt_rp_html_fuzz(const cJSON *fz, FILE *f)
{
    const cJSON *targets = cJSON_GetObjectItemCaseSensitive(fz, "targets"), *t, *c;
    fputs("<table><tr><th>target</th><th>engine</th><th class=\"n\">seconds</th>"
          "<th class=\"n\">execs</th><th class=\"n\">exec/s</th><th class=\"n\">coverage (edges)"
          "</th><th class=\"n\">corpus</th><th class=\"n\">crashes</th></tr>\n",
          f);
    cJSON_ArrayForEach(t, targets)
    {
        int crashes = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "crashes"));
        fputs("<tr><td>", f);
        gt_rp_html_escape(f, gt_rp_str(t, "name", "?"));
        fputs("</td><td>", f);
        gt_rp_html_escape(f, gt_rp_str(t, "engine", ""));
        fprintf(f,
                "</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>"
                "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td class=\"n %s\">%d</td>"
                "</tr>\n",
                gt_rp_num(t, "seconds", 0), gt_rp_num(t, "execs", 0), gt_rp_num(t, "exec_per_s", 0),
                gt_rp_num(t, "edges", 0), gt_rp_num(t, "corpus", 0), crashes ? "fail" : "pass",
                crashes);
    }
    fputs("</table>\n", f);
    if (gt_rp_num(fz, "crashes", 0) > 0) {
        fputs("<h3>Crashes</h3>\n", f);
        cJSON_ArrayForEach(t, targets)
        {
            cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t, "crashes"))
            {
                fputs("<p><b>", f);
                gt_rp_html_escape(f, gt_rp_str(t, "name", "?"));
                fputs("</b>: ", f);
                gt_rp_html_escape(f, gt_rp_str(c, "reproducer", ""));
                fputs("</p>\n<pre>", f);
                gt_rp_html_escape(f, gt_rp_str(c, "command", ""));
                fputs("</pre>\n<details><summary>stack</summary><pre>", f);
                gt_rp_html_escape(f, gt_rp_str(c, "stack", ""));
                fputs("</pre></details>\n", f);
            }
        }
    }
    fputs("<h3>Coverage over time</h3>\n", f);
    gt_rp_svg_series(targets, f);
}

void gt_rp_html_compare(const cJSON *cmp, FILE *f)
{
    if (!cmp) return;
    fputs("<section id=\"compare\"><h2>Changes since ", f);
    gt_rp_html_escape(f, gt_rp_str(cmp, "against", "the earlier campaign"));
    fprintf(f,
            "</h2>\n<p><span class=\"reg\">%.0f regressions</span>, <span class=\"imp\">%.0f "
            "improvements</span>, %.0f other changes.</p>\n",
            gt_rp_num(cmp, "regressions", 0), gt_rp_num(cmp, "improvements", 0),
            gt_rp_num(cmp, "changes", 0));
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(cmp, "items"), *it;
    if (cJSON_GetArraySize(items) == 0) {
        fputs("<p class=\"muted\">Nothing changed.</p></section>\n", f);
        return;
    }
    fputs("<table><tr><th>kind</th><th>what</th><th>before</th><th>now</th></tr>\n", f);
    cJSON_ArrayForEach(it, items)
    {
        const char *sev = gt_rp_str(it, "severity", "change");
        fprintf(f, "<tr class=\"%s\"><td>",
                !strcmp(sev, "regression")    ? "fail"
                : !strcmp(sev, "improvement") ? "pass"
                                              : "");
        gt_rp_html_escape(f, gt_rp_str(it, "kind", ""));
        fputs("</td><td>", f);
        gt_rp_html_escape(f, gt_rp_str(it, "what", ""));
        fputs("</td><td>", f);
        gt_rp_html_escape(f, gt_rp_str(it, "from", ""));
        fputs("</td><td>", f);
        gt_rp_html_escape(f, gt_rp_str(it, "to", ""));
        fputs("</td></tr>\n", f);
    }
    fputs("</table></section>\n", f);
}
