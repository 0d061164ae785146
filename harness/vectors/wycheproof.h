/* Wycheproof handlers for gt-vectors — THE CONTRACT.
 *
 * Adding a schema family (e.g. ECDSA) takes one file plus one line:
 *   1. harness/vectors/wy_ecdsa.c defines
 *        int wy_ecdsa(wy_test *t) { ... }
 *      (one function per schema; static helpers as you like);
 *   2. harness/vectors/wycheproof_registry.def gets the line
 *        WY_HANDLER("ecdsa_verify_schema_v1.json", wy_ecdsa)
 *      (the schema is the file's top-level "schema" field; one schema may
 *      appear on several lines with different handlers only if the earlier
 *      handlers return WY_NEXT for groups they do not own).
 * The CMakeLists globs *.c, so nothing else changes.
 *
 * The loader (wycheproof.c) parses the file, looks the schema up, and calls
 * the handler ONCE PER TEST with t->group (the testGroup object: keys,
 * sizes, curve, sha...) and t->test (the test object: tcId, comment, msg,
 * ct, tag, result, flags...). The handler runs the IUT and says what the IUT
 * did, not whether that is right:
 *   WY_OK          the operation succeeded and its output matched the
 *                  expected value (verify: the signature was accepted);
 *   WY_REJECTED    the IUT refused: error return, bad tag, bad padding,
 *                  signature rejected, invalid point...;
 *   WY_MISMATCH    the operation succeeded but produced something else than
 *                  the expected value (describe it with wy_detail());
 *   WY_UNSUPPORTED the IUT cannot do this at all (GT_ERR_CRYPTO_IV_SIZE,
 *                  KEY_SIZE, an unimplemented curve...): give the reason
 *                  with wy_unsupported(); never use it to hide a failure;
 *   WY_NEXT        this handler does not own the group (see above);
 *   WY_BAD         the test itself is malformed (missing field, odd hex):
 *                  use wy_hex()/wy_int(), which report it for you.
 * The loader maps the outcome and the test's "result" to a verdict, so every
 * handler gets the same semantics:
 *   valid      : WY_OK passes; WY_REJECTED / WY_MISMATCH fail;
 *   invalid    : WY_REJECTED / WY_MISMATCH pass (for encryption-style tests
 *                the produced output differs); WY_OK fails;
 *   acceptable : passes whichever way the IUT decided; the decision is
 *                printed with --verbose. A handler with a policy for some
 *                acceptable cases (e.g. "we reject compressed points") calls
 *                wy_expect(t, WY_VALID or WY_INVALID, "reason") before
 *                returning, and the case is then judged as that result;
 *   WY_UNSUPPORTED: skipped with the reason — except an invalid test that
 *                the API refuses, which passes (refusing IS the right answer).
 * Buffers from wy_hex() live until the handler returns; the loader frees
 * them. Handlers must not print; they use wy_detail()/wy_note(). */
#ifndef GT_WYCHEPROOF_H
#define GT_WYCHEPROOF_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "vec.h"

enum wy_outcome {
    WY_OK = 0,
    WY_REJECTED,
    WY_MISMATCH,
    WY_UNSUPPORTED,
    WY_NEXT,
    WY_BAD,
};

enum wy_result { WY_VALID = 0, WY_INVALID, WY_ACCEPTABLE };

#define WY_MAX_BUFS 16

typedef struct wy_test {
    const cJSON *root;     /* the whole file (algorithm, header...) */
    const cJSON *group;    /* the testGroup object */
    const cJSON *test;     /* the test object */
    const char *algorithm; /* the file's "algorithm" ("AES-GCM", "ECDSA") */
    long tc_id;
    enum wy_result result; /* from "result" */
    /* Set by the helpers below; read by the loader. */
    enum wy_result expect; /* result the verdict is judged against */
    char expect_reason[128];
    char detail[256];
    char unsupported[96];
    int bad; /* a helper reported the test malformed */
    vec_run *run;
    vec_buf bufs[WY_MAX_BUFS];
    unsigned nbufs;
} wy_test;

typedef int (*wy_handler_fn)(wy_test *t);

typedef struct {
    const char *schema;
    const char *name; /* the handler function's name, for --list */
    wy_handler_fn run;
} wy_handler;

/* The registry table (wycheproof_registry.c), terminated by {NULL}. */
extern const wy_handler wy_handlers[];

/* Declarations of every registered handler. */
#define WY_HANDLER(schema, fn) int fn(wy_test *t);
#include "wycheproof_registry.def"
#undef WY_HANDLER

/* Decodes the hex string field `name` of obj (t->test or t->group, or any
 * nested object such as the group's "key") into a buffer owned by t. Missing
 * field or bad hex: reports the test malformed and returns NULL. */
const uint8_t *wy_hex(wy_test *t, const cJSON *obj, const char *name, size_t *len);
/* Like wy_hex() but a missing field yields NULL without an error. */
const uint8_t *wy_hex_opt(wy_test *t, const cJSON *obj, const char *name, size_t *len);
/* Integer field; missing or non-number: malformed, returns -1. */
long wy_int(wy_test *t, const cJSON *obj, const char *name);
/* String field or NULL (no error). */
const char *wy_str(const cJSON *obj, const char *name);
/* Does the test carry this flag? */
int wy_has_flag(const wy_test *t, const char *flag);

/* Describes a mismatch/rejection for the failure message. */
void wy_detail(wy_test *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records why the IUT cannot run the test; returns WY_UNSUPPORTED. */
int wy_unsupported(wy_test *t, const char *reason);
/* Judge an "acceptable" test as `as` (WY_VALID/WY_INVALID), with a reason. */
void wy_expect(wy_test *t, enum wy_result as, const char *reason);
/* Describes bytes that differ: "what: got X, want Y". */
void wy_diff(wy_test *t, const char *what, const uint8_t *got, const uint8_t *want, size_t n);

/* Runs one JSON file (the loader). Returns 0, or VEC_MALFORMED. */
int wy_run_file(vec_run *r, const char *path);
/* Prints the registered schemas (--list). */
void wy_list(void);

#endif
