/* NSS key log output (SSLKEYLOGFILE, --keylog): the engine hands each line
 * to a callback (gt.h), the tools append it to a file that Wireshark and
 * tshark read with tls.keylog_file. */
#include "tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One shared file per process: every connection of a server writes to it,
 * a line at a time (the process is single threaded). */
static void write_line(void *ctx, const char *line)
{
    FILE *f = ctx;
    fprintf(f, "%s\n", line);
    fflush(f);
}

int gt_tool_keylog_file(gt_config *cfg, const char *path, char *err, size_t ecap)
{
    static FILE *f;
    static char open_path[4096];
    if (f == NULL || strcmp(open_path, path) != 0) {
        FILE *nf = fopen(path, "a");
        if (nf == NULL) {
            snprintf(err, ecap, "key log %s: %s", path, strerror(errno));
            return -1;
        }
        f = nf;
        snprintf(open_path, sizeof(open_path), "%s", path);
    }
    gt_config_set_keylog(cfg, write_line, f);
    return 0;
}

int gt_tool_keylog_env(gt_config *cfg, char *err, size_t ecap)
{
    const char *path = getenv("SSLKEYLOGFILE");
    if (path == NULL || path[0] == '\0') return 0;
    return gt_tool_keylog_file(cfg, path, err, ecap);
}
