/*
 * Resumption (the target is a server), by session id and by ticket: the
 * control, a resumption offer without the session's suite, EMS added or
 * dropped (RFC 7627 §5.3), another server_name (RFC 6066 §3), a tampered
 * ticket (RFC 5077 §3.4), a bad Finished in an abbreviated handshake.
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_RESUME[] =
    "RFC 5246 §7.3: the client sends a ClientHello using the Session ID of the session to be "
    "resumed.  The server then checks its session cache for a match.  If a match is found, and "
    "the server is willing to re-establish the connection under the specified session state, it "
    "will send a ServerHello with the same Session ID value.";
static const char Q_SUITE[] =
    "RFC 5246 §7.4.1.2: If the session_id field is not empty (implying a session resumption "
    "request), this vector MUST include at least the cipher_suite from that session. "
    "(§7.4.1.3: For resumed sessions, this field is the value from the state of the session "
    "being resumed. Without it the server cannot resume: a full handshake or an alert.)";
static const char Q_EMS_DROPPED[] =
    "RFC 7627 §5.3: If the original session used the \"extended_master_secret\" extension but "
    "the new ClientHello does not contain it, the server MUST abort the abbreviated handshake.";
static const char Q_EMS_ADDED[] =
    "RFC 7627 §5.3: If the original session did not use the \"extended_master_secret\" "
    "extension but the new ClientHello contains the extension, then the server MUST NOT perform "
    "the abbreviated handshake.  Instead, it SHOULD continue with a full handshake.";
static const char Q_SNI[] =
    "RFC 6066 §3: A server that implements this extension MUST NOT accept the request to resume "
    "the session if the server_name extension contains a different name.  Instead, it proceeds "
    "with a full handshake to establish a new session.";
static const char Q_TICKET[] = "RFC 5077 §3.4: If the server fails to verify the ticket, then it "
                               "falls back to performing a full handshake.";
static const char Q_FIN[] =
    "RFC 5246 §7.4.9: Recipients of Finished messages MUST verify that the contents are correct. "
    "(§7.2.2 decrypt_error: ... validate a Finished message.)";

static void all_suites(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    memcpy(cfg->suites, env->suites, env->n_suites * 2);
    cfg->n_suites = env->n_suites;
    if (c->arg & 1) cfg->tickets = 1;
}
static void tickets(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    (void)env, (void)c;
    cfg->tickets = 1;
}
static void other_suite(gt_sp *sp)
{
    size_t j = 0;
    for (size_t i = 0; i < sp->hello.n_suites; i++)
        if (sp->hello.suites[i] != sp->session.suite) sp->hello.suites[j++] = sp->hello.suites[i];
    sp->hello.n_suites = j;
    if (j == 0) gt_sp_fail(sp, GT_OBS_NOT_APPLICABLE, "the target supports a single suite");
}
static void no_ems(gt_sp *sp)
{
    gt_wire_ext_del(&sp->hello.ext, GT_EXT_EXTENDED_MASTER_SECRET);
}
static void cfg_no_ems(gt_sp *sp)
{
    sp->cfg.ems = 0;
}
static void add_ems(gt_sp *sp)
{
    gt_wire_ext_ems(&sp->hello.ext);
}
static void other_name(gt_sp *sp)
{
    gt_wire_ext_sni(&sp->hello.ext, "server.test");
}
static void bad_ticket(gt_sp *sp)
{
    gt_wire_ext *e = gt_wire_ext_find(&sp->hello.ext, GT_EXT_SESSION_TICKET);
    if (e != NULL && e->len > 0) e->body[e->len / 2] ^= 0x5a;
}
static void flip_verify(gt_sp *sp, gt_wbuf *m)
{
    (void)sp;
    m->p[m->n - 1] ^= 0x01;
}

#define S GT_TARGET_SERVER
/* full handshake, clean close, new connection, edited ClientHello */
#define RESUME(pre1, pre2)                                                                         \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_HANDSHAKE, .pre = pre1}, {.op = GT_OP_RECONNECT},                             \
            {.op = GT_OP_CLIENT_HELLO, .pre = pre2}, {.op = GT_OP_SERVER_FLIGHT},                  \
            {.op = GT_OP_FINISH_HANDSHAKE}, {.op = GT_OP_APP}, {.op = GT_OP_EXPECT_APP},           \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define ID     GT_CF_RESUME_ID
#define TICKET GT_CF_TICKET

static const gt_cf_case cases[] = {
    {"sess.id.control", "RFC 5246 §7.3", Q_RESUME, S, RESUME(NULL, NULL), GT_X_RESUMED,
     .flags = ID | GT_CF_PER_SUITE},
    {"sess.id.suite-not-offered", "RFC 5246 §7.4.1.2", Q_SUITE, S, RESUME(NULL, other_suite),
     GT_X_NOT_RESUMED, .flags = ID, .setup = all_suites},
    {"sess.id.ems-dropped", "RFC 7627 §5.3", Q_EMS_DROPPED, S, RESUME(NULL, no_ems),
     GT_X_NOT_RESUMED, .flags = ID | GT_CF_EMS},
    {"sess.id.ems-added", "RFC 7627 §5.3", Q_EMS_ADDED, S, RESUME(cfg_no_ems, add_ems),
     GT_X_NOT_RESUMED, .flags = ID | GT_CF_EMS},
    {"sess.id.other-server-name", "RFC 6066 §3", Q_SNI, S, RESUME(NULL, other_name),
     GT_X_NOT_RESUMED, .flags = ID},
    {"sess.id.bad-finished", "RFC 5246 §7.4.9", Q_FIN, S,
     (const gt_sp_step[]){{.op = GT_OP_HANDSHAKE},
                          {.op = GT_OP_RECONNECT},
                          {.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED, .post = flip_verify},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(decrypt_error)), .flags = ID},
    {"sess.ticket.control", "RFC 5077 §3.1", Q_RESUME, S, RESUME(NULL, NULL), GT_X_RESUMED,
     .flags = TICKET | GT_CF_PER_SUITE, .setup = tickets},
    {"sess.ticket.suite-not-offered", "RFC 5246 §7.4.1.2", Q_SUITE, S, RESUME(NULL, other_suite),
     GT_X_NOT_RESUMED, .flags = TICKET, .setup = all_suites, .arg = 1},
    {"sess.ticket.ems-dropped", "RFC 7627 §5.3", Q_EMS_DROPPED, S, RESUME(NULL, no_ems),
     GT_X_NOT_RESUMED, .flags = TICKET | GT_CF_EMS, .setup = tickets},
    {"sess.ticket.ems-added", "RFC 7627 §5.3", Q_EMS_ADDED, S, RESUME(cfg_no_ems, add_ems),
     GT_X_NOT_RESUMED, .flags = TICKET | GT_CF_EMS, .setup = tickets},
    {"sess.ticket.other-server-name", "RFC 6066 §3", Q_SNI, S, RESUME(NULL, other_name),
     GT_X_NOT_RESUMED, .flags = TICKET, .setup = tickets},
    {"sess.ticket.tampered", "RFC 5077 §3.4", Q_TICKET, S, RESUME(NULL, bad_ticket),
     GT_X_NOT_RESUMED, .flags = TICKET, .setup = tickets},
};

void gt_cf_cases_session(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
