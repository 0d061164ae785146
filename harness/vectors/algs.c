/* Known-answer executors: one function per algorithm family, each running a
 * normalised case (algs.h) against libgt in both directions where the
 * primitive has two (encrypt and decrypt, seal and open). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "gt/crypto/aes.h"
#include "gt/crypto/chacha.h"
#include "gt/crypto/drbg.h"
#include "gt/crypto/ec.h"
#include "gt/crypto/hash.h"

typedef int (*exec_fn)(const vec_case *c, const void *arg, char *why, size_t cap);

struct vec_alg {
    const char *name;
    unsigned required, optional;
    exec_fn run;
    const void *arg;
};

static const char *const field_names[F_COUNT] = {
    "key",
    "iv",
    "nonce",
    "aad",
    "pt",
    "ct",
    "tag",
    "msg",
    "md",
    "mac",
    "secret",
    "label",
    "seed",
    "out",
    "entropy",
    "pers",
    "entropy_reseed",
    "add_reseed",
    "add1",
    "add2",
    "pub",
    "sig",
    "k",
    "repeat",
    "counter",
    "result",
};

#define B(x)   (&c->f[F_##x])
#define HAS(x) (c->set & FBIT(F_##x))

static int say(char *why, size_t cap, int v, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int say(char *why, size_t cap, int v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return v;
}

/* Compares and, on a difference, describes it. Returns VEC_PASS/VEC_FAIL. */
static int same(char *why, size_t cap, const char *what, const uint8_t *got, const vec_buf *want)
{
    if (want->n == 0 || memcmp(got, want->p, want->n) == 0) return VEC_PASS;
    char g[80], w[80];
    snprintf(why, cap, "%s: got %s, want %s", what, vec_hex(g, sizeof g, got, want->n),
             vec_hex(w, sizeof w, want->p, want->n));
    return VEC_FAIL;
}

static uint8_t *scratch(size_t n)
{
    return calloc(1, n + 16);
}

static int x_hash(const vec_case *c, const void *arg, char *why, size_t cap)
{
    const gt_hash *h = arg;
    if (B(MD)->n != h->out_len)
        return say(why, cap, VEC_FAIL, "md is %zu bytes, %s gives %zu", B(MD)->n, h->name,
                   h->out_len);
    gt_hash_ctx ctx;
    uint8_t md[GT_HASH_MAX_LEN];
    unsigned long rep = HAS(REPEAT) ? c->num[F_REPEAT] : 1;
    h->init(&ctx);
    for (unsigned long i = 0; i < rep; i++)
        h->update(&ctx, B(MSG)->p, B(MSG)->n);
    h->final(&ctx, md);
    return same(why, cap, "md", md, B(MD));
}

static int x_hmac(const vec_case *c, const void *arg, char *why, size_t cap)
{
    const gt_hash *h = arg;
    if (B(MAC)->n == 0 || B(MAC)->n > h->out_len)
        return say(why, cap, VEC_FAIL, "mac length %zu not in 1..%zu", B(MAC)->n, h->out_len);
    uint8_t mac[GT_HASH_MAX_LEN];
    gt_hmac(h, B(KEY)->p, B(KEY)->n, B(MSG)->p, B(MSG)->n, mac);
    return same(why, cap, "mac", mac, B(MAC)); /* a truncated mac compares its prefix */
}

static int x_prf(const vec_case *c, const void *arg, char *why, size_t cap)
{
    const gt_hash *h = arg;
    char label[256];
    if (B(LABEL)->n >= sizeof label || memchr(B(LABEL)->p, 0, B(LABEL)->n))
        return say(why, cap, VEC_SKIP, "label too long or contains NUL");
    memcpy(label, B(LABEL)->p, B(LABEL)->n);
    label[B(LABEL)->n] = 0;
    uint8_t *out = scratch(B(OUT)->n);
    int rc = gt_tls12_prf(h, B(SECRET)->p, B(SECRET)->n, label, B(SEED)->p, B(SEED)->n, NULL, 0,
                          out, B(OUT)->n);
    int v = rc ? say(why, cap, VEC_FAIL, "gt_tls12_prf returned %d", rc)
               : same(why, cap, "out", out, B(OUT));
    free(out);
    return v;
}

/* A key the API refuses is a skip (the IUT cannot run it), not a failure. */
static int key_refused(int rc, char *why, size_t cap)
{
    if (rc == GT_ERR_CRYPTO_KEY_SIZE || rc == GT_ERR_CRYPTO_IV_SIZE) {
        snprintf(why, cap, "%s",
                 rc == GT_ERR_CRYPTO_KEY_SIZE ? "key size not supported by the API"
                                              : "IV/tag size not supported by the API");
        return VEC_SKIP;
    }
    snprintf(why, cap, "init returned %d", rc);
    return VEC_FAIL;
}

