/* tlsgauntlet — the TLS 1.2 engine (public API).
 *
 * The engine does no I/O. A connection is a state machine over byte
 * buffers (see ../shared/DESIGN.md):
 *
 *   network bytes -> gt_conn_feed() -> records -> handshake / alerts / app data -> gt_conn_read()
 *   gt_conn_write() -> records -> gt_conn_output() -> network bytes (then gt_conn_output_done())
 *
 * Randomness, time, key logging and memory come in through gt_config
 * callbacks; libgt never calls the OS RNG, a clock or malloc directly when a
 * callback is set. A gt_config is read-only once a connection uses it and
 * may be shared by many connections (the caller serialises any changes).
 *
 * Every function returns 0 or a negative GT_ERR_* (gt_err.h).
 * GT_ERR_WANT_INPUT / GT_ERR_WANT_OUTPUT are not failures: they say what the
 * engine needs next. The first real error is sticky: every later call
 * returns it, the engine queues the matching fatal alert (RFC 5246 §7.2)
 * for output, and wipes the connection's keys. */
#ifndef GT_H
#define GT_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt_err.h"
#include "gt/crypto/rng.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_config gt_config;
typedef struct gt_conn gt_conn;

/* Memory: every allocation of the engine goes through this (connection
 * buffers are allocated once at gt_conn_new, plus a handshake reassembly
 * buffer only if a handshake message spans records, at most once per
 * connection; nothing is allocated per record). free receives the size
 * that was allocated. */
typedef struct {
    void *(*alloc)(void *ctx, size_t n);
    void (*free)(void *ctx, void *p, size_t n);
    void *ctx;
} gt_allocator;

/* Seconds since the Unix epoch (certificate validity, session lifetimes). */
typedef uint64_t (*gt_clock_fn)(void *ctx);
/* One NSS key log line without the newline, e.g.
 * "CLIENT_RANDOM <64 hex> <96 hex>". The only way key material leaves. */
typedef void (*gt_keylog_fn)(void *ctx, const char *line);

typedef enum { GT_ROLE_CLIENT = 0, GT_ROLE_SERVER = 1 } gt_role;

/* ---- configuration ---------------------------------------------------- */

/* a == NULL: malloc/free. Returns NULL when out of memory. */
gt_config *gt_config_new(const gt_allocator *a);
void gt_config_free(gt_config *cfg); /* wipes private keys */

/* A certificate chain (PEM: leaf first, then intermediates) and its private
 * key (PEM: PKCS#8, PKCS#1 RSA or SEC 1 EC). May be called several times:
 * the server picks per connection by SNI (RFC 6066 §3), by the client's
 * signature algorithms and by RFC 8422 §5.1 (an ECDSA certificate's curve
 * must be among the client's supported groups). The PEM is copied. */
GT_MUST_CHECK int gt_config_add_chain(gt_config *cfg, const uint8_t *chain_pem, size_t n,
                                      const uint8_t *key_pem, size_t key_n);
/* Trust anchors (PEM bundle, copied) used to verify the peer's chain. */
GT_MUST_CHECK int gt_config_add_trust_pem(gt_config *cfg, const uint8_t *pem, size_t n);

/* Preference lists, IANA code points, most preferred first. Unknown or
 * unsupported values are GT_ERR_UNSUPPORTED. Defaults: every supported
 * AEAD ECDHE suite; x25519, secp256r1, secp384r1; all supported sigalgs.
 * The ECDHE CBC suites (AES-CBC with HMAC, MAC-then-encrypt made
 * Lucky13-safe, or RFC 7366 encrypt-then-MAC) and the RSA key-transport
 * suites are supported but not in the default list (AEAD only): list them
 * here (or see GT_OPT_RSA_KX). */
