/* Small helpers over cJSON and files shared by the collector, the page and
 * the comparison. Every accessor takes a default, because the inputs come
 * from runners that are still growing: a missing member is normal, not an
 * error. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"

const char *const gt_rp_phase_names[] = {"build", "vectors",  "conform", "interop",
                                         "fuzz",  "coverage", "bench"};
const size_t gt_rp_nphases = sizeof gt_rp_phase_names / sizeof gt_rp_phase_names[0];

char *gt_rp_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap) break;
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    if (!buf) return NULL;
    buf[len] = 0;
    if (n) *n = len;
    return buf;
}

cJSON *gt_rp_load_json(const char *path)
{
    char *text = gt_rp_read_file(path, NULL);
    if (!text) return NULL;
    cJSON *doc = cJSON_Parse(text);
    free(text);
    return doc;
}

double gt_rp_num(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return v->valuedouble;
    if (cJSON_IsBool(v)) return cJSON_IsTrue(v) ? 1 : 0;
    return dflt;
}

const char *gt_rp_str(const cJSON *o, const char *key, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : dflt;
}

const char *gt_rp_str_any(const cJSON *o, const char *const *keys)
{
    for (; *keys; keys++) {
        const char *s = gt_rp_str(o, *keys, NULL);
        if (s) return s;
    }
    return NULL;
}

int gt_rp_write_json(const cJSON *doc, const char *path)
{
    char *text = cJSON_Print(doc);
    if (!text) return -1;
    FILE *f = fopen(path, "w");
    int rc = f ? 0 : -1;
    if (f) {
        if (fputs(text, f) < 0 || fputc('\n', f) < 0) rc = -1;
        if (fclose(f) != 0) rc = -1;
    }
    cJSON_free(text);
    return rc;
}

const char *gt_rp_relpath(const char *path, const char *root)
{
    size_t n = root ? strlen(root) : 0;
    if (n && strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
    return path;
}

/* Runners spell results differently ("passed", "PASS", "ok", "n/a"...);
 * the page and the comparison only know three words. Anything unknown is a
 * failure: a result nobody understands must not look like a pass. */
const char *gt_rp_result_word(const char *s)
{
    static const char *const pass[] = {"pass", "passed", "ok", "success", NULL};
    static const char *const skip[] = {"skip",           "skipped", "n/a", "na",
                                       "not applicable", "notrun",  NULL};
    if (!s) return "fail";
    for (size_t i = 0; pass[i]; i++)
        if (strcasecmp(s, pass[i]) == 0) return "pass";
    for (size_t i = 0; skip[i]; i++)
        if (strcasecmp(s, skip[i]) == 0) return "skip";
    return "fail";
}
