/*
 * Client-role steps of the scripted peer (it tests servers): ClientHello,
 * reading and checking the server's flight, ClientKeyExchange (ECDHE or
 * RSA, with malformed PKCS#1 variants), CertificateVerify, and the server's
 * Finished. RFC 5246 §7.3-7.4, RFC 8422 §5, RFC 7627, RFC 5746, RFC 5077.
 */
#include "script.h"

#include <openssl/rand.h>
#include <string.h>

void gt_sp_default_client_hello(gt_sp *sp)
{
    gt_wire_hello *h = &sp->hello;
    gt_sp_session *s = &sp->session;
    static const uint8_t formats[] = {0};
    memset(h, 0, sizeof(*h));
    h->version = 0x0303;
    RAND_bytes(h->random, 32);
    h->sid_len_override = h->suites_len_override = h->comp_len_override = -1;
    h->ext.block_len_override = -1;
    if (s->valid && sp->handshakes == 0) {
        h->sid_len = s->sid_len;
        memcpy(h->sid, s->sid, s->sid_len);
        /* RFC 5077 §3.4: with a ticket, a fresh session ID that tells an
         * accepted ticket apart (and not the cached ID, which would let a
         * server resume by ID whatever the ticket) */
        if (s->ticket.n > 0 && sp->cfg.tickets) {
            h->sid_len = 32;
            RAND_bytes(h->sid, 32);
        }
    }
    memcpy(h->suites, sp->cfg.suites, sp->cfg.n_suites * 2);
    h->n_suites = sp->cfg.n_suites;
    h->n_comp = 1;
    if (sp->cfg.sni != NULL) gt_wire_ext_sni(&h->ext, sp->cfg.sni);
    gt_wire_ext_groups(&h->ext, sp->cfg.groups, sp->cfg.n_groups);
    gt_wire_ext_point_formats(&h->ext, formats, 1);
    gt_wire_ext_sigalgs(&h->ext, sp->cfg.sigalgs, sp->cfg.n_sigalgs);
    if (sp->cfg.ems) gt_wire_ext_ems(&h->ext);
    if (sp->cfg.etm) gt_wire_ext_etm(&h->ext);
    if (sp->cfg.reneg) /* RFC 5746 §3.5 / §3.5 renegotiation: client_verify_data */
        gt_wire_ext_reneg(&h->ext, sp->verify_client, sp->handshakes > 0 ? 12 : 0);
    if (sp->cfg.tickets && sp->handshakes == 0)
        gt_wire_ext_ticket(&h->ext, s->valid ? s->ticket.p : NULL, s->valid ? s->ticket.n : 0);
}

static int client_hello(gt_sp *sp, const gt_sp_step *st)
{
    gt_sp_step s = st ? *st : (gt_sp_step){0};
    gt_wbuf body = {0};
    gt_sp_default_client_hello(sp);
    if (s.pre) s.pre(sp);
    /* RFC 5246 App. E.1: {03,01} is the customary first record version */
    if (s.rec_version == 0 && !sp->wr.active) s.rec_version = 0x0301;
    gt_wire_client_hello(&body, &sp->hello);
    memcpy(sp->cr, sp->hello.random, 32);
    sp->tick_offered = gt_wire_ext_find(&sp->hello.ext, GT_EXT_SESSION_TICKET) != NULL;
    sp->resuming = sp->session.valid && sp->handshakes == 0 && sp->hello.sid_len > 0;
    memcpy(sp->sid, sp->hello.sid, sp->hello.sid_len > 32 ? 32 : sp->hello.sid_len);
    sp->sid_len = sp->hello.sid_len > 32 ? 32 : sp->hello.sid_len;
    int rc = gt_sp_send_hs(sp, &s, GT_HS_CLIENT_HELLO, &body);
    gt_wbuf_free(&body);
    return rc;
}

static int offered(const gt_sp *sp, uint16_t ext)
{
    return !sp->hello.ext.absent && gt_wire_ext_find((gt_wire_exts *)&sp->hello.ext, ext) != NULL;
}

