/* Reader for NIST CAVP response files (.rsp) and CAVP-style "Name = value"
 * files: [section] headers, blocks separated by blank lines, FAIL lines in
 * GCM decrypt files. Each block becomes a normalised case (algs.h); the
 * algorithm comes from the file name (SHA256ShortMsg.rsp, gcmDecrypt128.rsp,
 * CBCMMT256.rsp, rfc-4231-sha384.txt, HMAC.rsp, HMAC_DRBG.rsp) or, for the
 * TLS 1.2 PRF file, from each block's "Hash =" line. SHA Monte Carlo files
 * run the SHAVS §6.4 iteration. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "algs.h"
#include "gt/crypto/hash.h"
#include "kat.h"

enum kind { K_HASH, K_MONTE, K_GCM, K_CBC, K_HMAC, K_PRF, K_DRBG };

/* CAVP name -> project field for each kind. F_COUNT marks names that are
 * accepted and checked elsewhere (lengths, counters). */
typedef struct {
    enum kind kind;
    const char *cavp;
    int field;
} name_map;

static const name_map names[] = {
    {K_HASH, "Len", F_COUNT},
    {K_HASH, "Msg", F_MSG},
    {K_HASH, "MD", F_MD},
    {K_MONTE, "Seed", F_SEED},
    {K_MONTE, "COUNT", F_COUNT},
    {K_MONTE, "MD", F_MD},
    {K_GCM, "Count", F_COUNT},
    {K_GCM, "Key", F_KEY},
    {K_GCM, "IV", F_IV},
    {K_GCM, "PT", F_PT},
    {K_GCM, "AAD", F_AAD},
    {K_GCM, "CT", F_CT},
    {K_GCM, "Tag", F_TAG},
    {K_GCM, "FAIL", F_RESULT},
    {K_CBC, "COUNT", F_COUNT},
    {K_CBC, "KEY", F_KEY},
    {K_CBC, "IV", F_IV},
    {K_CBC, "PLAINTEXT", F_PT},
    {K_CBC, "CIPHERTEXT", F_CT},
    {K_HMAC, "Len", F_COUNT},
    {K_HMAC, "Count", F_COUNT},
    {K_HMAC, "Klen", F_COUNT},
    {K_HMAC, "Tlen", F_COUNT},
    {K_HMAC, "Key", F_KEY},
    {K_HMAC, "Msg", F_MSG},
    {K_HMAC, "MD", F_MAC},
    {K_HMAC, "Mac", F_MAC},
    {K_PRF, "Hash", F_COUNT},
    {K_PRF, "Secret", F_SECRET},
    {K_PRF, "Label", F_LABEL},
    {K_PRF, "Seed", F_SEED},
    {K_PRF, "OutLen", F_COUNT},
    {K_PRF, "Output", F_OUT},
    {K_DRBG, "COUNT", F_COUNT},
    {K_DRBG, "EntropyInput", F_ENTROPY},
    {K_DRBG, "Nonce", F_NONCE},
    {K_DRBG, "PersonalizationString", F_PERS},
    {K_DRBG, "EntropyInputReseed", F_ENTROPY_RESEED},
    {K_DRBG, "AdditionalInputReseed", F_ADD_RESEED},
    {K_DRBG, "AdditionalInput", F_ADD1}, /* the second one is add2 */
    {K_DRBG, "ReturnedBits", F_OUT},
};

typedef struct {
    vec_run *r;
    enum kind kind;
    char alg[32];          /* from the file name or the section ("" = per block) */
    char section[64];      /* last [NAME] header without "=" (ENCRYPT, SHA-256) */
    unsigned long l_bytes; /* HMAC.rsp [L=20] */
    int pred_res;          /* HMAC_DRBG [PredictionResistance = True] */
    unsigned line;
    unsigned long len_bits, count, outlen;
    int have_len, have_count, have_outlen;
    char hash[16]; /* PRF "Hash =" of this block */
    vec_case c;
    vec_buf seed; /* Monte Carlo chaining value */
} cavp_state;

static int lookup(enum kind k, const char *cavp)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].kind == k && strcmp(names[i].cavp, cavp) == 0) return (int)i;
    }
    return -1;
}

