/* Engine internals shared by the files of tls/handshake/: the config and connection
 * structures, the handshake state, and the helpers message files use.
 * Nothing outside libgt (and its tests) includes this. */
#ifndef GT_HS_H
#define GT_HS_H

#include <stddef.h>
#include <stdint.h>

#include "core/cursor.h"
#include "gt/crypto/drbg.h"
#include "gt/crypto/hash.h"
#include "gt/crypto/rsa.h"
#include "gt/gt.h"
#include "gt/gt_x509.h"
#include "handshake/session.h"
#include "handshake/suites.h"
#include "record/record.h"

/* ---- configuration -------------------------------------------------- */

#define GT_MAX_CHAINS      8
#define GT_MAX_CHAIN_CERTS 10
#define GT_MAX_PREFS       32
#define GT_MAX_ALPN        16
#define GT_MAX_HS_MSG      65536u /* largest handshake message body accepted */
#define GT_MAX_WARNINGS    4      /* consecutive warning alerts tolerated */

/* One certificate chain with its private key. The DER of every certificate
 * is kept in `der`; `leaf` is a view into it; the key's views point into
 * key_buf (secret, wiped on free). */
typedef struct {
    uint8_t *der;
    size_t der_len;
    size_t n_certs;
    size_t cert_off[GT_MAX_CHAIN_CERTS], cert_len[GT_MAX_CHAIN_CERTS];
    gt_x509_cert leaf;
    uint8_t *key_buf;
    size_t key_cap;
    gt_x509_privkey key;
    gt_x509_key_type key_type; /* GT_X509_KEY_RSA or GT_X509_KEY_EC */
    uint16_t curve_group;      /* EC: GT_GROUP_SECP256R1/384R1 */
} gt_chain;

struct gt_config {
    gt_allocator alloc;
    gt_chain chains[GT_MAX_CHAINS];
    size_t n_chains;
    /* Trust anchors: the PEM text (copied) and the store built from it. */
    uint8_t *trust_pem;
    size_t trust_pem_len;
    gt_trust_store trust;
    gt_x509_cert *anchors;
    size_t anchors_cap;
    uint8_t *trust_buf;
    size_t trust_buf_cap;
    uint16_t suites[GT_MAX_PREFS], groups[GT_MAX_PREFS], sigalgs[GT_MAX_PREFS];
    size_t n_suites, n_groups, n_sigalgs;
    uint8_t alpn[GT_MAX_ALPN][256]; /* length-prefixed (RFC 7301 ProtocolName) */
    size_t n_alpn;
    gt_rng_fn rng;
    void *rng_ctx;
    gt_drbg drbg; /* the default RNG */
    gt_clock_fn clock;
    void *clock_ctx;
    gt_keylog_fn keylog;
    void *keylog_ctx;
    int ems, server_pref, verify_peer, allow_sha1, require_ems, fuzz_skip, downgrade_sentinel;
    int etm;          /* offer / accept encrypt_then_mac (RFC 7366); default on */
    uint8_t mfl_code; /* client: max_fragment_length to ask for (RFC 6066 §4), 0: none */
    uint16_t rsl;     /* record_size_limit to announce (RFC 8449), 0: none (server: 2^14) */
    /* p2-session: resumption (gt_config_set_sessions) and client
     * authentication (gt_config_set_client_auth). The cache and the ticket
     * keys change as connections run (single-thread contract, gt.h). */
    gt_sess_cache *sess_cache;
    gt_ticket_keys *ticket_keys;
    uint32_t sess_lifetime;
    int offer_tickets; /* client: send the session_ticket extension */
    int client_auth;   /* server: gt_client_auth policy */
};

void *gt_cfg_alloc(const gt_config *cfg, size_t n);
void gt_cfg_free(const gt_config *cfg, void *p, size_t n);
int gt_cfg_random(const gt_config *cfg, uint8_t *out, size_t n);
uint64_t gt_cfg_now(const gt_config *cfg);

/* ---- handshake state -------------------------------------------------- */

/* Handshake messages by the engine's index into the message table
 * (hs_table.c); GT_HS_CCS stands for the ChangeCipherSpec record, which
 * takes its place in the legal orders like a message. */
