/* gt_config: certificate chains and keys, trust anchors, preference lists,
 * callbacks and options. The only place in tls/ with OS defaults: malloc /
 * free, a DRBG seeded from getrandom(2) (deterministic in GT_FUZZING
 * builds), and time(2). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ct.h"
#include "gt/crypto/ec.h"
#include "handshake/hs.h"

static void *default_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void default_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    free(p);
}

void *gt_cfg_alloc(const gt_config *cfg, size_t n)
{
    return cfg->alloc.alloc(cfg->alloc.ctx, n);
}

void gt_cfg_free(const gt_config *cfg, void *p, size_t n)
{
    if (p) cfg->alloc.free(cfg->alloc.ctx, p, n);
}

int gt_cfg_random(const gt_config *cfg, uint8_t *out, size_t n)
{
    return cfg->rng(cfg->rng_ctx, out, n) ? GT_ERR_CRYPTO_RNG : 0;
}

uint64_t gt_cfg_now(const gt_config *cfg)
{
    if (cfg->clock) return cfg->clock(cfg->clock_ctx);
    time_t t = time(NULL);
    return t < 0 ? 0 : (uint64_t)t;
}

#ifdef GT_FUZZING
/* Fuzzing builds: the same bytes on every run, so a crash reproduces. */
static int seed_default_rng(gt_drbg *d)
{
    static const uint8_t seed[] = "tlsgauntlet fuzzing DRBG";
    gt_drbg_init_seed(d, seed, sizeof seed - 1);
    return 0;
}
#else
static int seed_default_rng(gt_drbg *d)
{
    static const uint8_t pers[] = "tlsgauntlet engine";
    return gt_drbg_init(d, pers, sizeof pers - 1);
}
#endif

static void set_list(uint16_t *dst, size_t *n, const uint16_t *src, size_t m)
{
    memcpy(dst, src, m * sizeof *src);
    *n = m;
}

gt_config *gt_config_new(const gt_allocator *a)
{
    gt_allocator al = {default_alloc, default_free, NULL};
    if (a) al = *a;
    gt_config *cfg = al.alloc(al.ctx, sizeof *cfg);
    if (!cfg) return NULL;
    memset(cfg, 0, sizeof *cfg);
    cfg->alloc = al;
    if (seed_default_rng(&cfg->drbg)) {
        al.free(al.ctx, cfg, sizeof *cfg);
        return NULL;
    }
    cfg->rng = gt_rng_drbg;
    cfg->rng_ctx = &cfg->drbg;
    set_list(cfg->suites, &cfg->n_suites, gt_default_suites, gt_default_suites_n);
    cfg->n_groups = 0;
    for (size_t i = 0; i < gt_default_groups_n; i++)
        if (gt_group_available(gt_default_groups[i]))
            cfg->groups[cfg->n_groups++] = gt_default_groups[i];
    set_list(cfg->sigalgs, &cfg->n_sigalgs, gt_default_sigalgs, gt_default_sigalgs_n);
    cfg->ems = 1;
    cfg->server_pref = 1;
    cfg->verify_peer = 1;
    cfg->etm = 1;
    return cfg;
}

static void chain_free(gt_config *cfg, gt_chain *ch)
{
    gt_cfg_free(cfg, ch->der, ch->der_len);
    if (ch->key_buf) {
        gt_wipe(ch->key_buf, ch->key_cap);
        gt_cfg_free(cfg, ch->key_buf, ch->key_cap);
    }
    gt_wipe(ch, sizeof *ch);
}

static void trust_free(gt_config *cfg)
{
    gt_cfg_free(cfg, cfg->anchors, cfg->anchors_cap * sizeof(gt_x509_cert));
    gt_cfg_free(cfg, cfg->trust_buf, cfg->trust_buf_cap);
    cfg->anchors = NULL;
    cfg->trust_buf = NULL;
    cfg->anchors_cap = cfg->trust_buf_cap = 0;
    memset(&cfg->trust, 0, sizeof cfg->trust);
}

