/* Server-side choices, made once the ClientHello is parsed:
 * - SNI (RFC 6066 §3): the host_name is kept and selects the chain;
 * - the suite: by the server's order (GT_OPT_SERVER_PREFERENCE, default)
 *   or the client's, among suites for which a group and a chain work;
 * - the group: a common one (RFC 8422 §5.1.1; without the extension,
 *   secp256r1, RFC 8422 §4);
 * - the chain: its key must fit the suite; an ECDSA key's curve must be in
 *   the client's groups (RFC 8422 §5.1); chains whose leaf matches the SNI
 *   are tried first, then the others in the order they were added;
 * - the signature algorithm: one the client lists and the key can make
 *   (RFC 5246 §7.4.1.4.1: without the extension, {sha1, rsa/ecdsa});
 * - ALPN (RFC 7301 §3.2): the server's first protocol the client offers,
 *   no_application_protocol when there is none in common;
 * - extended master secret (RFC 7627) when both sides want it. */
#include <string.h>

#include "core/ct.h"
#include "gt/crypto/ec.h"
#include "gt/gt_x509_verify.h"
#include "handshake/hs.h"

#define MAX_PEER_LIST 64

typedef struct {
    uint16_t groups[MAX_PEER_LIST], sigalgs[MAX_PEER_LIST];
    size_t n_groups, n_sigalgs;
    int have_groups;
    char sni[256];
    size_t sni_len;
} offer;

static int in_list(uint16_t v, const uint16_t *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v) return 1;
    return 0;
}

/* RFC 6066 §3: ServerNameList<1..2^16-1>, at most one name per type. */
static int parse_sni(gt_rd ext, offer *o)
{
    gt_rd list, name;
    int err, have = 0;
    if ((err = gt_rd_vec16(&ext, 1, 65535, &list)) || (err = gt_rd_end(&ext))) return err;
    while (list.left) {
        uint8_t type;
        if ((err = gt_rd_u8(&list, &type)) || (err = gt_rd_vec16(&list, 1, 65535, &name)))
            return err;
        if (type != 0) continue;
        if (have++) return GT_ERR_ILLEGAL_PARAMETER;
        if (name.left >= sizeof o->sni || memchr(name.p, 0, name.left)) continue;
        o->sni_len = name.left;
        if ((err = gt_rd_copy(&name, (uint8_t *)o->sni, o->sni_len))) return err;
        o->sni[o->sni_len] = '\0';
    }
    return 0;
}

/* RFC 8422 §5.1.2: the list must contain uncompressed (0). */
static int check_point_formats(gt_rd ext)
{
    gt_rd list;
    int err, have = 0;
    if ((err = gt_rd_vec8(&ext, 1, 255, &list)) || (err = gt_rd_end(&ext))) return err;
    while (list.left) {
        uint8_t f;
        if ((err = gt_rd_u8(&list, &f))) return err;
        have |= f == 0;
    }
    return have ? 0 : GT_ERR_ILLEGAL_PARAMETER;
}

/* RFC 7301 §3.1-3.2. */
static int choose_alpn(gt_conn *c, gt_rd ext)
{
    const gt_config *cfg = c->cfg;
    gt_rd list;
    int err;
    if ((err = gt_rd_vec16(&ext, 2, 65535, &list)) || (err = gt_rd_end(&ext))) return err;
    gt_rd all = list;
    while (all.left) { /* syntax first: every name <1..2^8-1> */
        gt_rd name;
        if ((err = gt_rd_vec8(&all, 1, 255, &name))) return err;
    }
    if (!cfg->n_alpn) return 0;
    for (size_t i = 0; i < cfg->n_alpn; i++) {
        gt_rd it = list, name;
        while (it.left) {
            if (gt_rd_vec8(&it, 1, 255, &name)) return GT_ERR_INTERNAL;
            if (name.left == cfg->alpn[i][0] && !memcmp(name.p, &cfg->alpn[i][1], name.left)) {
                memcpy(c->info.alpn, &cfg->alpn[i][1], name.left);
                c->info.alpn[name.left] = '\0';
                return 0;
            }
        }
    }
    return GT_ERR_NO_ALPN;
}

