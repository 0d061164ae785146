/*
 * Scripts for the scripted peer: a C table of steps (gt_sp_step), run in
 * order by gt_sp_run() until one step sees something it did not expect.
 *
 * The "language":
 *   - A step names an operation (GT_OP_*): send one message or one flight
 *     step of a real handshake (the peer computes keys, transcript and
 *     Finished as a conforming peer would), read the target's flight and
 *     check it, send arbitrary records/alerts/application data, reconnect
 *     for resumption, or wait for the target's reaction (GT_OP_WAIT).
 *   - `pre` runs before a message is built and may edit the peer (its
 *     hello struct sp->hello, options, the tamper of the next record...).
 *   - `post` gets the finished handshake message (4-byte header + body) and
 *     may rewrite any byte; call gt_sp_relen() after resizing the body to
 *     keep the header length right (or leave it wrong on purpose).
 *   - framing: `frag` cuts the message into records of at most that many
 *     bytes; GT_F_HOLD keeps it back so the next handshake message shares
 *     its record (coalescing); GT_F_TWICE sends it two times; `rec_version`
 *     overrides the record version; `tamper` damages the protected record.
 *
 * The run ends with an observation: the script completed, or the first
 * thing the target did that a step did not expect (an alert, another
 * message, a close, silence). The conformance case compares that with
 * what the RFC requires.
 */
#ifndef GT_SCRIPT_H
#define GT_SCRIPT_H

#include "peer.h"

typedef struct gt_sp gt_sp;
typedef void (*gt_sp_pre_fn)(gt_sp *sp);
typedef void (*gt_sp_post_fn)(gt_sp *sp, gt_wbuf *msg);

enum gt_sp_op {
    GT_OP_END = 0,
    /* client role: what a client sends / expects */
    GT_OP_CLIENT_HELLO,
    GT_OP_SERVER_FLIGHT, /* ServerHello .. ServerHelloDone, or SH [NST] CCS Finished */
    GT_OP_CLIENT_CERT,   /* arg 1: an empty certificate_list */
    GT_OP_CKE,
    GT_OP_CERT_VERIFY,
    GT_OP_SERVER_FINISH, /* [NewSessionTicket] ChangeCipherSpec Finished */
    GT_OP_HANDSHAKE,     /* the whole client handshake, full or abbreviated */
    GT_OP_RENEGOTIATE,   /* client: a new ClientHello over the open connection */
    /* server role */
    GT_OP_READ_CLIENT_HELLO,
    GT_OP_SERVER_HELLO,
    GT_OP_SERVER_CERT,
    GT_OP_SKE,
    GT_OP_CERT_REQUEST,
    GT_OP_SHD,
    GT_OP_READ_CLIENT_FLIGHT, /* [Certificate] CKE [CertificateVerify] CCS Finished */
    GT_OP_NEW_TICKET,
    GT_OP_SERVE, /* the whole server handshake */
    /* both roles */
    GT_OP_CCS,      /* ChangeCipherSpec; switches the write keys */
    GT_OP_FINISHED, /* our Finished */
    GT_OP_MSG,      /* a handshake message of type `arg` with a plausible body */
    GT_OP_RECORD,   /* a record of content type `arg`; `post` writes the fragment */
    GT_OP_RAW,      /* `post` writes raw bytes, sent as they are */
    GT_OP_APP,      /* application data (an HTTP request, echoed or answered) */
    GT_OP_EXPECT_APP,
    GT_OP_ALERT, /* arg = level << 8 | description */
    GT_OP_EXPECT_CLOSE_NOTIFY,
    GT_OP_WAIT,             /* read until the target alerts, closes or goes silent */
    GT_OP_RECONNECT,        /* new connection to the same target, keeping the session */
    GT_OP_CALL,             /* `pre` does anything */
    GT_OP_FINISH_HANDSHAKE, /* client: the rest of the handshake after the server's flight */
    GT_OP_EXPECT_ANY,       /* one event of any kind; only an alert or a close ends the run */
    GT_OP_HALF_CLOSE,       /* end our direction without close_notify (truncation) */
};

#define GT_F_HOLD   0x01u /* coalesce with the next handshake message */
#define GT_F_TWICE  0x02u /* send the message twice */
#define GT_F_NOHASH 0x04u /* keep the message out of the transcript */

typedef struct {
    int op, arg;
    gt_sp_pre_fn pre;
    gt_sp_post_fn post;
    unsigned flags;
    size_t frag;          /* max bytes per record, 0 = 16384 */
    uint16_t rec_version; /* 0 = 0x0303 (0x0301 for a first ClientHello) */
} gt_sp_step;

/* What the target did that ended the script. */
enum gt_sp_obs {
    GT_OBS_COMPLETED,
    GT_OBS_ALERT,          /* alert_level / alert_desc */
    GT_OBS_CLOSED,         /* TCP close with no alert */
    GT_OBS_TIMEOUT,        /* no reaction in time */
    GT_OBS_MESSAGE,        /* a message a step did not expect (text says which) */
    GT_OBS_INVALID,        /* the target sent something malformed or wrong */
    GT_OBS_HARNESS,        /* the peer itself could not go on (not a verdict) */
    GT_OBS_NOT_APPLICABLE, /* the target does not offer what the case needs */
};

