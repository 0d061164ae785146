/* Session resumption (RFC 5246 §7.3, Figure 2) by session ID and by
 * ticket (RFC 5077 §3.1-3.4), in both roles.
 *
 * Client: an imported session (gt_conn_set_session) is offered only while
 * it is fresh, its suite is still configured, the connection is to the same
 * name (RFC 6066 §3) and it has an extended master secret (RFC 7627 §5.3:
 * a client SHOULD NOT offer to resume a session without one). A ticket
 * goes with the session's ID, or a random one when the session has none,
 * so the echo in the ServerHello says the server resumed (RFC 5077 §3.4).
 * (Clients that send a ticket with an empty ID, as wolfSSL does, get an
 * empty one back on acceptance, and tell by the next message.)
 *
 * Server: a ticket is tried first, then the cache. A session found is
 * resumed only when the ClientHello still offers its suite (RFC 5246
 * §7.4.1.2) and we still allow it, with the same server_name (RFC 6066
 * §3), with EMS, and a client certificate when the policy requires one.
 * RFC 7627 §5.3: a session with EMS offered in a hello without it is
 * aborted (handshake_failure); a session without EMS is never resumed (a
 * hello with EMS MUST NOT resume it; for one without EMS the RFC says
 * SHOULD abort, we run a full handshake instead, which uses nothing of the
 * old session). Every other refusal is a full handshake with a new session,
 * never an error. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

static uint32_t lifetime(const gt_config *cfg)
{
    return cfg->sess_lifetime ? cfg->sess_lifetime : GT_SESSION_LIFETIME;
}

static int in_list(uint16_t v, const uint16_t *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v) return 1;
    return 0;
}

/* ---- client ----------------------------------------------------------- */

static int client_may_offer(gt_conn *c)
{
    const gt_config *cfg = c->cfg;
    gt_session *s = &c->hs.sess;
    uint64_t now = gt_cfg_now(cfg);
    if (!c->hs.have_sess || !gt_session_fresh(s, now)) return 0;
    /* RFC 5077 §3.3: the hint bounds how long the ticket is worth keeping. */
    if (c->hs.ticket_len && c->hs.ticket_hint && now - s->created > c->hs.ticket_hint)
        c->hs.ticket_len = 0;
    if (!s->id_len && !c->hs.ticket_len) return 0;
    if (!in_list(s->suite, cfg->suites, cfg->n_suites)) return 0;
    if (strcmp(s->sni, c->server_name) != 0) return 0;
    return s->ems && cfg->ems;
}

int gt_resume_write_session_id(gt_conn *c, gt_wr *w)
{
    c->hs.offer_resume = client_may_offer(c);
    c->hs.sid_len = 0;
    if (c->hs.offer_resume && c->hs.sess.id_len) {
        c->hs.sid_len = c->hs.sess.id_len;
        memcpy(c->hs.sid, c->hs.sess.id, c->hs.sid_len);
    } else if (c->hs.offer_resume) {
        c->hs.sid_len = GT_SESSION_ID_MAX;
        int err = gt_cfg_random(c->cfg, c->hs.sid, c->hs.sid_len);
        if (err) return err;
    }
    gt_wr_u8(w, (uint8_t)c->hs.sid_len);
    return gt_wr_bytes(w, c->hs.sid, c->hs.sid_len);
}

/* RFC 5077 §3.2: empty to ask for a ticket, or the ticket to resume. */
void gt_resume_write_ch_ext(gt_conn *c, gt_wr *w)
{
    size_t n = c->hs.offer_resume ? c->hs.ticket_len : 0;
    if (!c->cfg->offer_tickets && !n) return;
    gt_wr_u16(w, GT_EXT_TYPE_SESSION_TICKET);
    gt_wr_u16(w, (uint16_t)n);
    gt_wr_bytes(w, c->hs.ticket, n);
    c->hs.offered |= GT_EXT_SESSION_TICKET;
}

/* Key block (and key log line) from the session's master secret. */
static int resumed_keys(gt_conn *c)
{
    const gt_suite_info *s = c->hs.suite;
    int err = gt_ks_key_block(s, c->hs.master, c->hs.client_random, c->hs.server_random,
                              c->hs.key_block, sizeof c->hs.key_block);
    if (err || !c->cfg->keylog) return err;
    char line[GT_KEYLOG_LINE_MAX];
    gt_ks_keylog_line(c->hs.client_random, c->hs.master, line);
    c->cfg->keylog(c->cfg->keylog_ctx, line);
    gt_wipe(line, sizeof line);
    return 0;
}

/* The ServerHello, after its own checks: resumed or not. */
int gt_resume_client(gt_conn *c, gt_rd sid, const gt_exts *e)
{
    if (e->seen & GT_EXT_SESSION_TICKET) {
        if (e->ticket.left) return GT_ERR_DECODE_TRAILING; /* RFC 5077 §3.2: empty */
        c->hs.ticket_ack = 1;
    }
    int echoed =
        c->hs.offer_resume && sid.left == c->hs.sid_len && !memcmp(sid.p, c->hs.sid, sid.left);
    if (!echoed) { /* a full handshake: the old session is dropped */
        gt_wipe(&c->hs.sess, sizeof c->hs.sess);
        c->hs.have_sess = 0;
        c->hs.ticket_len = 0;
        c->hs.sid_len = sid.left;
        return gt_rd_copy(&sid, c->hs.sid, sid.left);
    }
    /* RFC 5246 §7.4.1.3: the suite of the session being resumed. */
    if (c->hs.suite->id != c->hs.sess.suite) return GT_ERR_ILLEGAL_PARAMETER;
    /* RFC 7627 §5.3: the client MUST abort when the EMS state changed. */
    if (c->hs.ems != c->hs.sess.ems) return GT_ERR_HANDSHAKE_FAILURE;
    c->hs.resumed = 1;
    c->hs.kind = GT_HS_KIND_ABBREV;
    memcpy(c->hs.master, c->hs.sess.master, 48);
    c->info.resumed = 1;
    return resumed_keys(c);
}

