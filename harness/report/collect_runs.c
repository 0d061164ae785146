/* Collectors for the runners whose JSON is settled: gt-vectors
 * ({"files":[...]}), gt-interop (an array with one object per cell) and
 * gt-bench ({"results":[...]}). */
#include <string.h>

#include "report.h"

static cJSON *load_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return gt_rp_load_json(path);
}

/* Which family a vector file belongs to, for grouping in the table. */
static const char *vector_group(const char *path)
{
    if (strstr(path, "/wycheproof/")) return "wycheproof";
    if (strstr(path, "cryptography_vectors")) return "cavp";
    if (strstr(path, "tls12_prf")) return "tls-prf";
    return "project";
}

static const char *vector_name(const char *path, const char *root)
{
    const char *p = strstr(path, "cryptography_vectors/");
    if (p) return p + strlen("cryptography_vectors/");
    p = strstr(path, "/shared/");
    if (p) return p + 1;
    return gt_rp_relpath(path, root);
}

int gt_rp_collect_vectors(cJSON *summary, const char *dir, const char *root)
{
    cJSON *in = load_in(dir, "vectors.json");
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(in, "files");
    if (!cJSON_IsArray(files)) {
        cJSON_Delete(in);
        return -1;
    }
    cJSON *v = cJSON_AddObjectToObject(summary, "vectors");
    cJSON *out = cJSON_AddArrayToObject(v, "files");
    double tp = 0, tf = 0, ts = 0, malformed = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, files)
    {
        const char *path = gt_rp_str(f, "file", "?");
        double p = gt_rp_num(f, "passed", 0), fl = gt_rp_num(f, "failed", 0);
        double sk = gt_rp_num(f, "skipped", 0);
        int bad = gt_rp_num(f, "malformed", 0) != 0;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "file", vector_name(path, root));
        cJSON_AddStringToObject(o, "group", vector_group(path));
        cJSON_AddNumberToObject(o, "passed", p);
        cJSON_AddNumberToObject(o, "failed", fl);
        cJSON_AddNumberToObject(o, "skipped", sk);
        cJSON_AddBoolToObject(o, "malformed", bad);
        cJSON_AddItemToArray(out, o);
        tp += p, tf += fl, ts += sk, malformed += bad;
    }
    cJSON_AddNumberToObject(v, "passed", tp);
    cJSON_AddNumberToObject(v, "failed", tf);
    cJSON_AddNumberToObject(v, "skipped", ts);
    cJSON_AddNumberToObject(v, "malformed", malformed);
    cJSON_Delete(in);
    return 0;
}

static void add_impl(cJSON *impls, const char *name)
{
    const cJSON *i;
    cJSON_ArrayForEach(i, impls)
    {
        if (strcmp(i->valuestring, name) == 0) return;
    }
    /* The implementation under test leads the rows and columns. */
    if (strcmp(name, "gt") == 0)
        cJSON_InsertItemInArray(impls, 0, cJSON_CreateString(name));
    else
        cJSON_AddItemToArray(impls, cJSON_CreateString(name));
}

static cJSON *pair_for(cJSON *pairs, const char *server, const char *client)
{
    cJSON *p;
    cJSON_ArrayForEach(p, pairs)
    {
        if (!strcmp(gt_rp_str(p, "server", ""), server) &&
            !strcmp(gt_rp_str(p, "client", ""), client))
            return p;
    }
    p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "server", server);
    cJSON_AddStringToObject(p, "client", client);
    cJSON_AddNumberToObject(p, "pass", 0);
    cJSON_AddNumberToObject(p, "fail", 0);
    cJSON_AddNumberToObject(p, "skip", 0);
    cJSON_AddArrayToObject(p, "notes");
    cJSON_AddItemToArray(pairs, p);
    return p;
}

static void bump(cJSON *o, const char *key)
{
    cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
    cJSON_SetNumberValue(n, n->valuedouble + 1);
}

/* Per server>client pair: counts, and every cell that did not pass with
 * its reason (what the page shows when a cell is expanded). Every cell's
 * result is also kept by id so a later --compare can say which flipped. */
int gt_rp_collect_interop(cJSON *summary, const char *dir)
{
    cJSON *in = load_in(dir, "interop/results.json");
    if (!cJSON_IsArray(in)) {
        cJSON_Delete(in);
        return -1;
    }
    cJSON *io = cJSON_AddObjectToObject(summary, "interop");
    cJSON *impls = cJSON_AddArrayToObject(io, "impls");
    cJSON *pairs = cJSON_AddArrayToObject(io, "pairs");
    cJSON *cells = cJSON_AddObjectToObject(io, "cells");
    double n[3] = {0, 0, 0};
    const cJSON *c;
    cJSON_ArrayForEach(c, in)
    {
        const char *server = gt_rp_str(c, "server", "?"), *client = gt_rp_str(c, "client", "?");
        const char *id = gt_rp_str(c, "id", "?");
        const char *res = gt_rp_result_word(gt_rp_str(c, "result", NULL));
        add_impl(impls, server);
        add_impl(impls, client);
        cJSON *p = pair_for(pairs, server, client);
        bump(p, res);
        n[res[0] == 'p' ? 0 : res[0] == 'f' ? 1 : 2]++;
        if (!cJSON_GetObjectItemCaseSensitive(cells, id)) cJSON_AddStringToObject(cells, id, res);
        if (res[0] == 'p') continue;
        cJSON *note = cJSON_CreateObject();
        cJSON_AddStringToObject(note, "id", id);
        cJSON_AddStringToObject(note, "result", res);
        cJSON_AddStringToObject(note, "reason", gt_rp_str(c, "reason", ""));
        cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(p, "notes"), note);
    }
    cJSON_AddNumberToObject(io, "passed", n[0]);
    cJSON_AddNumberToObject(io, "failed", n[1]);
    cJSON_AddNumberToObject(io, "skipped", n[2]);
    cJSON_Delete(in);
    return 0;
}

/* The benchmark table as gt-bench wrote it; rows from a later handshake
 * benchmark may carry wolfssl/ratio_wolfssl as well, kept as they are. */
int gt_rp_collect_bench(cJSON *summary, const char *dir)
{
    cJSON *in = load_in(dir, "bench.json");
    cJSON *res = cJSON_DetachItemFromObjectCaseSensitive(in, "results");
    cJSON_Delete(in);
    if (!cJSON_IsArray(res)) {
        cJSON_Delete(res);
        return -1;
    }
    cJSON *b = cJSON_AddObjectToObject(summary, "bench");
    cJSON_AddItemToObject(b, "results", res);
    return 0;
}
