/* Test-side loader for vectors/rsa/keys.txt (format documented at the top
 * of that file) and a deterministic RNG callback, shared by the RSA unit
 * tests and tests/ct/ct_rsa.c. Header-only: static functions. */
#ifndef GT_TEST_RSA_TESTKEYS_H
#define GT_TEST_RSA_TESTKEYS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/drbg.h"
#include "gt/crypto/rsa.h"
#include "util/testutil.h"

#define TK_MAX_KEYS 8

typedef struct {
    unsigned bits;
    uint8_t n[512], e[8], d[512], p[256], q[256], dp[256], dq[256], qinv[256];
    gt_rsa_private_key priv;
    gt_rsa_public_key pub;
} tk_rsa;

static inline void tk_field(tk_rsa *k, const char *name, const char *hex)
{
    struct {
        const char *name;
        uint8_t *buf;
        size_t cap;
        const uint8_t **ptr;
        size_t *len;
    } f[] = {
        {"n", k->n, sizeof k->n, &k->priv.n, &k->priv.n_len},
        {"e", k->e, sizeof k->e, &k->priv.e, &k->priv.e_len},
        {"d", k->d, sizeof k->d, &k->priv.d, &k->priv.d_len},
        {"p", k->p, sizeof k->p, &k->priv.p, &k->priv.p_len},
        {"q", k->q, sizeof k->q, &k->priv.q, &k->priv.q_len},
        {"dp", k->dp, sizeof k->dp, &k->priv.dp, &k->priv.dp_len},
        {"dq", k->dq, sizeof k->dq, &k->priv.dq, &k->priv.dq_len},
        {"qinv", k->qinv, sizeof k->qinv, &k->priv.qinv, &k->priv.qinv_len},
    };
    if (!strcmp(name, "bits")) {
        k->bits = (unsigned)atoi(hex);
        return;
    }
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (strcmp(name, f[i].name)) continue;
        size_t n = tu_unhex(hex, f[i].buf, f[i].cap);
        if (n == (size_t)-1) abort();
        *f[i].ptr = f[i].buf;
        *f[i].len = n;
    }
}

/* Loads every key (heap array, caller frees); returns the count. */
static inline size_t tk_load(tk_rsa **out)
{
    char path[1024], line[2048], name[16];
    snprintf(path, sizeof path, "%s/vectors/rsa/keys.txt", tu_source_dir());
    FILE *fp = fopen(path, "r");
    if (!fp) abort();
    tk_rsa *keys = calloc(TK_MAX_KEYS, sizeof *keys);
    size_t n = 0;
    int open = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#') continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            if (open) n++;
            open = 0;
            continue;
        }
        if (n == TK_MAX_KEYS) abort();
        if (sscanf(line, "%15s", name) != 1) abort();
        line[strcspn(line, "\r\n")] = 0;
        tk_field(&keys[n], name, eq + 1);
        keys[n].pub = gt_rsa_public_of(&keys[n].priv);
        open = 1;
    }
    if (open) n++;
    fclose(fp);
    *out = keys;
    return n;
}

/* A copy whose key points at the copy's own buffers (so a test can corrupt
 * a component without touching the loaded key). */
static inline void tk_copy(tk_rsa *k, const tk_rsa *src)
{
    *k = *src;
    k->priv.n = k->n, k->priv.e = k->e, k->priv.d = k->d, k->priv.p = k->p, k->priv.q = k->q;
    k->priv.dp = k->dp, k->priv.dq = k->dq, k->priv.qinv = k->qinv;
    k->pub = gt_rsa_public_of(&k->priv);
}

static inline tk_rsa *tk_find(tk_rsa *keys, size_t n, unsigned bits)
{
    for (size_t i = 0; i < n; i++)
        if (keys[i].bits == bits) return &keys[i];
    abort();
}

/* Deterministic RNG for tests: an HMAC_DRBG seeded by the test. */
static inline int tk_rng(void *ctx, uint8_t *out, size_t n)
{
    return gt_drbg_generate((gt_drbg *)ctx, out, n, NULL, 0) ? GT_ERR_CRYPTO_RNG : 0;
}

/* An RNG that always fails. */
static inline int tk_rng_fail(void *ctx, uint8_t *out, size_t n)
{
    (void)ctx;
    (void)out;
    (void)n;
    return GT_ERR_CRYPTO_RNG;
}

/* Runs a NIST CAVP SigVer .rsp file (FIPS 186-3 SigVer15 or SigVerPSS,
 * from Debian's python3-cryptography-vectors) through verify(); counts
 * cases whose outcome matches "Result = P/F". Returns the case count, or
 * 0 if the file is absent. */
typedef int (*tk_verify_fn)(const gt_rsa_public_key *k, const gt_hash *h, const uint8_t *msg,
                            size_t msg_len, const uint8_t *sig, size_t sig_len);

static inline size_t tk_cavp_sigver(const char *file, tk_verify_fn verify, size_t *mismatches)
{
    static char line[8192];
    static uint8_t n[512], e[512], msg[1024], sig[512];
    size_t n_len = 0, e_len = 0, msg_len = 0, sig_len = 0, cases = 0;
    const gt_hash *h = NULL;
    char path[512];
    snprintf(path, sizeof path,
             "/usr/lib/python3/dist-packages/cryptography_vectors/"
             "asymmetric/RSA/FIPS_186-2/%s",
             file);
    FILE *fp = fopen(path, "r");
    *mismatches = 0;
    if (!fp) return 0;
    while (fgets(line, sizeof line, fp)) {
        char *v = strchr(line, '=');
        if (!v || line[0] == '#' || line[0] == '[') continue;
        v += 2;
        v[strcspn(v, "\r\n")] = 0;
        if (!strncmp(line, "n =", 3)) n_len = tu_unhex(v, n, sizeof n);
        if (!strncmp(line, "e =", 3)) e_len = tu_unhex(v, e, sizeof e);
        if (!strncmp(line, "Msg =", 5)) msg_len = tu_unhex(v, msg, sizeof msg);
        if (!strncmp(line, "S =", 3)) sig_len = tu_unhex(v, sig, sizeof sig);
        if (!strncmp(line, "SHAAlg =", 8)) h = gt_hash_by_name(v);
        if (!strncmp(line, "Result =", 8)) {
            gt_rsa_public_key k = {n, n_len, e, e_len};
            int want_ok = v[0] == 'P';
            int ok = h && verify(&k, h, msg, msg_len, sig, sig_len) == 0;
            if (ok != want_ok) (*mismatches)++;
            cases++;
        }
    }
    fclose(fp);
    return cases;
}

#endif
