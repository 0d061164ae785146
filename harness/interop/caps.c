/* What each peer says it can do: `gt-peer-<lib> --capabilities` prints one
 * JSON object (suites, groups, sigalgs, features, and notes explaining
 * every gap). The matrix turns each gap into a SKIP carrying that note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "interop.h"

static bool until_eof(gt_iop_proc *procs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (procs[i].out_fd >= 0) return false;
    }
    return true;
}

static int check_shape(gt_iop_impl *impl, cJSON *o)
{
    static const char *const lists[] = {"suites", "groups", "features"};
    if (!cJSON_IsObject(o)) {
        snprintf(impl->caps_error, sizeof impl->caps_error, "--capabilities: not a JSON object");
        return -1;
    }
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(o, lists[i]))) {
            snprintf(impl->caps_error, sizeof impl->caps_error, "--capabilities: no \"%s\" array",
                     lists[i]);
            return -1;
        }
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
    snprintf(impl->version, sizeof impl->version, "%s", cJSON_IsString(v) ? v->valuestring : "?");
    return 0;
}

int gt_iop_load_caps(gt_iop_impl *impl, int timeout)
{
    gt_iop_proc p;
    memset(&p, 0, sizeof p);
    p.capcap = 4096;
    p.capture = calloc(1, p.capcap);
    char *argv[] = {impl->bin, "--capabilities", NULL};
    impl->caps = NULL;
    if (!p.capture || gt_iop_spawn(&p, argv, NULL, NULL) != 0) {
        snprintf(impl->caps_error, sizeof impl->caps_error, "cannot run %.200s", impl->bin);
        free(p.capture);
        return -1;
    }
    int64_t deadline = gt_iop_now_ms() + (int64_t)timeout * 1000;
    int done = gt_iop_pump(&p, 1, deadline, until_eof);
    gt_iop_reap(&p, done ? deadline : 0);
    int rc = -1;
    if (!done) {
        snprintf(impl->caps_error, sizeof impl->caps_error, "--capabilities: timeout after %ds",
                 timeout);
    } else if (!WIFEXITED(p.status) || WEXITSTATUS(p.status) != 0) {
        snprintf(impl->caps_error, sizeof impl->caps_error, "--capabilities: exit status 0x%x",
                 p.status);
    } else {
        cJSON *o = cJSON_Parse(p.capture ? p.capture : "");
        if (!o)
            snprintf(impl->caps_error, sizeof impl->caps_error, "--capabilities: invalid JSON");
        else if (check_shape(impl, o) != 0)
            cJSON_Delete(o);
        else {
            impl->caps = o;
            rc = 0;
        }
    }
    free(p.capture);
    return rc;
}

bool gt_iop_caps_has(const gt_iop_impl *impl, const char *list, const char *item)
{
    if (!impl->caps) return false;
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(impl->caps, list);
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        if (cJSON_IsString(e) && strcmp(e->valuestring, item) == 0) return true;
    }
    return false;
}

const char *gt_iop_caps_note(const gt_iop_impl *impl, const char *key)
{
    if (!impl->caps) return NULL;
    const cJSON *notes = cJSON_GetObjectItemCaseSensitive(impl->caps, "notes");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(notes, key);
    return cJSON_IsString(n) ? n->valuestring : NULL;
}
