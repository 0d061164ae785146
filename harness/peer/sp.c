/*
 * The scripted peer's connection: sending (framing, protection, transcript)
 * and receiving (records -> handshake messages, alerts, CCS, app data), the
 * master secret (RFC 5246 §8.1, RFC 7627 §4) and Finished (§7.4.9).
 */
#include "script.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gt_sp *gt_sp_new(const gt_sp_cfg *cfg, gt_conform_transport *t)
{
    gt_sp *sp = calloc(1, sizeof(*sp));
    if (sp == NULL) abort();
    sp->cfg = *cfg;
    sp->t = t;
    if (sp->cfg.timeout_ms <= 0) sp->cfg.timeout_ms = 3000;
    return sp;
}

static void free_keys(gt_sp *sp)
{
    EVP_PKEY_free(sp->eph);
    EVP_PKEY_free(sp->peer_key);
    sp->eph = sp->peer_key = NULL;
}

void gt_sp_free(gt_sp *sp)
{
    if (sp == NULL) return;
    free_keys(sp);
    gt_wbuf_free(&sp->transcript);
    gt_wbuf_free(&sp->in);
    gt_wbuf_free(&sp->hs);
    gt_wbuf_free(&sp->plain);
    gt_wbuf_free(&sp->held);
    gt_wbuf_free(&sp->session.ticket);
    free(sp);
}

/* A new handshake on the same connection (renegotiation) or a new
 * connection: the protection states are kept by the caller as needed. */
void gt_sp_reset_handshake(gt_sp *sp)
{
    free_keys(sp);
    gt_wbuf_reset(&sp->transcript);
    memset(&sp->hello, 0, sizeof(sp->hello));
    sp->suite = NULL;
    sp->ems = sp->etm = sp->resumed = sp->resuming = sp->cert_requested = 0;
    sp->peer_cert_sent = sp->tick_offered = sp->tick_sent = 0;
    sp->n_client_sigalgs = sp->n_client_groups = sp->n_client_suites = 0;
}

int gt_sp_fail(gt_sp *sp, int obs, const char *fmt, ...)
{
    va_list ap;
    sp->obs = obs;
    va_start(ap, fmt);
    vsnprintf(sp->text, sizeof(sp->text), fmt, ap);
    va_end(ap);
    return -1;
}

void gt_sp_relen(gt_wbuf *msg)
{
    if (msg->n < 4) return;
    size_t n = msg->n - 4;
    msg->p[1] = (uint8_t)(n >> 16);
    msg->p[2] = (uint8_t)(n >> 8);
    msg->p[3] = (uint8_t)n;
}

static uint16_t rec_version(const gt_sp_step *st)
{
    return st != NULL && st->rec_version != 0 ? st->rec_version : 0x0303;
}

static int fill(gt_sp *sp);

/* The target hung up while we were sending: its alert, if any, is still
 * in our receive buffer, and it is what the case is about. */
static void closed_on_send(gt_sp *sp)
{
    gt_sp_ev ev;
    gt_sp_fail(sp, GT_OBS_CLOSED, "the target closed the connection (send failed)");
    for (int i = 0; i < 8; i++)
        if (gt_sp_next(sp, &ev) != 0) return;
}

/* One plaintext fragment -> one record (protected when keys are on). */
static int put_record(gt_sp *sp, uint8_t type, uint16_t ver, const uint8_t *p, size_t n)
{
    gt_wbuf frag = {0}, rec = {0};
    int rc = gt_sp_seal(&sp->wr, type, ver, p, n, &sp->tamper, &frag);
    if (sp->wr.active) memset(&sp->tamper, 0, sizeof(sp->tamper));
    if (rc == 0) {
        gt_wire_record(&rec, type, ver, frag.p, frag.n);
        if (frag.n > 0xffff) /* keep the header honest about what was cut */
            rec.p[3] = 0xff, rec.p[4] = 0xff;
        rc = sp->t->send(sp->t->ctx, rec.p, rec.n);
        if (rc != 0) closed_on_send(sp);
    } else {
        gt_sp_fail(sp, GT_OBS_HARNESS, "peer could not protect a record");
    }
    gt_wbuf_free(&frag);
    gt_wbuf_free(&rec);
    return rc;
}

