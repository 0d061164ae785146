/* The fuzzing phase: ./gauntlet fuzz --json (fuzz/fuzz.json,
 * {"targets":[{name, engine, seconds, execs, exec_per_s, edges, corpus,
 * crashes:[{reproducer, stack}]}]}) plus, per target, its coverage over
 * time from whatever the fuzzer left under fuzz/: a libFuzzer log or an
 * AFL++ plot_data file in a directory or file named after the target. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

#define MAX_POINTS 160

/* Does this file belong to `target`? A path component equal to the target
 * name (fuzz/x509_cert/plot_data, fuzz/x509_cert/fuzz-0.log) or a file stem
 * that is the target name followed by nothing, '-' or '.'
 * (fuzz/x509_cert.log, fuzz/logs/x509_cert-1.log). */
static int belongs(const char *rel, const char *target)
{
    size_t n = strlen(target);
    for (const char *p = rel; p && *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (slash && len == n && strncmp(p, target, n) == 0) return 1;
        if (!slash && len > n && strncmp(p, target, n) == 0 && (p[n] == '.' || p[n] == '-'))
            return 1;
        p = slash ? slash + 1 : NULL;
    }
    return 0;
}

static int interesting(const char *name)
{
    size_t n = strlen(name);
    if (strcmp(name, "plot_data") == 0) return 1;
    return (n > 4 && strcmp(name + n - 4, ".log") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".txt") == 0);
}

static double last_t(const cJSON *s)
{
    const cJSON *row = cJSON_GetArrayItem(s, cJSON_GetArraySize(s) - 1);
    const cJSON *t = cJSON_GetArrayItem(row, 0);
    return t ? t->valuedouble : -1;
}

/* Walks `base`/`rel` looking for the target's longest series. */
static void find_series(const char *base, const char *rel, const char *target, int depth,
                        cJSON **best)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", base, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", base, sub);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            /* corpus and crash directories hold inputs, not logs */
            if (depth < 4 && strcmp(e->d_name, "corpus") && strcmp(e->d_name, "queue"))
                find_series(base, sub, target, depth + 1, best);
            continue;
        }
        if (!interesting(e->d_name) || !belongs(sub, target)) continue;
        if (st.st_size > 64 << 20) continue;
        char *text = gt_rp_read_file(full, NULL);
        cJSON *s = gt_rp_fuzz_series(text, MAX_POINTS);
        free(text);
        if (s && (!*best || last_t(s) > last_t(*best))) {
            cJSON_Delete(*best);
            *best = s;
        } else {
            cJSON_Delete(s);
        }
    }
    if (d) closedir(d);
}

static void copy_num(cJSON *to, const cJSON *from, const char *key)
{
    cJSON_AddNumberToObject(to, key, gt_rp_num(from, key, 0));
}

static cJSON *crash_of(const cJSON *c, const char *target)
{
    cJSON *o = cJSON_CreateObject();
    const char *repro = gt_rp_str(c, "reproducer", "");
    cJSON_AddStringToObject(o, "reproducer", repro);
    cJSON_AddStringToObject(o, "stack", gt_rp_str(c, "stack", ""));
    static const char *const cmd_keys[] = {"command", "replay", "reproduce", NULL};
    const char *cmd = gt_rp_str_any(c, cmd_keys);
    char buf[4096];
    if (!cmd) {
        /* A libFuzzer binary given a file runs just that input. */
        snprintf(buf, sizeof buf, "build/fuzz/fuzzers/%s %s", target, repro);
        cmd = buf;
    }
    cJSON_AddStringToObject(o, "command", cmd);
    return o;
}

int gt_rp_collect_fuzz(cJSON *summary, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fuzz/fuzz.json", dir);
    cJSON *in = gt_rp_load_json(path);
    const cJSON *targets = cJSON_GetObjectItemCaseSensitive(in, "targets");
    if (!cJSON_IsArray(targets)) {
        cJSON_Delete(in);
        return -1;
    }
    snprintf(path, sizeof path, "%s/fuzz", dir);
    cJSON *fz = cJSON_AddObjectToObject(summary, "fuzz");
    cJSON *out = cJSON_AddArrayToObject(fz, "targets");
    double crashes = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, targets)
    {
        const char *name = gt_rp_str(t, "name", "?");
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", name);
        cJSON_AddStringToObject(o, "engine", gt_rp_str(t, "engine", ""));
        copy_num(o, t, "seconds");
        copy_num(o, t, "execs");
        copy_num(o, t, "exec_per_s");
        copy_num(o, t, "edges");
        copy_num(o, t, "corpus");
        cJSON *cr = cJSON_AddArrayToObject(o, "crashes");
        const cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t, "crashes"))
        {
            cJSON_AddItemToArray(cr, crash_of(c, name));
            crashes++;
        }
        cJSON *series = NULL;
        find_series(path, "", name, 0, &series);
        cJSON_AddItemToObject(o, "series", series ? series : cJSON_CreateArray());
        cJSON_AddItemToArray(out, o);
    }
    cJSON_AddNumberToObject(fz, "crashes", crashes);
    cJSON_Delete(in);
    return 0;
}