typedef enum {
    GT_HS_END = 0,
    GT_HS_CLIENT_HELLO,
    GT_HS_SERVER_HELLO,
    GT_HS_CERTIFICATE,
    GT_HS_SERVER_KEY_EXCHANGE,
    GT_HS_SERVER_HELLO_DONE,
    GT_HS_CLIENT_KEY_EXCHANGE,
    GT_HS_CCS,
    GT_HS_FINISHED,
    GT_HS_CERTIFICATE_REQUEST,
    GT_HS_CERTIFICATE_VERIFY,
    GT_HS_NEW_SESSION_TICKET,
    GT_HS_N,
} gt_hs_msg;

/* RFC 5246 §7.4 HandshakeType values. */
enum {
    GT_HT_HELLO_REQUEST = 0,
    GT_HT_CLIENT_HELLO = 1,
    GT_HT_SERVER_HELLO = 2,
    GT_HT_NEW_SESSION_TICKET = 4, /* RFC 5077 §3.3 */
    GT_HT_CERTIFICATE = 11,
    GT_HT_SERVER_KEY_EXCHANGE = 12,
    GT_HT_CERTIFICATE_REQUEST = 13,
    GT_HT_SERVER_HELLO_DONE = 14,
    GT_HT_CERTIFICATE_VERIFY = 15,
    GT_HT_CLIENT_KEY_EXCHANGE = 16,
    GT_HT_FINISHED = 20,
};

/* Handshake kinds (rows of the legal-order table). Part 2 adds the
 * abbreviated handshake and the client-authentication variants. */
typedef enum { GT_HS_KIND_FULL = 0, GT_HS_KIND_ABBREV, GT_HS_KIND_N } gt_hs_kind;

/* The running transcript hash (RFC 5246 §7.4.9): SHA-256 and SHA-384 run
 * side by side until the suite says which one the PRF uses. */
typedef struct {
    gt_hash_ctx sha256, sha384;
} gt_transcript;

void gt_transcript_init(gt_transcript *t);
void gt_transcript_add(gt_transcript *t, const uint8_t *p, size_t n);
/* The hash of everything so far (the running state continues). h must be
 * SHA-256 or SHA-384; returns the length written. */
size_t gt_transcript_hash(const gt_transcript *t, const gt_hash *h, uint8_t *out);

/* Extension bits (what was seen / offered). */
enum {
    GT_EXT_SERVER_NAME = 1u << 0,
    GT_EXT_SUPPORTED_GROUPS = 1u << 1,
    GT_EXT_EC_POINT_FORMATS = 1u << 2,
    GT_EXT_SIGNATURE_ALGORITHMS = 1u << 3,
    GT_EXT_ALPN = 1u << 4,
    GT_EXT_EMS = 1u << 5,
    GT_EXT_SESSION_TICKET = 1u << 6,
    GT_EXT_SUPPORTED_VERSIONS = 1u << 7,
    GT_EXT_RENEGOTIATION_INFO = 1u << 8,
    GT_EXT_ENCRYPT_THEN_MAC = 1u << 16,    /* RFC 7366 */
    GT_EXT_MAX_FRAGMENT_LENGTH = 1u << 17, /* RFC 6066 §4 */
    GT_EXT_RECORD_SIZE_LIMIT = 1u << 18,   /* RFC 8449 */
    GT_EXT_UNKNOWN = 1u << 31,             /* at least one extension the engine does not know */
};

/* The extensions of a hello, as views into the message (no copies). */
typedef struct {
    uint32_t seen;
    gt_rd server_name, groups, point_formats, sigalgs, alpn, versions, reneg, ems;
    gt_rd etm, mfl, rsl;
    gt_rd ticket; /* RFC 5077 §3.2 SessionTicket */
} gt_exts;

/* Parses an extensions block (the contents of extensions<0..2^16-1>):
 * each extension_data<0..2^16-1> is sliced out, duplicates are
 * GT_ERR_DUPLICATE_EXTENSION, unknown types are skipped (and flagged). */
