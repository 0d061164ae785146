/* Timing and reporting for gt-bench (see bench.h). */
#include "bench.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_RESULTS 64

struct result {
    char name[64];
    const char *unit;
    double gt, ref;
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
    printf("%-34s %8s %14s %14s %8s\n", "benchmark", "unit", "gt", "openssl", "ratio");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        double ratio = r->ref > 0 ? r->gt / r->ref : 0;
        printf("%-34s %8s %14.1f %14.1f %7.2fx\n", r->name, r->unit, r->gt, r->ref, ratio);
    }
    if (!json_path) return 0;
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "results");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", r->name);
        cJSON_AddStringToObject(o, "unit", r->unit);
        cJSON_AddNumberToObject(o, "gt", r->gt);
        cJSON_AddNumberToObject(o, "openssl", r->ref);
        cJSON_AddNumberToObject(o, "ratio", r->ref > 0 ? r->gt / r->ref : 0);
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
