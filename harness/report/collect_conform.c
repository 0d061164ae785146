/* Conformance results, one gt-conform --json file per implementation
 * (conform/<impl>.json), merged into one table: a row per case, a column
 * per implementation, so the IUT is seen next to the reference servers.
 * conform/<impl>.na holds the reason an implementation could not be run
 * (for the IUT: its in-process mode needs the engine).
 *
 * The runner is being written alongside this collector, so the reader is
 * liberal: the file may be an array of cases or an object holding one
 * under "cases", "results" or "tests", and a case's fields may use any of
 * a few usual names. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *const id_keys[] = {"id", "name", "case", NULL};
static const char *const result_keys[] = {"result", "status", "outcome", "verdict", NULL};
static const char *const reason_keys[] = {"reason", "why", "observed", "detail", "message", NULL};
static const char *const rfc_keys[] = {"rfc", "section", "ref", NULL};
static const char *const role_keys[] = {"role", "target", NULL};

static const cJSON *case_list(const cJSON *doc)
{
    static const char *const keys[] = {"cases", "results", "tests", NULL};
    if (cJSON_IsArray(doc)) return doc;
    for (size_t i = 0; keys[i]; i++) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, keys[i]);
        if (cJSON_IsArray(a)) return a;
    }
    return NULL;
}

/* The role a runner states once for the whole file ({"target":"server"}). */
static const char *doc_role;

static cJSON *row_for(cJSON *cases, const cJSON *c, const char *id)
{
    cJSON *r;
    cJSON_ArrayForEach(r, cases)
    {
        if (strcmp(gt_rp_str(r, "id", ""), id) == 0) return r;
    }
    r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", id);
    const char *rfc = gt_rp_str_any(c, rfc_keys), *role = gt_rp_str_any(c, role_keys);
    cJSON_AddStringToObject(r, "rfc", rfc ? rfc : "");
    cJSON_AddStringToObject(r, "role", role ? role : doc_role ? doc_role : "");
    cJSON_AddObjectToObject(r, "results");
    cJSON_AddItemToArray(cases, r);
    return r;
}

static cJSON *totals_for(cJSON *totals, const char *impl)
{
    cJSON *t = cJSON_AddObjectToObject(totals, impl);
    cJSON_AddStringToObject(t, "status", "ran");
    cJSON_AddNumberToObject(t, "passed", 0);
    cJSON_AddNumberToObject(t, "failed", 0);
    cJSON_AddNumberToObject(t, "skipped", 0);
    return t;
}

static void add_count(cJSON *t, const char *word)
{
    const char *key = word[0] == 'p' ? "passed" : word[0] == 's' ? "skipped" : "failed";
    cJSON *n = cJSON_GetObjectItemCaseSensitive(t, key);
    cJSON_SetNumberValue(n, n->valuedouble + 1);
}

/* Worse of two results: a case fails for an implementation when any of
 * its instances (one per suite or group) failed. */
static int rank(const char *w)
{
    return w[0] == 'f' ? 2 : w[0] == 'p' ? 1 : 0;
}

/* One row per case definition ("id"); a runner that lists instances
 * ("name": the case per suite or group) has them folded into the row, the
 * totals still count instances, as the runner's closing line does. */