int gt_sp_send_record(gt_sp *sp, const gt_sp_step *st, uint8_t type, const uint8_t *p, size_t n)
{
    size_t max = st != NULL && st->frag > 0 ? st->frag : 16384;
    uint16_t ver = rec_version(st);
    if (n == 0) return put_record(sp, type, ver, p, 0);
    for (size_t at = 0; at < n; at += max)
        if (put_record(sp, type, ver, p + at, n - at < max ? n - at : max) != 0) return -1;
    return 0;
}

/* Handshake message: header + body, `post` hook, transcript, framing. */
int gt_sp_send_hs(gt_sp *sp, const gt_sp_step *st, uint8_t type, const gt_wbuf *body)
{
    gt_wbuf msg = {0};
    int rc = 0;
    gt_wire_hs(&msg, type, body->p, body->n, -1);
    if (st != NULL && st->post != NULL) st->post(sp, &msg);
    if (st == NULL || !(st->flags & GT_F_NOHASH)) gt_wbuf_put(&sp->transcript, msg.p, msg.n);
    gt_wbuf_put(&sp->held, msg.p, msg.n);
    if (st != NULL && (st->flags & GT_F_TWICE)) gt_wbuf_put(&sp->held, msg.p, msg.n);
    if (st == NULL || !(st->flags & GT_F_HOLD)) {
        rc = gt_sp_send_record(sp, st, GT_CT_HANDSHAKE, sp->held.p, sp->held.n);
        gt_wbuf_reset(&sp->held);
    }
    gt_wbuf_free(&msg);
    return rc;
}

/* RFC 5246 §7.1: the CCS is a single byte of value 1; it switches the
 * write direction to the pending keys, sequence number 0. */
int gt_sp_send_ccs(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf body = {0};
    gt_wbuf_u8(&body, 1);
    if (st != NULL && st->post != NULL) st->post(sp, &body);
    int rc = gt_sp_send_record(sp, st, GT_CT_CCS, body.p, body.n);
    gt_wbuf_free(&body);
    if (sp->next_wr.s != NULL) {
        sp->wr = sp->next_wr;
        sp->wr.active = 1;
        sp->wr.seq = 0;
    }
    return rc;
}

static void finished(gt_sp *sp, int client, size_t th_len, uint8_t out[12])
{
    uint8_t h[48];
    int sha384 = sp->suite != NULL && sp->suite->sha384;
    int hl = gt_sp_hash(sha384, sp->transcript.p, th_len, h);
    gt_sp_prf(sha384, sp->ms, 48, client ? "client finished" : "server finished", h, (size_t)hl,
              out, 12);
}

int gt_sp_send_finished(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf body = {0};
    int client = sp->cfg.role == 0;
    uint8_t v[12];
    finished(sp, client, sp->transcript.n, v);
    memcpy(client ? sp->verify_client : sp->verify_server, v, 12);
    gt_wbuf_put(&body, v, 12);
    int rc = gt_sp_send_hs(sp, st, GT_HS_FINISHED, &body);
    gt_wbuf_free(&body);
    return rc;
}

int gt_sp_send_alert(gt_sp *sp, int level, int desc)
{
    uint8_t a[2] = {(uint8_t)level, (uint8_t)desc};
    return gt_sp_send_record(sp, NULL, GT_CT_ALERT, a, 2);
}

