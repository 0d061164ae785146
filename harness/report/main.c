/* gt-report: the campaign's report generator.
 *
 *   gt-report collect DIR [--compare OLD] [--threshold T]
 *       DIR/summary.json from the phases' outputs, DIR/index.html from it,
 *       DIR/junit/<phase>.xml for every phase without one; with --compare,
 *       the changes since OLD (a campaign directory or its summary.json)
 *       go into summary.json and the page, and are printed.
 *   gt-report html SUMMARY            the page, on stdout
 *   gt-report junit SUMMARY PHASE     one phase's JUnit XML, on stdout
 *   gt-report compare OLD NEW [--threshold T]   the changes, as text
 *
 * SUMMARY/OLD/NEW are summary.json files or campaign directories holding
 * one. Exit status: 0 done, 1 an input was missing or unreadable, 2 usage. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

static int usage(void)
{
    fputs("usage: gt-report collect DIR [--compare OLD] [--threshold T]\n"
          "       gt-report html SUMMARY\n"
          "       gt-report junit SUMMARY PHASE\n"
          "       gt-report compare OLD NEW [--threshold T]\n",
          stderr);
    return 2;
}

static cJSON *load_summary(const char *arg)
{
    char path[4096];
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(path, sizeof path, "%s/summary.json", arg);
    else
        snprintf(path, sizeof path, "%s", arg);
    cJSON *s = gt_rp_load_json(path);
    if (!s) fprintf(stderr, "gt-report: cannot read %s\n", path);
    return s;
}

static int write_page(const cJSON *s, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int rc = gt_rp_html(s, f);
    if (fclose(f) != 0) rc = -1;
    return rc;
}

/* A JUnit file for every phase whose runner did not leave one. */
static int write_junits(const cJSON *s, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/junit", dir);
    mkdir(path, 0755);
    int rc = 0;
    for (size_t i = 0; i < gt_rp_nphases; i++) {
        snprintf(path, sizeof path, "%s/junit/%s.xml", dir, gt_rp_phase_names[i]);
        struct stat st;
        if (stat(path, &st) == 0) continue;
        FILE *f = fopen(path, "w");
        if (!f || gt_rp_junit(s, gt_rp_phase_names[i], f) != 0) rc = -1;
        if (f && fclose(f) != 0) rc = -1;
    }
    return rc;
}

static int cmd_collect(const char *dir, const char *old_path, double threshold)
{
    cJSON *s = gt_rp_collect(dir);
    if (!s) return 1;
    int rc = 0;
    if (old_path) {
        cJSON *old = load_summary(old_path);
        if (old) {
            cJSON *cmp = gt_rp_compare(old, s, threshold);
            gt_rp_compare_print(cmp, stdout);
            cJSON_AddItemToObject(s, "compare", cmp);
            cJSON_Delete(old);
        } else {
            rc = 1;
        }
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (gt_rp_write_json(s, path) != 0)
        rc = 1, fprintf(stderr, "gt-report: cannot write %s\n", path);
    snprintf(path, sizeof path, "%s/index.html", dir);
    if (write_page(s, path) != 0) rc = 1, fprintf(stderr, "gt-report: cannot write %s\n", path);
    if (write_junits(s, dir) != 0) rc = 1, fprintf(stderr, "gt-report: cannot write junit/\n");
    cJSON_Delete(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) return usage();
    const char *cmd = argv[1], *cmp = NULL;
    double threshold = 0.10;
    const char *pos[3] = {NULL, NULL, NULL};
    int npos = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--compare") && i + 1 < argc)
            cmp = argv[++i];
        else if (!strcmp(argv[i], "--threshold") && i + 1 < argc)
            threshold = atof(argv[++i]);
        else if (argv[i][0] != '-' && npos < 3)
            pos[npos++] = argv[i];
        else
            return usage();
    }
    if (threshold <= 0 || threshold > 10) return usage();
    if (!strcmp(cmd, "collect") && npos == 1) return cmd_collect(pos[0], cmp, threshold);
    if (!strcmp(cmd, "compare") && npos == 2) {
        cJSON *old = load_summary(pos[0]), *cur = load_summary(pos[1]);
        if (!old || !cur) return 1;
        cJSON *c = gt_rp_compare(old, cur, threshold);
        gt_rp_compare_print(c, stdout);
        cJSON_Delete(c), cJSON_Delete(old), cJSON_Delete(cur);
        return 0;
    }
    if ((!strcmp(cmd, "html") && npos == 1) || (!strcmp(cmd, "junit") && npos == 2)) {
        cJSON *s = load_summary(pos[0]);
        if (!s) return 1;
        int rc = cmd[0] == 'h' ? gt_rp_html(s, stdout) : gt_rp_junit(s, pos[1], stdout);
        cJSON_Delete(s);
        return rc ? 1 : 0;
    }
    return usage();
}