static void merge_impl(cJSON *cf, const char *impl, const cJSON *list)
{
    cJSON *cases = cJSON_GetObjectItemCaseSensitive(cf, "cases");
    cJSON *t = totals_for(cJSON_GetObjectItemCaseSensitive(cf, "totals"), impl);
    const cJSON *c;
    cJSON_ArrayForEach(c, list)
    {
        const char *id = gt_rp_str_any(c, id_keys);
        if (!id) continue;
        const char *word = gt_rp_result_word(gt_rp_str_any(c, result_keys));
        add_count(t, word);
        cJSON *res = cJSON_GetObjectItemCaseSensitive(row_for(cases, c, id), "results");
        cJSON *cell = cJSON_GetObjectItemCaseSensitive(res, impl);
        if (!cell) {
            cell = cJSON_AddObjectToObject(res, impl);
            cJSON_AddStringToObject(cell, "result", word);
            cJSON_AddStringToObject(cell, "reason", "");
            cJSON_AddNumberToObject(cell, "instances", 0);
            cJSON_AddNumberToObject(cell, "failed", 0);
        }
        cJSON *ni = cJSON_GetObjectItemCaseSensitive(cell, "instances");
        cJSON_SetNumberValue(ni, ni->valuedouble + 1);
        if (word[0] == 'f') {
            cJSON *nf = cJSON_GetObjectItemCaseSensitive(cell, "failed");
            cJSON_SetNumberValue(nf, nf->valuedouble + 1);
        }
        const char *was = gt_rp_str(cell, "result", "skip");
        if (rank(word) < rank(was) || (rank(word) == rank(was) && *gt_rp_str(cell, "reason", "")))
            continue;
        /* this instance is the worst so far: its word and reason stand */
        const char *why = gt_rp_str_any(c, reason_keys);
        const char *exp = gt_rp_str(c, "expected", NULL);
        const char *inst = gt_rp_str(c, "name", id);
        char buf[512];
        if (word[0] == 'f' && exp && why)
            snprintf(buf, sizeof buf, "%s: expected %s, observed %s", inst, exp, why);
        else
            snprintf(buf, sizeof buf, "%s%s%s", strcmp(inst, id) ? inst : "",
                     strcmp(inst, id) && why ? ": " : "", why ? why : "");
        cJSON_ReplaceItemInObjectCaseSensitive(cell, "result", cJSON_CreateString(word));
        cJSON_ReplaceItemInObjectCaseSensitive(cell, "reason", cJSON_CreateString(buf));
    }
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The IUT ("gt") first, then the references in name order. */
static size_t list_impls(const char *cdir, char **names, size_t cap)
{
    DIR *d = opendir(cdir);
    size_t n = 0;
    struct dirent *e;
    while (d && n < cap && (e = readdir(d)) != NULL) {
        if (!has_suffix(e->d_name, ".json") && !has_suffix(e->d_name, ".na")) continue;
        char *stem = strdup(e->d_name);
        *strrchr(stem, '.') = 0;
        size_t i = 0;
        while (i < n && strcmp(names[i], stem) != 0)
            i++;
        if (i < n)
            free(stem);
        else
            names[n++] = stem;
    }
    if (d) closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(names[i], "gt") != 0) continue;
        char *gt = names[i];
        memmove(names + 1, names, i * sizeof *names);
        names[0] = gt;
    }
    return n;
}

int gt_rp_collect_conform(cJSON *summary, const char *dir)
{
    char cdir[4096], path[4352];
    snprintf(cdir, sizeof cdir, "%s/conform", dir);
    char *names[32];
    size_t n = list_impls(cdir, names, 32);
    if (n == 0) return -1;
    cJSON *cf = cJSON_AddObjectToObject(summary, "conform");
    cJSON *impls = cJSON_AddArrayToObject(cf, "impls");
    cJSON *totals = cJSON_AddObjectToObject(cf, "totals");
    cJSON_AddArrayToObject(cf, "cases");
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(impls, cJSON_CreateString(names[i]));
        snprintf(path, sizeof path, "%s/%s.json", cdir, names[i]);
        cJSON *doc = gt_rp_load_json(path);
        const cJSON *list = case_list(doc);
        doc_role = gt_rp_str(doc, "target", NULL);
        if (list) {
            merge_impl(cf, names[i], list);
            doc_role = NULL;
        } else {
            snprintf(path, sizeof path, "%s/%s.na", cdir, names[i]);
            char *why = gt_rp_read_file(path, NULL);
            char *nl = why ? strchr(why, '\n') : NULL;
            if (nl) *nl = 0;
            cJSON *t = cJSON_AddObjectToObject(totals, names[i]);
            cJSON_AddStringToObject(t, "status", "n/a");
            cJSON_AddStringToObject(t, "reason", why ? why : "no results");
            free(why);
        }
        cJSON_Delete(doc);
        free(names[i]);
    }
    return 0;
}
