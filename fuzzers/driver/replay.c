/* tlsgauntlet — replay driver: runs a fuzz target without a fuzzing engine.
 *
 *   fuzz_<target> FILE|DIR...
 *
 * Each file is read whole into an exactly sized heap buffer (so ASan sees
 * any read past its end) and passed to LLVMFuzzerTestOneInput once;
 * directories are walked one level deep in name order (dot files and
 * README* skipped: corpus/regressions/<target>/ keeps its notes there).
 * Arguments starting with '-' are ignored, so a libFuzzer command line
 * (`-runs=...`, `-dict=...`) replays unchanged. A crash is the target's
 * crash: the driver adds nothing. Exit 0 when every input ran, 2 when an
 * argument could not be read. This is what ctest runs over corpus/<target>
 * and corpus/regressions/<target> in the default and asan builds. The AFL++
 * driver links the same code (built with FZ_REPLAY_NO_MAIN) for its replay
 * mode. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path, size_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    /* malloc(0) may return NULL: keep one byte but pass size 0 */
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || n < 0 || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        fprintf(stderr, "replay: %s: read failed\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    if (getenv("FUZZ_REPLAY_VERBOSE")) fprintf(stderr, "replay: %s (%ld bytes)\n", path, n);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    (*count)++;
    return 0;
}

static int skip_name(const char *name)
{
    return name[0] == '.' || strncmp(name, "README", 6) == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, NULL);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = calloc((size_t)n + 1, sizeof *names);
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (names && !skip_name(ents[i]->d_name)) names[k++] = strdup(ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
    if (!names) return -1;
    qsort(names, k, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < k; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && run_file(path, count) != 0) rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int fz_replay_main(int argc, char **argv);

int fz_replay_main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    size_t count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (argv[i][0] == '-') continue;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            rc = 2;
        } else if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i], &count)) {
            rc = 2;
        }
    }
    printf("replay: %zu inputs ran\n", count);
    return rc;
}

#ifndef FZ_REPLAY_NO_MAIN
int main(int argc, char **argv)
{
    return fz_replay_main(argc, argv);
}
#endif
