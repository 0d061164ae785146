/* Readers of line-oriented vector files. Each takes the whole file as a
 * NUL-terminated, writable buffer and reports through r. Return 0, or
 * VEC_MALFORMED after naming file:line. */
#ifndef GT_VEC_KAT_H
#define GT_VEC_KAT_H

#include <stddef.h>

#include "vec.h"

/* The project's text format (vectors/README.md). */
int kat_run_text(vec_run *r, char *text, size_t len);
/* Does this .txt look like the project format (vs. a CAVP-style file)? */
int kat_looks_like(const char *text);
/* NIST CAVP .rsp and CAVP-style "Key = Value" files (incl. the TLS 1.2 PRF
 * file); the algorithm comes from the file name or its content. */
int cavp_run_text(vec_run *r, const char *path, char *text, size_t len);
/* Can cavp_run_text() tell the algorithm of this file? */
int cavp_recognises(const char *path, const char *text);

#endif
