/* The coverage phase: line, function and branch coverage per directory of
 * the checkout (tls/record, tls/handshake, tls/x509, ...), added up from
 * `llvm-cov export -summary-only` (coverage/coverage.json: data[0].files[]
 * with a summary per file). A file that already holds per-directory rows
 * ({"dirs":[...]}) is taken as it is. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *const kinds[] = {"lines", "functions", "branches"};
#define NKINDS 3

/* tls/record/frame.c -> tls/record; deeper paths keep two components. */
static void dir_of(const char *rel, char *out, size_t cap)
{
    const char *slash = strchr(rel, '/');
    const char *second = slash ? strchr(slash + 1, '/') : NULL;
    size_t n = second ? (size_t)(second - rel) : slash ? (size_t)(slash - rel) : 0;
    if (n == 0) {
        snprintf(out, cap, ".");
        return;
    }
    if (n >= cap) n = cap - 1;
    memcpy(out, rel, n);
    out[n] = 0;
}

static cJSON *row_for(cJSON *dirs, const char *name)
{
    cJSON *r;
    cJSON_ArrayForEach(r, dirs)
    {
        if (strcmp(gt_rp_str(r, "dir", ""), name) == 0) return r;
    }
    r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "dir", name);
    for (int k = 0; k < NKINDS; k++) {
        cJSON *o = cJSON_AddObjectToObject(r, kinds[k]);
        cJSON_AddNumberToObject(o, "covered", 0);
        cJSON_AddNumberToObject(o, "count", 0);
    }
    cJSON_AddItemToArray(dirs, r);
    return r;
}

static void add_to(cJSON *row, const cJSON *summary)
{
    for (int k = 0; k < NKINDS; k++) {
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(summary, kinds[k]);
        cJSON *to = cJSON_GetObjectItemCaseSensitive(row, kinds[k]);
        cJSON *cov = cJSON_GetObjectItemCaseSensitive(to, "covered");
        cJSON *cnt = cJSON_GetObjectItemCaseSensitive(to, "count");
        cJSON_SetNumberValue(cov, cov->valuedouble + gt_rp_num(from, "covered", 0));
        cJSON_SetNumberValue(cnt, cnt->valuedouble + gt_rp_num(from, "count", 0));
    }
}

static void add_percents(cJSON *row)
{
    for (int k = 0; k < NKINDS; k++) {
        cJSON *o = cJSON_GetObjectItemCaseSensitive(row, kinds[k]);
        double cnt = gt_rp_num(o, "count", 0);
        cJSON_DeleteItemFromObjectCaseSensitive(o, "percent");
        cJSON_AddNumberToObject(o, "percent",
                                cnt > 0 ? 100.0 * gt_rp_num(o, "covered", 0) / cnt : 0);
    }
}

static int by_dir(const cJSON *a, const cJSON *b)
{
    return strcmp(gt_rp_str(a, "dir", ""), gt_rp_str(b, "dir", ""));
}

static int by_dir_ptr(const void *a, const void *b)
{
    return by_dir(*(const cJSON *const *)a, *(const cJSON *const *)b);
}

/* A sorted copy (cJSON 1.7.15 loses an item when the last one is detached
 * and re-inserted, so rows are copied rather than moved). */
static cJSON *sort_rows(cJSON *dirs)
{
    int n = cJSON_GetArraySize(dirs);
    const cJSON **rows = calloc((size_t)n + 1, sizeof *rows);
    cJSON *out = cJSON_CreateArray();
    if (!rows || !out) {
        free(rows);
        cJSON_Delete(out);
        return dirs;
    }
    for (int i = 0; i < n; i++)
        rows[i] = cJSON_GetArrayItem(dirs, i);
    qsort(rows, (size_t)n, sizeof *rows, by_dir_ptr);
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(out, cJSON_Duplicate(rows[i], 1));
    free(rows);
    cJSON_Delete(dirs);
    return out;
}

int gt_rp_collect_coverage(cJSON *summary, const char *dir, const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/coverage/coverage.json", dir);
    cJSON *in = gt_rp_load_json(path);
    cJSON *ready = cJSON_DetachItemFromObjectCaseSensitive(in, "dirs");
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(in, "data"), 0), "files");
    if (!cJSON_IsArray(ready) && !cJSON_IsArray(files)) {
        cJSON_Delete(ready);
        cJSON_Delete(in);
        return -1;
    }
    cJSON *cov = cJSON_AddObjectToObject(summary, "coverage");
    cJSON *dirs = ready;
    if (!cJSON_IsArray(dirs)) {
        cJSON_Delete(dirs);
        dirs = cJSON_CreateArray();
        const cJSON *f;
        cJSON_ArrayForEach(f, files)
        {
            const char *name = gt_rp_str(f, "filename", "");
            const char *rel = gt_rp_relpath(name, root);
            if (rel[0] == '/') continue; /* system headers, other trees */
            char d[256];
            dir_of(rel, d, sizeof d);
            add_to(row_for(dirs, d), cJSON_GetObjectItemCaseSensitive(f, "summary"));
        }
        dirs = sort_rows(dirs);
    }
    cJSON *total = cJSON_CreateObject();
    cJSON_AddStringToObject(total, "dir", "total");
    for (int k = 0; k < NKINDS; k++) {
        cJSON *o = cJSON_AddObjectToObject(total, kinds[k]);
        cJSON_AddNumberToObject(o, "covered", 0);
        cJSON_AddNumberToObject(o, "count", 0);
    }
    cJSON *r;
    cJSON_ArrayForEach(r, dirs)
    {
        add_percents(r);
        add_to(total, r);
    }
    add_percents(total);
    cJSON_AddItemToObject(cov, "dirs", dirs);
    cJSON_AddItemToObject(cov, "total", total);
    cJSON_Delete(in);
    return 0;
}
