/* gt-bench: `gt-bench crypto|pk|x509|handshake|all [--seconds S] [--rounds N] [--json FILE]`.
 * (`gt-bench --heap-child` is the handshake benchmark's own helper process.) */
#include "bench.h"
#include "bench_hs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: gt-bench crypto|pk|x509|handshake|all [--seconds S] [--rounds N] "
                    "[--json FILE]\n");
    return 2;
}

int main(int argc, char **argv)
{
    /* first: OpenSSL's allocator hook must precede any OpenSSL call */
    if (argc == 2 && !strcmp(argv[1], "--heap-child")) return bench_heap_child();
    bench_opts o = {0.3, 3};
    const char *json = NULL, *what = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            o.seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            o.rounds = atoi(argv[++i]);
        else if (argv[i][0] != '-' && !what)
            what = argv[i];
        else
            return usage();
    }
    if (!what || o.seconds <= 0 || o.rounds < 1) return usage();
    int all = !strcmp(what, "all");
    if (!all && strcmp(what, "crypto") && strcmp(what, "pk") && strcmp(what, "x509") &&
        strcmp(what, "handshake"))
        return usage();
    if (all || !strcmp(what, "crypto")) bench_crypto(&o);
    if (all || !strcmp(what, "pk")) bench_pk(&o);
    if (all || !strcmp(what, "x509")) bench_x509(&o);
    if (all || !strcmp(what, "handshake")) bench_handshake(&o);
    return bench_report(json) ? 1 : 0;
}