GT_MUST_CHECK int gt_exts_parse(gt_rd block, gt_exts *e);
/* Writers for the extensions we send (each writes type, length, data). */
void gt_ext_write_empty(gt_wr *w, uint16_t type);
void gt_ext_write_server_name(gt_wr *w, const char *host, size_t len);
void gt_ext_write_u16_list(gt_wr *w, uint16_t type, const uint16_t *v, size_t n);
void gt_ext_write_point_formats(gt_wr *w);
void gt_ext_write_alpn(gt_wr *w, const uint8_t (*protos)[256], size_t n);
void gt_ext_write_reneg(gt_wr *w, const uint8_t *verify, size_t n);
/* encrypt_then_mac, max_fragment_length, record_size_limit (ext_record.c). */
void gt_ext_rec_client_write(gt_conn *c, gt_wr *w);
GT_MUST_CHECK int gt_ext_rec_server_read(gt_conn *c, const gt_exts *e);
void gt_ext_rec_server_write(gt_conn *c, gt_wr *w);
GT_MUST_CHECK int gt_ext_rec_client_check(gt_conn *c, const gt_exts *e);
/* Sets the connection's fragment limits from what the hellos agreed. */
void gt_ext_rec_apply(gt_conn *c);
/* Reads a u16 list <2..2^16-2> (groups, sigalgs) from an extension. */
GT_MUST_CHECK int gt_ext_read_u16_list(gt_rd ext, uint16_t *v, size_t cap, size_t *n);

#define GT_EXT_TYPE_SERVER_NAME          0
#define GT_EXT_TYPE_SUPPORTED_GROUPS     10
#define GT_EXT_TYPE_EC_POINT_FORMATS     11
#define GT_EXT_TYPE_SIGNATURE_ALGORITHMS 13
#define GT_EXT_TYPE_ALPN                 16
#define GT_EXT_TYPE_EMS                  23
#define GT_EXT_TYPE_SESSION_TICKET       35
#define GT_EXT_TYPE_SUPPORTED_VERSIONS   43
#define GT_EXT_TYPE_RENEGOTIATION_INFO   0xff01
#define GT_EXT_TYPE_MAX_FRAGMENT_LENGTH  1
#define GT_EXT_TYPE_ENCRYPT_THEN_MAC     22
#define GT_EXT_TYPE_RECORD_SIZE_LIMIT    28

/* The peer's public key (client: the server's leaf), copied out of the
 * Certificate message, which does not survive the next message. */
typedef struct {
    gt_x509_key_type type;
    uint16_t curve_group; /* EC */
    uint8_t n[GT_RSA_MAX_LEN];
    size_t n_len;
    uint8_t e[16];
    size_t e_len;
    uint8_t point[97];
    size_t point_len;
} gt_peer_key;

typedef struct {
    gt_hs_kind kind;
    size_t pos; /* index into the legal order of `kind` */
    uint8_t client_random[32], server_random[32];
    const gt_suite_info *suite;
    const gt_group_info *group;
    uint16_t sigalg;
    gt_transcript th;
    uint8_t ecdhe_priv[48];
    uint8_t ecdhe_pub[97];
    size_t ecdhe_pub_len;
    uint8_t master[48];
    uint8_t key_block[192]; /* AES_256_CBC_SHA384: 2 * 48 + 2 * 32 */
    uint8_t client_verify[12], server_verify[12];
    int ems;
    int secure_reneg;
    uint32_t offered;       /* client: extensions sent in the ClientHello */
    uint32_t peer_exts;     /* server: extensions the ClientHello carried */
    int offered_tls13;      /* server: the client offered TLS 1.3 */
    uint8_t peer_share[97]; /* client: the server's ECDHE public value */
    size_t peer_share_len;
    const gt_chain *chain; /* server: the chain chosen for this connection */
    gt_peer_key peer;
    /* p2-crypto: RFC 7366 negotiated; ClientHello.client_version (RFC 5246
     * §7.4.7.1); RFC 6066 §4 code we sent / the server echoed (0: none);
     * RFC 8449 limit the peer announced (0: none). */
    int etm;
    uint16_t client_version;
    uint8_t mfl_code;
    uint16_t peer_rsl;
    /* p2-session. sess: client: the imported session to offer, then the
     * session established; server: the session resumed or created. */
    gt_session sess;
    int have_sess;                  /* client: sess holds an imported session */
    uint8_t sid[GT_SESSION_ID_MAX]; /* session_id sent (client) / chosen (server) */
    size_t sid_len;
    int offer_resume; /* client: the ClientHello offers sess */
    int resumed;      /* abbreviated handshake (RFC 5246 §7.3 Figure 2) */
    int ticket_ack;   /* the ServerHello carries session_ticket: a NewSessionTicket follows */
    uint8_t ticket[GT_TICKET_MAX]; /* client: ticket to send / received */
    size_t ticket_len;
    uint32_t ticket_hint;
    int cert_req;                 /* a CertificateRequest was sent / received */
    int client_cert;              /* the client sent a non-empty Certificate */
    const gt_chain *client_chain; /* client: chain to send (NULL: empty) */
    uint16_t cv_sigalg;           /* client: CertificateVerify algorithm */
} gt_hs;

