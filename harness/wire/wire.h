/*
 * harness/wire: a TLS 1.2 message builder and parser that shares no code
 * with the IUT (tls/). It can write any record or handshake message of
 * RFC 5246 and every extension the IUT knows, valid or not: every field is
 * a plain struct member, every length is computed unless overridden, and
 * framing (fragmenting, coalescing, record version and content type) is the
 * caller's choice. The parser reads back what a target sent, strictly
 * enough to say what it did.
 *
 * Conventions: a "long" override of -1 means "compute it"; any other value
 * is written as is (truncated to the field's width), which is how invalid
 * lengths are produced.
 */
#ifndef GT_WIRE_H
#define GT_WIRE_H

#include <stddef.h>
#include <stdint.h>

/* RFC 5246 §6.2.1 ContentType */
enum { GT_CT_CCS = 20, GT_CT_ALERT = 21, GT_CT_HANDSHAKE = 22, GT_CT_APPDATA = 23 };

/* RFC 5246 §7.4 HandshakeType (+ RFC 5077 NewSessionTicket) */
enum {
    GT_HS_HELLO_REQUEST = 0,
    GT_HS_CLIENT_HELLO = 1,
    GT_HS_SERVER_HELLO = 2,
    GT_HS_NEW_SESSION_TICKET = 4,
    GT_HS_CERTIFICATE = 11,
    GT_HS_SERVER_KEY_EXCHANGE = 12,
    GT_HS_CERTIFICATE_REQUEST = 13,
    GT_HS_SERVER_HELLO_DONE = 14,
    GT_HS_CERTIFICATE_VERIFY = 15,
    GT_HS_CLIENT_KEY_EXCHANGE = 16,
    GT_HS_FINISHED = 20,
};

/* Extension code points (IANA TLS ExtensionType registry). */
enum {
    GT_EXT_SERVER_NAME = 0,
    GT_EXT_MAX_FRAGMENT_LENGTH = 1,
    GT_EXT_SUPPORTED_GROUPS = 10,
    GT_EXT_EC_POINT_FORMATS = 11,
    GT_EXT_SIGNATURE_ALGORITHMS = 13,
    GT_EXT_ALPN = 16,
    GT_EXT_ENCRYPT_THEN_MAC = 22,
    GT_EXT_EXTENDED_MASTER_SECRET = 23,
    GT_EXT_RECORD_SIZE_LIMIT = 28,
    GT_EXT_SESSION_TICKET = 35,
    GT_EXT_SUPPORTED_VERSIONS = 43,
    GT_EXT_RENEGOTIATION_INFO = 0xff01,
};

/* Named groups (RFC 8422 §5.1.1, RFC 7748) */
enum { GT_GROUP_P256 = 23, GT_GROUP_P384 = 24, GT_GROUP_X25519 = 29 };

/* ---- growable byte buffer -------------------------------------------- */

typedef struct {
    uint8_t *p;
    size_t n, cap;
} gt_wbuf;

void gt_wbuf_free(gt_wbuf *b);
void gt_wbuf_reset(gt_wbuf *b);
void gt_wbuf_u8(gt_wbuf *b, unsigned v);
void gt_wbuf_u16(gt_wbuf *b, unsigned v);
void gt_wbuf_u24(gt_wbuf *b, unsigned long v);
void gt_wbuf_put(gt_wbuf *b, const void *p, size_t n);
void gt_wbuf_fill(gt_wbuf *b, uint8_t v, size_t n);
/* Opens a vector: reserves a length field of `width` bytes (1..3). */
size_t gt_wbuf_open(gt_wbuf *b, int width);
/* Closes it: writes the body length, or `override` when >= 0. */
void gt_wbuf_close(gt_wbuf *b, size_t at, int width, long override);
void gt_wbuf_vec(gt_wbuf *b, int width, const void *p, size_t n);

/* ---- bounded reader (the harness's own; see header comment) ---------- */

typedef struct {
    const uint8_t *p;
    size_t left;
    int bad; /* sticky: a read went past the end */
} gt_wrd;

unsigned gt_wrd_u8(gt_wrd *r);
unsigned gt_wrd_u16(gt_wrd *r);
unsigned long gt_wrd_u24(gt_wrd *r);
const uint8_t *gt_wrd_take(gt_wrd *r, size_t n);
/* Sub-reader over a vector with a `width`-byte length; min/max per RFC. */
gt_wrd gt_wrd_vec(gt_wrd *r, int width, size_t min, size_t max);
int gt_wrd_done(const gt_wrd *r); /* 1 when fully and validly consumed */

/* ---- extensions --------------------------------------------------------- */

#define GT_WIRE_EXT_MAX  24
#define GT_WIRE_EXT_BODY 2048

typedef struct {
    uint16_t type;
    long len_override; /* the extension_data length field */
    size_t len;
    uint8_t body[GT_WIRE_EXT_BODY];
} gt_wire_ext;

typedef struct {
    int absent; /* no extensions block at all (RFC 5246 §7.4.1.2 allows it) */
    long block_len_override;
    size_t n;
    gt_wire_ext e[GT_WIRE_EXT_MAX];
} gt_wire_exts;

gt_wire_ext *gt_wire_ext_add(gt_wire_exts *x, uint16_t type, const void *body, size_t n);
gt_wire_ext *gt_wire_ext_find(gt_wire_exts *x, uint16_t type);
void gt_wire_ext_del(gt_wire_exts *x, uint16_t type);
/* Adds or replaces, keeping the position of an existing one. */
gt_wire_ext *gt_wire_ext_set(gt_wire_exts *x, uint16_t type, const void *body, size_t n);
void gt_wire_exts_write(gt_wbuf *b, const gt_wire_exts *x);