void gt_config_free(gt_config *cfg)
{
    if (!cfg) return;
    for (size_t i = 0; i < cfg->n_chains; i++)
        chain_free(cfg, &cfg->chains[i]);
    trust_free(cfg);
    gt_sessions_free(cfg);
    gt_cfg_free(cfg, cfg->trust_pem, cfg->trust_pem_len);
    gt_drbg_free(&cfg->drbg);
    gt_allocator al = cfg->alloc;
    gt_wipe(cfg, sizeof *cfg);
    al.free(al.ctx, cfg, sizeof *cfg);
}

/* Decodes every CERTIFICATE block into ch->der, back to back. */
static int load_certs(gt_chain *ch, const uint8_t *pem, size_t n)
{
    gt_x509_iter it = {pem, n};
    gt_pem_label label;
    size_t len, used = 0;
    int r;
    while ((r = gt_pem_next(&it, &label, ch->der + used, ch->der_len - used, &len)) == 1) {
        if (label != GT_PEM_CERTIFICATE) continue;
        if (ch->n_certs == GT_MAX_CHAIN_CERTS) return GT_ERR_UNSUPPORTED;
        gt_x509_cert c;
        if ((r = gt_x509_cert_parse(&c, ch->der + used, len))) return r;
        ch->cert_off[ch->n_certs] = used;
        ch->cert_len[ch->n_certs++] = len;
        used += len;
    }
    if (r < 0) return r;
    if (ch->n_certs == 0) return GT_ERR_PEM_LABEL;
    return gt_x509_cert_parse(&ch->leaf, ch->der, ch->cert_len[0]);
}

/* The key must belong to the leaf: same RSA modulus, or same EC point. */
static int check_key_matches(gt_chain *ch)
{
    const gt_x509_pubkey *pk = &ch->leaf.key;
    const gt_x509_privkey *k = &ch->key;
    if (k->type == GT_X509_KEY_RSA && pk->type == GT_X509_KEY_RSA) {
        if (k->n.len != pk->rsa_n.len || memcmp(k->n.p, pk->rsa_n.p, k->n.len))
            return GT_ERR_CRYPTO_KEY;
        if (pk->bits < GT_RSA_MIN_BITS) return GT_ERR_CRYPTO_KEY_SIZE;
        ch->key_type = GT_X509_KEY_RSA;
        return 0;
    }
    if (k->type != GT_X509_KEY_EC || pk->type != GT_X509_KEY_EC) return GT_ERR_CRYPTO_KEY;
    if (pk->curve != GT_X509_CURVE_P256 && pk->curve != GT_X509_CURVE_P384)
        return GT_ERR_UNSUPPORTED;
    if (k->curve != pk->curve) return GT_ERR_CRYPTO_KEY;
    uint8_t pub[GT_EC_MAX_PUB_LEN];
    gt_ec_curve curve = (gt_ec_curve)pk->curve;
    if (k->ec_priv.len != gt_ec_scalar_len(curve)) return GT_ERR_CRYPTO_KEY;
    int err = gt_ec_pub_from_priv(curve, k->ec_priv.p, pub);
    if (err) return err;
    if (pk->ec_point.len != gt_ec_pub_len(curve) || memcmp(pub, pk->ec_point.p, pk->ec_point.len))
        return GT_ERR_CRYPTO_KEY;
    ch->key_type = GT_X509_KEY_EC;
    ch->curve_group = pk->curve == GT_X509_CURVE_P256 ? GT_GROUP_SECP256R1 : GT_GROUP_SECP384R1;
    return 0;
}