/* RFC 5246 §8.1 and RFC 7627 §4: the master secret, then the pending keys. */
int gt_sp_derive(gt_sp *sp, const uint8_t *pms, size_t n)
{
    uint8_t seed[64], h[48];
    int s384 = sp->suite->sha384, rc;
    if (sp->ems) {
        int hl = gt_sp_hash(s384, sp->transcript.p, sp->transcript.n, h);
        rc = gt_sp_prf(s384, pms, n, "extended master secret", h, (size_t)hl, sp->ms, 48);
    } else {
        memcpy(seed, sp->cr, 32);
        memcpy(seed + 32, sp->sr, 32);
        rc = gt_sp_prf(s384, pms, n, "master secret", seed, 64, sp->ms, 48);
    }
    if (rc == 0)
        rc = gt_sp_keys(sp->suite, sp->ms, sp->cr, sp->sr, sp->etm, sp->cfg.role == 0, &sp->next_rd,
                        &sp->next_wr);
    return rc == 0 ? 0 : gt_sp_fail(sp, GT_OBS_HARNESS, "peer key derivation failed");
}

/* ---- receiving ------------------------------------------------------------------ */

static int fill(gt_sp *sp)
{
    uint8_t buf[16384];
    long k = sp->t->recv(sp->t->ctx, buf, sizeof(buf), sp->cfg.timeout_ms);
    if (k > 0) {
        gt_wbuf_put(&sp->in, buf, (size_t)k);
        return 0;
    }
    if (k == GT_TR_TIMEOUT)
        return gt_sp_fail(sp, GT_OBS_TIMEOUT, "no reaction within %d ms", sp->cfg.timeout_ms);
    return gt_sp_fail(sp, GT_OBS_CLOSED, "connection closed without an alert");
}

static void consume(gt_wbuf *b, size_t n)
{
    memmove(b->p, b->p + n, b->n - n);
    b->n -= n;
}

static int pop_hs(gt_sp *sp, gt_sp_ev *ev)
{
    if (sp->hs.n < 4) return 0;
    size_t len = (size_t)sp->hs.p[1] << 16 | (size_t)sp->hs.p[2] << 8 | sp->hs.p[3];
    if (sp->hs.n < 4 + len) return 0;
    /* keep the message in `plain`'s place: copy to a stable buffer */
    gt_wbuf_reset(&sp->plain);
    gt_wbuf_put(&sp->plain, sp->hs.p, 4 + len);
    consume(&sp->hs, 4 + len);
    ev->kind = GT_CT_HANDSHAKE;
    ev->hs_type = sp->plain.p[0];
    ev->body = sp->plain.p + 4;
    ev->len = len;
    ev->th_before = sp->transcript.n;
    gt_wbuf_put(&sp->transcript, sp->plain.p, 4 + len);
    return 1;
}

static int on_record(gt_sp *sp, const gt_wire_rec *r, gt_sp_ev *ev)
{
    int bad = gt_sp_open(&sp->rd, r->type, r->version, r->frag, r->len, &sp->plain) != 0;
    if (bad && r->type == GT_CT_ALERT && r->len == 2) /* RFC 5246 §7.1: protected after CCS */
        return gt_sp_fail(sp, GT_OBS_INVALID,
                          "an unprotected alert %s %s after the target's ChangeCipherSpec",
                          r->frag[0] == 1 ? "warning" : "fatal", gt_wire_alert_name(r->frag[1]));
    if (bad)
        return gt_sp_fail(sp, GT_OBS_INVALID,
                          "a record from the target did not authenticate (type %d, %zu bytes)",
                          r->type, r->len);
    switch (r->type) {
    case GT_CT_HANDSHAKE:
        gt_wbuf_put(&sp->hs, sp->plain.p, sp->plain.n);
        return 0;
    case GT_CT_ALERT:
        if (sp->plain.n != 2)
            return gt_sp_fail(sp, GT_OBS_INVALID, "malformed alert record (%zu bytes)",
                              sp->plain.n);
        sp->alert_level = sp->plain.p[0];
        sp->alert_desc = sp->plain.p[1];
        return gt_sp_fail(sp, GT_OBS_ALERT, "alert %s %s",
                          sp->alert_level == 1 ? "warning" : "fatal",
                          gt_wire_alert_name(sp->alert_desc));
    case GT_CT_CCS:
    case GT_CT_APPDATA:
        ev->kind = r->type;
        ev->body = sp->plain.p;
        ev->len = sp->plain.n;
        return 1;
    default:
        return gt_sp_fail(sp, GT_OBS_INVALID, "record of unknown content type %d", r->type);
    }
}