/* ---- connection ----------------------------------------------------- */

struct gt_conn {
    const gt_config *cfg;
    gt_role role;
    gt_state state;
    int err;
    gt_alert_info alert;
    void *raw; /* the one allocation holding the struct and buffers */
    size_t mem_size;
    /* Input: one record at a time (header first, then its body). */
    uint8_t *in;
    size_t in_cap, in_len, rec_len; /* rec_len: whole record once the header is in */
    /* Decrypted application data not yet read (a slice of `in`). */
    uint8_t *app;
    size_t app_len;
    /* Handshake reassembly. */
    uint8_t *hs_buf;
    size_t hs_cap, hs_len;
    /* Handshake bytes (this record's and buffered) after the message being
     * dispatched: none may follow the end of the peer's flight (hs_table.c). */
    size_t hs_more;
    /* Output: bytes [out_start, out_len) are pending. */
    uint8_t *out;
    size_t out_cap, out_start, out_len;
    size_t flight_reserve; /* room a flight needs before a handshake record is read */
    gt_rec_state rd, wr;
    uint16_t version_out; /* record version we send */
    int version_locked;   /* peer version negotiated: records must say 1.2 */
    unsigned empty_run, warn_run;
    int peer_closed, we_closed;
    int hs_done; /* the handshake completed: application data may flow */
    /* Plaintext bytes per record (RFC 6066 §4, RFC 8449 §4): the most we
     * send, the most we take in any record, in a protected one. */
    size_t frag_out, frag_in, frag_in_protected;
    gt_hs hs;
    char *server_name; /* NUL-terminated, < 256 bytes, at the end of raw */
    gt_conn_info info;
};

/* Fails the connection (sticky): records the error, queues the fatal
 * alert (except for truncation and the peer's own fatal alert), wipes keys.
 * Returns the sticky error. */
int gt_conn_fail(gt_conn *c, int err);
/* Queues an alert record with the current write protection. */
GT_MUST_CHECK int gt_conn_queue_alert(gt_conn *c, uint8_t level, uint8_t desc);
/* Handles a received alert record body (2 bytes). */
GT_MUST_CHECK int gt_alert_recv(gt_conn *c, const uint8_t *p, size_t n);
/* Frames data already at c->out + c->out_len + GT_REC_HDR + prefix into
 * records of `type` (splitting above 2^14) and protects them. */
GT_MUST_CHECK int gt_conn_emit(gt_conn *c, uint8_t type, size_t len);
/* Free bytes for the data of one emission (before framing overhead). */
size_t gt_conn_emit_room(const gt_conn *c);
/* Compacts the output and says where the data of the next emission goes
 * and how much fits. GT_ERR_WANT_OUTPUT when nothing does. */
GT_MUST_CHECK int gt_hs_out_prepare(gt_conn *c, uint8_t **at, size_t *room);

/* Handshake message I/O (hs_table.c). */
GT_MUST_CHECK int gt_hs_begin(gt_conn *c, uint8_t type, gt_wr *w);
GT_MUST_CHECK int gt_hs_end(gt_conn *c, gt_wr *w);
/* Appends handshake record data and processes every complete message. */
GT_MUST_CHECK int gt_hs_input(gt_conn *c, const uint8_t *p, size_t n);
/* One complete handshake message (msg: header + body) from reassembly. */
GT_MUST_CHECK int gt_hs_dispatch(gt_conn *c, uint8_t type, const uint8_t *msg, size_t msg_len,
                                 gt_rd *body);
/* A ChangeCipherSpec record arrived (body already checked). */
GT_MUST_CHECK int gt_hs_ccs(gt_conn *c);
/* Client: sends the first flight. */
GT_MUST_CHECK int gt_hs_start(gt_conn *c);
void gt_hs_wipe(gt_hs *hs);

/* Key schedule (keysched.c). */
GT_MUST_CHECK int gt_ks_master(const gt_hash *h, const uint8_t *pms, size_t pms_len, int ems,
                               const uint8_t *session_hash, size_t sh_len, const uint8_t cr[32],
                               const uint8_t sr[32], uint8_t ms[48]);
