/*
 * harness/report: the campaign's summary.json, its HTML page, the JUnit
 * files of the phases that have no runner of their own, and the comparison
 * of two campaigns.
 *
 * A campaign directory (out/campaign-<timestamp>/) holds what each phase
 * left behind; gt_rp_collect() reads it into ONE JSON document (schema
 * "tlsgauntlet-campaign/1", see testdata/summary.json) and every figure the
 * page shows comes from that document, so a page can always be rebuilt from
 * summary.json alone:
 *
 *   meta.txt          key=value lines written by harness/cli/campaign.sh
 *   phases.tsv        name TAB status TAB seconds TAB note, one per phase
 *   vectors.json      gt-vectors --json
 *   conform/<impl>.json   gt-conform --json, one per implementation
 *   interop/results.json  gt-interop --json (one object per cell)
 *   fuzz/fuzz.json    ./gauntlet fuzz --json, plus the fuzzers' logs or
 *                     AFL++ plot_data files for coverage over time
 *   coverage/coverage.json  llvm-cov export -summary-only
 *   bench.json        gt-bench --json
 */
#ifndef GT_REPORT_H
#define GT_REPORT_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>

#define GT_RP_SCHEMA "tlsgauntlet-campaign/1"

/* The phases in the order the campaign runs them. */
extern const char *const gt_rp_phase_names[];
extern const size_t gt_rp_nphases;

/* Small helpers over cJSON (util.c). */
cJSON *gt_rp_load_json(const char *path);           /* NULL when absent or invalid */
char *gt_rp_read_file(const char *path, size_t *n); /* NUL-terminated; NULL when absent */
double gt_rp_num(const cJSON *o, const char *key, double dflt);
const char *gt_rp_str(const cJSON *o, const char *key, const char *dflt);
/* First of several accepted keys that holds a string (or NULL). */
const char *gt_rp_str_any(const cJSON *o, const char *const *keys);
int gt_rp_write_json(const cJSON *doc, const char *path);
/* Path relative to `root` when it is under it, else unchanged. */
const char *gt_rp_relpath(const char *path, const char *root);

/* Collecting (collect*.c). Each adds one member to `summary` and returns 0,
 * or leaves it out when the phase left nothing behind. */
cJSON *gt_rp_collect(const char *dir);
int gt_rp_collect_vectors(cJSON *summary, const char *dir, const char *root);
int gt_rp_collect_interop(cJSON *summary, const char *dir);
int gt_rp_collect_conform(cJSON *summary, const char *dir);
int gt_rp_collect_fuzz(cJSON *summary, const char *dir);
int gt_rp_collect_coverage(cJSON *summary, const char *dir, const char *root);
int gt_rp_collect_bench(cJSON *summary, const char *dir);

/* Normalises a runner's word for a case result: "pass", "fail", "skip". */
const char *gt_rp_result_word(const char *s);

/* Coverage over time from a fuzzer's output (series.c): libFuzzer status
 * lines ("#N ... cov: C ft: F corp: K ... exec/s: E", or fork mode's
 * "#N: cov: C ft: F corp: K exec/s E ... time: Ts") or an AFL++ plot_data
 * file. Returns an array of [seconds, coverage, features, corpus] rows,
 * at most `max_points` of them (evenly thinned), or NULL when the text has
 * no such lines. */
cJSON *gt_rp_fuzz_series(const char *text, size_t max_points);

/* JUnit XML for the phases that have no runner writing one (junit.c). */
int gt_rp_junit(const cJSON *summary, const char *phase, FILE *f);
void gt_rp_xml_escape(FILE *f, const char *s);

/* The HTML page (html*.c). */
int gt_rp_html(const cJSON *summary, FILE *f);
void gt_rp_html_escape(FILE *f, const char *s);
void gt_rp_html_interop(const cJSON *interop, FILE *f);
void gt_rp_html_conform(const cJSON *conform, FILE *f);
void gt_rp_html_fuzz(const cJSON *fuzz, FILE *f);
void gt_rp_html_compare(const cJSON *compare, FILE *f);
/* Inline SVG line chart of the fuzzers' coverage over time (svg.c). */
void gt_rp_svg_series(const cJSON *targets, FILE *f);

/* Comparison of two summaries (compare.c): a "compare" object listing
 * regressions, improvements and changes; printed as text by
 * gt_rp_compare_print. `threshold` is the relative change of a benchmark
 * ratio that counts as a move (0.10 = 10%). */
cJSON *gt_rp_compare(const cJSON *old, const cJSON *cur, double threshold);
void gt_rp_compare_print(const cJSON *cmp, FILE *f);

#endif