/* The algorithm from the file name; -1 when the name says nothing. */
static int kind_from_name(const char *path, char *alg, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    static const char *const sha[] = {"SHA1", "SHA224", "SHA256", "SHA384", "SHA512"};
    for (int i = 4; i >= 0; i--) {
        size_t n = strlen(sha[i]);
        if (strncmp(b, sha[i], n) == 0 &&
            (strncmp(b + n, "ShortMsg", 8) == 0 || strncmp(b + n, "LongMsg", 7) == 0 ||
             strncmp(b + n, "Monte", 5) == 0)) {
            snprintf(alg, cap, "sha%s", sha[i] + 3);
            return strncmp(b + n, "Monte", 5) == 0 ? K_MONTE : K_HASH;
        }
    }
    if (strncmp(b, "gcm", 3) == 0) return snprintf(alg, cap, "aes-gcm"), K_GCM;
    if (strncmp(b, "CBC", 3) == 0 && !strstr(b, "MCT")) return snprintf(alg, cap, "aes-cbc"), K_CBC;
    if (strncmp(b, "rfc-2202-sha1", 13) == 0) return snprintf(alg, cap, "hmac-sha1"), K_HMAC;
    if (strncmp(b, "rfc-4231-sha", 12) == 0 && isdigit((unsigned char)b[12]))
        return snprintf(alg, cap, "hmac-sha%.3s", b + 12), K_HMAC;
    if (strncmp(b, "HMAC_DRBG", 9) == 0) return alg[0] = 0, K_DRBG;
    if (strcmp(b, "HMAC.rsp") == 0) return alg[0] = 0, K_HMAC;
    return -1;
}

/* One SHAVS §6.4 Monte Carlo step: 1000 iterations of
 * M_i = H(M_{i-3} || M_{i-2} || M_{i-1}), starting with three copies of the
 * seed; the result is the next checkpoint and the next seed. */
static void monte_step(const gt_hash *h, const uint8_t *seed, uint8_t *out)
{
    uint8_t m[3][GT_HASH_MAX_LEN];
    size_t n = h->out_len;
    gt_hash_ctx ctx;
    for (int j = 0; j < 3; j++)
        memcpy(m[j], seed, n);
    for (int i = 3; i < 1003; i++) {
        h->init(&ctx);
        h->update(&ctx, m[i % 3], n);
        h->update(&ctx, m[(i + 1) % 3], n);
        h->update(&ctx, m[(i + 2) % 3], n);
        h->final(&ctx, m[i % 3]);
    }
    memcpy(out, m[1002 % 3], n);
}

static const gt_hash *hash_of(const char *alg)
{
    const gt_hash *hs[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256, &gt_hash_sha384,
                           &gt_hash_sha512};
    static const char *const n[] = {"sha1", "sha224", "sha256", "sha384", "sha512"};
    for (int i = 0; i < 5; i++) {
        if (strcmp(alg, n[i]) == 0) return hs[i];
    }
    return NULL;
}

static int run_monte(cavp_state *st)
{
    vec_case *c = &st->c;
    if ((c->set & FBIT(F_SEED)) && !(c->set & FBIT(F_MD))) {
        vec_buf_set(&st->seed, c->f[F_SEED].p, c->f[F_SEED].n); /* the initial seed block */
        return 0;
    }
    const gt_hash *h = hash_of(st->alg);
    if (!(c->set & FBIT(F_MD)) || st->seed.n == 0)
        return vec_malformed(st->r, c->line, "Monte Carlo block without MD or before Seed");
    if (!h) {
        vec_fail(st->r, c->id, "%s: not implemented in libgt", st->alg);
        return 0;
    }
    if (st->seed.n != h->out_len || c->f[F_MD].n != h->out_len)
        return vec_malformed(st->r, c->line, "Seed/MD length is not the %s output length", st->alg);
    uint8_t md[GT_HASH_MAX_LEN];
    char g[80], w[80];
    monte_step(h, st->seed.p, md);
    if (memcmp(md, c->f[F_MD].p, h->out_len) == 0)
        vec_pass(st->r, c->id);
    else
        vec_fail(st->r, c->id, "%s monte: got %s, want %s", st->alg,
                 vec_hex(g, sizeof g, md, h->out_len),
                 vec_hex(w, sizeof w, c->f[F_MD].p, h->out_len));
    /* Chain from the published checkpoint so one failure stays one. */
    vec_buf_set(&st->seed, c->f[F_MD].p, h->out_len);
    return 0;
}

