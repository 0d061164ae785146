/* Shared declarations of the gt-x509 tool's files. */
#ifndef GT_X509TOOL_H
#define GT_X509TOOL_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_x509.h"

/* Reads a whole file; NULL with errno set on failure. Caller frees. */
uint8_t *x509tool_read_file(const char *path, size_t *len);
/* Human-readable dump of one certificate to stdout. */
void x509tool_show_text(const gt_x509_cert *c);
/* JSON object describing one certificate (a cJSON *, caller deletes). */
void *x509tool_show_json(const gt_x509_cert *c);
/* `gt-x509 verify ARGS...` (verify_cmd.c): argv holds the arguments after
 * "verify". Returns the exit status. */
int x509tool_verify(int argc, char **argv);

#endif
