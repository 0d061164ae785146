/* Stand-in for bench_hs_wolfssl.c when wolfSSL is not installed: the
 * handshake benchmark's wolfSSL column reads n/a. */
#include "../bench_hs.h"

#include <stdio.h>

static void *setup(const hs_suite *s, int mode)
{
    (void)s;
    if (mode == HS_FULL) fprintf(stderr, "gt-bench: wolfssl: not built (libwolfssl-dev missing)\n");
    return NULL;
}

static void nothing(void) {}

const hs_impl hs_impl_wolfssl = {"wolfssl", setup, NULL, NULL, NULL, NULL, NULL, nothing};