/* RFC 5246 §7.4.1.4: a server MUST NOT send an extension the client did
 * not offer; RFC 5746 §3.4: the renegotiation_info check. */
static int check_sh_ext(gt_sp *sp, const gt_wire_hello_view *v)
{
    static const uint16_t known[] = {GT_EXT_SERVER_NAME,          GT_EXT_MAX_FRAGMENT_LENGTH,
                                     GT_EXT_EC_POINT_FORMATS,     GT_EXT_ALPN,
                                     GT_EXT_ENCRYPT_THEN_MAC,     GT_EXT_EXTENDED_MASTER_SECRET,
                                     GT_EXT_RECORD_SIZE_LIMIT,    GT_EXT_SESSION_TICKET,
                                     GT_EXT_RENEGOTIATION_INFO,   GT_EXT_SUPPORTED_GROUPS,
                                     GT_EXT_SIGNATURE_ALGORITHMS, GT_EXT_SUPPORTED_VERSIONS};
    gt_wrd body, all = v->ext;
    sp->n_sh_ext = 0;
    while (v->has_ext && all.left >= 4 && sp->n_sh_ext < GT_WIRE_EXT_MAX) {
        sp->sh_ext[sp->n_sh_ext++] = (uint16_t)gt_wrd_u16(&all);
        gt_wrd_vec(&all, 2, 0, 65535);
    }
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        int k = gt_wire_find_ext(v, known[i], &body);
        if (k < 0) return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello extensions malformed");
        if (k > 0 && !offered(sp, known[i]))
            return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello has unoffered extension %u",
                              known[i]);
    }
    sp->ems = gt_wire_find_ext(v, GT_EXT_EXTENDED_MASTER_SECRET, &body) > 0;
    sp->etm = gt_wire_find_ext(v, GT_EXT_ENCRYPT_THEN_MAC, &body) > 0 && gt_sp_is_cbc(sp->suite);
    sp->tick_sent = gt_wire_find_ext(v, GT_EXT_SESSION_TICKET, &body) > 0;
    if (offered(sp, GT_EXT_RENEGOTIATION_INFO)) {
        uint8_t want[24];
        size_t wl = sp->handshakes > 0 ? 24 : 0;
        memcpy(want, sp->verify_client, 12);
        memcpy(want + 12, sp->verify_server, 12);
        if (gt_wire_find_ext(v, GT_EXT_RENEGOTIATION_INFO, &body) <= 0)
            return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello lacks renegotiation_info");
        gt_wrd in = gt_wrd_vec(&body, 1, 0, 255);
        if (!gt_wrd_done(&body) || in.left != wl || (wl && memcmp(in.p, want, wl) != 0))
            return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello renegotiation_info is wrong");
    }
    return 0;
}

static int server_hello(gt_sp *sp)
{
    gt_sp_ev ev;
    gt_wire_hello_view v;
    const char *why = "";
    if (gt_sp_expect_hs(sp, GT_HS_SERVER_HELLO, &ev) != 0) return -1;
    if (gt_wire_parse_server_hello(ev.body, ev.len, &v, &why) != 0)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello: %s", why);
    if (v.version != 0x0303)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello version 0x%04x", v.version);
    sp->suite = gt_sp_suite_by_code(v.suite);
    int ok = 0;
    for (size_t i = 0; i < sp->hello.n_suites; i++)
        ok |= sp->hello.suites[i] == v.suite;
    if (sp->suite == NULL || !ok)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello suite 0x%04x was not offered", v.suite);
    if (v.comp != 0) return gt_sp_fail(sp, GT_OBS_INVALID, "ServerHello compression %u", v.comp);
    memcpy(sp->sr, v.random, 32);
    if (check_sh_ext(sp, &v) != 0) return -1;
    sp->resumed = sp->resuming && v.sid_len == sp->sid_len && v.sid_len > 0 &&
                  memcmp(v.sid, sp->sid, v.sid_len) == 0;
    memcpy(sp->sid, v.sid, v.sid_len);
    sp->sid_len = v.sid_len;
    return 0;
}

/* RFC 8422 §5.4: ServerKeyExchange = ECParameters, ECPoint, signature over
 * client_random + server_random + params. */
