/* THE handshake table (s2n's state_machine[] / handshakes[][] idea):
 * - msgs[]: for every message, its wire type and its handler per role
 *   (recv for the role that receives it, send for the role that sends it);
 * - orders[kind]: the legal order of messages for each handshake kind, with
 *   who sends each. A message that is not the next one in the order is
 *   unexpected_message (RFC 5246 §7.4), whatever its type.
 * Two kinds: the full handshake and the abbreviated one (resumption); the
 * hellos decide which (resume.c switches the kind after them, when both
 * orders still agree). Optional messages are steps with a condition both
 * sides know by then (a CertificateRequest, the client's Certificate and
 * CertificateVerify, a NewSessionTicket): a step whose condition is false
 * is passed over; a key exchange without ServerKeyExchange likewise. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

typedef int (*recv_fn)(gt_conn *c, gt_rd *body);
typedef int (*send_fn)(gt_conn *c);

typedef struct {
    const char *name;
    uint8_t wire_type; /* HandshakeType; unused for CCS */
    recv_fn recv[2];   /* [receiver role] */
    send_fn send[2];   /* [sender role] */
    /* The transcript takes the message after the handler (Finished: its
     * verify_data covers the messages before it, RFC 5246 §7.4.9). */
    int hash_after;
    int not_hashed; /* CCS is a record, not a handshake message */
} msg_row;

#define C GT_ROLE_CLIENT
#define S GT_ROLE_SERVER

static const msg_row msgs[GT_HS_N] = {
    [GT_HS_CLIENT_HELLO] = {"ClientHello",
                            GT_HT_CLIENT_HELLO,
                            {[S] = gt_client_hello_recv},
                            {[C] = gt_client_hello_send},
                            0,
                            0},
    [GT_HS_SERVER_HELLO] = {"ServerHello",
                            GT_HT_SERVER_HELLO,
                            {[C] = gt_server_hello_recv},
                            {[S] = gt_server_hello_send},
                            0,
                            0},
    [GT_HS_CERTIFICATE] = {"Certificate",
                           GT_HT_CERTIFICATE,
                           {gt_certificate_recv, gt_certificate_recv},
                           {gt_certificate_send, gt_certificate_send},
                           0,
                           0},
    [GT_HS_SERVER_KEY_EXCHANGE] = {"ServerKeyExchange",
                                   GT_HT_SERVER_KEY_EXCHANGE,
                                   {[C] = gt_server_key_exchange_recv},
                                   {[S] = gt_server_key_exchange_send},
                                   0,
                                   0},
    [GT_HS_SERVER_HELLO_DONE] = {"ServerHelloDone",
                                 GT_HT_SERVER_HELLO_DONE,
                                 {[C] = gt_server_hello_done_recv},
                                 {[S] = gt_server_hello_done_send},
                                 0,
                                 0},
    [GT_HS_CLIENT_KEY_EXCHANGE] = {"ClientKeyExchange",
                                   GT_HT_CLIENT_KEY_EXCHANGE,
                                   {[S] = gt_client_key_exchange_recv},
                                   {[C] = gt_client_key_exchange_send},
                                   0,
                                   0},
    [GT_HS_CCS] =
        {"ChangeCipherSpec", 0, {gt_ccs_recv, gt_ccs_recv}, {gt_ccs_send, gt_ccs_send}, 0, 1},
    [GT_HS_FINISHED] = {"Finished",
                        GT_HT_FINISHED,
                        {gt_finished_recv, gt_finished_recv},
                        {gt_finished_send, gt_finished_send},
                        1,
                        0},
    [GT_HS_CERTIFICATE_REQUEST] = {"CertificateRequest",
                                   GT_HT_CERTIFICATE_REQUEST,
                                   {[C] = gt_certificate_request_recv},
                                   {[S] = gt_certificate_request_send},
                                   0,
                                   0},
    /* RFC 5246 §7.4.8: the signature covers the messages before it. */
    [GT_HS_CERTIFICATE_VERIFY] = {"CertificateVerify",
                                  GT_HT_CERTIFICATE_VERIFY,
                                  {[S] = gt_certificate_verify_recv},
                                  {[C] = gt_certificate_verify_send},
                                  1,
                                  0},
    [GT_HS_NEW_SESSION_TICKET] = {"NewSessionTicket",
                                  GT_HT_NEW_SESSION_TICKET,
                                  {[C] = gt_new_session_ticket_recv},
                                  {[S] = gt_new_session_ticket_send},
                                  0,
                                  0},
};

/* When a step applies (both sides know it at that point):
 * - IF_CR: the server's policy (the client learns it from the message
 *   itself: anything else in its place means "no request");
 * - IF_CERT_REQ: a CertificateRequest was sent/received;
 * - IF_CLIENT_CERT: the client's Certificate was not empty (§7.4.8);
 * - IF_TICKET: the ServerHello carried session_ticket (RFC 5077 §3.3). */