GT_MUST_CHECK int gt_config_set_suites(gt_config *cfg, const uint16_t *suites, size_t n);
GT_MUST_CHECK int gt_config_set_groups(gt_config *cfg, const uint16_t *groups, size_t n);
GT_MUST_CHECK int gt_config_set_sigalgs(gt_config *cfg, const uint16_t *sigalgs, size_t n);
/* ALPN protocols (RFC 7301), preference order; each 1..255 bytes. */
GT_MUST_CHECK int gt_config_set_alpn(gt_config *cfg, const char *const *protos, size_t n);

void gt_config_set_rng(gt_config *cfg, gt_rng_fn fn, void *ctx); /* default: DRBG on getrandom */
void gt_config_set_clock(gt_config *cfg, gt_clock_fn fn, void *ctx); /* default: none -> time() */
void gt_config_set_keylog(gt_config *cfg, gt_keylog_fn fn, void *ctx);

typedef enum {
    GT_OPT_EMS = 1,               /* extended_master_secret (RFC 7627); default on */
    GT_OPT_SERVER_PREFERENCE = 2, /* server picks by its own order; default on */
    GT_OPT_VERIFY_PEER = 3,       /* verify the peer's chain (client: +name); default on */
    GT_OPT_ALLOW_SHA1 = 4,        /* accept SHA-1 signatures; default off */
    GT_OPT_REQUIRE_EMS = 5,       /* refuse peers without EMS; default off */
    GT_OPT_FUZZ_SKIP_CHECKS = 6,  /* GT_FUZZING builds only: skip Finished/MAC/signature checks */
    /* Server: put the RFC 8446 §4.1.3 downgrade sentinel in ServerHello.random
     * when a client offering TLS 1.3 gets 1.2. Default off: the sentinel says
     * "a TLS 1.3 server was downgraded", and a 1.3 client seeing it MUST abort
     * with illegal_parameter, so a 1.2-only server must not send it. For
     * conformance tests of clients. */
    GT_OPT_DOWNGRADE_SENTINEL = 7,
    /* Record-layer options (engine part 2). */
    GT_OPT_ENCRYPT_THEN_MAC = 16, /* RFC 7366 with CBC suites; default on */
    /* RSA key transport (TLS_RSA_WITH_*, RFC 5246 §7.4.7.1): 1 appends the
     * six RSA suites to the suite list (lowest preference), 0 removes them.
     * Default off (no forward secrecy). Listing them in gt_config_set_suites
     * enables them too. */
    GT_OPT_RSA_KX = 17,
    /* Client: ask for max_fragment_length (RFC 6066 §4), value 1..4 for
     * 2^9..2^12 bytes, 0 (default) not to ask. A server always honours it. */
    GT_OPT_MAX_FRAGMENT_LENGTH = 18,
    /* record_size_limit (RFC 8449) to announce, 64..16384, 0 for none
     * (default: a client sends none; a server answers a client's with
     * 16384). */
    GT_OPT_RECORD_SIZE_LIMIT = 19,
} gt_option;
GT_MUST_CHECK int gt_config_set_option(gt_config *cfg, gt_option opt, int value);

/* Session resumption (RFC 5246 §7.3) and tickets (RFC 5077).
 * Server: cache_slots > 0 keeps that many sessions by session ID (the
 * oldest is replaced when full); tickets issues a NewSessionTicket to
 * clients that offer the extension and resumes from valid tickets, sealed
 * with ChaCha20-Poly1305 under keys drawn from the RNG: the current key seals
 * for ticket_rotate seconds, then becomes the previous key, which still
 * opens for one more interval. Client: tickets offers the extension;
 * sessions come in through gt_conn_set_session. lifetime bounds how long a
 * session may be resumed, on both sides (0: 7200 s; ticket_rotate 0:
 * 3600 s). A session is resumed only when the new ClientHello still offers
 * its suite, the same server_name and the same extended-master-secret
 * state (RFC 7627 §5.3: a session with EMS offered without it is
 * handshake_failure; every other mismatch, an unknown ID, an expired
 * session or a ticket that does not open is a full handshake).
 *
 * Threading: the cache and the ticket keys are allocated once here
 * through the config's allocator, and change as connections use them,
 * without locks: every connection sharing such a config must be driven
 * from one thread. Call once, before any connection exists. */
