/*
 * harness/conform: conformance cases, one per requirement, each citing the
 * RFC text it checks, and the runner that plays them against a target with
 * the scripted peer (harness/peer).
 *
 * A case is data: an id, the RFC section and the quoted requirement, the
 * role under test, a script (gt_sp_step table), the outcome the RFC
 * requires (and, where the RFC allows several, the set accepted), and
 * flags saying what it needs from the target (a CBC suite, tickets, client
 * authentication...) and whether it runs once per suite or per group.
 */
#ifndef GT_CONFORM_H
#define GT_CONFORM_H

#include "script.h"

#include <stddef.h>

/* The role of the TARGET the case tests. */
enum { GT_TARGET_SERVER = 0, GT_TARGET_CLIENT = 1 };

enum gt_cf_expect {
    GT_X_ALERT,       /* a fatal alert with one of the accepted descriptions */
    GT_X_OK,          /* the script completes */
    GT_X_NOT_RESUMED, /* a full handshake, or any fatal alert */
    GT_X_RESUMED,     /* an abbreviated handshake */
    GT_X_OK_OR_ALERT, /* completes, or a fatal alert from the accepted set */
    GT_X_CLOSED,      /* the target closes: TCP close or close_notify, nothing else */
    GT_X_ENDS,        /* the target ends the connection: a close or any fatal alert */
};

/* Needs and combinations. */
#define GT_CF_PER_SUITE      0x0001u  /* one instance per suite the target supports */
#define GT_CF_PER_GROUP      0x0002u  /* one instance per group (ECDHE suites) */
#define GT_CF_CBC            0x0004u  /* needs a CBC suite */
#define GT_CF_RSA_KX         0x0008u  /* needs RSA key exchange */
#define GT_CF_ECDHE          0x0010u  /* needs an ECDHE suite */
#define GT_CF_CLIENT_AUTH    0x0020u  /* needs a server that requests certificates */
#define GT_CF_RESUME_ID      0x0040u  /* needs session-id resumption */
#define GT_CF_TICKET         0x0080u  /* needs session tickets */
#define GT_CF_EMS            0x0100u  /* needs extended_master_secret */
#define GT_CF_AEAD           0x0200u  /* needs an AEAD suite */
#define GT_CF_ETM            0x0400u  /* needs encrypt_then_mac with a CBC suite */
#define GT_CF_RENEG          0x0800u  /* needs secure renegotiation support */
#define GT_CF_NO_CLIENT_AUTH 0x1000u  /* only when the server does not ask for certificates */
#define GT_CF_RSL            0x2000u  /* needs record_size_limit (RFC 8449) support */
#define GT_CF_MFL            0x4000u  /* needs max_fragment_length (RFC 6066 §4) support */
#define GT_CF_RSA_AUTH       0x8000u  /* an RSA-authenticated suite (ECDHE_RSA or RSA) */
#define GT_CF_POLICY         0x10000u /* the alert is optional under --client-auth request */

typedef struct gt_cf_case gt_cf_case;
typedef struct gt_cf_env gt_cf_env;

struct gt_cf_case {
    const char *id;
    const char *rfc;   /* "RFC 5246 §7.4.1.2" */
    const char *quote; /* the requirement, quoted from ../shared/rfc/ */
    int target;        /* GT_TARGET_SERVER / GT_TARGET_CLIENT */
    const gt_sp_step *steps;
    int expect;
    int n_alerts;
    int alerts[6];
    unsigned flags;
    int arg;             /* free for the case's hooks (sp->user) */
    int warn_ok;         /* an accepted alert may come at warning level */
    uint16_t need_group; /* runs only with this ECDHE group */
    const char *data;    /* bytes for the case's hooks, e.g. an extension body */
    int data_len;
    void (*setup)(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c); /* config tweaks */
    /* Extra check after the script completed; 0 pass, else why in `why`. */
    int (*check)(const gt_sp *sp, char *why, size_t n);
};

/* What the probe learned about the target, plus the harness's files. */
struct gt_cf_env {
    int target; /* role of the target */
    uint16_t suites[32];
    size_t n_suites;
    uint16_t groups[4];
    size_t n_groups;
    int resume_id, tickets, ems, etm, reneg, client_auth, rsl, mfl;
    int client_auth_optional; /* --client-auth request: the server may go on unauthenticated */
    uint16_t only[32];        /* --suites: probe and run only these (n_only 0: all) */
    size_t n_only;
    char why_no[17][96]; /* reasons per GT_CF_ flag bit */
    gt_sp_chain rsa, ecdsa, client_rsa, client_p256;
    const char *pki_dir, *conform_dir;
};

/* Registry. */
void gt_cf_add(const gt_cf_case *c);
size_t gt_cf_count(void);
const gt_cf_case *gt_cf_get(size_t i);
/* Helper for generated cases: a heap copy that lives for the run. */
gt_cf_case *gt_cf_new(const gt_cf_case *tmpl);
gt_sp_step *gt_cf_steps(const gt_sp_step *s, size_t n);

/* Case families, one file each. */
void gt_cf_cases_hello(void);
void gt_cf_cases_ext(void);
void gt_cf_cases_state(void);
void gt_cf_cases_record(void);
void gt_cf_cases_kx(void);
void gt_cf_cases_cert(void);
void gt_cf_cases_session(void);
void gt_cf_cases_alert(void);
void gt_cf_cases_client(void);

/* Short-hands for case tables. */
#define A(name)          GT_ALERT_##name
#define ALERTS1(a)       .n_alerts = 1, .alerts = {a}
#define ALERTS2(a, b)    .n_alerts = 2, .alerts = {a, b}
#define ALERTS3(a, b, c) .n_alerts = 3, .alerts = {a, b, c}

/* RFC 5246 §7.2 + later registrations (the wire values). */
enum {
    GT_ALERT_close_notify = 0,
    GT_ALERT_unexpected_message = 10,
    GT_ALERT_bad_record_mac = 20,
    GT_ALERT_record_overflow = 22,
    GT_ALERT_handshake_failure = 40,
    GT_ALERT_bad_certificate = 42,
    GT_ALERT_unsupported_certificate = 43,
    GT_ALERT_certificate_expired = 45,
    GT_ALERT_certificate_unknown = 46,
    GT_ALERT_illegal_parameter = 47,
    GT_ALERT_unknown_ca = 48,
    GT_ALERT_access_denied = 49,
    GT_ALERT_decode_error = 50,
    GT_ALERT_decrypt_error = 51,
    GT_ALERT_protocol_version = 70,
    GT_ALERT_insufficient_security = 71,
    GT_ALERT_internal_error = 80,
    GT_ALERT_user_canceled = 90,
    GT_ALERT_no_renegotiation = 100,
    GT_ALERT_unsupported_extension = 110,
    GT_ALERT_unrecognized_name = 112,
    GT_ALERT_no_application_protocol = 120,
};

/* A certificate chain from the conformance folder (vectors/conform), with
 * bad-leaf.key; loaded once, shared by all threads. NULL if missing. */
gt_sp_chain *gt_cf_chain(const gt_cf_env *env, const char *file);

/* Common scripts. */
extern const gt_sp_step gt_cf_full_handshake_app[]; /* handshake, app data round trip */

#endif