GT_MUST_CHECK int gt_ks_key_block(const gt_suite_info *s, const uint8_t ms[48],
                                  const uint8_t cr[32], const uint8_t sr[32], uint8_t *kb,
                                  size_t cap);
size_t gt_ks_key_block_len(const gt_suite_info *s);
/* The record state for one side's writes from the key block. */
GT_MUST_CHECK int gt_ks_rec_state(const gt_suite_info *s, const uint8_t *kb, gt_role writer,
                                  gt_rec_state *st);
GT_MUST_CHECK int gt_ks_finished(const gt_hash *h, const uint8_t ms[48], gt_role sender,
                                 const uint8_t *th, size_t th_len, uint8_t out[12]);
/* "CLIENT_RANDOM <64 hex> <96 hex>" into line (at least 176 bytes). */
void gt_ks_keylog_line(const uint8_t cr[32], const uint8_t ms[48], char *line);
#define GT_KEYLOG_LINE_MAX 176

/* ECDHE (kex.c). */
GT_MUST_CHECK int gt_kex_keygen(gt_conn *c);
GT_MUST_CHECK int gt_kex_shared(gt_conn *c, const uint8_t *peer, size_t peer_len, uint8_t *pms,
                                size_t *pms_len);

/* RSA key transport (kex_rsa.c, RFC 5246 §7.4.7.1). Client: a fresh
 * premaster secret into pms and its encryption under the server's key.
 * Server: the premaster secret, or a random one in its place for any bad
 * ciphertext, in constant time; the result depends on the key and the RNG
 * only. gt_kex_rsa_premaster is the conn-free core (for the ctgrind test). */
GT_MUST_CHECK int gt_kex_rsa_encrypt(gt_conn *c, uint8_t pms[48], uint8_t *out, size_t cap,
                                     size_t *out_len);
GT_MUST_CHECK int gt_kex_rsa_decrypt(gt_conn *c, const uint8_t *ct, size_t ct_len, uint8_t pms[48]);
GT_MUST_CHECK int gt_kex_rsa_premaster(const gt_rsa_private_key *k, const uint8_t *ct,
                                       size_t ct_len, uint16_t client_version, gt_rng_fn rng,
                                       void *rng_ctx, uint8_t pms[48]);

/* Message handlers (one file per message). */
GT_MUST_CHECK int gt_client_hello_send(gt_conn *c);
GT_MUST_CHECK int gt_client_hello_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_server_hello_send(gt_conn *c);
GT_MUST_CHECK int gt_server_hello_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_certificate_send(gt_conn *c);
GT_MUST_CHECK int gt_certificate_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_server_key_exchange_send(gt_conn *c);
GT_MUST_CHECK int gt_server_key_exchange_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_server_hello_done_send(gt_conn *c);
GT_MUST_CHECK int gt_server_hello_done_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_client_key_exchange_send(gt_conn *c);
GT_MUST_CHECK int gt_client_key_exchange_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_ccs_send(gt_conn *c);
GT_MUST_CHECK int gt_ccs_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_finished_send(gt_conn *c);
GT_MUST_CHECK int gt_finished_recv(gt_conn *c, gt_rd *body);

/* Server-side choices (server.c) and client-side checks (client.c). */
typedef struct gt_client_hello gt_client_hello;
GT_MUST_CHECK int gt_server_negotiate(gt_conn *c, const gt_client_hello *ch);
GT_MUST_CHECK int gt_client_check_chain(gt_conn *c, const gt_x509_cert *certs, size_t n);
GT_MUST_CHECK int gt_client_verify_ske(gt_conn *c, uint16_t sigalg, const uint8_t *params,
                                       size_t params_len, const uint8_t *sig, size_t sig_len);
/* Signature over client_random || server_random || params (RFC 5246
 * §7.4.3, RFC 8422 §5.4) with the chain's key (server.c). */
GT_MUST_CHECK int gt_server_sign_ske(gt_conn *c, const uint8_t *params, size_t params_len,
                                     uint8_t *sig, size_t cap, size_t *sig_len);
/* H(client_random + server_random + params) for the ServerKeyExchange. */
void gt_ske_digest(const gt_conn *c, const gt_hash *h, const uint8_t *params, size_t n,
                   uint8_t *out);
/* 1 when a sigalg may be used with this key (type, and SHA-1 policy). */
int gt_sigalg_fits_key(const gt_config *cfg, const gt_sigalg_info *s, gt_x509_key_type type);