int gt_config_add_chain(gt_config *cfg, const uint8_t *chain_pem, size_t n, const uint8_t *key_pem,
                        size_t key_n)
{
    if (!cfg || !chain_pem || !key_pem || !n || !key_n) return GT_ERR_ARG;
    if (cfg->n_chains == GT_MAX_CHAINS) return GT_ERR_UNSUPPORTED;
    gt_chain *ch = &cfg->chains[cfg->n_chains];
    memset(ch, 0, sizeof *ch);
    ch->der_len = n; /* DER is always shorter than its PEM */
    ch->key_cap = key_n;
    ch->der = gt_cfg_alloc(cfg, n);
    ch->key_buf = gt_cfg_alloc(cfg, key_n);
    int err = GT_ERR_ALLOC;
    if (ch->der && ch->key_buf) err = load_certs(ch, chain_pem, n);
    if (!err) err = gt_x509_privkey_load(&ch->key, key_pem, key_n, ch->key_buf, ch->key_cap);
    if (!err) err = check_key_matches(ch);
    if (err) {
        chain_free(cfg, ch);
        return err;
    }
    cfg->n_chains++;
    return 0;
}

int gt_config_add_trust_pem(gt_config *cfg, const uint8_t *pem, size_t n)
{
    if (!cfg || !pem || !n) return GT_ERR_ARG;
    size_t total = cfg->trust_pem_len + n + 1, certs = 0, der = 0;
    uint8_t *all = gt_cfg_alloc(cfg, total);
    if (!all) return GT_ERR_ALLOC;
    if (cfg->trust_pem_len) memcpy(all, cfg->trust_pem, cfg->trust_pem_len);
    memcpy(all + cfg->trust_pem_len, pem, n);
    all[total - 1] = '\n';
    int err = gt_trust_pem_size(all, total, &certs, &der);
    if (!err && certs == 0) err = GT_ERR_PEM_LABEL;
    if (err) {
        gt_cfg_free(cfg, all, total);
        return err;
    }
    gt_cfg_free(cfg, cfg->trust_pem, cfg->trust_pem_len);
    cfg->trust_pem = all;
    cfg->trust_pem_len = total;
    trust_free(cfg);
    cfg->anchors = gt_cfg_alloc(cfg, certs * sizeof(gt_x509_cert));
    cfg->trust_buf = gt_cfg_alloc(cfg, der);
    /* the sizes first: trust_free hands them to the allocator's free */
    cfg->anchors_cap = certs;
    cfg->trust_buf_cap = der;
    if (!cfg->anchors || !cfg->trust_buf) {
        trust_free(cfg);
        return GT_ERR_ALLOC;
    }
    gt_trust_init(&cfg->trust, cfg->anchors, certs, cfg->trust_buf, der);
    /* Bundles such as the system one hold certificates this parser
     * refuses; those are skipped (counted in trust.rejected). */
    return gt_trust_add_pem(&cfg->trust, all, total, 0, NULL);
}

static int set_prefs(uint16_t *dst, size_t *dn, const uint16_t *v, size_t n, int (*ok)(uint16_t))
{
    if (!v || n == 0 || n > GT_MAX_PREFS) return GT_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (!ok(v[i])) return GT_ERR_UNSUPPORTED;
    set_list(dst, dn, v, n);
    return 0;
}

static int suite_ok(uint16_t id)
{
    return gt_suite_info_get(id) != NULL;
}
static int sigalg_ok(uint16_t id)
{
    return gt_sigalg_info_get(id) != NULL;
}

int gt_config_set_suites(gt_config *cfg, const uint16_t *suites, size_t n)
{
    return cfg ? set_prefs(cfg->suites, &cfg->n_suites, suites, n, suite_ok) : GT_ERR_ARG;
}

int gt_config_set_groups(gt_config *cfg, const uint16_t *groups, size_t n)
{
    return cfg ? set_prefs(cfg->groups, &cfg->n_groups, groups, n, gt_group_available) : GT_ERR_ARG;
}

int gt_config_set_sigalgs(gt_config *cfg, const uint16_t *sigalgs, size_t n)
{
    return cfg ? set_prefs(cfg->sigalgs, &cfg->n_sigalgs, sigalgs, n, sigalg_ok) : GT_ERR_ARG;
}

