/*
 * Server-role steps of the scripted peer (it tests clients): reading the
 * ClientHello, ServerHello, Certificate, ServerKeyExchange (RFC 8422
 * §5.4), CertificateRequest, ServerHelloDone, and the client's flight.
 */
#include "script.h"

#include <openssl/rand.h>
#include <string.h>

static void read_u16_list(gt_wrd *r, uint16_t *out, size_t *n, size_t cap)
{
    *n = 0;
    while (r->left >= 2) {
        uint16_t v = (uint16_t)gt_wrd_u16(r);
        if (*n < cap) out[(*n)++] = v;
    }
}

static void client_exts(gt_sp *sp, const gt_wire_hello_view *v)
{
    gt_wrd b;
    if (gt_wire_find_ext(v, GT_EXT_SUPPORTED_GROUPS, &b) > 0) {
        gt_wrd l = gt_wrd_vec(&b, 2, 0, 65535);
        read_u16_list(&l, sp->client_groups, &sp->n_client_groups, 16);
    }
    if (gt_wire_find_ext(v, GT_EXT_SIGNATURE_ALGORITHMS, &b) > 0) {
        gt_wrd l = gt_wrd_vec(&b, 2, 0, 65535);
        read_u16_list(&l, sp->client_sigalgs, &sp->n_client_sigalgs, 32);
    }
    sp->client_ems = gt_wire_find_ext(v, GT_EXT_EXTENDED_MASTER_SECRET, &b) > 0;
    sp->client_etm = gt_wire_find_ext(v, GT_EXT_ENCRYPT_THEN_MAC, &b) > 0;
    sp->client_ticket = gt_wire_find_ext(v, GT_EXT_SESSION_TICKET, &b) > 0;
    sp->client_alpn = gt_wire_find_ext(v, GT_EXT_ALPN, &b) > 0;
    sp->client_reneg = gt_wire_find_ext(v, GT_EXT_RENEGOTIATION_INFO, &b) > 0;
    for (size_t i = 0; i < sp->n_client_suites; i++)
        if (sp->client_suites[i] == 0x00FF) sp->client_reneg = 1; /* RFC 5746 §3.3 SCSV */
}

static gt_sp_chain *chain_for(gt_sp *sp, const gt_sp_suite *s)
{
    return s->kx == GT_KX_ECDHE_ECDSA ? sp->cfg.ecdsa_chain : sp->cfg.rsa_chain;
}

/* Our preference order (cfg.suites), restricted to what the client offered
 * and what we hold a certificate for. */
static int choose(gt_sp *sp)
{
    for (size_t i = 0; i < sp->cfg.n_suites; i++)
        for (size_t j = 0; j < sp->n_client_suites; j++) {
            const gt_sp_suite *s = gt_sp_suite_by_code(sp->cfg.suites[i]);
            if (s && sp->client_suites[j] == s->code && chain_for(sp, s) != NULL) {
                sp->suite = s;
                goto group;
            }
        }
    return gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE,
                      "the client offered none of the suites this case needs");
group:
    sp->group = 0;
    for (size_t i = 0; i < sp->cfg.n_groups && !sp->group; i++)
        for (size_t j = 0; j < sp->n_client_groups; j++)
            if (sp->client_groups[j] == sp->cfg.groups[i]) sp->group = sp->cfg.groups[i];
    if (sp->n_client_groups == 0) sp->group = GT_GROUP_P256; /* RFC 8422 §4 */
    if (sp->suite->kx != GT_KX_RSA && sp->group == 0)
        return gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE,
                          "the client offered none of the groups this case needs");
    return 0;
}

static int read_client_hello(gt_sp *sp)
{
    gt_sp_ev ev;
    gt_wire_hello_view v;
    const char *why = "";
    if (gt_sp_expect_hs(sp, GT_HS_CLIENT_HELLO, &ev) != 0) return -1;
    if (gt_wire_parse_client_hello(ev.body, ev.len, &v, &why) != 0)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ClientHello: %s", why);
    if (v.version < 0x0303)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ClientHello version 0x%04x", v.version);
    memcpy(sp->cr, v.random, 32);
    read_u16_list(&v.suites, sp->client_suites, &sp->n_client_suites, 128);
    client_exts(sp, &v);
    return choose(sp);
}

