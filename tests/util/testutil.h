/* Helpers shared by the cmocka tests: hex conversion and file locations.
 * Include after <setjmp.h>/<cmocka.h> in test files. */
#ifndef GT_TESTUTIL_H
#define GT_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Decodes hex (whitespace ignored) into out; returns the byte count, or
 * (size_t)-1 on bad input or overflow of cap. */
size_t tu_unhex(const char *hex, uint8_t *out, size_t cap);
/* Returns a malloc'ed buffer (caller frees) holding the decoded hex. */
uint8_t *tu_unhex_alloc(const char *hex, size_t *len);
/* Path of the shared/ folder (env GT_SHARED_DIR, else the configured one). */
const char *tu_shared_dir(void);
/* Path of the source tree root. */
const char *tu_source_dir(void);
/* Deterministic pseudo-random bytes for property tests (xorshift; not crypto). */
void tu_fill(uint8_t *p, size_t n, uint64_t seed);

#endif