static int read_offer(gt_conn *c, const gt_client_hello *ch, offer *o)
{
    const gt_exts *e = &ch->exts;
    int err = 0;
    memset(o, 0, sizeof *o);
    if (e->seen & GT_EXT_SERVER_NAME && (err = parse_sni(e->server_name, o))) return err;
    if (e->seen & GT_EXT_SUPPORTED_GROUPS) {
        o->have_groups = 1;
        err = gt_ext_read_u16_list(e->groups, o->groups, MAX_PEER_LIST, &o->n_groups);
        if (err) return err;
    }
    if (e->seen & GT_EXT_EC_POINT_FORMATS && (err = check_point_formats(e->point_formats)))
        return err;
    if (e->seen & GT_EXT_SIGNATURE_ALGORITHMS) {
        err = gt_ext_read_u16_list(e->sigalgs, o->sigalgs, MAX_PEER_LIST, &o->n_sigalgs);
        if (err) return err;
    } else {
        o->sigalgs[0] = 0x0201; /* {sha1, rsa} */
        o->sigalgs[1] = 0x0203; /* {sha1, ecdsa} */
        o->n_sigalgs = 2;
    }
    if (e->seen & GT_EXT_EMS) {
        if (e->ems.left) return GT_ERR_DECODE_TRAILING; /* RFC 7627 §5.1: empty */
        c->hs.ems = c->cfg->ems;
    }
    if (c->cfg->require_ems && !c->hs.ems) return GT_ERR_EMS_REQUIRED;
    if (e->seen & GT_EXT_ALPN && (err = choose_alpn(c, e->alpn))) return err;
    return 0;
}

int gt_sigalg_fits_key(const gt_config *cfg, const gt_sigalg_info *s, gt_x509_key_type type)
{
    if (!s || (s->sha1 && !cfg->allow_sha1)) return 0;
    if (s->type == GT_SIG_ECDSA) return type == GT_X509_KEY_EC;
    return type == GT_X509_KEY_RSA;
}

static uint16_t choose_sigalg(const gt_conn *c, const gt_chain *ch, const offer *o)
{
    const gt_config *cfg = c->cfg;
    /* An ECDSA key signs best with its curve's hash (RFC 8446 §4.2.3
     * pairs them; TLS 1.2 allows any), so that pairing is tried first. */
    const gt_hash *want = ch->curve_group == GT_GROUP_SECP384R1 ? &gt_hash_sha384 : &gt_hash_sha256;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cfg->n_sigalgs; i++) {
            const gt_sigalg_info *s = gt_sigalg_info_get(cfg->sigalgs[i]);
            if (!gt_sigalg_fits_key(cfg, s, ch->key_type)) continue;
            if (!in_list(s->id, o->sigalgs, o->n_sigalgs)) continue;
            if (pass == 0 && s->type == GT_SIG_ECDSA && s->hash != want) continue;
            return s->id;
        }
    }
    return 0;
}

static int chain_fits(const gt_conn *c, const gt_chain *ch, const gt_suite_info *s, const offer *o,
                      uint16_t *sigalg)
{
    gt_x509_key_type need = s->kx == GT_KX_ECDHE_ECDSA ? GT_X509_KEY_EC : GT_X509_KEY_RSA;
    if (ch->key_type != need) return 0;
    /* RSA key transport: the key encrypts, nothing is signed. */
    if (s->kx == GT_KX_RSA) {
        *sigalg = 0;
        return 1;
    }
    if (need == GT_X509_KEY_EC && o->have_groups &&
        !in_list(ch->curve_group, o->groups, o->n_groups))
        return 0;
    *sigalg = choose_sigalg(c, ch, o);
    return *sigalg != 0;
}

static const gt_group_info *choose_group(const gt_conn *c, const offer *o)
{
    const gt_config *cfg = c->cfg;
    if (!o->have_groups)
        return in_list(GT_GROUP_SECP256R1, cfg->groups, cfg->n_groups)
                   ? gt_group_info_get(GT_GROUP_SECP256R1)
                   : NULL;
    const uint16_t *first = cfg->server_pref ? cfg->groups : o->groups;
    const uint16_t *second = cfg->server_pref ? o->groups : cfg->groups;
    size_t n1 = cfg->server_pref ? cfg->n_groups : o->n_groups;
    size_t n2 = cfg->server_pref ? o->n_groups : cfg->n_groups;
    for (size_t i = 0; i < n1; i++)
        if (in_list(first[i], second, n2) && gt_group_available(first[i]))
            return gt_group_info_get(first[i]);
    return NULL;
}

/* Tries one suite: a chain (SNI matches first) and a signature algorithm. */
static int try_suite(gt_conn *c, const gt_suite_info *s, const offer *o)
{
    const gt_config *cfg = c->cfg;
    uint16_t sigalg;
    if (s->kx != GT_KX_RSA && !c->hs.group) return 0; /* ECDHE needs a common group */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cfg->n_chains; i++) {
            const gt_chain *ch = &cfg->chains[i];
            int match = o->sni_len && gt_x509_check_host(&ch->leaf, o->sni, o->sni_len) == 0;
            if (pass == 0 && !match) continue;
            if (pass == 1 && match) continue;
            if (!chain_fits(c, ch, s, o, &sigalg)) continue;
            c->hs.suite = s;
            c->hs.chain = ch;
            c->hs.sigalg = sigalg;
            return 1;
        }
    }
    return 0;
}

