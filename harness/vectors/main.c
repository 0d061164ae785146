/* gt-vectors: runs known-answer vector files against libgt.
 *
 *   gt-vectors [--json FILE] [--verbose] [--list] [PATH...]
 *
 * A PATH is a file or a directory (walked recursively, in name order):
 * *.txt is the project text format (or, by content, a CAVP-style file such
 * as the TLS 1.2 PRF vectors), *.rsp is NIST CAVP, *.json is Wycheproof.
 * Exit status: 0 all passed, 1 some failed, 2 a malformed file or bad usage. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "algs.h"
#include "kat.h"
#include "wycheproof.h"

typedef struct {
    int verbose;
    int malformed;
    unsigned long passed, failed, skipped;
    cJSON *files; /* JSON report array */
} totals;

static int has_ext(const char *p, const char *ext)
{
    size_t n = strlen(p), e = strlen(ext);
    return n > e && strcmp(p + n - e, ext) == 0;
}

/* In a directory walk, a .txt that is neither the project format nor a
 * CAVP-style file (README.txt, SOURCE.txt) is not a vector file; named on
 * the command line, it is an error. */
static int run_text(vec_run *r, const char *path, int rsp, int walked)
{
    size_t len;
    char *text = vec_read_file(path, &len);
    if (!text) return vec_malformed(r, 0, "cannot read file: %s", strerror(errno));
    int rc = 0;
    if (!rsp && kat_looks_like(text))
        rc = kat_run_text(r, text, len);
    else if (walked && !cavp_recognises(path, text))
        r->ignored = "not a vector file (neither [algorithm] sections nor a known CAVP name)";
    else
        rc = cavp_run_text(r, path, text, len);
    free(text);
    return rc;
}

static void run_file(totals *t, const char *path, int walked)
{
    vec_run r;
    vec_run_init(&r, path, t->verbose);
    if (has_ext(path, ".json"))
        wy_run_file(&r, path);
    else if (has_ext(path, ".txt") || has_ext(path, ".rsp"))
        run_text(&r, path, has_ext(path, ".rsp"), walked);
    else
        vec_malformed(&r, 0, "unknown file type (want .txt, .rsp or .json)");
    if (r.ignored) {
        if (t->verbose) printf("%s: ignored: %s\n", path, r.ignored);
        return;
    }
    vec_run_summary(&r);
    t->passed += r.passed;
    t->failed += r.failed;
    t->skipped += r.skipped;
    t->malformed |= r.malformed;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", path);
    cJSON_AddNumberToObject(o, "passed", (double)r.passed);
    cJSON_AddNumberToObject(o, "failed", (double)r.failed);
    cJSON_AddNumberToObject(o, "skipped", (double)r.skipped);
    if (r.malformed) cJSON_AddBoolToObject(o, "malformed", 1);
    cJSON_AddItemToArray(t->files, o);
}

static int wanted(const char *name)
{
    return has_ext(name, ".txt") || has_ext(name, ".rsp") || has_ext(name, ".json");
}

static void run_path(totals *t, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        t->malformed = 1;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        run_file(t, path, depth > 0);
        return;
    }
    struct dirent **ents;
    int n = scandir(path, &ents, NULL, alphasort);
    if (n < 0 || depth > 16) {
        fprintf(stderr, "%s: cannot list directory\n", path);
        t->malformed = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        if (name[0] != '.') {
            size_t len = strlen(path) + strlen(name) + 2, pl = strlen(path);
            char *sub = malloc(len);
            while (pl > 1 && path[pl - 1] == '/')
                pl--; /* "dir/" gives "dir/x", not "dir//x" */
            snprintf(sub, len, "%.*s/%s", (int)pl, path, name);
            struct stat ss;
            if (stat(sub, &ss) == 0 && (S_ISDIR(ss.st_mode) || wanted(name)))
                run_path(t, sub, depth + 1);
            free(sub);
        }
        free(ents[i]);
    }
    free(ents);
}

static int write_json(const totals *t, const char *path)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemReferenceToObject(root, "files", t->files);
    cJSON_AddNumberToObject(root, "passed", (double)t->passed);
    cJSON_AddNumberToObject(root, "failed", (double)t->failed);
    cJSON_AddNumberToObject(root, "skipped", (double)t->skipped);
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    FILE *f = fopen(path, "w");
    int ok = s && f && fputs(s, f) >= 0 && fputc('\n', f) != EOF;
    if (f && fclose(f) != 0) ok = 0;
    free(s);
    if (!ok) fprintf(stderr, "gt-vectors: cannot write %s\n", path);
    return ok ? 0 : -1;
}

static void usage(FILE *to)
{
    fputs("usage: gt-vectors [--json FILE] [--verbose] [--list] [PATH...]\n"
          "  PATH: a .txt (project format), .rsp (NIST CAVP) or .json (Wycheproof) file,\n"
          "        or a directory searched recursively for them\n"
          "  --verbose: print skipped cases and the decision on acceptable cases\n"
          "             (twice: every passing case too)\n"
          "exit: 0 all passed, 1 a case failed, 2 malformed input or bad usage\n",
          to);
}

int main(int argc, char **argv)
{
    totals t = {0};
    const char *json = NULL;
    int list = 0, npaths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json = argv[++i];
        else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
            t.verbose++;
        else if (strcmp(argv[i], "--list") == 0)
            list = 1;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout), 0;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage(stderr), 2;
        else
            npaths++;
    }
    if (list) {
        vec_algs_list();
        wy_list();
        return 0;
    }
    if (npaths == 0) return usage(stderr), 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    t.files = cJSON_CreateArray();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            i++;
        else if (argv[i][0] != '-' || !argv[i][1])
            run_path(&t, argv[i], 0);
    }
    int rc = t.malformed ? 2 : t.failed ? 1 : 0;
    if (json && write_json(&t, json) != 0) rc = 2;
    cJSON_Delete(t.files);
    printf("%lu passed, %lu failed, %lu skipped\n", t.passed, t.failed, t.skipped);
    if (t.malformed) fprintf(stderr, "gt-vectors: malformed input (see above); exit 2\n");
    return rc;
}