static int x_aes_ecb(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    gt_aes_key k;
    if (B(PT)->n != B(CT)->n || B(PT)->n % 16)
        return say(why, cap, VEC_FAIL, "pt/ct lengths differ or are not whole blocks");
    int rc = gt_aes_init(&k, B(KEY)->p, B(KEY)->n);
    if (rc) return key_refused(rc, why, cap);
    uint8_t *o = scratch(B(PT)->n), *p = scratch(B(PT)->n);
    for (size_t i = 0; i < B(PT)->n; i += 16) {
        gt_aes_encrypt_block(&k, B(PT)->p + i, o + i);
        gt_aes_decrypt_block(&k, B(CT)->p + i, p + i);
    }
    gt_aes_free(&k);
    int v = same(why, cap, "ct", o, B(CT));
    if (v == VEC_PASS) v = same(why, cap, "pt (decrypt)", p, B(PT));
    free(o);
    free(p);
    return v;
}

static int x_aes_cbc(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    gt_aes_key k;
    uint8_t iv[16];
    if (B(IV)->n != 16 || B(PT)->n != B(CT)->n || B(PT)->n % 16)
        return say(why, cap, VEC_FAIL, "iv not 16 bytes, or pt/ct not equal whole blocks");
    int rc = gt_aes_init(&k, B(KEY)->p, B(KEY)->n);
    if (rc) return key_refused(rc, why, cap);
    size_t n = B(PT)->n;
    uint8_t *o = scratch(n), *p = scratch(n);
    int v = VEC_FAIL;
    memcpy(iv, B(IV)->p, 16);
    if ((rc = gt_aes_cbc_encrypt(&k, iv, B(PT)->p, o, n)) != 0) {
        snprintf(why, cap, "gt_aes_cbc_encrypt returned %d", rc);
        goto out;
    }
    memcpy(iv, B(IV)->p, 16);
    if ((rc = gt_aes_cbc_decrypt(&k, iv, B(CT)->p, p, n)) != 0) {
        snprintf(why, cap, "gt_aes_cbc_decrypt returned %d", rc);
        goto out;
    }
    v = same(why, cap, "ct", o, B(CT));
    if (v == VEC_PASS) v = same(why, cap, "pt (decrypt)", p, B(PT));
out:
    gt_aes_free(&k);
    free(o);
    free(p);
    return v;
}

/* An AEAD case: seal must give ct||tag and open must give pt back (valid);
 * open must refuse (result = invalid). Sizes the API rejects are skipped for
 * valid cases and count as the right answer for invalid ones. */
static int aead_judge(const vec_case *c, int seal_rc, const uint8_t *ct, const uint8_t *tag,
                      int open_rc, const uint8_t *pt, char *why, size_t cap)
{
    int invalid = HAS(RESULT) && c->num[F_RESULT];
    if (invalid) {
        if (open_rc == 0) return say(why, cap, VEC_FAIL, "open accepted an invalid case");
        return VEC_PASS;
    }
    if (seal_rc == GT_ERR_CRYPTO_IV_SIZE || seal_rc == GT_ERR_CRYPTO_KEY_SIZE)
        return key_refused(seal_rc, why, cap);
    if (seal_rc) return say(why, cap, VEC_FAIL, "seal returned %d", seal_rc);
    if (open_rc) return say(why, cap, VEC_FAIL, "open returned %d on a valid case", open_rc);
    int v = same(why, cap, "ct", ct, B(CT));
    if (v == VEC_PASS) v = same(why, cap, "tag", tag, B(TAG));
    if (v == VEC_PASS) v = same(why, cap, "pt (open)", pt, B(PT));
    return v;
}

static int x_gcm(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    static gt_gcm_key g; /* large; static keeps it off the stack */
    int invalid = HAS(RESULT) && c->num[F_RESULT];
    int rc = gt_gcm_init(&g, B(KEY)->p, B(KEY)->n);
    if (rc) return invalid && rc == GT_ERR_CRYPTO_KEY_SIZE ? VEC_PASS : key_refused(rc, why, cap);
    size_t n = B(CT)->n;
    uint8_t *ct = scratch(n), *pt = scratch(n), tag[16] = {0};
    int seal_rc = 0;
    if (!invalid) {
        if (B(PT)->n != n || B(TAG)->n > 16) {
            gt_gcm_free(&g);
            free(ct);
            free(pt);
            return say(why, cap, VEC_FAIL, "pt/ct lengths differ or tag > 16 bytes");
        }
        seal_rc = gt_gcm_seal(&g, B(IV)->p, B(IV)->n, B(AAD)->p, B(AAD)->n, B(PT)->p, n, ct, tag,
                              B(TAG)->n);
    }
    int open_rc = gt_gcm_open(&g, B(IV)->p, B(IV)->n, B(AAD)->p, B(AAD)->n, B(CT)->p, n, B(TAG)->p,
                              B(TAG)->n, pt);
    gt_gcm_free(&g);
    int v = aead_judge(c, seal_rc, ct, tag, open_rc, pt, why, cap);
    free(ct);
    free(pt);
    return v;
}

