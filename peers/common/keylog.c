/*
 * Key log writer. The file is opened in append mode per line, so client and
 * server of one test may share a file and a crash loses no earlier line.
 */
#include "keylog.h"
#include "result.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void hex(FILE *f, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
}

int gt_peer_keylog(const char *path, const uint8_t client_random[32], const uint8_t *master,
                   size_t master_len)
{
    FILE *f = fopen(path, "a");
    if (f == NULL) return gt_peer_errf("keylog %s: %s", path, strerror(errno));
    fputs("CLIENT_RANDOM ", f);
    hex(f, client_random, 32);
    fputc(' ', f);
    hex(f, master, master_len);
    fputc('\n', f);
    if (fclose(f) != 0) return gt_peer_errf("keylog %s: %s", path, strerror(errno));
    return 0;
}

int gt_peer_keylog_line(const char *path, const char *line)
{
    FILE *f = fopen(path, "a");
    if (f == NULL) return gt_peer_errf("keylog %s: %s", path, strerror(errno));
    fprintf(f, "%s\n", line);
    if (fclose(f) != 0) return gt_peer_errf("keylog %s: %s", path, strerror(errno));
    return 0;
}