static int server_hello(gt_sp *sp, const gt_sp_step *st)
{
    gt_wire_hello *h = &sp->hello;
    gt_wbuf body = {0};
    memset(h, 0, sizeof(*h));
    h->version = 0x0303;
    RAND_bytes(h->random, 32);
    h->sid_len = 32;
    RAND_bytes(h->sid, 32);
    h->sid_len_override = h->suites_len_override = h->comp_len_override = -1;
    h->ext.block_len_override = -1;
    h->suites[0] = sp->suite->code;
    h->n_suites = 1;
    h->n_comp = 1;
    if (sp->client_reneg) {
        uint8_t v[24];
        memcpy(v, sp->verify_client, 12);
        memcpy(v + 12, sp->verify_server, 12);
        gt_wire_ext_reneg(&h->ext, v, sp->handshakes > 0 ? 24 : 0);
    }
    if (sp->client_ems && sp->cfg.ems) gt_wire_ext_ems(&h->ext);
    if (sp->client_etm && sp->cfg.etm && gt_sp_is_cbc(sp->suite)) gt_wire_ext_etm(&h->ext);
    if (st->pre) st->pre(sp);
    sp->ems = gt_wire_ext_find(&h->ext, GT_EXT_EXTENDED_MASTER_SECRET) != NULL;
    sp->etm = gt_wire_ext_find(&h->ext, GT_EXT_ENCRYPT_THEN_MAC) != NULL && gt_sp_is_cbc(sp->suite);
    memcpy(sp->sr, h->random, 32);
    gt_wire_server_hello(&body, h);
    int rc = gt_sp_send_hs(sp, st, GT_HS_SERVER_HELLO, &body);
    gt_wbuf_free(&body);
    return rc;
}

static int server_cert(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf body = {0};
    if (st->pre) st->pre(sp);
    gt_sp_chain *c = chain_for(sp, sp->suite);
    gt_wire_certificate(&body, (const uint8_t *const *)c->der, c->len, c->n);
    int rc = gt_sp_send_hs(sp, st, GT_HS_CERTIFICATE, &body);
    gt_wbuf_free(&body);
    return rc;
}

/* A signature algorithm the client offered that fits our key (RFC 5246
 * §7.4.1.4.1); the RFC 5246 default when the client sent none. */
static uint16_t pick_sigalg(gt_sp *sp, EVP_PKEY *k)
{
    static const uint16_t rsa[] = {0x0804, 0x0401, 0x0501, 0x0805, 0x0601, 0x0201};
    static const uint16_t ec256[] = {0x0403, 0x0503, 0x0603, 0x0203};
    int is_rsa = EVP_PKEY_is_a(k, "RSA");
    const uint16_t *pref = is_rsa ? rsa : ec256;
    size_t n = is_rsa ? 6 : 4;
    if (!is_rsa && EVP_PKEY_get_bits(k) > 256) pref = ec256 + 1;
    if (sp->n_client_sigalgs == 0) return is_rsa ? 0x0201 : 0x0203;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < sp->n_client_sigalgs; j++)
            if (sp->client_sigalgs[j] == pref[i]) return pref[i];
    return is_rsa ? 0x0401 : 0x0403;
}

static int ske(gt_sp *sp, const gt_sp_step *st)
{
    uint8_t pt[133], sig[1024];
    size_t pt_len = 0, sig_len = sizeof(sig);
    gt_wbuf params = {0}, signed_ = {0}, body = {0};
    if (st->pre) st->pre(sp);
    EVP_PKEY *k = chain_for(sp, sp->suite)->key;
    sp->eph = gt_sp_ecdhe_new(sp->group);
    if (sp->eph == NULL || gt_sp_ecdhe_public(sp->eph, pt, &pt_len) != 0)
        return gt_sp_fail(sp, GT_OBS_HARNESS, "ECDHE key generation failed");
    if (sp->edit_point) sp->edit_point(sp, pt, &pt_len);
    gt_wire_ecdhe_params(&params, sp->ske_group ? sp->ske_group : sp->group, pt, pt_len);
    if (sp->ske_curve_type) params.p[0] = sp->ske_curve_type;
    gt_wbuf_put(&signed_, sp->cr, 32);
    gt_wbuf_put(&signed_, sp->sr, 32);
    gt_wbuf_put(&signed_, params.p, params.n);
    uint16_t alg = sp->ske_sigalg ? sp->ske_sigalg : pick_sigalg(sp, k);
    int rc = gt_sp_sign(k, alg, signed_.p, signed_.n, sig, &sig_len);
    if (sp->bad_signature) sig[sig_len / 2] ^= 0x01;
    gt_wbuf_put(&body, params.p, params.n);
    gt_wbuf_u16(&body, alg);
    gt_wbuf_vec(&body, 2, sig, sig_len);
    if (rc == 0)
        rc = gt_sp_send_hs(sp, st, GT_HS_SERVER_KEY_EXCHANGE, &body);
    else
        gt_sp_fail(sp, GT_OBS_HARNESS, "signing failed");
    gt_wbuf_free(&params);
    gt_wbuf_free(&signed_);
    gt_wbuf_free(&body);
    return rc;
}

static int cert_request(gt_sp *sp, const gt_sp_step *st)
{
    static const uint8_t types[] = {1, 64}; /* rsa_sign, ecdsa_sign (RFC 8422 §5.5) */
    static const uint16_t algs[] = {0x0403, 0x0503, 0x0804, 0x0401, 0x0501};
    gt_wbuf body = {0};
    if (st->pre) st->pre(sp);
    gt_wire_cert_request(&body, types, 2, algs, 5, NULL, 0);
    sp->cert_requested = 1;
    int rc = gt_sp_send_hs(sp, st, GT_HS_CERTIFICATE_REQUEST, &body);
    gt_wbuf_free(&body);
    return rc;
}

