/* Path building and validation for TLS (RFC 5280 §6 as profiled in
 * gt_x509_verify.h; RFC 4158 for the building strategy). A depth-first
 * search from the leaf towards the trust anchors with backtracking,
 * bounded in depth and in work. */
#include "x509/verify_impl.h"

#include <string.h>

typedef struct {
    const gt_x509v_params *p;
    const gt_x509_cert *pool;
    size_t n;
    const gt_x509_cert *path[GT_X509V_MAX_DEPTH + 1]; /* leaf first */
    size_t len;
    unsigned max_depth, max_sigs, max_attempts;
    unsigned sigs, attempts;
    int err;          /* most relevant failure so far */
    size_t err_depth; /* path length at which it happened */
} builder;

static int same_cert(const gt_x509_cert *a, const gt_x509_cert *b)
{
    return a == b || (a->der.len == b->der.len && memcmp(a->der.p, b->der.p, a->der.len) == 0);
}

static int self_issued(const gt_x509_cert *c)
{
    return gt_x509_name_equal(c->issuer, c->subject);
}

/* RFC 5280 §4.1.2.5: the validity period is inclusive at both ends. */
static int check_time(const gt_x509_cert *c, int64_t now)
{
    if (now < c->not_before) return GT_ERR_X509V_NOT_YET_VALID;
    if (now > c->not_after) return GT_ERR_X509V_EXPIRED;
    return 0;
}

/* Policies are not processed (gt_x509_verify.h): a critical extension
 * that would need it cannot be honoured, so it fails (§4.2: an extension
 * marked critical that cannot be processed MUST reject the certificate). */
static int check_policy_exts(const gt_x509_cert *c)
{
    unsigned need = GT_X509_EXT_POLICY_CONSTRAINTS | GT_X509_EXT_POLICY_MAPPINGS |
                    GT_X509_EXT_INHIBIT_ANY_POLICY;
    return (c->ext_critical & need) ? GT_ERR_X509V_POLICY : 0;
}

static unsigned purpose_flag(gt_x509v_purpose p)
{
    return p == GT_X509V_PURPOSE_CLIENT ? GT_X509_EKU_CLIENT_AUTH : GT_X509_EKU_SERVER_AUTH;
}

/* §4.2.1.12: absent = any purpose. */
static int eku_allows(const gt_x509_cert *c, gt_x509v_purpose p, int any_ok)
{
    if (!(c->ext_present & GT_X509_EXT_EXT_KEY_USAGE)) return 1;
    if (c->eku_flags & purpose_flag(p)) return 1;
    return any_ok && (c->eku_flags & GT_X509_EKU_ANY);
}

/* §4.2.1.3 with RFC 5246 §7.4.2: ECDHE/DHE signatures need
 * digitalSignature; RSA key transport needs keyEncipherment (server, RSA
 * keys). Which one the suite uses is the handshake's business; here either
 * suffices. */
static int leaf_ku_ok(const gt_x509_cert *c, gt_x509v_purpose p)
{
    if (!(c->ext_present & GT_X509_EXT_KEY_USAGE)) return 1;
    uint32_t ok = GT_X509_KU_DIGITAL_SIGNATURE;
    int rsa = c->key.type == GT_X509_KEY_RSA || c->key.type == GT_X509_KEY_RSA_PSS;
    if (p == GT_X509V_PURPOSE_SERVER && rsa) ok |= GT_X509_KU_KEY_ENCIPHERMENT;
    return (c->key_usage & ok) != 0;
}

static int check_identity(const gt_x509v_params *p, const gt_x509_cert *leaf)
{
    int err = 0;
    if (p->host) err = gt_x509_check_host(leaf, p->host, p->host_len);
    if (!err && p->ip) err = gt_x509_check_ip(leaf, p->ip, p->ip_len);
    return err;
}

