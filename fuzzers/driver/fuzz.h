/* tlsgauntlet — shared glue for the fuzz targets (one .c file per target in fuzzers/).
 *
 * Every target defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize). The same object is linked against one of three
 * drivers: libFuzzer itself, driver/afl.c (AFL++ persistent mode) or
 * driver/replay.c (no engine: runs files and directories, for ctest and for
 * reproducing a crash with gcc). Nothing here may depend on the engine.
 *
 * Helpers:
 * - fz_in: a consuming reader over the fuzz input, so a target can carve
 *   its input into fields (flags byte, lengths, a host name, the rest)
 *   without ever reading past the end; exhausted reads yield zeros/empty.
 * - fz_rng: a deterministic RNG callback (gt_rng_fn) seeded from the input,
 *   so every run of one input is the same run.
 * - fz_embedded_*: files compiled into the binary at build time (trust
 *   roots, known-difference lists), so fuzzers copied alone into an
 *   OSS-Fuzz $OUT still work. */
#ifndef GT_FUZZ_H
#define GT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Abort with a message: what a differential target does on a disagreement
 * so that every engine records the input as a crash. */
__attribute__((noreturn, format(printf, 1, 2))) void fz_fail(const char *fmt, ...);

typedef struct {
    const uint8_t *p;
    size_t left;
} fz_in;

static inline fz_in fz_in_init(const uint8_t *p, size_t n)
{
    fz_in in = {p, n};
    return in;
}
uint8_t fz_u8(fz_in *in);
uint16_t fz_u16(fz_in *in);
/* Up to n bytes (fewer at the end of input); *got says how many. */
const uint8_t *fz_bytes(fz_in *in, size_t n, size_t *got);
/* Copies the next n bytes into out, zero-filling what the input lacks. */
void fz_copy(fz_in *in, uint8_t *out, size_t n);
/* Everything up to (not including) the first `sep`, which is consumed; the
 * whole rest when there is none. At most max bytes are taken. */
const uint8_t *fz_until(fz_in *in, uint8_t sep, size_t max, size_t *got);

/* Deterministic RNG: a xorshift stream, not secure (fuzzing only). */
typedef struct {
    uint64_t s;
} fz_rng_state;
void fz_rng_seed(fz_rng_state *st, uint64_t seed);
int fz_rng(void *ctx, uint8_t *out, size_t n);

/* Embedded files (fuzzers/CMakeLists.txt generates fuzz_embed.c). */
/* vectors/pki/ca-bundle.pem, then vectors/x509/chains/trust.pem */
extern const uint8_t fz_embedded_roots_pem[];
extern const size_t fz_embedded_roots_pem_len;
extern const char *const fz_embedded_diff_x509_known; /* NUL-terminated text */
extern const uint8_t fz_embedded_rsa_key_pem[]; /* vectors/pki/server-rsa2048.key (test key) */
extern const size_t fz_embedded_rsa_key_pem_len;

#endif