static int server_key_exchange(gt_sp *sp)
{
    gt_sp_ev ev;
    if (gt_sp_expect_hs(sp, GT_HS_SERVER_KEY_EXCHANGE, &ev) != 0) return -1;
    gt_wrd r = {ev.body, ev.len, 0};
    unsigned type = gt_wrd_u8(&r);
    sp->group = (uint16_t)gt_wrd_u16(&r);
    gt_wrd pt = gt_wrd_vec(&r, 1, 1, 255);
    size_t plen = ev.len - r.left;
    sp->peer_sigalg = (uint16_t)gt_wrd_u16(&r);
    gt_wrd sig = gt_wrd_vec(&r, 2, 0, 65535);
    if (!gt_wrd_done(&r) || type != 3 || pt.left > sizeof(sp->peer_point))
        return gt_sp_fail(sp, GT_OBS_INVALID, "malformed ServerKeyExchange");
    memcpy(sp->peer_point, pt.p, pt.left);
    sp->peer_point_len = pt.left;
    gt_wbuf signed_ = {0};
    gt_wbuf_put(&signed_, sp->cr, 32);
    gt_wbuf_put(&signed_, sp->sr, 32);
    gt_wbuf_put(&signed_, ev.body, plen);
    int rc = gt_sp_verify(sp->peer_key, sp->peer_sigalg, signed_.p, signed_.n, sig.p, sig.left);
    gt_wbuf_free(&signed_);
    if (rc != 0)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ServerKeyExchange signature does not verify");
    return 0;
}

static int resumed_flight(gt_sp *sp)
{
    if (sp->suite->code != sp->session.suite)
        return gt_sp_fail(sp, GT_OBS_INVALID, "resumed with a different suite");
    memcpy(sp->ms, sp->session.ms, 48);
    if (gt_sp_keys(sp->suite, sp->ms, sp->cr, sp->sr, sp->etm, 1, &sp->next_rd, &sp->next_wr))
        return gt_sp_fail(sp, GT_OBS_HARNESS, "key derivation");
    return gt_sp_client_step(sp, &(gt_sp_step){.op = GT_OP_SERVER_FINISH});
}

static int server_flight(gt_sp *sp)
{
    gt_sp_ev ev;
    if (server_hello(sp) != 0) return -1;
    if (sp->resumed) return resumed_flight(sp);
    if (gt_sp_expect_hs(sp, GT_HS_CERTIFICATE, &ev) != 0) return -1;
    gt_wrd r = {ev.body, ev.len, 0};
    gt_wrd list = gt_wrd_vec(&r, 3, 1, 1 << 24);
    gt_wrd leaf = gt_wrd_vec(&list, 3, 1, 1 << 24);
    if (r.bad || list.bad || leaf.bad ||
        (sp->peer_key = gt_sp_cert_pubkey(leaf.p, leaf.left)) == NULL)
        return gt_sp_fail(sp, GT_OBS_INVALID, "the server's Certificate is malformed");
    if (sp->suite->kx != GT_KX_RSA && server_key_exchange(sp) != 0) return -1;
    if (gt_sp_next(sp, &ev) != 0) return -1;
    if (ev.kind == GT_CT_HANDSHAKE && ev.hs_type == GT_HS_CERTIFICATE_REQUEST) {
        sp->cert_requested = 1;
        if (gt_sp_next(sp, &ev) != 0) return -1;
    }
    if (ev.kind == GT_CT_HANDSHAKE && ev.hs_type == GT_HS_SERVER_HELLO_DONE && ev.len == 0)
        return 0;
    return gt_sp_fail(sp, GT_OBS_MESSAGE, "%s instead of ServerHelloDone",
                      ev.kind == GT_CT_HANDSHAKE ? gt_wire_hs_name(ev.hs_type) : "a record");
}

/* RFC 5246 §7.4.7.1 PKCS#1 v1.5 block 00 02 PS 00 premaster, and the
 * malformed variants a server must not tell apart (Bleichenbacher). */