/* Per-kind fixes before running: bit lengths, section-given algorithms. */
static int prepare(cavp_state *st, char *alg, size_t cap)
{
    vec_case *c = &st->c;
    snprintf(alg, cap, "%s", st->alg);
    if (st->kind == K_HASH) {
        if (!st->have_len) return vec_malformed(st->r, c->line, "hash block without Len");
        if (st->len_bits % 8)
            return vec_skip(st->r, c->id, "bit-oriented message length"), VEC_SKIP;
        if (st->len_bits / 8 > c->f[F_MSG].n)
            return vec_malformed(st->r, c->line, "Len is longer than Msg");
        c->f[F_MSG].n = st->len_bits / 8; /* Len = 0 comes with Msg = 00 */
    } else if (st->kind == K_PRF) {
        if (!st->hash[0]) return vec_malformed(st->r, c->line, "PRF block without Hash");
        snprintf(alg, cap, "prf-%s", st->hash);
        if (st->have_outlen && st->outlen != c->f[F_OUT].n)
            return vec_malformed(st->r, c->line, "OutLen does not match Output");
    } else if (st->kind == K_DRBG && !alg[0]) {
        if (strcmp(st->section, "SHA-256") != 0)
            return vec_skip(st->r, c->id, "HMAC_DRBG hash other than SHA-256"), VEC_SKIP;
        snprintf(alg, cap, "hmac-drbg-sha256");
    } else if (st->kind == K_HMAC && !alg[0]) {
        static const char *const by_len[] = {
            [20] = "sha1", [28] = "sha224", [32] = "sha256", [48] = "sha384", [64] = "sha512"};
        unsigned long l = st->l_bytes;
        if (l > 64 || !by_len[l])
            return vec_malformed(st->r, c->line, "HMAC block without a known [L=n] section");
        snprintf(alg, cap, "hmac-%s", by_len[l]);
    }
    if (st->kind == K_DRBG && st->pred_res)
        return vec_skip(st->r, c->id, "prediction resistance not in the API"), VEC_SKIP;
    return 0;
}

