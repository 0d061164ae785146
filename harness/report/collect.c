/* gt_rp_collect: a campaign directory -> summary.json. The driver
 * (harness/cli/campaign.sh) records what it knows about the run in
 * meta.txt and phases.tsv; everything else is read from the phases' own
 * machine-readable outputs by the collect_*.c files. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* meta.txt: `key=value` lines. Durations and budgets become numbers,
 * "interrupted" a boolean; everything else stays a string (a commit id
 * made of digits must not turn into a number). */
static cJSON *read_meta(const char *dir)
{
    static const char *const numeric[] = {"budget_s", "elapsed_s", "fuzz_seconds", NULL};
    char path[4096];
    snprintf(path, sizeof path, "%s/meta.txt", dir);
    cJSON *meta = cJSON_CreateObject();
    char *text = gt_rp_read_file(path, NULL);
    for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        if (!eq || eq == line) continue;
        *eq = 0;
        const char *key = line, *val = eq + 1;
        cJSON_DeleteItemFromObjectCaseSensitive(meta, key);
        int num = 0;
        for (size_t i = 0; numeric[i]; i++)
            num |= strcmp(key, numeric[i]) == 0;
        if (num)
            cJSON_AddNumberToObject(meta, key, atof(val));
        else if (strcmp(key, "interrupted") == 0)
            cJSON_AddBoolToObject(meta, key, strcmp(val, "1") == 0 || strcmp(val, "true") == 0);
        else
            cJSON_AddStringToObject(meta, key, val);
    }
    free(text);
    return meta;
}

/* phases.tsv: name, status, seconds, note. Statuses are the driver's:
 * pass, fail, n/a (the tool does not exist yet, note says why),
 * interrupted, not run (left out by --phases or by an interruption). */
static cJSON *read_phases(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/phases.tsv", dir);
    cJSON *phases = cJSON_CreateArray();
    char *text = gt_rp_read_file(path, NULL);
    char *save = NULL;
    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        char *field[4] = {line, NULL, NULL, NULL};
        for (int i = 1; i < 4; i++) {
            char *tab = field[i - 1] ? strchr(field[i - 1], '\t') : NULL;
            if (!tab) break;
            *tab = 0;
            field[i] = tab + 1;
        }
        if (!field[1] || !*field[0]) continue;
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "name", field[0]);
        cJSON_AddStringToObject(p, "status", field[1]);
        cJSON_AddNumberToObject(p, "seconds", field[2] ? atof(field[2]) : 0);
        cJSON_AddStringToObject(p, "note", field[3] ? field[3] : "");
        cJSON_AddItemToArray(phases, p);
    }
    free(text);
    return phases;
}

cJSON *gt_rp_collect(const char *dir)
{
    cJSON *s = cJSON_CreateObject();
    if (!s) return NULL;
    cJSON_AddStringToObject(s, "schema", GT_RP_SCHEMA);
    cJSON *meta = read_meta(dir);
    cJSON_AddItemToObject(s, "meta", meta);
    cJSON_AddItemToObject(s, "phases", read_phases(dir));
    /* Paths in the report are relative to the checkout when they are in it. */
    const char *root = gt_rp_str(meta, "root", NULL);
    gt_rp_collect_vectors(s, dir, root);
    gt_rp_collect_conform(s, dir);
    gt_rp_collect_interop(s, dir);
    gt_rp_collect_fuzz(s, dir);
    gt_rp_collect_coverage(s, dir, root);
    gt_rp_collect_bench(s, dir);
    return s;
}