typedef struct {
    size_t cache_slots;     /* server: session-ID cache entries (0: none) */
    int tickets;            /* server: issue/accept; client: offer */
    uint32_t lifetime;      /* seconds (0: default) */
    uint32_t ticket_rotate; /* server: seconds per ticket key (0: default) */
} gt_session_opts;
GT_MUST_CHECK int gt_config_set_sessions(gt_config *cfg, const gt_session_opts *o);

/* Client authentication (RFC 5246 §7.4.4, §7.4.6, §7.4.8). Server: NONE
 * sends no CertificateRequest; OPTIONAL and REQUIRE send one (the
 * config's signature algorithms, and the subjects of its trust anchors as
 * certificate_authorities), validate a client chain for clientAuth against
 * the trust anchors (a chain that fails is fatal under both; not done with
 * GT_OPT_VERIFY_PEER 0, while the leaf's keyUsage, RFC 5246 §7.4.6, is
 * checked either way) and check its
 * CertificateVerify (decrypt_error when it does not verify). An empty
 * client Certificate is accepted under OPTIONAL; under REQUIRE it is
 * handshake_failure (§7.4.6 leaves continuing or aborting to the server).
 * Client: the chains added with gt_config_add_chain are its certificates;
 * it sends the first whose key type the server accepts, that can sign
 * with one of the server's algorithms and, when the server names
 * authorities, whose chain ends at one of them; otherwise an empty
 * Certificate. */
typedef enum {
    GT_CLIENT_AUTH_NONE = 0,
    GT_CLIENT_AUTH_OPTIONAL = 1,
    GT_CLIENT_AUTH_REQUIRE = 2,
} gt_client_auth;
GT_MUST_CHECK int gt_config_set_client_auth(gt_config *cfg, gt_client_auth policy);

/* ---- connections -------------------------------------------------------- */

/* server_name: client only; the SNI to send and the name the server's
 * certificate must match (NULL: no SNI and, with verification on, the
 * handshake fails — set GT_OPT_VERIFY_PEER to 0 to skip it knowingly).
 * An IP address literal is matched against iPAddress SANs and not sent as
 * SNI (RFC 6066 §3). Returns NULL when out of memory. */
gt_conn *gt_conn_new(const gt_config *cfg, gt_role role, const char *server_name);
void gt_conn_free(gt_conn *c); /* wipes all secrets */

/* Network -> engine. Consumes what it can (*used), processing complete
 * records as they arrive. Returns 0, GT_ERR_WANT_OUTPUT when it stopped
 * because output must be drained first, or the sticky error. It also
 * stops (returning 0 with *used < n) while received application data
 * waits to be read: gt_conn_read it, then feed the rest. After the peer's
 * close_notify, further bytes are consumed and ignored. */
GT_MUST_CHECK int gt_conn_feed(gt_conn *c, const uint8_t *in, size_t n, size_t *used);
/* Engine -> network: the pending bytes (*n == 0: nothing pending). The
 * pointer stays valid until the next call that changes the connection.
 * After a failure it still returns 0 with the pending bytes (the fatal
 * alert), and the sticky error once nothing is left. */
GT_MUST_CHECK int gt_conn_output(gt_conn *c, const uint8_t **out, size_t *n);
void gt_conn_output_done(gt_conn *c, size_t n);

/* Application data. write takes up to n bytes (*taken) once the handshake
 * is complete (GT_ERR_WANT_INPUT before, while the handshake needs peer
 * bytes); read returns GT_ERR_WANT_INPUT when nothing is buffered,
 * GT_ERR_CLOSED after the peer's close_notify (clean end of stream). */
GT_MUST_CHECK int gt_conn_write(gt_conn *c, const uint8_t *app, size_t n, size_t *taken);
GT_MUST_CHECK int gt_conn_read(gt_conn *c, uint8_t *app, size_t cap, size_t *got);
/* Queues close_notify (RFC 5246 §7.2.1). */
GT_MUST_CHECK int gt_conn_close(gt_conn *c);
/* The transport reached end of stream. Before the peer's close_notify this
 * is truncation (GT_ERR_TRUNCATED), never a clean end. */