static int check_leaf(const gt_x509v_params *p, const gt_x509_cert *leaf)
{
    int err = check_time(leaf, p->now);
    if (!err) err = check_policy_exts(leaf);
    if (!err && !eku_allows(leaf, p->purpose, !(p->flags & GT_X509V_STRICT_EKU)))
        err = GT_ERR_X509V_EKU;
    if (!err && !leaf_ku_ok(leaf, p->purpose)) err = GT_ERR_X509V_LEAF_KEY_USAGE;
    /* identity before any signature work: a wrong-host chain costs little */
    if (!err) err = check_identity(p, leaf);
    return err;
}

/* An intermediate (not an anchor) in the issuer position: §6.1.4(k) cA,
 * (n) keyCertSign; an EKU it carries constrains the path. */
static int check_intermediate(const gt_x509v_params *p, const gt_x509_cert *ca)
{
    int err = check_time(ca, p->now);
    if (!err) err = check_policy_exts(ca);
    if (err) return err;
    if (!(ca->ext_present & GT_X509_EXT_BASIC_CONSTRAINTS) || !ca->is_ca)
        return GT_ERR_X509V_NOT_CA;
    if ((ca->ext_present & GT_X509_EXT_KEY_USAGE) && !(ca->key_usage & GT_X509_KU_KEY_CERT_SIGN))
        return GT_ERR_X509V_CA_KEY_USAGE;
    return eku_allows(ca, p->purpose, 1) ? 0 : GT_ERR_X509V_EKU;
}

/* The whole path is known (path[len-1] is the anchor): the checks that
 * look at more than one link. §6.1.4(l)-(m) path length, §6.1.3(b)-(c)
 * name constraints (the anchor's too, gt_x509_verify.h). */
static int check_path(const builder *b)
{
    size_t top = b->len - 1;
    for (size_t j = 1; j <= top; j++) {
        const gt_x509_cert *ca = b->path[j];
        if (ca->path_len >= 0 && ca->is_ca) {
            /* non-self-issued intermediates strictly below j */
            int below = 0;
            for (size_t i = 1; i < j; i++)
                below += !self_issued(b->path[i]);
            if (below > ca->path_len) return GT_ERR_X509V_PATH_LEN;
        }
        if (!ca->nc_permitted.p && !ca->nc_excluded.p) continue;
        for (size_t i = 0; i < j; i++) {
            if (i > 0 && self_issued(b->path[i])) continue;
            int err = gt_x509_nc_check(ca, b->path[i]);
            if (err) return err;
        }
    }
    return 0;
}

/* Keeps the failure most worth reporting: any specific reason beats
 * "unknown issuer", and a deeper attempt beats a shallower one. */
static void note(builder *b, int err, size_t depth)
{
    int cur_unknown = b->err == 0 || b->err == GT_ERR_X509V_UNKNOWN_CA;
    int new_unknown = err == GT_ERR_X509V_UNKNOWN_CA;
    if (b->err == 0 || (cur_unknown && !new_unknown) ||
        (cur_unknown == new_unknown && depth > b->err_depth)) {
        b->err = err;
        b->err_depth = depth;
    }
}

static int sig_check(builder *b, const gt_x509_cert *child, const gt_x509_cert *issuer)
{
    if (b->sigs >= b->max_sigs) return GT_ERR_X509V_BUDGET;
    b->sigs++;
    return gt_x509v_check_sig(child, &issuer->key, b->p->flags);
}

/* RFC 4158 §3.5.12: a candidate whose subjectKeyIdentifier differs from
 * the child's authorityKeyIdentifier is unlikely; try it last. */
static int aki_mismatch(const gt_x509_cert *child, const gt_x509_cert *cand)
{
    if (!child->akid_key_id.p || !cand->skid.p) return 0;
    return child->akid_key_id.len != cand->skid.len ||
           memcmp(child->akid_key_id.p, cand->skid.p, cand->skid.len) != 0;
}

static int in_path(const builder *b, const gt_x509_cert *c)
{
    for (size_t i = 0; i < b->len; i++)
        if (same_cert(b->path[i], c)) return 1;
    return 0;
}

static int extend(builder *b);

/* Tries one issuer candidate for the last certificate of the path. 0 when
 * a full path was found, GT_ERR_X509V_BUDGET to stop everything, another
 * error (already noted) to go on with the next candidate. */