static void rsa_block(int variant, const uint8_t pms[48], uint8_t *blk, size_t k)
{
    memset(blk, 0x5a, k);
    blk[0] = 0;
    blk[1] = 2;
    blk[k - 49] = 0;
    memcpy(blk + k - 48, pms, 48);
    switch (variant) {
    case 1:
        blk[0] = 1;
        break; /* first byte not zero */
    case 2:
        blk[1] = 1;
        break; /* block type 1 */
    case 3:
        blk[k - 49] = 0x5a;
        break; /* no zero separator */
    case 4:
        blk[5] = 0;
        break; /* separator inside the 8-byte minimum PS */
    case 5:
        blk[k - 49] = 0x5a, blk[k - 47] = 0;
        break; /* premaster of 46 bytes */
    case 6:
        blk[k - 48] = 0x02;
        break; /* wrong client_version in premaster */
    case 7:
        blk[k - 49] = 0x5a, blk[k - 51] = 0;
        break; /* 50-byte premaster */
    case 8:
        blk[1] = 0x03;
        break; /* block type 3 */
    default:
        break;
    }
}

static int cke(gt_sp *sp, const gt_sp_step *st)
{
    uint8_t pms[133], pt[133], enc[1024];
    size_t pms_len = 0, pt_len = 0, enc_len = sizeof(enc);
    gt_wbuf body = {0};
    if (st->pre) st->pre(sp);
    if (sp->suite == NULL || sp->peer_key == NULL)
        return gt_sp_fail(sp, GT_OBS_HARNESS, "ClientKeyExchange without a server flight");
    if (sp->suite->kx == GT_KX_RSA) {
        size_t k = gt_sp_key_bytes(sp->peer_key);
        uint8_t blk[1024];
        pms[0] = 3, pms[1] = 3;
        RAND_bytes(pms + 2, 46);
        pms_len = 48;
        rsa_block(sp->rsa_variant, pms, blk, k);
        if (gt_sp_rsa_encrypt(sp->peer_key, blk, k, 1, enc, &enc_len) != 0)
            return gt_sp_fail(sp, GT_OBS_HARNESS, "RSA encryption failed");
        gt_wire_cke_rsa(&body, enc, enc_len);
    } else {
        sp->eph = gt_sp_ecdhe_new(sp->override_group ? sp->override_group : sp->group);
        if (sp->eph == NULL || gt_sp_ecdhe_public(sp->eph, pt, &pt_len) != 0)
            return gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE, "group %u not available to the peer",
                              sp->group);
        if (gt_sp_ecdhe_derive(sp->eph, sp->group, sp->peer_point, sp->peer_point_len, pms,
                               &pms_len) != 0 &&
            !sp->override_group)
            return gt_sp_fail(sp, GT_OBS_INVALID, "the server's ECDHE share is invalid");
        gt_wire_cke_ecdhe(&body, pt, pt_len);
    }
    int rc = gt_sp_send_hs(sp, st, GT_HS_CLIENT_KEY_EXCHANGE, &body);
    gt_wbuf_free(&body);
    if (rc == 0) rc = gt_sp_derive(sp, pms, pms_len);
    return rc;
}

static int client_cert(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf body = {0};
    gt_sp_chain *c = sp->cfg.client_chain;
    if (st->pre) st->pre(sp);
    c = sp->cfg.client_chain;
    if (st->arg == 1 || c == NULL)
        gt_wire_certificate(&body, NULL, NULL, 0);
    else
        gt_wire_certificate(&body, (const uint8_t *const *)c->der, c->len, c->n);
    int rc = gt_sp_send_hs(sp, st, GT_HS_CERTIFICATE, &body);
    gt_wbuf_free(&body);
    return rc;
}