static int choose_suite(gt_conn *c, const gt_client_hello *ch, const offer *o)
{
    const gt_config *cfg = c->cfg;
    size_t n_client = ch->suites.left / 2;
    size_t n = cfg->server_pref ? cfg->n_suites : n_client;
    for (size_t i = 0; i < n; i++) {
        uint16_t id;
        if (cfg->server_pref) {
            id = cfg->suites[i];
            gt_rd it = ch->suites;
            int offered = 0;
            while (it.left) {
                uint16_t v;
                if (gt_rd_u16(&it, &v)) return GT_ERR_INTERNAL;
                offered |= v == id;
            }
            if (!offered) continue;
        } else {
            gt_rd it = ch->suites;
            if (gt_rd_skip(&it, 2 * i) || gt_rd_u16(&it, &id)) return GT_ERR_INTERNAL;
            if (!in_list(id, cfg->suites, cfg->n_suites)) continue;
        }
        const gt_suite_info *s = gt_suite_info_get(id);
        if (s && try_suite(c, s, o)) return 0;
    }
    return GT_ERR_HANDSHAKE_FAILURE;
}

int gt_server_negotiate(gt_conn *c, const gt_client_hello *ch)
{
    offer o;
    int err = read_offer(c, ch, &o);
    if (err) return err;
    memcpy(c->info.sni, o.sni, o.sni_len + 1);
    /* No common group rules out the ECDHE suites only (try_suite). */
    c->hs.group = choose_group(c, &o);
    if ((err = choose_suite(c, ch, &o))) return err;
    if (c->hs.suite->kx == GT_KX_RSA) c->hs.group = NULL;
    c->info.version = 0x0303;
    c->info.suite = c->hs.suite->id;
    c->info.group = c->hs.group ? c->hs.group->id : 0;
    c->info.sigalg = c->hs.sigalg;
    c->info.ems = c->hs.ems;
    c->info.secure_renegotiation = c->hs.secure_reneg;
    return 0;
}

static gt_rsa_private_key rsa_key(const gt_x509_privkey *k)
{
    gt_rsa_private_key r = {k->n.p,   k->e.p,    k->d.p,    k->p.p,     k->q.p,   k->dp.p,
                            k->dq.p,  k->qinv.p, k->n.len,  k->e.len,   k->d.len, k->p.len,
                            k->q.len, k->dp.len, k->dq.len, k->qinv.len};
    return r;
}

/* The signed hash: H(client_random + server_random + params), RFC 5246
 * §7.4.3 / RFC 8422 §5.4. */
void gt_ske_digest(const gt_conn *c, const gt_hash *h, const uint8_t *params, size_t n,
                   uint8_t *out)
{
    gt_hash_ctx ctx;
    h->init(&ctx);
    h->update(&ctx, c->hs.client_random, 32);
    h->update(&ctx, c->hs.server_random, 32);
    h->update(&ctx, params, n);
    h->final(&ctx, out);
}

int gt_server_sign_ske(gt_conn *c, const uint8_t *params, size_t params_len, uint8_t *sig,
                       size_t cap, size_t *sig_len)
{
    const gt_sigalg_info *s = gt_sigalg_info_get(c->hs.sigalg);
    const gt_chain *ch = c->hs.chain;
    uint8_t digest[GT_HASH_MAX_LEN];
    if (!s || !ch) return GT_ERR_INTERNAL;
    gt_ske_digest(c, s->hash, params, params_len, digest);
    if (s->type == GT_SIG_ECDSA)
        return gt_ecdsa_sign((gt_ec_curve)ch->key.curve, s->hash, ch->key.ec_priv.p, digest,
                             s->hash->out_len, c->cfg->rng, c->cfg->rng_ctx, sig, cap, sig_len);
    gt_rsa_private_key k = rsa_key(&ch->key);
    if (s->type == GT_SIG_RSA_PSS)
        return gt_rsa_pss_sign(&k, s->hash, digest, GT_RSA_PSS_SALT_HASH_LEN, c->cfg->rng,
                               c->cfg->rng_ctx, sig, cap, sig_len);
    return gt_rsa_pkcs1_sign(&k, s->hash, digest, c->cfg->rng, c->cfg->rng_ctx, sig, cap, sig_len);
}