int gt_config_set_alpn(gt_config *cfg, const char *const *protos, size_t n)
{
    if (!cfg || (n && !protos) || n > GT_MAX_ALPN) return GT_ERR_ARG;
    for (size_t i = 0; i < n; i++) {
        size_t len = protos[i] ? strlen(protos[i]) : 0;
        if (len == 0 || len > 255) return GT_ERR_ARG; /* RFC 7301 §3.1: <1..2^8-1> */
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(protos[i]);
        cfg->alpn[i][0] = (uint8_t)len;
        memcpy(&cfg->alpn[i][1], protos[i], len);
    }
    cfg->n_alpn = n;
    return 0;
}

void gt_config_set_rng(gt_config *cfg, gt_rng_fn fn, void *ctx)
{
    cfg->rng = fn ? fn : gt_rng_drbg;
    cfg->rng_ctx = fn ? ctx : &cfg->drbg;
}

void gt_config_set_clock(gt_config *cfg, gt_clock_fn fn, void *ctx)
{
    cfg->clock = fn;
    cfg->clock_ctx = ctx;
}

void gt_config_set_keylog(gt_config *cfg, gt_keylog_fn fn, void *ctx)
{
    cfg->keylog = fn;
    cfg->keylog_ctx = ctx;
}

#ifdef GT_FUZZING
static int set_fuzz_skip(gt_config *cfg, int v)
{
    cfg->fuzz_skip = v;
    return 0;
}
#else
static int set_fuzz_skip(gt_config *cfg, int v)
{
    (void)cfg, (void)v;
    return GT_ERR_UNSUPPORTED; /* never in a normal build */
}
#endif

/* GT_OPT_RSA_KX: the RSA suites go to the end of the list, or out. */
static int set_rsa_kx(gt_config *cfg, int on)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_suites; i++) {
        const gt_suite_info *s = gt_suite_info_get(cfg->suites[i]);
        if (!s || s->kx != GT_KX_RSA) cfg->suites[n++] = cfg->suites[i];
    }
    for (size_t i = 0; on && i < gt_rsa_kx_suites_n && n < GT_MAX_PREFS; i++)
        cfg->suites[n++] = gt_rsa_kx_suites[i];
    cfg->n_suites = n;
    return n ? 0 : GT_ERR_ARG;
}

/* The options that take a number rather than on/off. */
static int set_size_option(gt_config *cfg, gt_option opt, int value)
{
    if (opt == GT_OPT_MAX_FRAGMENT_LENGTH) {
        if (value < 0 || value > 4) return GT_ERR_ARG; /* RFC 6066 §4 codes */
        cfg->mfl_code = (uint8_t)value;
        return 0;
    }
    /* RFC 8449 §4: 64 .. 2^14 in TLS 1.2 */
    if (value != 0 && (value < 64 || value > (int)GT_REC_MAX_PLAIN)) return GT_ERR_ARG;
    cfg->rsl = (uint16_t)value;
    return 0;
}

int gt_config_set_option(gt_config *cfg, gt_option opt, int value)
{
    if (!cfg) return GT_ERR_ARG;
    int v = value != 0;
    switch (opt) {
    case GT_OPT_EMS:
        cfg->ems = v;
        return 0;
    case GT_OPT_SERVER_PREFERENCE:
        cfg->server_pref = v;
        return 0;
    case GT_OPT_VERIFY_PEER:
        cfg->verify_peer = v;
        return 0;
    case GT_OPT_ALLOW_SHA1:
        cfg->allow_sha1 = v;
        return 0;
    case GT_OPT_REQUIRE_EMS:
        cfg->require_ems = v;
        return 0;
    case GT_OPT_FUZZ_SKIP_CHECKS:
        return set_fuzz_skip(cfg, v);
    case GT_OPT_DOWNGRADE_SENTINEL:
        cfg->downgrade_sentinel = v;
        return 0;
    case GT_OPT_ENCRYPT_THEN_MAC:
        cfg->etm = v;
        return 0;
    case GT_OPT_RSA_KX:
        return set_rsa_kx(cfg, v);
    case GT_OPT_MAX_FRAGMENT_LENGTH:
    case GT_OPT_RECORD_SIZE_LIMIT:
        return set_size_option(cfg, opt, value);
    default:
        return GT_ERR_UNSUPPORTED;
    }
}