/* Well-formed bodies for each extension (RFC 6066, 8422, 7301, 7627, 5746,
 * 5077, 7366, 8449, 8446 §4.2.1 as a TLS 1.2 server sees it). */
void gt_wire_ext_sni(gt_wire_exts *x, const char *host);
void gt_wire_ext_groups(gt_wire_exts *x, const uint16_t *g, size_t n);
void gt_wire_ext_point_formats(gt_wire_exts *x, const uint8_t *f, size_t n);
void gt_wire_ext_sigalgs(gt_wire_exts *x, const uint16_t *s, size_t n);
void gt_wire_ext_alpn(gt_wire_exts *x, const char *const *protos, size_t n);
void gt_wire_ext_alpn_one(gt_wire_exts *x, const char *proto); /* ServerHello form */
void gt_wire_ext_ems(gt_wire_exts *x);
void gt_wire_ext_reneg(gt_wire_exts *x, const uint8_t *verify, size_t n);
void gt_wire_ext_ticket(gt_wire_exts *x, const uint8_t *t, size_t n);
void gt_wire_ext_etm(gt_wire_exts *x);
void gt_wire_ext_max_frag(gt_wire_exts *x, uint8_t code);
void gt_wire_ext_record_size_limit(gt_wire_exts *x, uint16_t limit);
void gt_wire_ext_versions(gt_wire_exts *x, const uint16_t *v, size_t n);

/* ---- handshake messages -------------------------------------------------- */

typedef struct {
    uint16_t version;
    uint8_t random[32];
    long sid_len_override;
    size_t sid_len;
    uint8_t sid[40]; /* room for an over-long (invalid) session id */
    long suites_len_override;
    size_t n_suites;
    uint16_t suites[128];
    long comp_len_override;
    size_t n_comp;
    uint8_t comp[8];
    gt_wire_exts ext;
} gt_wire_hello; /* ClientHello; ServerHello uses suites[0] and comp[0] */

/* Appends a handshake header (RFC 5246 §7.4) + body; len_override for the
 * uint24 length field. */
void gt_wire_hs(gt_wbuf *out, uint8_t type, const uint8_t *body, size_t n, long len_override);
void gt_wire_client_hello(gt_wbuf *body, const gt_wire_hello *h);
void gt_wire_server_hello(gt_wbuf *body, const gt_wire_hello *h);
/* Certificate: chain of DER blobs (RFC 5246 §7.4.2). */
void gt_wire_certificate(gt_wbuf *body, const uint8_t *const *der, const size_t *len, size_t n);
/* ServerKeyExchange for ECDHE (RFC 8422 §5.4): named curve + point +
 * (sigalg, signature). sigalg 0 omits the algorithm field. */
void gt_wire_ske_ecdhe(gt_wbuf *body, uint16_t group, const uint8_t *pt, size_t pt_len,
                       uint16_t sigalg, const uint8_t *sig, size_t sig_len);
/* The signed params part only: curve_type, group, point. */
void gt_wire_ecdhe_params(gt_wbuf *b, uint16_t group, const uint8_t *pt, size_t pt_len);
/* CertificateRequest (RFC 5246 §7.4.4). */
void gt_wire_cert_request(gt_wbuf *body, const uint8_t *types, size_t nt, const uint16_t *sigalgs,
                          size_t ns, const uint8_t *dn_list, size_t dn_len);
void gt_wire_cert_verify(gt_wbuf *body, uint16_t sigalg, const uint8_t *sig, size_t n);
void gt_wire_cke_ecdhe(gt_wbuf *body, const uint8_t *pt, size_t n); /* RFC 8422 §5.7 */
void gt_wire_cke_rsa(gt_wbuf *body, const uint8_t *enc, size_t n);  /* RFC 5246 §7.4.7.1 */
void gt_wire_new_ticket(gt_wbuf *body, uint32_t lifetime, const uint8_t *t, size_t n);

/* ---- records ---------------------------------------------------------------- */

/* One record header (RFC 5246 §6.2.1) + fragment, length computed. */
void gt_wire_record(gt_wbuf *out, uint8_t type, uint16_t version, const uint8_t *frag, size_t n);

/* ---- parsing ------------------------------------------------------------------ */

typedef struct {
    uint8_t type;
    uint16_t version;
    size_t len;
    const uint8_t *frag;
} gt_wire_rec;

/* Cuts one record from [p, p+n). Returns 1 with a record, 0 when more bytes
 * are needed, -1 when the header is not TLS (bad type/version/length). */
int gt_wire_next_record(const uint8_t *p, size_t n, gt_wire_rec *r, size_t *used);

typedef struct {
    uint16_t version;
    const uint8_t *random;
    size_t sid_len;
    const uint8_t *sid;
    uint16_t suite; /* ServerHello */
    uint8_t comp;   /* ServerHello */
    gt_wrd suites;  /* ClientHello: the cipher_suites vector */
    gt_wrd comps;   /* ClientHello */
    int has_ext;
    gt_wrd ext; /* the extensions block */
} gt_wire_hello_view;

/* 0 when well formed; else a short reason in *why. */
int gt_wire_parse_server_hello(const uint8_t *b, size_t n, gt_wire_hello_view *v, const char **why);
int gt_wire_parse_client_hello(const uint8_t *b, size_t n, gt_wire_hello_view *v, const char **why);
/* Finds an extension in a view's block; returns 1 and its body if present,
 * -1 if the block is malformed or the type repeats, 0 if absent. */
int gt_wire_find_ext(const gt_wire_hello_view *v, uint16_t type, gt_wrd *body);

const char *gt_wire_alert_name(int desc);
int gt_wire_alert_by_name(const char *name);
const char *gt_wire_hs_name(int type);

#endif