int gt_sp_next(gt_sp *sp, gt_sp_ev *ev)
{
    memset(ev, 0, sizeof(*ev));
    for (;;) {
        if (pop_hs(sp, ev)) return 0;
        gt_wire_rec r;
        size_t used = 0;
        int k = gt_wire_next_record(sp->in.p, sp->in.n, &r, &used);
        if (k < 0) return gt_sp_fail(sp, GT_OBS_INVALID, "bytes that are not a TLS record");
        if (k == 0) {
            if (fill(sp) != 0) return -1;
            continue;
        }
        gt_wire_rec copy = r;
        uint8_t *frag = malloc(r.len ? r.len : 1);
        memcpy(frag, r.frag, r.len);
        copy.frag = frag;
        consume(&sp->in, used);
        int rc = on_record(sp, &copy, ev);
        free(frag);
        if (rc < 0) return -1;
        if (rc > 0) return 0;
    }
}

static int describe(gt_sp *sp, const gt_sp_ev *ev, const char *want)
{
    if (ev->kind == GT_CT_HANDSHAKE)
        return gt_sp_fail(sp, GT_OBS_MESSAGE, "%s instead of %s", gt_wire_hs_name(ev->hs_type),
                          want);
    if (ev->kind == GT_CT_CCS)
        return gt_sp_fail(sp, GT_OBS_MESSAGE, "ChangeCipherSpec instead of %s", want);
    return gt_sp_fail(sp, GT_OBS_MESSAGE, "application data instead of %s", want);
}

int gt_sp_expect_hs(gt_sp *sp, uint8_t type, gt_sp_ev *ev)
{
    if (gt_sp_next(sp, ev) != 0) return -1;
    if (ev->kind == GT_CT_HANDSHAKE && ev->hs_type == type) return 0;
    return describe(sp, ev, gt_wire_hs_name(type));
}

int gt_sp_expect_ccs(gt_sp *sp)
{
    gt_sp_ev ev;
    if (gt_sp_next(sp, &ev) != 0) return -1;
    if (ev.kind != GT_CT_CCS) return describe(sp, &ev, "ChangeCipherSpec");
    if (ev.len != 1 || ev.body[0] != 1)
        return gt_sp_fail(sp, GT_OBS_INVALID, "malformed ChangeCipherSpec");
    if (sp->next_rd.s == NULL)
        return gt_sp_fail(sp, GT_OBS_INVALID, "ChangeCipherSpec before keys exist");
    sp->rd = sp->next_rd;
    sp->rd.active = 1;
    sp->rd.seq = 0;
    return 0;
}

int gt_sp_expect_finished(gt_sp *sp)
{
    gt_sp_ev ev;
    uint8_t v[12];
    int client = sp->cfg.role == 0;
    if (gt_sp_expect_hs(sp, GT_HS_FINISHED, &ev) != 0) return -1;
    finished(sp, !client, ev.th_before, v);
    if (ev.len != 12 || memcmp(v, ev.body, 12) != 0)
        return gt_sp_fail(sp, GT_OBS_INVALID, "the target's Finished does not verify");
    memcpy(client ? sp->verify_server : sp->verify_client, v, 12);
    sp->handshakes++;
    return 0;
}

const char *gt_sp_obs_name(int obs)
{
    static const char *const names[] = {"completed", "alert",   "closed",  "timeout",
                                        "message",   "invalid", "harness", "not-applicable"};
    return obs >= 0 && obs <= GT_OBS_NOT_APPLICABLE ? names[obs] : "?";
}
