/*
 * Key exchange (the target is a server): invalid, off-curve and
 * wrong-length ECDHE shares (RFC 8422 §5.7, §5.11), X25519 inputs that
 * give an all-zero secret (RFC 7748 §6.1), and RSA key exchange with every
 * malformed PKCS#1 v1.5 block, all of which must end the same way (RFC
 * 5246 §7.4.7.1).
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_VALIDATE[] =
    "RFC 8422 §5.11: With the NIST curves, each party MUST validate the public key sent by its "
    "peer in the ClientKeyExchange and ServerKeyExchange messages.  A receiving party MUST check "
    "that the x and y parameters from the peer's public value satisfy the curve equation. (No "
    "alert is named: illegal_parameter, decode_error and handshake_failure are accepted.)";
static const char Q_FORMAT[] =
    "RFC 8422 §5.7: struct { opaque point <1..2^8-1>; } ECPoint; ... (§5.1.2) uncompressed point "
    "format ... is the only format for the curves defined in this specification. (Malformed "
    "encodings: illegal_parameter, decode_error or handshake_failure accepted.)";
static const char Q_X25519[] =
    "RFC 8422 §5.11: With X25519 and X448, a receiving party MUST check whether the computed "
    "premaster secret is the all-zero value and abort the handshake if so, as described in "
    "Section 6 of [RFC7748]. (No alert is named: illegal_parameter, handshake_failure, "
    "decode_error and decrypt_error are accepted.)";
static const char Q_RSA[] =
    "RFC 5246 §7.4.7.1: In any case, a TLS server MUST NOT generate an alert if processing an "
    "RSA-encrypted premaster secret message fails, or the version number is not as expected.  "
    "Instead, it MUST continue the handshake with a randomly generated premaster secret. (The "
    "client's Finished then fails under the server's keys: bad_record_mac, the same for every "
    "variant.)";
static const char Q_RSA_LEN[] =
    "RFC 5246 §7.4.7.1: public-key-encrypted PreMasterSecret pre_master_secret; (an "
    "opaque<0..2^16-1> "
    "of the modulus length). (A wrong length: decode_error, or the random-premaster path, "
    "bad_record_mac.)";

/* The CKE message is 4 header bytes, a length byte, then the point. */
static void point_edit(gt_sp *sp, gt_wbuf *m)
{
    uint8_t *pt = m->p + 5;
    size_t n = m->n - 5;
    switch (CASE_ARG(sp)) {
    case 1:
        pt[n - 1] ^= 0x01;
        break; /* y off the curve */
    case 2:
        m->n = 5 + 1 + n / 2, pt[0] = 0x02;
        break; /* compressed form */
    case 3:
        m->n = 6, pt[0] = 0x00;
        break; /* point at infinity */
    case 4:
        memset(pt + 1, 0, n - 1);
        break; /* (0, 0) */
    case 5:
        memset(pt + 1, 0xff, (n - 1) / 2);
        break; /* x >= p */
    case 6:
        m->n -= 1;
        break; /* one byte short */
    case 7:
        gt_wbuf_u8(m, 0x00);
        break; /* one byte long */
    case 8:
        m->n = 5;
        break; /* empty point */
    case 9:
        pt[0] = 0x05;
        break; /* unknown format byte */
    case 10:
        pt[0] = (uint8_t)(0x06 | (pt[n - 1] & 1));
        break; /* a valid hybrid encoding */
    default:
        break;
    }
    m->p[4] = (uint8_t)(m->n - 5);
    if (CASE_ARG(sp) == 11) m->p[4] = (uint8_t)(m->n - 5 + 10); /* length overrun */
    if (CASE_ARG(sp) == 12) gt_wbuf_u8(m, 0);                   /* trailing byte */
    gt_sp_relen(m);
}

/* X25519 u-coordinates whose product with any scalar is all-zero
 * (RFC 7748 §5: inputs are reduced mod p = 2^255 - 19). */
