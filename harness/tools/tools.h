/* tlsgauntlet — shared parts of the s_server/s_client-style tools
 * (gt-server, gt-client; ./gauntlet server|client) and of the IUT's
 * interop peer (gt-peer-gt).
 *
 * Options are one table (opts.c): each row names the option, the tools
 * that accept it, and a setter. A later option is one row, one field and,
 * if it touches the engine, one line in config.c. */
#ifndef GT_TOOLS_H
#define GT_TOOLS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gt/gt.h"
#include "gt_net.h"

#define GT_TOOL_MAX_CHAINS 8
#define GT_TOOL_MAX_LIST   32
#define GT_TOOL_DEFAULT_CA "/etc/ssl/certs/ca-certificates.crt"

enum { GT_TOOL_SERVER = 1, GT_TOOL_CLIENT = 2 };
enum gt_tool_app { GT_APP_NONE, GT_APP_WWW, GT_APP_ECHO };

typedef struct {
    unsigned tool; /* GT_TOOL_SERVER or GT_TOOL_CLIENT */
    const char *prog;
    /* server */
    int port;
    const char *certs[GT_TOOL_MAX_CHAINS], *keys[GT_TOOL_MAX_CHAINS];
    size_t n_certs, n_keys;
    enum gt_tool_app app;
    int connections; /* exit after this many (0: serve until killed) */
    /* client */
    const char *target; /* HOST:PORT */
    const char *ca;
    const char *servername;
    int ign_eof; /* stdin EOF: keep the connection until the server closes */
    /* both */
    const char *alpn, *suites, *groups;
    int idle_timeout; /* seconds, 0 = none */
    int rsa_kx;       /* --rsa-kx: enable the TLS_RSA_WITH_* suites (GT_OPT_RSA_KX) */
    /* sessions and client authentication */
    int verify;           /* server: gt_client_auth policy (--verify) */
    int tickets;          /* server: RFC 5077 tickets (--tickets) */
    int session_cache;    /* server: session-ID cache entries (--session-cache) */
    const char *sess_out; /* client: write the session here after the handshake */
    const char *sess_in;  /* client: offer the session read from here */
} gt_tool_opts;

/* Parses argv for o->tool. Returns 0, 1 when --help was printed, or -1
 * after printing the error and the usage to stderr. */
int gt_tool_parse(gt_tool_opts *o, unsigned tool, int argc, char **argv);
void gt_tool_usage(FILE *f, unsigned tool, const char *prog);

/* ---- configuration (config.c) ------------------------------------------ */

/* Reads a whole file (NUL-terminated for convenience). NULL and a message
 * in err on failure. Caller frees. */
uint8_t *gt_tool_read_file(const char *path, size_t *n, char *err, size_t ecap);
/* Comma lists of IANA names into code points (gt_suite_by_name ...). */
int gt_tool_parse_suites(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                         size_t ecap);
int gt_tool_parse_groups(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                         size_t ecap);
int gt_tool_parse_sigalgs(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                          size_t ecap);
/* Splits a comma list in place (buf is modified); at most cap items. */
int gt_tool_split(char *buf, const char **items, size_t cap, size_t *n);

/* Adds cert/key PEM files, trust anchors, lists to cfg; 0 or -1 (err). */
int gt_tool_add_chain(gt_config *cfg, const char *cert, const char *key, char *err, size_t ecap);
int gt_tool_add_trust(gt_config *cfg, const char *ca, char *err, size_t ecap);
int gt_tool_set_lists(gt_config *cfg, const char *suites, const char *groups, const char *alpn,
                      char *err, size_t ecap);
/* Resumption and client-authentication settings from the options. */
int gt_tool_sessions(gt_config *cfg, const gt_tool_opts *o, char *err, size_t ecap);
/* Client: offers the session saved in path / saves the connection's. */
int gt_tool_session_load(gt_conn *c, const char *path, char *err, size_t ecap);
int gt_tool_session_save(const gt_conn *c, const char *path, char *err, size_t ecap);
/* Builds the whole config of a tool from its options. */
gt_config *gt_tool_config(const gt_tool_opts *o, char *err, size_t ecap);

/* ---- key log (keylog.c) -------------------------------------------------- */

/* Appends NSS key log lines to path through the engine's keylog callback.
 * The file stays open for the life of the process. 0 or -1 (err). */
int gt_tool_keylog_file(gt_config *cfg, const char *path, char *err, size_t ecap);
/* Same with $SSLKEYLOGFILE when it is set (else does nothing). */
int gt_tool_keylog_env(gt_config *cfg, char *err, size_t ecap);

/* ---- reporting (report.c) ------------------------------------------------ */

/* RFC 5246 §7.2 (and RFC 5746/6066/7301) names: "bad_certificate". */
const char *gt_tool_alert_name(uint8_t desc);
/* Why a connection ended badly, in one line: the alert (sent or received,
 * its name and cause) for TLS failures, else the transport status. */
void gt_tool_describe(char *out, size_t cap, int net_status, const gt_net_conn *nc);
/* "TLSv1.2", suite, group, sigalg, ALPN and EMS on one line. */
void gt_tool_params(char *out, size_t cap, const gt_conn *c);

#endif
