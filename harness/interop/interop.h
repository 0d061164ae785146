/* gt-interop: the interop matrix runner (server impl x client impl x suite x
 * group x certificate x feature), after s2n-tls's integrationv2 matrix.
 *
 * Every reference peer speaks one command-line contract (peers/README.md):
 * the runner starts the server with --port 0, reads `READY port=P`, starts
 * the client against P, and judges the cell from both `RESULT` lines, both
 * exit statuses and (when both sides can write one) both key logs.
 *
 * One concern per file: main.c (CLI), caps.c (--capabilities), matrix.c
 * (cell list and skip rules), cell.c (peer argv and verdict), cellrun.c
 * (one cell's life), run.c (processes, poll loop, timeouts, worker pool), ports.c (loopback ports),
 * keylog.c (known-answer check), proxy.c + transcript.c (recorded
 * sessions), report.c (terminal, JUnit, JSON, Markdown). */
#ifndef GT_INTEROP_H
#define GT_INTEROP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#define GT_IOP_MAX_IMPLS  8
#define GT_IOP_MAX_ARGS   64
#define GT_IOP_REASON_LEN 512

/* One implementation (a peer binary) and what it says it can do. */
typedef struct {
    char name[32];        /* "openssl": cell ids and binary gt-peer-<name> */
    char bin[PATH_MAX];   /* path of the binary */
    char version[64];     /* from --capabilities */
    cJSON *caps;          /* parsed --capabilities object; NULL on failure */
    char caps_error[256]; /* why caps is NULL */
} gt_iop_impl;

/* Key exchange + authentication of a suite: decides which certificates
 * and groups it can be combined with (RFC 8422 §2, RFC 5246 §7.4.2). */
typedef enum {
    GT_IOP_KX_ECDHE_ECDSA,
    GT_IOP_KX_ECDHE_RSA,
    GT_IOP_KX_RSA,
} gt_iop_kx;

typedef struct {
    const char *name; /* IANA name */
    uint16_t code;    /* IANA value */
    gt_iop_kx kx;
} gt_iop_suite;

typedef struct {
    const char *name;  /* cell id part: rsa2048, ecdsa-p256, ... */
    bool ecdsa;        /* else RSA */
    const char *curve; /* ECDSA: the group its key lives on (RFC 8422 §5.1) */
    const char *chain; /* file names inside the PKI directory */
    const char *key;
} gt_iop_cert;

/* A feature cell: extra arguments per side, what both RESULT lines must
 * then say, and the --capabilities features each side needs. */
typedef struct {
    const char *name;
    const char *need_server[3];
    const char *need_client[3];
    const char *server_args[10];
    const char *client_args[10];
    long send_bytes;         /* client --send-bytes, 0 = none */
    int expect_resumed;      /* -1: not checked */
    int expect_ems;          /* -1: 1 when both sides have "ems", else unchecked */
    const char *expect_alpn; /* NULL: "-" (none negotiated) */
    bool client_auth;        /* add the client certificate to the client */
    const char *need_sigalg; /* both sides must list it in "sigalgs" */
    bool rsa_only;           /* only on the RSA-certificate configuration */
} gt_iop_feature;

typedef enum {
    GT_IOP_PENDING = 0,
    GT_IOP_PASS,
    GT_IOP_FAIL,
    GT_IOP_SKIP,
} gt_iop_result;

typedef struct {
    char id[256];
    int server, client; /* indexes into gt_iop_ctx.impls */
    const gt_iop_suite *suite;
    const char *group; /* NULL: no ECDHE (RSA key transport) */
    const gt_iop_cert *cert;
    const gt_iop_feature *feature;
    gt_iop_result result;
    char reason[GT_IOP_REASON_LEN];
    double seconds;
    bool record; /* run through the recording proxy (--record) */
} gt_iop_cell;

typedef struct {
    gt_iop_impl impls[GT_IOP_MAX_IMPLS];
    size_t nimpls;
    char pki[PATH_MAX];
    char out[PATH_MAX];
    char record_dir[PATH_MAX]; /* --record: transcripts go here */
    int jobs;
    int timeout; /* seconds per cell */
    bool quick;
    bool verbose;
    gt_iop_cell *cells;
    size_t ncells;
    size_t excluded; /* combinations RFC rules make meaningless */
} gt_iop_ctx;

/* caps.c */
int gt_iop_load_caps(gt_iop_impl *impl, int timeout);
bool gt_iop_caps_has(const gt_iop_impl *impl, const char *list, const char *item);
const char *gt_iop_caps_note(const gt_iop_impl *impl, const char *key);

