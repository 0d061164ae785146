/*
 * The script interpreter (see script.h for the step language) and the
 * steps both roles share: ChangeCipherSpec, Finished, arbitrary messages
 * and records, application data, alerts, waiting for the target's
 * reaction, reconnecting for resumption.
 */
#include "script.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

static const char *const op_names[] = {
    [GT_OP_END] = "end",
    [GT_OP_CLIENT_HELLO] = "ClientHello",
    [GT_OP_SERVER_FLIGHT] = "server-flight",
    [GT_OP_CLIENT_CERT] = "client-Certificate",
    [GT_OP_CKE] = "ClientKeyExchange",
    [GT_OP_CERT_VERIFY] = "CertificateVerify",
    [GT_OP_SERVER_FINISH] = "server-finish",
    [GT_OP_HANDSHAKE] = "handshake",
    [GT_OP_RENEGOTIATE] = "renegotiate",
    [GT_OP_READ_CLIENT_HELLO] = "read-ClientHello",
    [GT_OP_SERVER_HELLO] = "ServerHello",
    [GT_OP_SERVER_CERT] = "server-Certificate",
    [GT_OP_SKE] = "ServerKeyExchange",
    [GT_OP_CERT_REQUEST] = "CertificateRequest",
    [GT_OP_SHD] = "ServerHelloDone",
    [GT_OP_READ_CLIENT_FLIGHT] = "client-flight",
    [GT_OP_NEW_TICKET] = "NewSessionTicket",
    [GT_OP_SERVE] = "serve",
    [GT_OP_CCS] = "ChangeCipherSpec",
    [GT_OP_FINISHED] = "Finished",
    [GT_OP_MSG] = "message",
    [GT_OP_RECORD] = "record",
    [GT_OP_RAW] = "raw",
    [GT_OP_APP] = "app-data",
    [GT_OP_EXPECT_APP] = "expect-app-data",
    [GT_OP_ALERT] = "alert",
    [GT_OP_EXPECT_CLOSE_NOTIFY] = "expect-close_notify",
    [GT_OP_WAIT] = "wait",
    [GT_OP_RECONNECT] = "reconnect",
    [GT_OP_CALL] = "call",
    [GT_OP_FINISH_HANDSHAKE] = "finish-handshake",
    [GT_OP_EXPECT_ANY] = "expect-any",
    [GT_OP_HALF_CLOSE] = "half-close",
};

/* A plausible body for a handshake message sent out of place: the state
 * machine must reject it by its type, whatever its contents. */
static void sample_body(gt_sp *sp, int type, gt_wbuf *b)
{
    uint8_t junk[256];
    RAND_bytes(junk, sizeof(junk));
    switch (type) {
    case GT_HS_CLIENT_HELLO:
        gt_sp_default_client_hello(sp);
        gt_wire_client_hello(b, &sp->hello);
        break;
    case GT_HS_SERVER_HELLO: {
        gt_wire_hello h = {.version = 0x0303, .n_suites = 1, .n_comp = 1};
        h.sid_len_override = -1;
        h.ext.block_len_override = -1;
        h.suites[0] = sp->suite ? sp->suite->code : sp->cfg.suites[0];
        memcpy(h.random, junk, 32);
        gt_wire_server_hello(b, &h);
        break;
    }
    case GT_HS_CERTIFICATE: {
        gt_sp_chain *c = sp->cfg.client_chain ? sp->cfg.client_chain : sp->cfg.rsa_chain;
        if (c != NULL)
            gt_wire_certificate(b, (const uint8_t *const *)c->der, c->len, c->n);
        else
            gt_wire_certificate(b, NULL, NULL, 0);
        break;
    }
    case GT_HS_SERVER_KEY_EXCHANGE:
        junk[0] = 4;
        gt_wire_ske_ecdhe(b, GT_GROUP_P256, junk, 65, 0x0401, junk, 128);
        break;
    case GT_HS_CERTIFICATE_REQUEST: {
        static const uint8_t t[] = {1};
        static const uint16_t a[] = {0x0401};
        gt_wire_cert_request(b, t, 1, a, 1, NULL, 0);
        break;
    }
    case GT_HS_CERTIFICATE_VERIFY:
        gt_wire_cert_verify(b, 0x0401, junk, 256);
        break;
    case GT_HS_CLIENT_KEY_EXCHANGE:
        junk[0] = 4;
        gt_wire_cke_ecdhe(b, junk, 65);
        break;
    case GT_HS_FINISHED:
        gt_wbuf_put(b, junk, 12);
        break;
    case GT_HS_NEW_SESSION_TICKET:
        gt_wire_new_ticket(b, 300, junk, 32);
        break;
    case GT_HS_HELLO_REQUEST:
    case GT_HS_SERVER_HELLO_DONE:
        break;
    default:
        gt_wbuf_put(b, junk, 4);
        break;
    }
}

