/* Benchmark harness: runs a function repeatedly for a time budget and
 * reports a rate; results are collected into one table (and JSON) with the
 * IUT's figure next to the reference implementation's and their ratio. */
#ifndef GT_BENCH_H
#define GT_BENCH_H

#include <stddef.h>

typedef void (*bench_fn)(void *arg);

typedef struct {
    double seconds; /* time budget per measurement */
    int rounds;     /* alternating gt/reference rounds; the best of each is kept */
} bench_opts;

/* Calls per second of fn(arg), the best of opts->rounds measurements. */
double bench_rate(const bench_opts *o, bench_fn fn, void *arg);
/* Measures gt and reference alternately (so both see the same machine
 * state) and records the result. bytes_per_call > 0 reports MB/s, else
 * ops/s. ref may be NULL when there is no reference (ratio is then 0). */
void bench_pair(const bench_opts *o, const char *name, size_t bytes_per_call, bench_fn gt,
                void *gt_arg, bench_fn ref, void *ref_arg);
/* Records a result computed elsewhere. */
void bench_record(const char *name, const char *unit, double gt, double ref);

/* Results with a wolfSSL column as well (handshake benchmarks): the row
 * also carries "wolfssl" and "ratio_wolfssl" in the JSON. A figure < 0
 * means "not available" (printed n/a, written as 0 with ratio 0, the
 * convention for a missing reference). */
void bench_record3(const char *name, const char *unit, double gt, double ref, double wolf);
/* Like bench_pair for three implementations [0] gt, [1] OpenSSL,
 * [2] wolfSSL, measured round-robin; fn[i] NULL: not available. */
void bench_trio(const bench_opts *o, const char *name, size_t bytes_per_call, bench_fn fn[3],
                void *arg[3]);

/* Suites of benchmarks, one file each. */
void bench_crypto(const bench_opts *o);
void bench_pk(const bench_opts *o);
void bench_x509(const bench_opts *o);
void bench_pk_rsa(const bench_opts *o);
void bench_pk_ec(const bench_opts *o);
void bench_pk_x25519(const bench_opts *o);
void bench_handshake(const bench_opts *o);

/* Prints the table; writes {"results":[…]} to json_path when not NULL.
 * Returns 0, or -1 if the JSON could not be written. */
int bench_report(const char *json_path);

#endif
