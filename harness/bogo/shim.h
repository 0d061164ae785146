/* gt-bogo-shim: the IUT behind BoringSSL's test-runner shim protocol.
 *
 * The runner (ssl/test/runner in a BoringSSL checkout) starts the shim once
 * per test with flags, listens on a port, and plays the other side of the
 * connection with its Go TLS stack, which can misbehave in hundreds of ways.
 * The shim connects to 127.0.0.1:-port (::1 with -ipv6), writes -shim-id as
 * 8 bytes little-endian, then runs the handshake as client or -server,
 * checks the -expect-* flags, and echoes every application byte XORed
 * with 0xff until the runner closes. -resume-count N repeats that N more
 * times (one connection each): a client offers the previous connection's
 * session, a server keeps one config (its session cache and ticket keys)
 * for all of them.
 *
 * Exit status: 0 pass; 1 failure, with one `:REASON:` line on stderr
 * (BoringSSL's reason names, errors.c); 89 "unimplemented": a flag or a
 * flag value this shim or the IUT does not support, which the runner counts
 * apart from failures. Nothing is printed on success. */
#ifndef GT_BOGO_SHIM_H
#define GT_BOGO_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt.h"
#include "gt_net.h"

#define SHIM_EXIT_OK            0
#define SHIM_EXIT_FAIL          1
#define SHIM_EXIT_UNIMPLEMENTED 89 /* runner.go: errUnimplemented */

#define SHIM_MAX_LIST 32

/* One connection's settings. BoringSSL's flags may be prefixed with
 * -on-initial-, -on-resume- or -on-retry- to apply to one connection only;
 * unprefixed flags apply to all (test_config.cc ParseConfig). */
typedef struct {
    int port, ipv6;
    uint64_t shim_id;
    int is_server;
    int resume_count;
    const char *key_file, *cert_file, *trust_cert;
    int min_version, max_version, expect_version;
    int no_tls12;
    uint16_t curves[SHIM_MAX_LIST], signing_prefs[SHIM_MAX_LIST], verify_prefs[SHIM_MAX_LIST];
    size_t n_curves, n_signing_prefs, n_verify_prefs;
    const char *advertise_alpn; /* wire format: length-prefixed names */
    const char *select_alpn, *expect_alpn;
    const char *host_name, *expect_server_name;
    int expect_session_miss, expect_no_session, no_ticket;
    int expect_ems;
    int expect_secure_reneg, expect_no_secure_reneg;
    int renegotiate_ignore, renegotiate_once, renegotiate_freely, renegotiate_explicit;
    int forbid_reneg_after_hs, expect_total_renegotiations;
    int check_close_notify, shim_shuts_down, shim_writes_first;
    int export_len, use_export_context;
    const char *export_label, *export_context;
    int async, read_size, implicit_handshake, write_different_record_sizes;
    int expect_cipher, expect_curve_id, expect_peer_sigalg;
    int verify_peer, require_any_client_cert;
    int is_handshaker_supported;
    const char *write_settings;
} shim_config;

/* ---- flags.c ----------------------------------------------------------- */

/* Parses argv (without argv[0]) into the initial and resumption configs.
 * Returns SHIM_EXIT_OK, or SHIM_EXIT_UNIMPLEMENTED for an unknown flag or
 * a value outside what the IUT supports (the reason on stderr), or
 * SHIM_EXIT_FAIL for a malformed value. */
int shim_parse(int argc, char **argv, shim_config *initial, shim_config *resume);
/* Whole-configuration checks that single flags cannot make (version range,
 * roles): SHIM_EXIT_OK or SHIM_EXIT_UNIMPLEMENTED with the reason. */
int shim_check_supported(const shim_config *cfg);

/* ---- setup.c ----------------------------------------------------------- */

/* A gt_config for one connection. NULL with *exit_code set (89 when the
 * IUT lacks what the flags ask for, 1 on a real failure). */
gt_config *shim_make_config(const shim_config *cfg, int *exit_code);
/* 1 when two configs would make the same gt_config (the server reuses its
 * first one across -resume-count connections). */
int shim_same_config(const shim_config *a, const shim_config *b);

/* ---- errors.c ---------------------------------------------------------- */

/* BoringSSL's reason name for an IUT error ("DECODE_ERROR"), for the role
 * that saw it; for GT_ERR_ALERT_RECEIVED the name of the received alert
 * ("SSLV3_ALERT_HANDSHAKE_FAILURE"). NULL when there is no counterpart. */
const char *shim_reason(int err, gt_role role, const gt_alert_info *alert);
/* Prints the one-line failure report for a failed connection:
 * ":REASON: (detail)" on stderr. */
void shim_report_tls(const gt_conn *c, gt_role role);
/* Prints a failure of the shim's own checks (BoringSSL's wording, where the
 * runner matches on it). printf-style. */
void shim_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- exchange.c -------------------------------------------------------- */

/* A client's session carried from one connection to the next
 * (gt_conn_session_export / gt_conn_set_session); len 0: none. */
typedef struct {
    uint8_t buf[GT_SESSION_EXPORT_MAX];
    size_t len;
} shim_session;

/* One connection with the runner: connect, shim id, handshake, checks,
 * exporter, echo, shutdown. A client offers *sess (if any) and leaves the
 * new connection's session there. Returns SHIM_EXIT_*. */
int shim_connection(const shim_config *cfg, const gt_config *gc, int is_resume, shim_session *sess);

/* ---- checks.c ---------------------------------------------------------- */

/* The -expect-* checks after the handshake (bssl_shim.cc
 * CheckHandshakeProperties, as far as the IUT reports them). Returns 0 or
 * SHIM_EXIT_FAIL with the reason printed. */
int shim_check_handshake(const shim_config *cfg, const gt_conn *c, int is_resume);

#endif
