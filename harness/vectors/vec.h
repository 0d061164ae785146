/* gt-vectors: plumbing shared by every vector-file reader (project text
 * format, NIST CAVP .rsp, Wycheproof JSON).
 *
 * A reader walks one file and reports each case through vec_pass(),
 * vec_fail() or vec_skip() on the file's vec_run. A malformed file (odd hex,
 * missing field, unknown algorithm, bad JSON) is reported once with
 * vec_malformed(), which names file:line and makes the reader stop: the
 * runner then exits 2. Nothing here aborts or exits. */
#ifndef GT_VEC_H
#define GT_VEC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define VEC_MAX_REASONS 16

/* Case outcomes, also used as return values by case executors. */
enum vec_outcome {
    VEC_PASS = 0,
    VEC_FAIL = 1,
    VEC_SKIP = 2,
    VEC_MALFORMED = 3,
};

typedef struct {
    const char *file; /* path as given on the command line */
    int verbose;
    unsigned long passed, failed, skipped;
    int malformed;       /* set once by vec_malformed(); the reader stops */
    const char *ignored; /* not a vector file (a JSON Schema, a README): why */
    struct {
        char text[96];
        unsigned long count;
    } reasons[VEC_MAX_REASONS]; /* skip reasons, summarised per file */
    unsigned long other_reasons;
} vec_run;

void vec_run_init(vec_run *r, const char *file, int verbose);

/* id names the case in messages ("line 42", "tcId 17", "COUNT = 3"). */
void vec_pass(vec_run *r, const char *id);
void vec_fail(vec_run *r, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void vec_skip(vec_run *r, const char *id, const char *reason);
/* Verbose-only note about a case (e.g. how an "acceptable" case went). */
void vec_note(vec_run *r, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports "file:line: msg" (line 0 = no line), marks the run, returns
 * VEC_MALFORMED so callers can `return vec_malformed(...)`. */
int vec_malformed(vec_run *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints "file: P passed, F failed, S skipped (reasons...)". */
void vec_run_summary(const vec_run *r);

/* Growable byte buffer for decoded values. */
typedef struct {
    uint8_t *p;
    size_t n, cap;
} vec_buf;

/* Hex (whitespace allowed between digits) into b, replacing its content.
 * Returns 0, or -1 on an odd digit count or a non-hex character. */
int vec_unhex(vec_buf *b, const char *hex, size_t len);
int vec_buf_set(vec_buf *b, const void *p, size_t n);
void vec_buf_free(vec_buf *b);
/* Lowercase hex of p (truncated to fit), for failure messages. */
const char *vec_hex(char *dst, size_t cap, const uint8_t *p, size_t n);

/* Reads a whole file into a NUL-terminated malloc'ed buffer. */
char *vec_read_file(const char *path, size_t *len);

#endif