static int empty_msg(gt_sp *sp, const gt_sp_step *st, uint8_t type)
{
    gt_wbuf body = {0};
    if (st->pre) st->pre(sp);
    int rc = gt_sp_send_hs(sp, st, type, &body);
    gt_wbuf_free(&body);
    return rc;
}

static int client_kx(gt_sp *sp, const gt_sp_ev *ev)
{
    uint8_t pms[1024];
    size_t n = sizeof(pms);
    gt_wrd r = {ev->body, ev->len, 0};
    if (sp->suite->kx == GT_KX_RSA) {
        gt_wrd enc = gt_wrd_vec(&r, 2, 1, 65535);
        EVP_PKEY *k = sp->cfg.rsa_chain->key;
        if (!gt_wrd_done(&r) || gt_sp_rsa_decrypt(k, enc.p, enc.left, pms, &n) != 0 || n < 49 ||
            pms[0] != 0 || pms[1] != 2 || pms[n - 49] != 0)
            return gt_sp_fail(sp, GT_OBS_INVALID,
                              "the client's RSA ClientKeyExchange is malformed");
        return gt_sp_derive(sp, pms + n - 48, 48);
    }
    gt_wrd pt = gt_wrd_vec(&r, 1, 1, 255);
    if (!gt_wrd_done(&r) || gt_sp_ecdhe_derive(sp->eph, sp->group, pt.p, pt.left, pms, &n) != 0)
        return gt_sp_fail(sp, GT_OBS_INVALID, "the client's ECDHE share is invalid");
    return gt_sp_derive(sp, pms, n);
}

static int client_flight(gt_sp *sp)
{
    gt_sp_ev ev;
    EVP_PKEY *ck = NULL;
    if (sp->cert_requested) {
        if (gt_sp_expect_hs(sp, GT_HS_CERTIFICATE, &ev) != 0) return -1;
        gt_wrd r = {ev.body, ev.len, 0};
        gt_wrd list = gt_wrd_vec(&r, 3, 0, 1 << 24);
        if (list.left > 0) {
            gt_wrd leaf = gt_wrd_vec(&list, 3, 1, 1 << 24);
            ck = leaf.bad ? NULL : gt_sp_cert_pubkey(leaf.p, leaf.left);
            if (ck == NULL) return gt_sp_fail(sp, GT_OBS_INVALID, "malformed client Certificate");
        }
    }
    int rc = gt_sp_expect_hs(sp, GT_HS_CLIENT_KEY_EXCHANGE, &ev) == 0 ? client_kx(sp, &ev) : -1;
    if (rc == 0 && ck != NULL) {
        size_t th = sp->transcript.n;
        rc = gt_sp_expect_hs(sp, GT_HS_CERTIFICATE_VERIFY, &ev);
        gt_wrd r = {ev.body, ev.len, 0};
        uint16_t alg = (uint16_t)gt_wrd_u16(&r);
        gt_wrd sig = gt_wrd_vec(&r, 2, 0, 65535);
        if (rc == 0 &&
            (!gt_wrd_done(&r) || gt_sp_verify(ck, alg, sp->transcript.p, th, sig.p, sig.left) != 0))
            rc = gt_sp_fail(sp, GT_OBS_INVALID, "the client's CertificateVerify does not verify");
    }
    EVP_PKEY_free(ck);
    if (rc == 0) rc = gt_sp_expect_ccs(sp);
    if (rc == 0) rc = gt_sp_expect_finished(sp);
    return rc;
}

static int serve(gt_sp *sp)
{
    gt_sp_step none = {0};
    if (read_client_hello(sp) || server_hello(sp, &none) || server_cert(sp, &none)) return -1;
    if (sp->suite->kx != GT_KX_RSA && ske(sp, &none)) return -1;
    if (sp->cfg.cert_request && cert_request(sp, &none)) return -1;
    if (empty_msg(sp, &none, GT_HS_SERVER_HELLO_DONE) || client_flight(sp)) return -1;
    return gt_sp_send_ccs(sp, &none) || gt_sp_send_finished(sp, &none) ? -1 : 0;
}

int gt_sp_server_step(gt_sp *sp, const gt_sp_step *st)
{
    switch (st->op) {
    case GT_OP_READ_CLIENT_HELLO:
        if (st->pre) st->pre(sp);
        return read_client_hello(sp);
    case GT_OP_SERVER_HELLO:
        return server_hello(sp, st);
    case GT_OP_SERVER_CERT:
        return server_cert(sp, st);
    case GT_OP_SKE:
        return ske(sp, st);
    case GT_OP_CERT_REQUEST:
        return cert_request(sp, st);
    case GT_OP_SHD:
        return empty_msg(sp, st, GT_HS_SERVER_HELLO_DONE);
    case GT_OP_READ_CLIENT_FLIGHT:
        if (st->pre) st->pre(sp);
        return client_flight(sp);
    case GT_OP_SERVE:
        if (st->pre) st->pre(sp);
        return serve(sp);
    default:
        return gt_sp_fail(sp, GT_OBS_HARNESS, "step %d is not a server step", st->op);
    }
}