/* Peer configuration (the defaults come from gt_sp_new). */
typedef struct {
    int role; /* 0 client, 1 server */
    int timeout_ms;
    uint16_t suites[32];
    size_t n_suites;
    uint16_t groups[8];
    size_t n_groups;
    uint16_t sigalgs[16];
    size_t n_sigalgs;
    const char *sni;
    int ems, etm, tickets, reneg;
    int cert_request;                     /* server role: send a CertificateRequest */
    gt_sp_chain *client_chain;            /* client role: certificate for client auth */
    gt_sp_chain *rsa_chain, *ecdsa_chain; /* server role */
} gt_sp_cfg;

typedef struct {
    int valid, ems;
    uint16_t suite;
    uint8_t sid[32], ms[48];
    size_t sid_len;
    gt_wbuf ticket;
    char sni[64];
} gt_sp_session;

struct gt_sp {
    gt_sp_cfg cfg;
    gt_conform_transport *t;
    void *user; /* the case's own data */
    int conn_index;

    /* the message under construction (ClientHello or ServerHello) */
    gt_wire_hello hello;
    gt_sp_tamper tamper;     /* applied to the next protected record, then cleared */
    int rsa_variant;         /* malformed PKCS#1 block for the next RSA CKE */
    uint16_t override_group; /* our ECDHE share's group when != 0 */
    int bad_signature;       /* flip a bit in our next SKE/CertificateVerify signature */
    /* server role: edits our ECDHE share before the SKE is signed */
    void (*edit_point)(gt_sp *sp, uint8_t *pt, size_t *n);
    uint16_t ske_group;     /* server role: the group named in the SKE when != 0 */
    uint8_t ske_curve_type; /* server role: ECParameters.curve_type when != 0 */
    uint16_t ske_sigalg;    /* server role: signature algorithm when != 0 */

    /* handshake state */
    const gt_sp_suite *suite;
    uint16_t group, peer_sigalg;
    uint8_t cr[32], sr[32], ms[48];
    int ems, etm, resumed, resuming, cert_requested, peer_cert_sent, tick_offered, tick_sent;
    int client_alpn;
    EVP_PKEY *eph, *peer_key;
    uint8_t peer_point[160];
    size_t peer_point_len;
    uint16_t client_sigalgs[32];
    size_t n_client_sigalgs;
    uint16_t client_groups[16];
    size_t n_client_groups;
    uint16_t client_suites[128];
    size_t n_client_suites;
    int client_reneg, client_ticket, client_ems, client_etm;
    uint16_t sh_ext[GT_WIRE_EXT_MAX]; /* extension types in the last ServerHello */
    size_t n_sh_ext;
    uint8_t sid[32];
    size_t sid_len;
    uint8_t verify_client[12], verify_server[12];
    int handshakes; /* completed handshakes on this connection */
    gt_wbuf transcript;
    gt_sp_dir rd, wr, next_rd, next_wr;
    gt_sp_session session;

    /* input */
    gt_wbuf in, hs, plain, held;
    uint8_t held_type;
    size_t app_bytes;

    /* the observation */
    int obs;
    int alert_level, alert_desc;
    char text[256];
    char na[160]; /* why a case does not apply, GT_OBS_NOT_APPLICABLE */
};

gt_sp *gt_sp_new(const gt_sp_cfg *cfg, gt_conform_transport *t);
void gt_sp_free(gt_sp *sp);
/* Runs the steps; returns sp->obs (the text is in sp->text). */
int gt_sp_run(gt_sp *sp, const gt_sp_step *steps);

/* Helpers for hooks. */
void gt_sp_relen(gt_wbuf *msg); /* recompute a handshake header's length */
const char *gt_sp_obs_name(int obs);

/* Internals shared by the peer's files. */
int gt_sp_fail(gt_sp *sp, int obs, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int gt_sp_send_hs(gt_sp *sp, const gt_sp_step *st, uint8_t type, const gt_wbuf *body);
int gt_sp_send_record(gt_sp *sp, const gt_sp_step *st, uint8_t type, const uint8_t *p, size_t n);
int gt_sp_send_ccs(gt_sp *sp, const gt_sp_step *st);
int gt_sp_send_finished(gt_sp *sp, const gt_sp_step *st);
int gt_sp_send_alert(gt_sp *sp, int level, int desc);

typedef struct {
    int kind; /* GT_CT_* for a record event, or -1 for end of input */
    uint8_t hs_type;
    const uint8_t *body; /* handshake body / fragment */
    size_t len;
    size_t th_before; /* transcript length before this handshake message */
} gt_sp_ev;

/* Next handshake message, CCS, alert or app data; 0, or -1 after recording
 * the observation (alert, close, timeout, malformed). Alerts always end. */
int gt_sp_next(gt_sp *sp, gt_sp_ev *ev);
/* Reads a handshake message of `type`; -1 with the observation otherwise. */
int gt_sp_expect_hs(gt_sp *sp, uint8_t type, gt_sp_ev *ev);
int gt_sp_expect_ccs(gt_sp *sp);
int gt_sp_expect_finished(gt_sp *sp);
int gt_sp_derive(gt_sp *sp, const uint8_t *pms, size_t n); /* master secret + next keys */
void gt_sp_reset_handshake(gt_sp *sp);

/* Role steps (client.c, server.c). */
int gt_sp_client_step(gt_sp *sp, const gt_sp_step *st);
int gt_sp_server_step(gt_sp *sp, const gt_sp_step *st);
void gt_sp_default_client_hello(gt_sp *sp);

#endif