static void x25519_edit(gt_sp *sp, gt_wbuf *m)
{
    uint8_t *u = m->p + 5;
    memset(u, 0, 32);
    switch (CASE_ARG(sp)) {
    case 1:
        u[0] = 1;
        break; /* u = 1 */
    case 2:    /* u = p (= 0 mod p) */
        memset(u, 0xff, 32);
        u[0] = 0xed, u[31] = 0x7f;
        break;
    case 3: /* u = p + 1 (= 1 mod p) */
        memset(u, 0xff, 32);
        u[0] = 0xee, u[31] = 0x7f;
        break;
    default:
        break; /* u = 0 */
    }
}

static void wrong_group(gt_sp *sp)
{
    sp->override_group = (uint16_t)CASE_ARG(sp);
}
static void rsa_variant(gt_sp *sp)
{
    sp->rsa_variant = CASE_ARG(sp);
}
static void rsa_len(gt_sp *sp, gt_wbuf *m)
{
    if (CASE_ARG(sp) == 1) { /* drop the 2-byte length (SSLv3 form) */
        memmove(m->p + 4, m->p + 6, m->n - 6);
        m->n -= 2;
    } else { /* one byte short, length adjusted */
        m->n -= 1;
        m->p[4] = (uint8_t)((m->n - 6) >> 8), m->p[5] = (uint8_t)(m->n - 6);
    }
    gt_sp_relen(m);
}

#define S GT_TARGET_SERVER
#define CH_FLIGHT                                                                                  \
    {.op = GT_OP_CLIENT_HELLO},                                                                    \
    {                                                                                              \
        .op = GT_OP_SERVER_FLIGHT                                                                  \
    }
#define BAD_CKE(post_)                                                                             \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        CH_FLIGHT, {.op = GT_OP_CKE, .post = post_}, {.op = GT_OP_WAIT},                           \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define BAD_CKE_PRE(pre_)                                                                          \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        CH_FLIGHT, {.op = GT_OP_CKE, .pre = pre_}, {.op = GT_OP_WAIT},                             \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define RSA_FLIGHT(pre_)                                                                           \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        CH_FLIGHT, {.op = GT_OP_CKE, .pre = pre_}, {.op = GT_OP_CCS}, {.op = GT_OP_FINISHED},      \
            {.op = GT_OP_WAIT},                                                                    \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define PT3 ALERTS3(A(illegal_parameter), A(decode_error), A(handshake_failure))
#define P256(id, arg_, q)                                                                          \
    {                                                                                              \
        "kx.p256." id, "RFC 8422 §5.11", q, S, BAD_CKE(point_edit), GT_X_ALERT, PT3,               \
            .arg = arg_, .need_group = GT_GROUP_P256                                               \
    }
#define P384(id, arg_, q)                                                                          \
    {                                                                                              \
        "kx.p384." id, "RFC 8422 §5.11", q, S, BAD_CKE(point_edit), GT_X_ALERT, PT3,               \
            .arg = arg_, .need_group = GT_GROUP_P384                                               \
    }
#define X25519(id, arg_)                                                                           \
    {                                                                                              \
        "kx.x25519." id, "RFC 8422 §5.11", Q_X25519, S, BAD_CKE(x25519_edit), GT_X_ALERT,          \
            .n_alerts = 4,                                                                         \
            .alerts = {A(illegal_parameter), A(handshake_failure), A(decode_error),                \
                       A(decrypt_error)},                                                          \
            .arg = arg_, .need_group = GT_GROUP_X25519                                             \
    }
#define RSA(id, v)                                                                                 \
    {                                                                                              \
        "kx.rsa.pkcs1-" id, "RFC 5246 §7.4.7.1", Q_RSA, S, RSA_FLIGHT(rsa_variant), GT_X_ALERT,    \
            ALERTS1(A(bad_record_mac)), .arg = v, .flags = GT_CF_RSA_KX | GT_CF_PER_SUITE          \
    }