/* ---- server ----------------------------------------------------------- */

static int suite_offered(const gt_client_hello *ch, uint16_t suite)
{
    gt_rd it = ch->suites;
    uint16_t v;
    while (gt_rd_u16(&it, &v) == 0)
        if (v == suite) return 1;
    return 0;
}

/* 1: resume; 0: full handshake; < 0: abort. */
static int acceptable(const gt_conn *c, const gt_client_hello *ch, const gt_session *s)
{
    const gt_config *cfg = c->cfg;
    if (s->ems && !(ch->exts.seen & GT_EXT_EMS)) return GT_ERR_HANDSHAKE_FAILURE;
    if (!s->ems || !c->hs.ems) return 0;
    if (!suite_offered(ch, s->suite) || !in_list(s->suite, cfg->suites, cfg->n_suites)) return 0;
    if (strcmp(s->sni, c->info.sni) != 0) return 0;
    if (cfg->client_auth == GT_CLIENT_AUTH_REQUIRE && !s->has_peer) return 0;
    return 1;
}

static int find(gt_conn *c, const gt_client_hello *ch, gt_session *s)
{
    const gt_config *cfg = c->cfg;
    uint64_t now = gt_cfg_now(cfg);
    gt_rd t = ch->exts.ticket;
    /* RFC 5077 §3.4: the ServerHello echoes the client's session ID,
     * which may be empty (the client then tells by the next message). */
    if (c->hs.ticket_ack && t.left && gt_ticket_open(cfg, t.p, t.left, s)) {
        if (gt_session_fresh(s, now) && now - s->created <= lifetime(cfg)) return 1;
        gt_wipe(s, sizeof *s);
    }
    if (!cfg->sess_cache || !ch->session_id.left) return 0;
    return gt_sess_cache_get(cfg->sess_cache, ch->session_id.p, ch->session_id.left, now, s);
}

static void take(gt_conn *c, const gt_client_hello *ch, const gt_session *s)
{
    c->hs.resumed = 1;
    c->hs.kind = GT_HS_KIND_ABBREV;
    c->hs.suite = gt_suite_info_get(s->suite);
    memcpy(c->hs.master, s->master, 48);
    c->hs.sess = *s;
    c->hs.sid_len = ch->session_id.left;
    memcpy(c->hs.sid, ch->session_id.p, c->hs.sid_len);
    c->info.suite = s->suite;
    c->info.group = 0;
    c->info.sigalg = 0;
    c->info.resumed = 1;
    c->info.client_cert = s->has_peer;
}

int gt_resume_server(gt_conn *c, const gt_client_hello *ch)
{
    const gt_config *cfg = c->cfg;
    gt_session s;
    /* RFC 5077 §3.2: an offered extension gets ours and a NewSessionTicket. */
    c->hs.ticket_ack = (ch->exts.seen & GT_EXT_SESSION_TICKET) && cfg->ticket_keys;
    int r = find(c, ch, &s) ? acceptable(c, ch, &s) : 0;
    if (r == 1 && c->hs.suite) take(c, ch, &s);
    gt_wipe(&s, sizeof s);
    if (r < 0) return r;
    if (c->hs.resumed) return 0;
    /* A full handshake: a CertificateRequest per the policy (§7.4.4). */
    c->hs.cert_req = cfg->client_auth != GT_CLIENT_AUTH_NONE;
    /* A new session: an ID when the cache can find it again. */
    c->hs.sid_len = cfg->sess_cache ? GT_SESSION_ID_MAX : 0;
    return c->hs.sid_len ? gt_cfg_random(cfg, c->hs.sid, c->hs.sid_len) : 0;
}

void gt_resume_write_sh_ext(gt_conn *c, gt_wr *w)
{
    if (c->hs.ticket_ack) gt_ext_write_empty(w, GT_EXT_TYPE_SESSION_TICKET);
}

int gt_resume_server_keys(gt_conn *c)
{
    return c->hs.resumed ? resumed_keys(c) : 0;
}

/* ---- the session kept ------------------------------------------------- */

void gt_resume_snapshot(const gt_conn *c, gt_session *s)
{
    if (c->hs.resumed) {
        *s = c->hs.sess;
        return;
    }
    const char *sni = c->role == GT_ROLE_CLIENT ? c->server_name : c->info.sni;
    memset(s, 0, sizeof *s);
    memcpy(s->master, c->hs.master, 48);
    s->suite = c->hs.suite->id;
    s->ems = (uint8_t)c->hs.ems;
    s->id_len = (uint8_t)c->hs.sid_len;
    memcpy(s->id, c->hs.sid, c->hs.sid_len);
    memcpy(s->sni, sni, strlen(sni) + 1);
    s->created = gt_cfg_now(c->cfg);
    s->lifetime = lifetime(c->cfg);
    s->has_peer = c->role == GT_ROLE_SERVER && c->hs.client_cert;
    if (s->has_peer) memcpy(s->peer_digest, c->hs.sess.peer_digest, 32);
}

void gt_resume_done(gt_conn *c)
{
    if (c->hs.resumed) return;
    gt_session s;
    gt_resume_snapshot(c, &s);
    c->hs.sess = s;
    if (c->role == GT_ROLE_SERVER && c->cfg->sess_cache && s.id_len)
        gt_sess_cache_put(c->cfg->sess_cache, &s, gt_cfg_now(c->cfg));
    gt_wipe(&s, sizeof s);
}