static int x_chapoly(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    int invalid = HAS(RESULT) && c->num[F_RESULT];
    /* RFC 8439 §2.8: 256-bit key, 96-bit nonce, 128-bit tag, nothing else. */
    if (B(KEY)->n != 32 || B(NONCE)->n != 12 || B(TAG)->n != 16) {
        if (invalid) return VEC_PASS;
        return say(why, cap, VEC_SKIP, "key/nonce/tag size not supported by the API");
    }
    size_t n = B(CT)->n;
    uint8_t *ct = scratch(n), *pt = scratch(n), tag[16] = {0};
    int seal_rc = 0;
    if (!invalid && B(PT)->n != n) {
        free(ct);
        free(pt);
        return say(why, cap, VEC_FAIL, "pt and ct lengths differ");
    }
    if (!invalid)
        seal_rc = gt_chacha20poly1305_seal(B(KEY)->p, B(NONCE)->p, B(AAD)->p, B(AAD)->n, B(PT)->p,
                                           n, ct, tag);
    int open_rc = gt_chacha20poly1305_open(B(KEY)->p, B(NONCE)->p, B(AAD)->p, B(AAD)->n, B(CT)->p,
                                           n, B(TAG)->p, pt);
    int v = aead_judge(c, seal_rc, ct, tag, open_rc, pt, why, cap);
    free(ct);
    free(pt);
    return v;
}

static int x_chacha20(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    if (B(KEY)->n != 32 || B(NONCE)->n != 12 || B(PT)->n != B(CT)->n)
        return say(why, cap, VEC_FAIL, "key 32, nonce 12 and pt/ct equal lengths required");
    uint8_t *o = scratch(B(PT)->n);
    gt_chacha20(B(KEY)->p, B(NONCE)->p, (uint32_t)c->num[F_COUNTER], B(PT)->p, o, B(PT)->n);
    int v = same(why, cap, "ct", o, B(CT));
    free(o);
    return v;
}

static int x_poly1305(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    gt_poly1305_ctx p;
    uint8_t tag[16];
    if (B(KEY)->n != 32 || B(TAG)->n != 16)
        return say(why, cap, VEC_FAIL, "poly1305 needs a 32-byte key and 16-byte tag");
    gt_poly1305_init(&p, B(KEY)->p);
    gt_poly1305_update(&p, B(MSG)->p, B(MSG)->n);
    gt_poly1305_final(&p, tag);
    return same(why, cap, "tag", tag, B(TAG));
}

/* SP 800-90A CAVP semantics: instantiate, optional reseed, generate twice,
 * and only the second output is compared. */
static int x_drbg(const vec_case *c, const void *arg, char *why, size_t cap)
{
    (void)arg;
    gt_drbg d;
    size_t n = B(OUT)->n;
    uint8_t *o = scratch(n);
    gt_drbg_instantiate(&d, B(ENTROPY)->p, B(ENTROPY)->n, B(NONCE)->p, B(NONCE)->n, B(PERS)->p,
                        B(PERS)->n);
    if (HAS(ENTROPY_RESEED))
        gt_drbg_reseed_with(&d, B(ENTROPY_RESEED)->p, B(ENTROPY_RESEED)->n, B(ADD_RESEED)->p,
                            B(ADD_RESEED)->n);
    int rc = gt_drbg_generate(&d, o, n, B(ADD1)->p, B(ADD1)->n);
    if (rc == 0) rc = gt_drbg_generate(&d, o, n, B(ADD2)->p, B(ADD2)->n);
    gt_drbg_free(&d);
    int v = rc ? say(why, cap, VEC_FAIL, "gt_drbg_generate returned %d", rc)
               : same(why, cap, "out", o, B(OUT));
    free(o);
    return v;
}

/* ECDSA known answers (RFC 6979 A.2.5/A.2.6 style): the public key from
 * the private one, the deterministic signature r || s, its verification,
 * and the rejection of a changed digest. */