enum { ALWAYS = 0, IF_CR, IF_CERT_REQ, IF_CLIENT_CERT, IF_TICKET };

typedef struct {
    gt_hs_msg msg;
    gt_role sender;
    int when;
} step;

/* RFC 5246 §7.3, Figure 1, for the ECDHE key exchanges; RFC 5077 §3.1
 * places the NewSessionTicket before the server's ChangeCipherSpec. */
static const step full[] = {
    {GT_HS_CLIENT_HELLO, C, ALWAYS},
    {GT_HS_SERVER_HELLO, S, ALWAYS},
    {GT_HS_CERTIFICATE, S, ALWAYS},
    {GT_HS_SERVER_KEY_EXCHANGE, S, ALWAYS},
    {GT_HS_CERTIFICATE_REQUEST, S, IF_CR},
    {GT_HS_SERVER_HELLO_DONE, S, ALWAYS},
    {GT_HS_CERTIFICATE, C, IF_CERT_REQ},
    {GT_HS_CLIENT_KEY_EXCHANGE, C, ALWAYS},
    {GT_HS_CERTIFICATE_VERIFY, C, IF_CLIENT_CERT},
    {GT_HS_CCS, C, ALWAYS},
    {GT_HS_FINISHED, C, ALWAYS},
    {GT_HS_NEW_SESSION_TICKET, S, IF_TICKET},
    {GT_HS_CCS, S, ALWAYS},
    {GT_HS_FINISHED, S, ALWAYS},
    {GT_HS_END, C, ALWAYS},
};

/* RFC 5246 §7.3, Figure 2; RFC 5077 §3.1, Figure 2. The first two steps
 * are those of `full`: the kind is switched once the hellos decided. */
static const step abbrev[] = {
    {GT_HS_CLIENT_HELLO, C, ALWAYS},
    {GT_HS_SERVER_HELLO, S, ALWAYS},
    {GT_HS_NEW_SESSION_TICKET, S, IF_TICKET},
    {GT_HS_CCS, S, ALWAYS},
    {GT_HS_FINISHED, S, ALWAYS},
    {GT_HS_CCS, C, ALWAYS},
    {GT_HS_FINISHED, C, ALWAYS},
    {GT_HS_END, C, ALWAYS},
};

static const step *const orders[GT_HS_KIND_N] = {
    [GT_HS_KIND_FULL] = full, [GT_HS_KIND_ABBREV] = abbrev};

static int when_false(const gt_conn *c, const step *s)
{
    switch (s->when) {
    case IF_CR:
        return c->role == GT_ROLE_SERVER && !c->hs.cert_req;
    case IF_CERT_REQ:
        return !c->hs.cert_req;
    case IF_CLIENT_CERT:
        return !c->hs.client_cert;
    case IF_TICKET:
        return !c->hs.ticket_ack;
    default:
        return 0;
    }
}

/* Steps that do not apply to the negotiated suite are passed over: RSA
 * key transport has no ServerKeyExchange (RFC 5246 §7.4.3, §7.4.7.1). */
static int skipped(const gt_conn *c, const step *s)
{
    if (when_false(c, s)) return 1;
    return s->msg == GT_HS_SERVER_KEY_EXCHANGE && c->hs.suite && c->hs.suite->kx == GT_KX_RSA;
}

static const step *next_step(gt_conn *c)
{
    while (skipped(c, &orders[c->hs.kind][c->hs.pos]))
        c->hs.pos++;
    return &orders[c->hs.kind][c->hs.pos];
}

/* Runs our own messages until it is the peer's turn or the handshake is
 * over. */
static int advance(gt_conn *c)
{
    const step *s;
    while ((s = next_step(c))->msg != GT_HS_END && s->sender == c->role) {
        int err = msgs[s->msg].send[c->role](c);
        if (err) return err;
        c->hs.pos++;
    }
    if (s->msg == GT_HS_END) {
        gt_resume_done(c);
        c->hs_done = 1;
        if (c->state == GT_STATE_HANDSHAKING) c->state = GT_STATE_OPEN;
        /* The ephemeral key and the key block are done with. The master
         * secret stays for the RFC 5705 exporter (exporter.c); gt_conn_free
         * and gt_conn_fail wipe it (gt_hs_wipe). */
        gt_wipe(c->hs.ecdhe_priv, sizeof c->hs.ecdhe_priv);
        gt_wipe(c->hs.key_block, sizeof c->hs.key_block);
    }
    return 0;
}

int gt_hs_start(gt_conn *c)
{
    c->hs.kind = GT_HS_KIND_FULL;
    c->hs.pos = 0;
    return advance(c);
}

/* Handshake messages after the handshake: renegotiation is refused in both
 * roles with a no_renegotiation warning (RFC 5246 §7.4.1.1, §7.2.2; RFC
 * 5746 §4.2/§4.4 leave refusing to the implementation). */