static int send_msg(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf b = {0};
    if (st->pre) st->pre(sp);
    sample_body(sp, st->arg, &b);
    int rc = gt_sp_send_hs(sp, st, (uint8_t)st->arg, &b);
    gt_wbuf_free(&b);
    return rc;
}

/* GT_OP_RECORD: `post` writes the fragment; GT_OP_RAW: the bytes go out
 * without any record framing. */
static int send_record(gt_sp *sp, const gt_sp_step *st, int raw)
{
    gt_wbuf b = {0};
    int rc;
    if (st->pre) st->pre(sp);
    if (st->post) st->post(sp, &b);
    if (raw) {
        rc = sp->t->send(sp->t->ctx, b.p, b.n);
        if (rc != 0) gt_sp_fail(sp, GT_OBS_CLOSED, "the target closed the connection");
    } else {
        rc = gt_sp_send_record(sp, st, (uint8_t)st->arg, b.p, b.n);
    }
    gt_wbuf_free(&b);
    return rc;
}

static int send_app(gt_sp *sp, const gt_sp_step *st)
{
    static const char req[] = "GET / HTTP/1.0\r\n\r\n";
    gt_wbuf b = {0};
    if (st->pre) st->pre(sp);
    if (st->arg > 0)
        gt_wbuf_fill(&b, 'A', (size_t)st->arg);
    else
        gt_wbuf_put(&b, req, sizeof(req) - 1);
    if (st->post) st->post(sp, &b);
    int rc = gt_sp_send_record(sp, st, GT_CT_APPDATA, b.p, b.n);
    gt_wbuf_free(&b);
    return rc;
}

static int expect_app(gt_sp *sp)
{
    gt_sp_ev ev;
    if (gt_sp_next(sp, &ev) != 0) return -1;
    if (ev.kind == GT_CT_APPDATA) {
        sp->app_bytes += ev.len;
        return 0;
    }
    return gt_sp_fail(sp, GT_OBS_MESSAGE, "%s instead of application data",
                      ev.kind == GT_CT_HANDSHAKE ? gt_wire_hs_name(ev.hs_type)
                                                 : "ChangeCipherSpec");
}

/* RFC 5246 §7.2.1: the other side answers close_notify with its own.
 * Application data still in flight is skipped. */
static int expect_close_notify(gt_sp *sp)
{
    gt_sp_ev ev;
    for (;;) {
        if (gt_sp_next(sp, &ev) != 0) {
            if (sp->obs != GT_OBS_ALERT || sp->alert_desc != 0) return -1;
            sp->obs = GT_OBS_COMPLETED;
            return 0;
        }
        if (ev.kind != GT_CT_APPDATA)
            return gt_sp_fail(sp, GT_OBS_MESSAGE, "%s instead of close_notify",
                              ev.kind == GT_CT_HANDSHAKE ? gt_wire_hs_name(ev.hs_type) : "CCS");
    }
}

/* The end of most negative cases: whatever the target does next. */
static int wait_reaction(gt_sp *sp)
{
    gt_sp_ev ev;
    if (gt_sp_next(sp, &ev) != 0) return -1;
    if (ev.kind == GT_CT_HANDSHAKE)
        return gt_sp_fail(sp, GT_OBS_MESSAGE, "the target went on with %s",
                          gt_wire_hs_name(ev.hs_type));
    if (ev.kind == GT_CT_CCS)
        return gt_sp_fail(sp, GT_OBS_MESSAGE, "the target went on with ChangeCipherSpec");
    return gt_sp_fail(sp, GT_OBS_MESSAGE, "the target sent application data");
}

