/* Timing and reporting for gt-bench (see bench.h). */
#include "bench.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_RESULTS 128

struct result {
    char name[64];
    const char *unit;
    double gt, ref, wolf; /* < 0: not available */
    int has_wolf;         /* a row with a wolfSSL column */
};

static struct result results[MAX_RESULTS];
static int nresults;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One measurement: doubles the batch until a batch fills the budget, so the
 * clock is read rarely even for sub-microsecond operations. */
static double measure(double budget, bench_fn fn, void *arg)
{
    unsigned long batch = 1;
    for (;;) {
        double t0 = now();
        for (unsigned long i = 0; i < batch; i++)
            fn(arg);
        double dt = now() - t0;
        if (dt >= budget || batch >= (1ul << 40)) return (double)batch / dt;
        /* aim straight for the budget once the batch is measurable */
        if (dt > budget / 64)
            batch = (unsigned long)((double)batch * budget / dt * 1.05) + 1;
        else
            batch *= 8;
    }
}

double bench_rate(const bench_opts *o, bench_fn fn, void *arg)
{
    double best = 0;
    fn(arg); /* warm-up: page in tables, trigger CPU feature detection */
    for (int i = 0; i < o->rounds; i++) {
        double r = measure(o->seconds, fn, arg);
        if (r > best) best = r;
    }
    return best;
}

void bench_record(const char *name, const char *unit, double gt, double ref)
{
    if (nresults == MAX_RESULTS) return;
    struct result *r = &results[nresults++];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->unit = unit;
    r->gt = gt;
    r->ref = ref;
    r->wolf = 0;
    r->has_wolf = 0;
}

void bench_record3(const char *name, const char *unit, double gt, double ref, double wolf)
{
    bench_record(name, unit, gt, ref);
    if (nresults == 0 || strcmp(results[nresults - 1].name, name)) return;
    results[nresults - 1].wolf = wolf;
    results[nresults - 1].has_wolf = 1;
}

void bench_trio(const bench_opts *o, const char *name, size_t bytes_per_call, bench_fn fn[3],
                void *arg[3])
{
    double best[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++)
        if (fn[k]) fn[k](arg[k]);
    for (int i = 0; i < o->rounds; i++) {
        for (int k = 0; k < 3; k++) {
            if (!fn[k]) continue;
            double r = measure(o->seconds, fn[k], arg[k]);
            best[k] = r > best[k] ? r : best[k];
        }
    }
    double scale = bytes_per_call ? (double)bytes_per_call / 1e6 : 1;
    for (int k = 0; k < 3; k++)
        best[k] = fn[k] ? best[k] * scale : -1;
    bench_record3(name, bytes_per_call ? "MB/s" : "ops/s", best[0], best[1], best[2]);
    fprintf(stderr, "  measured %s\n", name);
}

/* gt/ref, 0 when either figure is missing. */
static double ratio(double gt, double ref)
{
    return gt > 0 && ref > 0 ? gt / ref : 0;
}

static void print_num(double v)
{
    if (v < 0)
        printf(" %14s", "n/a");
    else
        printf(" %14.1f", v);
}

void bench_pair(const bench_opts *o, const char *name, size_t bytes_per_call, bench_fn gt,
                void *gt_arg, bench_fn ref, void *ref_arg)
{
    double best_gt = 0, best_ref = 0;
    gt(gt_arg);
    if (ref) ref(ref_arg);
    for (int i = 0; i < o->rounds; i++) {
        double a = measure(o->seconds, gt, gt_arg);
        best_gt = a > best_gt ? a : best_gt;
        if (ref) {
            double b = measure(o->seconds, ref, ref_arg);
            best_ref = b > best_ref ? b : best_ref;
        }
    }
    if (bytes_per_call) {
        double mb = (double)bytes_per_call / 1e6;
        bench_record(name, "MB/s", best_gt * mb, best_ref * mb);
    } else {
        bench_record(name, "ops/s", best_gt, best_ref);
    }
    fprintf(stderr, "  measured %s\n", name);
}

int bench_report(const char *json_path)
{
    int wolf = 0, w = 34;
    for (int i = 0; i < nresults; i++) {
        wolf |= results[i].has_wolf;
        w = (int)strlen(results[i].name) > w ? (int)strlen(results[i].name) : w;
    }
    printf("%-*s %8s %14s %14s %8s", w, "benchmark", "unit", "gt", "openssl", "ratio");
    if (wolf) printf(" %14s %8s", "wolfssl", "ratio");
    printf("\n");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        printf("%-*s %8s", w, r->name, r->unit);
        print_num(r->gt);
        print_num(r->ref);
        printf(" %7.2fx", ratio(r->gt, r->ref));
        if (r->has_wolf) {
            print_num(r->wolf);
            printf(" %7.2fx", ratio(r->gt, r->wolf));
        }
        printf("\n");
    }
    if (!json_path) return 0;
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "results");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", r->name);
        cJSON_AddStringToObject(o, "unit", r->unit);
        cJSON_AddNumberToObject(o, "gt", r->gt > 0 ? r->gt : 0);
        cJSON_AddNumberToObject(o, "openssl", r->ref > 0 ? r->ref : 0);
        if (r->has_wolf) cJSON_AddNumberToObject(o, "wolfssl", r->wolf > 0 ? r->wolf : 0);
        cJSON_AddNumberToObject(o, "ratio", ratio(r->gt, r->ref));
        if (r->has_wolf) cJSON_AddNumberToObject(o, "ratio_wolfssl", ratio(r->gt, r->wolf));
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    FILE *f = text ? fopen(json_path, "w") : NULL;
    int rc = -1;
    if (f) {
        rc = fputs(text, f) >= 0 && fputc('\n', f) != EOF ? 0 : -1;
        rc = fclose(f) == 0 ? rc : -1;
    }
    cJSON_free(text);
    if (rc) fprintf(stderr, "gt-bench: cannot write %s\n", json_path);
    return rc;
}
