/* Public-key operations per second, the IUT next to OpenSSL's libcrypto.
 * Each family lives in its own file and is listed here once. */
#include "bench.h"

#include <stdio.h>

typedef void (*pk_suite)(const bench_opts *o);

/* Registered suites: add one line per family (bench_pk_rsa.c, ...). */
static const pk_suite suites[] = {
    bench_pk_rsa,
    bench_pk_ec,
    bench_pk_x25519,
    NULL,
};

void bench_pk(const bench_opts *o)
{
    int ran = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (suites[i]) {
            suites[i](o);
            ran++;
        }
    }
    if (!ran) fprintf(stderr, "gt-bench: no public-key benchmarks are built yet\n");
}
