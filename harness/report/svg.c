/* Coverage over time, one small inline SVG chart per fuzz target (small
 * multiples rather than one chart: targets differ by orders of magnitude
 * in edges, and one scale would flatten the small ones). The x axis is
 * seconds since the fuzzer started, the y axis the coverage it reported
 * (libFuzzer "cov:", AFL++ edges_found); the dashed line is the corpus
 * size on its own scale. */
#include <string.h>

#include "report.h"

enum { W = 300, H = 160, ML = 48, MR = 10, MT = 20, MB = 26 };

static double col_max(const cJSON *series, int col)
{
    double m = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, series)
    {
        const cJSON *v = cJSON_GetArrayItem(row, col);
        if (v && v->valuedouble > m) m = v->valuedouble;
    }
    return m;
}

static void polyline(const cJSON *series, int col, double tmax, double ymax, const char *style,
                     FILE *f)
{
    fprintf(f, "<polyline fill=\"none\" %s points=\"", style);
    const cJSON *row;
    cJSON_ArrayForEach(row, series)
    {
        double t = cJSON_GetArrayItem(row, 0)->valuedouble;
        const cJSON *v = cJSON_GetArrayItem(row, col);
        double y = v ? v->valuedouble : 0;
        double px = ML + (tmax > 0 ? t / tmax : 0) * (W - ML - MR);
        double py = H - MB - (ymax > 0 ? y / ymax : 0) * (H - MT - MB);
        fprintf(f, "%.1f,%.1f ", px, py);
    }
    fputs("\"/>\n", f);
}

static void chart(const cJSON *t, FILE *f)
{
    const cJSON *series = cJSON_GetObjectItemCaseSensitive(t, "series");
    fprintf(f,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\"><title>",
            W, H, W, H);
    gt_rp_html_escape(f, gt_rp_str(t, "name", "?"));
    fputs(": coverage over time</title>\n", f);
    fputs("<text x=\"4\" y=\"14\" font-size=\"12\" font-weight=\"600\">", f);
    gt_rp_html_escape(f, gt_rp_str(t, "name", "?"));
    fputs("</text>\n", f);
    if (cJSON_GetArraySize(series) < 2) {
        fprintf(f,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#778\">no coverage log "
                "found</text></svg>\n",
                ML, H / 2);
        return;
    }
    double tmax = col_max(series, 0), cmax = col_max(series, 1), kmax = col_max(series, 3);
    fprintf(f,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#99a\"/>"
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#99a\"/>\n",
            ML, MT, ML, H - MB, ML, H - MB, W - MR, H - MB);
    fprintf(f,
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.0f</text>"
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">0</text>"
            "<text x=\"%d\" y=\"%d\" font-size=\"10\">0 s</text>"
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.0f s</text>\n",
            ML - 4, MT + 8, cmax, ML - 4, H - MB, ML, H - MB + 14, W - MR, H - MB + 14, tmax);
    if (kmax > 0) polyline(series, 3, tmax, kmax, "stroke=\"#d9822b\" stroke-dasharray=\"4 3\"", f);
    polyline(series, 1, tmax, cmax, "stroke=\"#1d4f80\" stroke-width=\"2\"", f);
    fprintf(f,
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#1d4f80\">cov</text>"
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#d9822b\">corpus (max %.0f)</text>"
            "</svg>\n",
            W - MR - 150, MT - 6, W - MR - 120, MT - 6, kmax);
}

void gt_rp_svg_series(const cJSON *targets, FILE *f)
{
    fputs("<div class=\"charts\">\n", f);
    const cJSON *t;
    cJSON_ArrayForEach(t, targets) chart(t, f);
    fputs("</div>\n", f);
}