/* RFC 5246 §7.4.8: signature over handshake_messages so far. */
static int cert_verify(gt_sp *sp, const gt_sp_step *st)
{
    uint8_t sig[1024];
    size_t n = sizeof(sig);
    gt_wbuf body = {0};
    if (st->pre) st->pre(sp);
    if (sp->cfg.client_chain == NULL)
        return gt_sp_fail(sp, GT_OBS_HARNESS, "CertificateVerify without a client key");
    EVP_PKEY *k = sp->cfg.client_chain->key;
    uint16_t alg = EVP_PKEY_is_a(k, "RSA") ? 0x0401 : gt_sp_default_sigalg(k);
    if (gt_sp_sign(k, alg, sp->transcript.p, sp->transcript.n, sig, &n) != 0)
        return gt_sp_fail(sp, GT_OBS_HARNESS, "signing failed");
    if (sp->bad_signature) sig[n / 2] ^= 0x01;
    gt_wire_cert_verify(&body, alg, sig, n);
    int rc = gt_sp_send_hs(sp, st, GT_HS_CERTIFICATE_VERIFY, &body);
    gt_wbuf_free(&body);
    return rc;
}

/* [NewSessionTicket] ChangeCipherSpec Finished; then the session is saved. */
static int server_finish(gt_sp *sp)
{
    gt_sp_ev ev;
    if (sp->tick_sent) {
        if (gt_sp_expect_hs(sp, GT_HS_NEW_SESSION_TICKET, &ev) != 0) return -1;
        gt_wrd r = {ev.body, ev.len, 0};
        gt_wrd_take(&r, 4);
        gt_wrd t = gt_wrd_vec(&r, 2, 0, 65535);
        if (!gt_wrd_done(&r)) return gt_sp_fail(sp, GT_OBS_INVALID, "malformed NewSessionTicket");
        gt_wbuf_reset(&sp->session.ticket);
        gt_wbuf_put(&sp->session.ticket, t.p, t.left);
    }
    if (gt_sp_expect_ccs(sp) != 0 || gt_sp_expect_finished(sp) != 0) return -1;
    if (!sp->resumed) {
        gt_sp_session *s = &sp->session;
        s->valid = sp->sid_len > 0 || s->ticket.n > 0;
        s->ems = sp->ems;
        s->suite = sp->suite->code;
        memcpy(s->ms, sp->ms, 48);
        memcpy(s->sid, sp->sid, sp->sid_len);
        s->sid_len = sp->sid_len;
    }
    return 0;
}

/* After the server's flight: whatever a conforming client sends next. */
static int finish(gt_sp *sp)
{
    gt_sp_step none = {0};
    if (sp->resumed)
        return gt_sp_send_ccs(sp, &none) != 0 || gt_sp_send_finished(sp, &none) != 0 ? -1 : 0;
    if (sp->cert_requested && client_cert(sp, &none) != 0) return -1;
    if (cke(sp, &none) != 0) return -1;
    if (sp->cert_requested && sp->cfg.client_chain && cert_verify(sp, &none) != 0) return -1;
    if (gt_sp_send_ccs(sp, &none) != 0 || gt_sp_send_finished(sp, &none) != 0) return -1;
    return server_finish(sp);
}

static int handshake(gt_sp *sp)
{
    gt_sp_step none = {0};
    if (client_hello(sp, &none) != 0 || server_flight(sp) != 0) return -1;
    return finish(sp);
}

int gt_sp_client_step(gt_sp *sp, const gt_sp_step *st)
{
    switch (st->op) {
    case GT_OP_CLIENT_HELLO:
        return client_hello(sp, st);
    case GT_OP_SERVER_FLIGHT:
        if (st->pre) st->pre(sp);
        return server_flight(sp);
    case GT_OP_CLIENT_CERT:
        return client_cert(sp, st);
    case GT_OP_CKE:
        return cke(sp, st);
    case GT_OP_CERT_VERIFY:
        return cert_verify(sp, st);
    case GT_OP_SERVER_FINISH:
        return server_finish(sp);
    case GT_OP_HANDSHAKE:
        if (st->pre) st->pre(sp);
        return handshake(sp);
    case GT_OP_FINISH_HANDSHAKE:
        if (st->pre) st->pre(sp);
        return finish(sp);
    case GT_OP_RENEGOTIATE:
        gt_sp_reset_handshake(sp);
        return 0;
    default:
        return gt_sp_fail(sp, GT_OBS_HARNESS, "step %d is not a client step", st->op);
    }
}