static const gt_cf_case cases[] = {
    P256("off-curve", 1, Q_VALIDATE),
    P256("compressed", 2, Q_FORMAT),
    P256("infinity", 3, Q_FORMAT),
    P256("zero-coordinates", 4, Q_VALIDATE),
    P256("x-above-p", 5, Q_VALIDATE),
    P256("share-short", 6, Q_FORMAT),
    P256("share-long", 7, Q_FORMAT),
    P256("share-empty", 8, Q_FORMAT),
    P256("format-byte-5", 9, Q_FORMAT),
    P256("hybrid-form", 10, Q_FORMAT),
    P256("length-overrun", 11, Q_FORMAT),
    P256("trailing-byte", 12, Q_FORMAT),
    P384("off-curve", 1, Q_VALIDATE),
    P384("compressed", 2, Q_FORMAT),
    P384("infinity", 3, Q_FORMAT),
    P384("zero-coordinates", 4, Q_VALIDATE),
    P384("x-above-p", 5, Q_VALIDATE),
    P384("share-short", 6, Q_FORMAT),
    P384("share-long", 7, Q_FORMAT),
    P384("share-empty", 8, Q_FORMAT),
    {"kx.p256.share-from-p384", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE_PRE(wrong_group), GT_X_ALERT,
     PT3, .arg = GT_GROUP_P384, .need_group = GT_GROUP_P256},
    {"kx.p384.share-from-p256", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE_PRE(wrong_group), GT_X_ALERT,
     PT3, .arg = GT_GROUP_P256, .need_group = GT_GROUP_P384},
    {"kx.x25519.share-from-p256", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE_PRE(wrong_group),
     GT_X_ALERT, PT3, .arg = GT_GROUP_P256, .need_group = GT_GROUP_X25519},
    {"kx.x25519.share-short", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE(point_edit), GT_X_ALERT, PT3,
     .arg = 6, .need_group = GT_GROUP_X25519},
    {"kx.x25519.share-long", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE(point_edit), GT_X_ALERT, PT3,
     .arg = 7, .need_group = GT_GROUP_X25519},
    {"kx.x25519.share-empty", "RFC 8422 §5.7", Q_FORMAT, S, BAD_CKE(point_edit), GT_X_ALERT, PT3,
     .arg = 8, .need_group = GT_GROUP_X25519},
    X25519("all-zero-u0", 0),
    X25519("all-zero-u1", 1),
    X25519("all-zero-u-p", 2),
    X25519("all-zero-u-p-plus-1", 3),
    /* RSA key exchange: every malformed block ends the same way */
    {"kx.rsa.pkcs1-well-formed-control", "RFC 5246 §7.4.7.1", Q_RSA, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_OK, .flags = GT_CF_RSA_KX | GT_CF_PER_SUITE},
    RSA("first-byte-not-zero", 1),
    RSA("block-type-1", 2),
    RSA("no-separator", 3),
    RSA("short-padding-string", 4),
    RSA("premaster-46-bytes", 5),
    RSA("wrong-client-version", 6),
    RSA("premaster-50-bytes", 7),
    RSA("block-type-3", 8),
    {"kx.rsa.cke-no-length-prefix", "RFC 5246 §7.4.7.1", Q_RSA_LEN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE, .post = rsa_len},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS2(A(decode_error), A(bad_record_mac)), .arg = 1, .flags = GT_CF_RSA_KX},
    {"kx.rsa.cke-short-ciphertext", "RFC 5246 §7.4.7.1", Q_RSA_LEN, S,
     (const gt_sp_step[]){CH_FLIGHT,
                          {.op = GT_OP_CKE, .post = rsa_len},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS2(A(decode_error), A(bad_record_mac)), .arg = 2, .flags = GT_CF_RSA_KX},
};

void gt_cf_cases_kx(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