GT_MUST_CHECK int gt_conn_eof(gt_conn *c);

typedef enum {
    GT_STATE_HANDSHAKING = 0,
    GT_STATE_OPEN = 1,   /* handshake done, application data flows */
    GT_STATE_CLOSED = 2, /* close_notify sent and/or received, cleanly */
    GT_STATE_FAILED = 3, /* fatal error: see gt_conn_error */
} gt_state;
gt_state gt_conn_state(const gt_conn *c);
/* 1 when gt_conn_output has bytes pending. */
int gt_conn_want_output(const gt_conn *c);

typedef struct {
    int sent;         /* 1: we sent this alert; 0: the peer did */
    uint8_t level;    /* 1 warning, 2 fatal */
    uint8_t desc;     /* gt_alert_desc */
    const char *what; /* short human-readable cause, static string */
} gt_alert_info;
/* The first error (0 if none) and the alert sent or received for it. */
int gt_conn_error(const gt_conn *c, gt_alert_info *alert);

typedef struct {
    uint16_t version; /* 0x0303 */
    uint16_t suite;   /* IANA */
    uint16_t group;   /* IANA NamedGroup, 0 for RSA key exchange */
    uint16_t sigalg;  /* IANA SignatureScheme of the ServerKeyExchange, 0 if none */
    int ems;          /* extended master secret in use */
    int resumed;
    int secure_renegotiation; /* RFC 5746 extension seen */
    char alpn[256];           /* negotiated protocol, "" if none */
    char sni[256];            /* server: name the client sent; client: name sent */
    int client_cert;          /* a client certificate authenticated this session */
} gt_conn_info;
GT_MUST_CHECK int gt_conn_info_get(const gt_conn *c, gt_conn_info *info);

/* Client sessions. export: the session of a completed handshake (its
 * master secret included: store it like a key) as bytes for a later
 * gt_conn_set_session; GT_ERR_STATE before the handshake is complete or
 * when there is no resumable session, GT_ERR_ENCODE_OVERFLOW when cap is
 * short (GT_SESSION_EXPORT_MAX always suffices). set_session: a client
 * connection offers that session (by its ticket, else its ID); call it
 * right after gt_conn_new, before any output was taken (GT_ERR_STATE
 * otherwise). Malformed, truncated, tampered or unknown-version input is
 * refused (GT_ERR_DECODE_*); a valid session that is expired, or whose
 * server_name differs from the connection's, is accepted but not offered
 * (a full handshake follows). */
#define GT_SESSION_EXPORT_MAX 2560
GT_MUST_CHECK int gt_conn_session_export(const gt_conn *c, uint8_t *buf, size_t cap, size_t *len);
GT_MUST_CHECK int gt_conn_set_session(gt_conn *c, const uint8_t *buf, size_t len);

/* RFC 5705 §4 keying material exporter: PRF(master_secret, label,
 * client_random + server_random [+ uint16 context length + context])
 * into out[0..out_len). use_context 0: no context (distinct from an empty
 * one); context_len < 2^16. Only once the handshake is complete:
 * GT_ERR_STATE before, the sticky error after a failure. */
GT_MUST_CHECK int gt_conn_export_keying_material(const gt_conn *c, uint8_t *out, size_t out_len,
                                                 const char *label, const uint8_t *context,
                                                 size_t context_len, int use_context);

/* Names for logs and tools ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
 * "x25519", "ecdsa_secp256r1_sha256"); NULL when unknown. And the reverse:
 * 0 when unknown. */
const char *gt_suite_name(uint16_t suite);
const char *gt_group_name(uint16_t group);
const char *gt_sigalg_name(uint16_t sigalg);
uint16_t gt_suite_by_name(const char *name);
uint16_t gt_group_by_name(const char *name);
uint16_t gt_sigalg_by_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif
