/* One known-answer case in the project's normalised form, and the table of
 * algorithms that run such cases against libgt. Both readers build these:
 * kat.c from the project text format, cavp.c from NIST CAVP files (and the
 * TLS 1.2 PRF file), so each algorithm is checked by one piece of code. */
#ifndef GT_VEC_ALGS_H
#define GT_VEC_ALGS_H

#include "vec.h"

/* Field names, as spelled in the project text format (vectors/README.md). */
enum vec_field {
    F_KEY,
    F_IV,
    F_NONCE,
    F_AAD,
    F_PT,
    F_CT,
    F_TAG,
    F_MSG,
    F_MD,
    F_MAC,
    F_SECRET,
    F_LABEL,
    F_SEED,
    F_OUT,
    F_ENTROPY,
    F_PERS,
    F_ENTROPY_RESEED,
    F_ADD_RESEED,
    F_ADD1,
    F_ADD2,
    F_PUB, /* ECDSA: SEC 1 uncompressed public key */
    F_SIG, /* ECDSA: r || s */
    F_K,   /* ECDSA: the RFC 6979 nonce (documentation; not exposed by the API) */
    /* integer-valued */
    F_REPEAT,
    F_COUNTER,
    F_RESULT, /* valid | invalid */
    F_COUNT
};
#define FBIT(f) (1u << (f))

typedef struct {
    char alg[32];
    char id[64];   /* "line 12", "COUNT = 3 (line 40)" */
    unsigned line; /* first line of the case */
    unsigned set;  /* FBIT() of the fields present */
    vec_buf f[F_COUNT];
    unsigned long num[F_COUNT]; /* integer fields; F_RESULT: 1 = invalid */
} vec_case;

typedef struct vec_alg vec_alg;

/* Field name -> enum, or -1. */
int vec_field_by_name(const char *name);
const char *vec_field_name(int f);
/* Looks an algorithm up by its lowercase name; NULL if unknown. */
const vec_alg *vec_alg_find(const char *name);
/* May this algorithm's cases carry field f? */
int vec_alg_allows(const vec_alg *a, int f);

/* Checks required fields (malformed if missing: names file:line), runs the
 * case and reports pass/fail/skip. Returns 0 or VEC_MALFORMED. */
int vec_case_run(vec_run *r, const vec_alg *a, vec_case *c);
void vec_case_clear(vec_case *c); /* forget values, keep buffers */
void vec_case_free(vec_case *c);
/* Lists the algorithms (--list). */
void vec_algs_list(void);

#endif