struct ecdsa_arg {
    gt_ec_curve curve;
    const gt_hash *h;
};

static int x_ecdsa(const vec_case *c, const void *arg, char *why, size_t cap)
{
    const struct ecdsa_arg *a = arg;
    size_t len = gt_ec_scalar_len(a->curve);
    uint8_t pub[GT_EC_MAX_PUB_LEN], sig[GT_EC_MAX_SIG_RAW], dig[GT_HASH_MAX_LEN];
    if (B(KEY)->n != len || B(PUB)->n != 1 + 2 * len || B(SIG)->n != 2 * len)
        return say(why, cap, VEC_FAIL, "ecdsa: key, pub or sig of the wrong size");
    gt_hash_digest(a->h, B(MSG)->p, B(MSG)->n, dig);
    int rc = gt_ec_pub_from_priv(a->curve, B(KEY)->p, pub);
    if (rc) return say(why, cap, VEC_FAIL, "gt_ec_pub_from_priv returned %d", rc);
    if (same(why, cap, "pub", pub, B(PUB))) return VEC_FAIL;
    rc = gt_ecdsa_sign_raw(a->curve, a->h, B(KEY)->p, dig, a->h->out_len, NULL, NULL, sig);
    if (rc) return say(why, cap, VEC_FAIL, "gt_ecdsa_sign_raw returned %d", rc);
    if (same(why, cap, "sig", sig, B(SIG))) return VEC_FAIL;
    rc = gt_ecdsa_verify_raw(a->curve, pub, 1 + 2 * len, dig, a->h->out_len, sig, 2 * len);
    if (rc) return say(why, cap, VEC_FAIL, "gt_ecdsa_verify_raw returned %d", rc);
    dig[0] ^= 1;
    rc = gt_ecdsa_verify_raw(a->curve, pub, 1 + 2 * len, dig, a->h->out_len, sig, 2 * len);
    return rc ? VEC_PASS : say(why, cap, VEC_FAIL, "verify accepted a changed digest");
}

#define ECDSA_ARG(c, b, h) static const struct ecdsa_arg ecdsa_##c##_##h = {GT_EC_##b, &gt_hash_##h}
ECDSA_ARG(p256, P256, sha1);
ECDSA_ARG(p256, P256, sha224);
ECDSA_ARG(p256, P256, sha256);
ECDSA_ARG(p256, P256, sha384);
ECDSA_ARG(p256, P256, sha512);
ECDSA_ARG(p384, P384, sha1);
ECDSA_ARG(p384, P384, sha224);
ECDSA_ARG(p384, P384, sha256);
ECDSA_ARG(p384, P384, sha384);
ECDSA_ARG(p384, P384, sha512);

#define R(f)      FBIT(F_##f)
#define AEAD_OPT  (R(PT) | R(RESULT))
#define ECDSA_REQ (R(KEY) | R(PUB) | R(MSG) | R(SIG))
static const vec_alg algs[] = {
    {"sha1", R(MSG) | R(MD), R(REPEAT), x_hash, &gt_hash_sha1},
    {"sha224", R(MSG) | R(MD), R(REPEAT), x_hash, &gt_hash_sha224},
    {"sha256", R(MSG) | R(MD), R(REPEAT), x_hash, &gt_hash_sha256},
    {"sha384", R(MSG) | R(MD), R(REPEAT), x_hash, &gt_hash_sha384},
    {"sha512", R(MSG) | R(MD), R(REPEAT), x_hash, &gt_hash_sha512},
    {"hmac-sha1", R(KEY) | R(MSG) | R(MAC), 0, x_hmac, &gt_hash_sha1},
    {"hmac-sha224", R(KEY) | R(MSG) | R(MAC), 0, x_hmac, &gt_hash_sha224},
    {"hmac-sha256", R(KEY) | R(MSG) | R(MAC), 0, x_hmac, &gt_hash_sha256},
    {"hmac-sha384", R(KEY) | R(MSG) | R(MAC), 0, x_hmac, &gt_hash_sha384},
    {"hmac-sha512", R(KEY) | R(MSG) | R(MAC), 0, x_hmac, &gt_hash_sha512},
    {"prf-sha224", R(SECRET) | R(LABEL) | R(SEED) | R(OUT), 0, x_prf, &gt_hash_sha224},
    {"prf-sha256", R(SECRET) | R(LABEL) | R(SEED) | R(OUT), 0, x_prf, &gt_hash_sha256},
    {"prf-sha384", R(SECRET) | R(LABEL) | R(SEED) | R(OUT), 0, x_prf, &gt_hash_sha384},
    {"prf-sha512", R(SECRET) | R(LABEL) | R(SEED) | R(OUT), 0, x_prf, &gt_hash_sha512},
    {"aes-ecb", R(KEY) | R(PT) | R(CT), 0, x_aes_ecb, NULL},
    {"aes-cbc", R(KEY) | R(IV) | R(PT) | R(CT), 0, x_aes_cbc, NULL},
    {"aes-gcm", R(KEY) | R(IV) | R(AAD) | R(CT) | R(TAG), AEAD_OPT, x_gcm, NULL},
    {"chacha20", R(KEY) | R(NONCE) | R(COUNTER) | R(PT) | R(CT), 0, x_chacha20, NULL},
    {"poly1305", R(KEY) | R(MSG) | R(TAG), 0, x_poly1305, NULL},
    {"chacha20-poly1305", R(KEY) | R(NONCE) | R(AAD) | R(CT) | R(TAG), AEAD_OPT, x_chapoly, NULL},
    {"hmac-drbg-sha256", R(ENTROPY) | R(NONCE) | R(PERS) | R(ADD1) | R(ADD2) | R(OUT),
     R(ENTROPY_RESEED) | R(ADD_RESEED), x_drbg, NULL},
    {"ecdsa-p256-sha1", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p256_sha1},
    {"ecdsa-p256-sha224", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p256_sha224},
    {"ecdsa-p256-sha256", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p256_sha256},
    {"ecdsa-p256-sha384", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p256_sha384},
    {"ecdsa-p256-sha512", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p256_sha512},
    {"ecdsa-p384-sha1", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p384_sha1},
    {"ecdsa-p384-sha224", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p384_sha224},
    {"ecdsa-p384-sha256", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p384_sha256},
    {"ecdsa-p384-sha384", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p384_sha384},
    {"ecdsa-p384-sha512", ECDSA_REQ, R(K), x_ecdsa, &ecdsa_p384_sha512},
};