/* The ClientHello as parsed (client_hello.c), for server.c's choices. */
struct gt_client_hello {
    uint16_t version;
    const uint8_t *random;
    gt_rd session_id, suites, compressions;
    gt_exts exts;
};
GT_MUST_CHECK int gt_client_hello_parse(gt_rd *body, gt_client_hello *ch);

/* ---- p2-session: resumption and client authentication ------------------ */

/* resume.c: the client's offer (session_id and session_ticket in the
 * ClientHello), the server's decision after the ClientHello, the client's
 * reading of the ServerHello, the keys of an abbreviated handshake, and
 * the session kept when the handshake ends. */
GT_MUST_CHECK int gt_resume_write_session_id(gt_conn *c, gt_wr *w);
void gt_resume_write_ch_ext(gt_conn *c, gt_wr *w);
void gt_resume_write_sh_ext(gt_conn *c, gt_wr *w);
GT_MUST_CHECK int gt_resume_server(gt_conn *c, const gt_client_hello *ch);
GT_MUST_CHECK int gt_resume_server_keys(gt_conn *c);
GT_MUST_CHECK int gt_resume_client(gt_conn *c, gt_rd sid, const gt_exts *e);
void gt_resume_done(gt_conn *c);
/* Frees the cache and ticket keys of gt_config_set_sessions (config free). */
void gt_sessions_free(gt_config *cfg);
/* The session this connection would resume from now on. */
void gt_resume_snapshot(const gt_conn *c, gt_session *s);
/* ticket.c: RFC 5077 §4 ticket = key_name || nonce || ChaCha20-Poly1305(state) || tag. */
GT_MUST_CHECK int gt_ticket_seal(const gt_config *cfg, const gt_session *s, uint8_t *out,
                                 size_t cap, size_t *len);
/* 1 and *s filled when the ticket opens under a live key, 0 otherwise. */
int gt_ticket_open(const gt_config *cfg, const uint8_t *t, size_t n, gt_session *s);
GT_MUST_CHECK int gt_new_session_ticket_send(gt_conn *c);
GT_MUST_CHECK int gt_new_session_ticket_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_certificate_request_send(gt_conn *c);
GT_MUST_CHECK int gt_certificate_request_recv(gt_conn *c, gt_rd *body);
GT_MUST_CHECK int gt_certificate_verify_send(gt_conn *c);
GT_MUST_CHECK int gt_certificate_verify_recv(gt_conn *c, gt_rd *body);
/* client_auth.c: the server's check of the client's chain (RFC 5246
 * §7.4.6, clientAuth purpose) and the client's choice of chain and
 * CertificateVerify algorithm from a CertificateRequest. */
GT_MUST_CHECK int gt_server_check_client_chain(gt_conn *c, const gt_x509_cert *certs, size_t n);
void gt_client_choose_chain(gt_conn *c, const uint8_t *types, size_t n_types,
                            const uint16_t *sigalgs, size_t n_sigalgs, gt_rd cas);
/* The algorithms a CertificateRequest lists (out: GT_MAX_PREFS). */
size_t gt_cr_sigalgs(const gt_config *cfg, uint16_t *out);
/* 1 when the transcript can be hashed for s (SHA-256/384 only). */
int gt_cv_hash_ok(const gt_sigalg_info *s);
/* 1 when the leaf's keyUsage (if present) allows the use: keyEncipherment
 * (encipher: RSA key transport) or digitalSignature (client.c). */
int gt_leaf_key_usage_ok(const gt_x509_cert *leaf, int encipher);
/* The peer's key out of its leaf (client.c): RSA, or EC on P-256/P-384. */
GT_MUST_CHECK int gt_peer_key_copy(gt_peer_key *k, const gt_x509_pubkey *pk);
/* Signs / verifies a digest made with sigalg s (RFC 5246 §4.7;
 * client_auth.c / client.c). */
GT_MUST_CHECK int gt_sign_digest(const gt_conn *c, const gt_chain *ch, const gt_sigalg_info *s,
                                 const uint8_t *digest, uint8_t *sig, size_t cap, size_t *len);
GT_MUST_CHECK int gt_verify_digest(const gt_peer_key *k, const gt_sigalg_info *s,
                                   const uint8_t *digest, const uint8_t *sig, size_t sig_len);

#endif