/* matrix.c */
int gt_iop_build_matrix(gt_iop_ctx *ctx);
bool gt_iop_id_matches(const char *id, const char *pattern);
int gt_iop_filter(gt_iop_ctx *ctx, const char *pattern);
void gt_iop_mark_records(gt_iop_ctx *ctx, bool filtered);
const gt_iop_cert *gt_iop_client_cert(const gt_iop_cell *c);

/* cell.c: argv for one side, and the verdict */
typedef struct {
    char *argv[GT_IOP_MAX_ARGS];
    char store[8192];
    size_t used;
    int argc;
} gt_iop_argv;

typedef struct {
    const char *side; /* "server" / "client" */
    int status;       /* waitpid status; valid when exited */
    bool exited;
    bool killed;       /* we had to kill it (cell timeout) */
    bool lingered;     /* server still running after the client's grace period */
    char result[1024]; /* last RESULT line, "" if none */
} gt_iop_outcome;

int gt_iop_peer_argv(const gt_iop_ctx *ctx, const gt_iop_cell *c, bool server, int port,
                     const char *keylog, gt_iop_argv *a);
void gt_iop_judge(gt_iop_cell *c, const gt_iop_ctx *ctx, const gt_iop_outcome *srv,
                  const gt_iop_outcome *cli);
int gt_iop_result_field(const char *line, const char *key, char *out, size_t cap);

/* run.c */
typedef struct {
    pid_t pid;
    int out_fd; /* read end of its stdout pipe, -1 after EOF */
    int log_fd; /* copy of stdout */
    char line[2048];
    size_t linelen;
    char result[1024];
    int ready_port; /* 0 until READY */
    char *capture;  /* optional: whole stdout */
    size_t caplen, capcap;
    int status;
    bool exited, killed;
} gt_iop_proc;

int gt_iop_spawn(gt_iop_proc *p, char *const argv[], const char *out_log, const char *err_log);
/* Pumps stdout of the processes until `until` says stop or the deadline
 * (CLOCK_MONOTONIC ms) passes; returns 1 when stopped, 0 on deadline. */
typedef bool (*gt_iop_until)(gt_iop_proc *procs, size_t n);
int gt_iop_pump(gt_iop_proc *procs, size_t n, int64_t deadline_ms, gt_iop_until until);
void gt_iop_reap(gt_iop_proc *p, int64_t deadline_ms);
void gt_iop_kill(gt_iop_proc *p);
int64_t gt_iop_now_ms(void);
int gt_iop_mkdirs(const char *path);
void gt_iop_run_all(gt_iop_ctx *ctx);

/* ports.c */
int gt_iop_parse_ready(const char *line, int *port);
int gt_iop_listen_loopback(int *port);
int gt_iop_connect_loopback(int port);

/* keylog.c */
int gt_iop_keylog_compare(const char *a_path, const char *b_path, char *why, size_t cap);

/* proxy.c: relays one TCP connection and records both directions */
typedef struct gt_iop_proxy gt_iop_proxy;
gt_iop_proxy *gt_iop_proxy_start(int server_port, int timeout_ms, int *listen_port);
/* Waits for the relay to finish; returns the recorded records. */
typedef struct {
    bool c2s;
    uint8_t type;
    uint16_t version;
    const uint8_t *payload;
    size_t len;
} gt_iop_record;
int gt_iop_proxy_finish(gt_iop_proxy *px, const gt_iop_record **recs, size_t *n);
void gt_iop_proxy_free(gt_iop_proxy *px);

/* transcript.c */
int gt_iop_write_transcript(const gt_iop_ctx *ctx, const gt_iop_cell *c, const char *path,
                            const gt_iop_record *recs, size_t n, const char *keylog_path,
                            const char *client_result, char *why, size_t cap);

/* report.c */
void gt_iop_report_terminal(const gt_iop_ctx *ctx, double wall);
int gt_iop_report_json(const gt_iop_ctx *ctx, const char *path);
int gt_iop_report_junit(const gt_iop_ctx *ctx, const char *path);
int gt_iop_report_markdown(const gt_iop_ctx *ctx, const char *path);

/* cellrun.c */
void gt_iop_cell_dirname(const gt_iop_cell *c, char *out, size_t cap);
void gt_iop_run_cell(const gt_iop_ctx *ctx, gt_iop_cell *c);

#endif