/* A clean close first (RFC 5246 §7.2.1): some servers drop a session from
 * their cache when the connection ends without close_notify. */
static int reconnect(gt_sp *sp)
{
    if (sp->handshakes > 0) (void)gt_sp_send_alert(sp, 1, 0);
    if (sp->t->reconnect == NULL || sp->t->reconnect(sp->t->ctx) != 0)
        return gt_sp_fail(sp, GT_OBS_HARNESS, "could not open a second connection to the target");
    gt_sp_reset_handshake(sp);
    memset(&sp->rd, 0, sizeof(sp->rd));
    memset(&sp->wr, 0, sizeof(sp->wr));
    memset(&sp->next_rd, 0, sizeof(sp->next_rd));
    memset(&sp->next_wr, 0, sizeof(sp->next_wr));
    gt_wbuf_reset(&sp->in);
    gt_wbuf_reset(&sp->hs);
    gt_wbuf_reset(&sp->held);
    sp->handshakes = 0;
    sp->conn_index++;
    return 0;
}

static int new_ticket(gt_sp *sp, const gt_sp_step *st)
{
    gt_wbuf b = {0};
    uint8_t t[32];
    RAND_bytes(t, sizeof(t));
    if (st->pre) st->pre(sp);
    gt_wire_new_ticket(&b, 300, t, sizeof(t));
    int rc = gt_sp_send_hs(sp, st, GT_HS_NEW_SESSION_TICKET, &b);
    gt_wbuf_free(&b);
    return rc;
}

static int step(gt_sp *sp, const gt_sp_step *st)
{
    switch (st->op) {
    case GT_OP_CCS:
        if (st->pre) st->pre(sp);
        return gt_sp_send_ccs(sp, st);
    case GT_OP_FINISHED:
        if (st->pre) st->pre(sp);
        return gt_sp_send_finished(sp, st);
    case GT_OP_MSG:
        return send_msg(sp, st);
    case GT_OP_RECORD:
        return send_record(sp, st, 0);
    case GT_OP_RAW:
        return send_record(sp, st, 1);
    case GT_OP_APP:
        return send_app(sp, st);
    case GT_OP_EXPECT_APP:
        return expect_app(sp);
    case GT_OP_ALERT:
        return gt_sp_send_alert(sp, st->arg >> 8, st->arg & 0xff);
    case GT_OP_EXPECT_CLOSE_NOTIFY:
        return expect_close_notify(sp);
    case GT_OP_WAIT:
        return wait_reaction(sp);
    case GT_OP_RECONNECT:
        return reconnect(sp);
    case GT_OP_NEW_TICKET:
        return new_ticket(sp, st);
    case GT_OP_CALL:
        if (st->pre) st->pre(sp);
        return sp->obs == GT_OBS_COMPLETED ? 0 : -1;
    case GT_OP_HALF_CLOSE:
        if (sp->t->shutdown == NULL)
            return gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE, "the transport cannot half-close");
        sp->t->shutdown(sp->t->ctx);
        return 0;
    case GT_OP_EXPECT_ANY: {
        gt_sp_ev ev;
        return gt_sp_next(sp, &ev);
    }
    default:
        return sp->cfg.role == 0 ? gt_sp_client_step(sp, st) : gt_sp_server_step(sp, st);
    }
}

int gt_sp_run(gt_sp *sp, const gt_sp_step *steps)
{
    sp->obs = GT_OBS_COMPLETED;
    snprintf(sp->text, sizeof(sp->text), "completed");
    for (int i = 0; steps[i].op != GT_OP_END; i++) {
        if (step(sp, &steps[i]) == 0) continue;
        char tmp[256];
        int op = steps[i].op;
        const char *name =
            op >= 0 && (size_t)op < sizeof(op_names) / sizeof(op_names[0]) && op_names[op] != NULL
                ? op_names[op]
                : "?";
        snprintf(tmp, sizeof(tmp), "%s", sp->text);
        snprintf(sp->text, sizeof(sp->text), "step %d (%s): %s", i + 1, name, tmp);
        return sp->obs;
    }
    sp->obs = GT_OBS_COMPLETED;
    snprintf(sp->text, sizeof(sp->text), "completed");
    return GT_OBS_COMPLETED;
}