static int post_handshake(gt_conn *c, uint8_t type, const gt_rd *body)
{
    if (c->role == GT_ROLE_SERVER && type == GT_HT_CLIENT_HELLO)
        return gt_conn_queue_alert(c, 1, GT_ALERT_NO_RENEGOTIATION);
    if (c->role == GT_ROLE_CLIENT && type == GT_HT_HELLO_REQUEST) {
        if (body->left) return GT_ERR_DECODE_TRAILING;
        return gt_conn_queue_alert(c, 1, GT_ALERT_NO_RENEGOTIATION);
    }
    return GT_ERR_UNEXPECTED_MESSAGE;
}

/* 1 when the next step is a handshake message from the peer: its flight
 * goes on. Otherwise it ended (our turn, a ChangeCipherSpec or the end). */
static int peer_flight_open(gt_conn *c)
{
    const step *s = next_step(c);
    return s->msg != GT_HS_END && s->msg != GT_HS_CCS && s->sender != c->role;
}

static int run_recv(gt_conn *c, gt_hs_msg m, const uint8_t *msg, size_t msg_len, gt_rd *body)
{
    const msg_row *row = &msgs[m];
    recv_fn fn = row->recv[c->role];
    if (!fn) return GT_ERR_UNEXPECTED_MESSAGE;
    if (!row->hash_after && !row->not_hashed) gt_transcript_add(&c->hs.th, msg, msg_len);
    int err = fn(c, body);
    if (err) return err;
    if (row->hash_after) gt_transcript_add(&c->hs.th, msg, msg_len);
    c->hs.pos++;
    /* Handshake bytes after the last message of the peer's flight answer a
     * flight of ours the peer has not seen, or come before a key change
     * (ChangeCipherSpec, RFC 5246 §7.1) that they must not straddle: the
     * legal orders of §7.3 have no place for them (unexpected_message,
     * §7.2.2). Checked before our flight is written. */
    if (m != GT_HS_CCS && c->hs_more && !peer_flight_open(c)) return GT_ERR_EXCESS_HANDSHAKE_DATA;
    return advance(c);
}

int gt_hs_dispatch(gt_conn *c, uint8_t type, const uint8_t *msg, size_t msg_len, gt_rd *body)
{
    if (c->hs_done) return post_handshake(c, type, body);
    /* §7.4.1.1: a HelloRequest during a handshake is ignored by the client
     * (and never hashed). */
    if (c->role == GT_ROLE_CLIENT && type == GT_HT_HELLO_REQUEST)
        return body->left ? GT_ERR_DECODE_TRAILING : 0;
    const step *s = next_step(c);
    /* §7.4.4: no CertificateRequest in its place means none was sent. */
    if (s->when == IF_CR && s->sender != c->role && type != GT_HT_CERTIFICATE_REQUEST) {
        c->hs.pos++;
        s = next_step(c);
    }
    if (s->msg == GT_HS_END || s->sender == c->role || s->msg == GT_HS_CCS ||
        msgs[s->msg].wire_type != type)
        return GT_ERR_UNEXPECTED_MESSAGE;
    return run_recv(c, s->msg, msg, msg_len, body);
}

int gt_hs_ccs(gt_conn *c)
{
    const step *s = next_step(c);
    if (c->hs_done || s->msg != GT_HS_CCS || s->sender == c->role) return GT_ERR_UNEXPECTED_MESSAGE;
    gt_rd none = gt_rd_init(NULL, 0);
    return run_recv(c, GT_HS_CCS, NULL, 0, &none);
}

/* ---- writing messages ------------------------------------------------- */

int gt_hs_begin(gt_conn *c, uint8_t type, gt_wr *w)
{
    uint8_t *at;
    size_t room;
    int err = gt_hs_out_prepare(c, &at, &room);
    if (err) return err;
    *w = gt_wr_init(at, room);
    gt_wr_u8(w, type);
    gt_wr_u24(w, 0); /* filled in by gt_hs_end */
    return gt_wr_status(w);
}

int gt_hs_end(gt_conn *c, gt_wr *w)
{
    int err = gt_wr_status(w);
    if (err) return err;
    size_t len = w->len;
    if (len < 4 || len - 4 > GT_MAX_HS_MSG) return GT_ERR_INTERNAL;
    gt_wr hdr = gt_wr_init(w->buf + 1, 3);
    gt_wr_u24(&hdr, (uint32_t)(len - 4));
    if ((err = gt_wr_status(&hdr))) return err;
    gt_transcript_add(&c->hs.th, w->buf, len);
    return gt_conn_emit(c, GT_CT_HANDSHAKE, len);
}

void gt_hs_wipe(gt_hs *hs)
{
    gt_wipe(hs->ecdhe_priv, sizeof hs->ecdhe_priv);
    gt_wipe(hs->master, sizeof hs->master);
    gt_wipe(hs->key_block, sizeof hs->key_block);
    gt_wipe(&hs->sess, sizeof hs->sess);
    gt_wipe(hs->ticket, sizeof hs->ticket);
}