static int finish_block(cavp_state *st)
{
    vec_case *c = &st->c;
    int rc = 0;
    if (!c->set) goto out;
    if (st->kind == K_MONTE) {
        rc = run_monte(st);
        goto out;
    }
    char alg[32];
    rc = prepare(st, alg, sizeof alg);
    if (rc == VEC_SKIP) {
        rc = 0;
        goto out;
    }
    if (rc == 0) {
        const vec_alg *a = vec_alg_find(alg);
        rc = a ? vec_case_run(st->r, a, c)
               : vec_malformed(st->r, c->line, "unknown algorithm \"%s\"", alg);
    }
out:
    vec_case_clear(c);
    st->have_len = st->have_count = st->have_outlen = 0;
    st->hash[0] = 0;
    return rc;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* "[Keylen = 128]", "[L=20]", "[ENCRYPT]", "[SHA-256]". */
static int section(cavp_state *st, char *s)
{
    size_t n = strlen(s);
    if (s[n - 1] != ']') return vec_malformed(st->r, st->line, "unterminated [section]");
    s[n - 1] = 0;
    char *eq = strchr(s + 1, '=');
    if (!eq) {
        snprintf(st->section, sizeof st->section, "%s", trim(s + 1));
        return 0;
    }
    *eq = 0;
    char *name = trim(s + 1), *val = trim(eq + 1);
    if (strcmp(name, "L") == 0)
        st->l_bytes = strtoul(val, NULL, 10);
    else if (strcmp(name, "PredictionResistance") == 0)
        st->pred_res = strcmp(val, "True") == 0;
    return 0;
}

static int integer(cavp_state *st, const char *name, const char *val, unsigned long *out)
{
    char *end;
    if (!isdigit((unsigned char)val[0]))
        return vec_malformed(st->r, st->line, "%s is not a decimal integer", name);
    *out = strtoul(val, &end, 10);
    if (*end) return vec_malformed(st->r, st->line, "%s is not a decimal integer", name);
    return 0;
}

/* Lengths and counters, checked or used for the case id. */
static int numeric(cavp_state *st, const char *name, const char *val)
{
    unsigned long x = 0;
    if (st->kind == K_PRF && strcmp(name, "Hash") == 0) {
        size_t o = 0;
        for (const char *p = val; *p && o + 1 < sizeof st->hash; p++) {
            if (*p != '-') st->hash[o++] = (char)tolower((unsigned char)*p);
        }
        st->hash[o] = 0;
        return 0;
    }
    if (integer(st, name, val, &x) != 0) return VEC_MALFORMED;
    if (strcmp(name, "Len") == 0)
        st->len_bits = x, st->have_len = 1;
    else if (strcmp(name, "OutLen") == 0)
        st->outlen = x, st->have_outlen = 1;
    else if (strcasecmp(name, "COUNT") == 0)
        snprintf(st->c.id, sizeof st->c.id, "%s = %lu (line %u)", name, x, st->line);
    return 0;
}

static int name_value(cavp_state *st, char *s)
{
    char *eq = strchr(s, '=');
    char *name = s, *val = (char *)"";
    if (eq) {
        *eq = 0;
        name = trim(s);
        val = trim(eq + 1);
    }
    int i = lookup(st->kind, name);
    if (i < 0) return vec_malformed(st->r, st->line, "unknown key \"%s\" for this file type", name);
    vec_case *c = &st->c;
    if (!c->set && !st->have_len && !st->have_outlen && !st->hash[0]) {
        c->line = st->line;
        snprintf(c->id, sizeof c->id, "line %u", st->line);
    }
    int f = names[i].field;
    if (f == F_COUNT) return numeric(st, name, val);
    if (f == F_ADD1 && (c->set & FBIT(F_ADD1))) f = F_ADD2;
    if (f != F_RESULT && (c->set & FBIT(f)))
        return vec_malformed(st->r, st->line, "\"%s\" given twice in one block", name);
    c->set |= FBIT(f);
    if (f == F_RESULT) { /* a bare FAIL line: the tag must not verify */
        c->num[F_RESULT] = 1;
        return 0;
    }
    if (f == F_LABEL) /* the PRF file's Label is ASCII */
        return vec_buf_set(&c->f[f], val, strlen(val)) ? VEC_MALFORMED : 0;
    if (vec_unhex(&c->f[f], val, strlen(val)) != 0)
        return vec_malformed(st->r, st->line, "value of %s is not hex (odd length or bad digit)",
                             name);
    if (c->id[0] == 0 || strncmp(c->id, "line ", 5) == 0)
        snprintf(c->id, sizeof c->id, "line %u", c->line);
    return 0;
}

static int cavp_line(cavp_state *st, char *raw)
{
    char *s = trim(raw);
    if (*s == '#') return 0;
    if (*s == 0) return finish_block(st);
    if (*s == '[') {
        if (finish_block(st) != 0) return VEC_MALFORMED;
        return section(st, s);
    }
    return name_value(st, s);
}

int cavp_recognises(const char *path, const char *text)
{
    char alg[32];
    return kind_from_name(path, alg, sizeof alg) >= 0 || strncmp(text, "Hash =", 6) == 0 ||
           strstr(text, "\nHash =") != NULL;
}

int cavp_run_text(vec_run *r, const char *path, char *text, size_t len)
{
    cavp_state st;
    memset(&st, 0, sizeof st);
    st.r = r;
    if (memchr(text, 0, len)) return vec_malformed(r, 0, "NUL byte in a text file");
    int k = kind_from_name(path, st.alg, sizeof st.alg);
    if (k < 0 && (strncmp(text, "Hash =", 6) == 0 || strstr(text, "\nHash =")))
        k = K_PRF; /* the TLS 1.2 PRF file: Hash/Secret/Label/Seed/OutLen/Output */
    if (k < 0)
        return vec_malformed(r, 1,
                             "unknown algorithm: neither the file name nor the content "
                             "names one (project files start with [algorithm])");
    st.kind = (enum kind)k;
    int rc = 0;
    for (char *p = text; p && rc == 0;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        st.line++;
        rc = cavp_line(&st, p);
        p = nl ? nl + 1 : NULL;
    }
    if (rc == 0) rc = finish_block(&st);
    vec_case_free(&st.c);
    vec_buf_free(&st.seed);
    return rc;
}