static int try_issuer(builder *b, const gt_x509_cert *cand, int anchor)
{
    const gt_x509_cert *child = b->path[b->len - 1];
    int err;
    if (++b->attempts > b->max_attempts) return GT_ERR_X509V_BUDGET;
    if (!anchor && b->len >= b->max_depth) {
        note(b, GT_ERR_X509V_DEPTH, b->len);
        return GT_ERR_X509V_DEPTH;
    }
    err = anchor ? 0 : check_intermediate(b->p, cand);
    if (!err) err = sig_check(b, child, cand);
    if (err == GT_ERR_X509V_BUDGET) return err;
    if (!err) {
        b->path[b->len++] = cand;
        err = anchor ? check_path(b) : extend(b);
        if (err) b->len--;
    }
    if (err && err != GT_ERR_X509V_BUDGET) note(b, err, b->len + 1);
    return err;
}

static int extend(builder *b)
{
    const gt_x509_cert *child = b->path[b->len - 1];
    const gt_trust_store *ts = b->p->trust;
    int found = 0, err;
    for (int pass = 0; pass < 2; pass++) {
        size_t pos = 0;
        const gt_x509_cert *a;
        while ((a = gt_trust_find(ts, child->issuer, &pos)) != NULL) {
            if (aki_mismatch(child, a) != pass) continue;
            found = 1;
            if ((err = try_issuer(b, a, 1)) == 0 || err == GT_ERR_X509V_BUDGET) return err;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < b->n; i++) {
            const gt_x509_cert *c = &b->pool[i];
            if (!gt_x509_name_equal(c->subject, child->issuer) || aki_mismatch(child, c) != pass)
                continue;
            if (in_path(b, c)) continue;
            found = 1;
            if ((err = try_issuer(b, c, 0)) == 0 || err == GT_ERR_X509V_BUDGET) return err;
        }
    }
    if (!found) note(b, GT_ERR_X509V_UNKNOWN_CA, b->len);
    return b->err ? b->err : GT_ERR_X509V_UNKNOWN_CA;
}

static int leaf_is_anchor(const gt_trust_store *ts, const gt_x509_cert *leaf)
{
    for (size_t i = 0; i < ts->n; i++)
        if (same_cert(&ts->anchors[i], leaf)) return 1;
    return 0;
}

static void init_builder(builder *b, const gt_x509v_params *p, const gt_x509_cert *pool, size_t n)
{
    memset(b, 0, sizeof *b);
    b->p = p;
    b->pool = pool;
    b->n = pool ? n : 0;
    b->max_depth =
        p->max_depth && p->max_depth < GT_X509V_MAX_DEPTH ? p->max_depth : GT_X509V_MAX_DEPTH;
    b->max_sigs = p->max_sigs ? p->max_sigs : GT_X509V_DEFAULT_MAX_SIGS;
    b->max_attempts = p->max_attempts ? p->max_attempts : GT_X509V_DEFAULT_MAX_ATTEMPTS;
}

int gt_x509_verify(const gt_x509v_params *p, const gt_x509_cert *leaf, const gt_x509_cert *pool,
                   size_t n, gt_x509v_result *res)
{
    builder b;
    int err;
    if (res) memset(res, 0, sizeof *res);
    if (!p || !leaf || !p->trust) return GT_ERR_ARG;
    if (p->purpose != GT_X509V_PURPOSE_SERVER && p->purpose != GT_X509V_PURPOSE_CLIENT)
        return GT_ERR_ARG;
    init_builder(&b, p, pool, n);
    b.path[b.len++] = leaf;
    err = check_leaf(p, leaf);
    if (!err && !leaf_is_anchor(p->trust, leaf)) {
        err = extend(&b);
        /* a budget stop is reported as such, whatever was seen before */
        if (err && err != GT_ERR_X509V_BUDGET) err = b.err ? b.err : err;
    }
    if (res) {
        if (!err) memcpy(res->path, b.path, b.len * sizeof b.path[0]);
        res->len = err ? 0 : b.len;
        res->sigs = b.sigs;
        res->attempts = b.attempts;
    }
    return err;
}