int vec_field_by_name(const char *name)
{
    for (int i = 0; i < F_COUNT; i++) {
        if (strcmp(field_names[i], name) == 0) return i;
    }
    return -1;
}

const char *vec_field_name(int f)
{
    return f >= 0 && f < F_COUNT ? field_names[f] : "?";
}

const vec_alg *vec_alg_find(const char *name)
{
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        if (strcmp(algs[i].name, name) == 0) return &algs[i];
    }
    return NULL;
}

int vec_alg_allows(const vec_alg *a, int f)
{
    return ((a->required | a->optional) & FBIT(f)) != 0;
}

int vec_case_run(vec_run *r, const vec_alg *a, vec_case *c)
{
    unsigned missing = a->required & ~c->set;
    /* An invalid AEAD case need not say what it decrypts to. */
    if (missing) {
        for (int f = 0; f < F_COUNT; f++) {
            if (missing & FBIT(f))
                return vec_malformed(r, c->line, "%s case without \"%s\"", a->name, field_names[f]);
        }
    }
    if ((a->optional & R(PT)) && !(c->set & R(PT)) && !(c->num[F_RESULT] && (c->set & R(RESULT))))
        return vec_malformed(r, c->line, "%s valid case without \"pt\"", a->name);
    /* Absent optional values are empty strings with a valid pointer, so
     * the IUT never sees NULL even for zero lengths. */
    for (int f = 0; f < F_COUNT; f++) {
        if (!c->f[f].p && vec_buf_set(&c->f[f], "", 0) != 0)
            return vec_malformed(r, c->line, "out of memory");
    }
    char why[256] = "";
    int v = a->run(c, a->arg, why, sizeof why);
    if (v == VEC_PASS)
        vec_pass(r, c->id);
    else if (v == VEC_SKIP)
        vec_skip(r, c->id, why);
    else
        vec_fail(r, c->id, "%s: %s", a->name, why);
    return 0;
}

void vec_case_clear(vec_case *c)
{
    c->set = 0;
    c->alg[0] = c->id[0] = 0;
    memset(c->num, 0, sizeof c->num);
    for (int i = 0; i < F_COUNT; i++)
        c->f[i].n = 0;
}

void vec_case_free(vec_case *c)
{
    for (int i = 0; i < F_COUNT; i++)
        vec_buf_free(&c->f[i]);
}

void vec_algs_list(void)
{
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        printf("text-format algorithm %-18s keys:", algs[i].name);
        for (int f = 0; f < F_COUNT; f++) {
            if (algs[i].required & FBIT(f))
                printf(" %s", field_names[f]);
            else if (algs[i].optional & FBIT(f))
                printf(" [%s]", field_names[f]);
        }
        putchar('\n');
    }
}
