/*
 * Certificates. Client targets get a server chain with one fault each
 * (vectors/conform/generate.sh): expired, not yet valid, wrong name,
 * unknown CA, bad signature, wrong key usage / extended key usage,
 * self-signed, issued by a non-CA; malformed Certificate messages; a bad
 * ServerKeyExchange signature. Server targets that ask for a client
 * certificate get the same faults in client certificates, an empty
 * certificate list, a bad or missing CertificateVerify.
 */
#include "conform.h"
#include "hooks.h"

#include <string.h>

static const char Q_EXPIRED[] = "RFC 5246 §7.2.2: certificate_expired: A certificate has expired "
                                "or is not currently valid.";
static const char Q_UNKNOWN_CA[] =
    "RFC 5246 §7.2.2: unknown_ca: A valid certificate chain or partial chain was received, but "
    "the certificate was not accepted because the CA certificate could not be located or "
    "couldn't be matched with a known, trusted CA.";
static const char Q_BADSIG[] =
    "RFC 5246 §7.2.2: bad_certificate: A certificate was corrupt, contained signatures that did "
    "not verify correctly, etc. (decrypt_error, \"unable to correctly verify a signature\", also "
    "accepted.)";
static const char Q_NAME[] =
    "RFC 6125 §6.6: If the client does not find a presented identifier matching any of the "
    "reference identifiers ... the client MUST NOT consider the certificate to include an "
    "identifier ... (RFC 5246 names no alert: bad_certificate, certificate_unknown and "
    "access_denied accepted.)";
static const char Q_USAGE[] =
    "RFC 5246 §7.4.2: ... The certificate MUST allow the key to be used for signing with the "
    "signature scheme and hash algorithm that will be employed in the server key exchange "
    "message. (RFC 5280 §4.2.1.3, §4.2.1.12: keyUsage / extendedKeyUsage restrict the key. "
    "unsupported_certificate, bad_certificate and certificate_unknown accepted.)";
static const char Q_CHAIN[] =
    "RFC 5246 §7.4.2: Each following certificate MUST directly certify the one preceding it. "
    "(RFC 5280 §4.2.1.9: an issuer must be a CA. bad_certificate, unknown_ca, "
    "certificate_unknown accepted.)";
static const char Q_CERT_MSG[] =
    "RFC 5246 §7.4.2: ASN.1Cert certificate_list<0..2^24-1>; ... The sender's certificate MUST "
    "come first in the list. (A server's list cannot be empty; malformed: decode_error, "
    "bad_certificate, illegal_parameter, handshake_failure accepted.)";
static const char Q_SKE_SIG[] =
    "RFC 5246 §7.2.2: decrypt_error: A handshake cryptographic operation failed, including being "
    "unable to correctly verify a signature or validate a Finished message.";
static const char Q_CLIENT_CHAIN[] =
    "RFC 5246 §7.4.6: if some aspect of the certificate chain was unacceptable (e.g., it was not "
    "signed by a known, trusted CA), the server MAY at its discretion either continue the "
    "handshake (considering the client unauthenticated) or send a fatal alert. (A server that "
    "requires client authentication sends the alert; --client-auth request accepts either.)";
static const char Q_CLIENT_EMPTY[] =
    "RFC 5246 §7.4.6: If the client does not send any certificates, the server MAY at its "
    "discretion either continue the handshake without client authentication, or respond with a "
    "fatal handshake_failure alert.";
static const char Q_CV[] =
    "RFC 5246 §7.4.8: This message is used to provide explicit verification of a client "
    "certificate. (§7.2.2) decrypt_error: ... unable to correctly verify a signature.";
static const char Q_CV_MISSING[] =
    "RFC 5246 §7.4.8: This message is sent by the client ... following a client certificate that "
    "has signing capability. (§7.4: sending handshake messages in an unexpected order results in "
    "a fatal error; unexpected_message.)";
static const char Q_CLIENT_OK[] = "RFC 5246 §7.4.6: client certificate (control: a valid chain "
                                  "from the test PKI).";

static void server_chain(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    gt_sp_chain *ch = gt_cf_chain(env, c->data);
    if (ch != NULL) cfg->rsa_chain = ch;
    cfg->ecdsa_chain = NULL; /* the faulty chain is RSA: only RSA-signed suites */
}
static void client_chain(gt_sp_cfg *cfg, const gt_cf_env *env, const gt_cf_case *c)
{
    gt_sp_chain *ch = c->data ? gt_cf_chain(env, c->data) : NULL;
    if (c->data == NULL)
        cfg->client_chain =
            c->arg ? (gt_sp_chain *)&env->client_p256 : (gt_sp_chain *)&env->client_rsa;
    /* OpenSSL refuses an ECDSA client certificate whose curve the client did
     * not list in supported_groups (by analogy with RFC 8422 §5.3 for the
     * server's); the control offers P-256 so that it tests the chain only. */
    int has = 0;
    for (size_t i = 0; i < cfg->n_groups; i++)
        has |= cfg->groups[i] == GT_GROUP_P256;
    if (c->arg && !has && cfg->n_groups < 8)
        cfg->groups[cfg->n_groups++] = GT_GROUP_P256;
    else if (ch != NULL)
        cfg->client_chain = ch;
}
static void cert_body(gt_sp *sp, gt_wbuf *m)
{
    switch (CASE_ARG(sp)) {
    case 1: /* empty list */
        m->n = 4;
        gt_wbuf_u24(m, 0);
        break;
    case 2: /* the leaf replaced by garbage */
        m->n = 4;
        gt_wbuf_u24(m, 3 + 16);
        gt_wbuf_u24(m, 16);
        gt_wbuf_fill(m, 0x30, 16);
        break;
    case 3: /* outer length overruns */
        m->p[4] = 0x7f;
        break;
    case 4: /* trailing byte */
        gt_wbuf_u8(m, 0);
        break;
    default:
        break;
    }
    gt_sp_relen(m);
}
static void bad_sig(gt_sp *sp)
{
    sp->bad_signature = 1;
}

#define C GT_TARGET_CLIENT
#define S GT_TARGET_SERVER
#define SERVE                                                                                      \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_SERVE}, {.op = GT_OP_WAIT},                                                   \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define SERVE_CERT(post_)                                                                          \
    (const gt_sp_step[])                                                                           \
    {                                                                                              \
        {.op = GT_OP_READ_CLIENT_HELLO}, {.op = GT_OP_SERVER_HELLO},                               \
            {.op = GT_OP_SERVER_CERT, .post = post_}, {.op = GT_OP_SKE}, {.op = GT_OP_SHD},        \
            {.op = GT_OP_READ_CLIENT_FLIGHT}, {.op = GT_OP_WAIT},                                  \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define BADCHAIN(id, file, q, ...)                                                                 \
    {                                                                                              \
        "cert.server." id, "RFC 5246 §7.4.2", q, C, SERVE, GT_X_ALERT, __VA_ARGS__,                \
            .data = file, .setup = server_chain, .flags = GT_CF_RSA_AUTH                           \
    }
#define CLIENTCHAIN(id, file, q, ...)                                                              \
    {                                                                                              \
        "cert.client." id, "RFC 5246 §7.4.6", q, S, gt_cf_full_handshake_app, GT_X_ALERT,          \
            __VA_ARGS__, .data = file, .setup = client_chain,                                      \
                         .flags = GT_CF_CLIENT_AUTH | GT_CF_POLICY                                 \
    }

static const gt_cf_case cases[] = {
    BADCHAIN("expired", "server-expired.pem", Q_EXPIRED, ALERTS1(A(certificate_expired))),
    BADCHAIN("not-yet-valid", "server-not-yet-valid.pem", Q_EXPIRED,
             ALERTS1(A(certificate_expired))),
    BADCHAIN("unknown-ca", "server-unknown-ca.pem", Q_UNKNOWN_CA, ALERTS1(A(unknown_ca))),
    BADCHAIN("self-signed", "server-self-signed.pem", Q_UNKNOWN_CA,
             ALERTS2(A(unknown_ca), A(bad_certificate))),
    BADCHAIN("bad-signature", "server-bad-signature.pem", Q_BADSIG,
             ALERTS2(A(bad_certificate), A(decrypt_error))),
    BADCHAIN("wrong-name", "server-wrong-name.pem", Q_NAME,
             ALERTS3(A(bad_certificate), A(certificate_unknown), A(access_denied))),
    BADCHAIN("wrong-key-usage", "server-wrong-key-usage.pem", Q_USAGE,
             ALERTS3(A(unsupported_certificate), A(bad_certificate), A(certificate_unknown))),
    BADCHAIN("wrong-extended-key-usage", "server-wrong-eku.pem", Q_USAGE,
             ALERTS3(A(unsupported_certificate), A(bad_certificate), A(certificate_unknown))),
    BADCHAIN("issued-by-non-ca", "server-non-ca-issuer.pem", Q_CHAIN,
             ALERTS3(A(bad_certificate), A(unknown_ca), A(certificate_unknown))),
    {"cert.server.empty-list", "RFC 5246 §7.4.2", Q_CERT_MSG, C, SERVE_CERT(cert_body), GT_X_ALERT,
     .n_alerts = 4,
     .alerts = {A(decode_error), A(bad_certificate), A(illegal_parameter), A(handshake_failure)},
     .arg = 1},
    {"cert.server.garbage-der", "RFC 5246 §7.4.2", Q_CERT_MSG, C, SERVE_CERT(cert_body), GT_X_ALERT,
     ALERTS2(A(decode_error), A(bad_certificate)), .arg = 2},
    {"cert.server.list-overrun", "RFC 5246 §7.4.2", Q_CERT_MSG, C, SERVE_CERT(cert_body),
     GT_X_ALERT, ALERTS2(A(decode_error), A(bad_certificate)), .arg = 3},
    {"cert.server.trailing-byte", "RFC 5246 §7.4.2", Q_CERT_MSG, C, SERVE_CERT(cert_body),
     GT_X_ALERT, ALERTS2(A(decode_error), A(bad_certificate)), .arg = 4},
    {"cert.server.ske-bad-signature", "RFC 5246 §7.4.3", Q_SKE_SIG, C,
     (const gt_sp_step[]){{.op = GT_OP_READ_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_HELLO},
                          {.op = GT_OP_SERVER_CERT},
                          {.op = GT_OP_SKE, .pre = bad_sig},
                          {.op = GT_OP_SHD},
                          {.op = GT_OP_READ_CLIENT_FLIGHT},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(decrypt_error)), .flags = GT_CF_ECDHE | GT_CF_PER_SUITE},
    /* client certificates, for servers that ask for them */
    {"cert.client.valid-rsa", "RFC 5246 §7.4.6", Q_CLIENT_OK, S, gt_cf_full_handshake_app, GT_X_OK,
     .setup = client_chain, .flags = GT_CF_CLIENT_AUTH},
    {"cert.client.valid-p256", "RFC 5246 §7.4.6", Q_CLIENT_OK, S, gt_cf_full_handshake_app, GT_X_OK,
     .arg = 1, .setup = client_chain, .flags = GT_CF_CLIENT_AUTH},
    CLIENTCHAIN("expired", "client-expired.pem", Q_CLIENT_CHAIN, ALERTS1(A(certificate_expired))),
    CLIENTCHAIN("unknown-ca", "client-unknown-ca.pem", Q_CLIENT_CHAIN, ALERTS1(A(unknown_ca))),
    CLIENTCHAIN("bad-signature", "client-bad-signature.pem", Q_CLIENT_CHAIN,
                ALERTS2(A(bad_certificate), A(decrypt_error))),
    CLIENTCHAIN("wrong-extended-key-usage", "client-wrong-eku.pem", Q_CLIENT_CHAIN,
                ALERTS3(A(unsupported_certificate), A(bad_certificate), A(certificate_unknown))),
    {"cert.client.empty-list", "RFC 5246 §7.4.6", Q_CLIENT_EMPTY, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CLIENT_CERT, .arg = 1},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_SERVER_FINISH},
                          {0}},
     GT_X_ALERT, ALERTS1(A(handshake_failure)), .flags = GT_CF_CLIENT_AUTH | GT_CF_POLICY},
    {"cert.client.bad-certificate-verify", "RFC 5246 §7.4.8", Q_CV, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CLIENT_CERT},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CERT_VERIFY, .pre = bad_sig},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(decrypt_error)), .flags = GT_CF_CLIENT_AUTH},
    {"cert.client.certificate-verify-missing", "RFC 5246 §7.4.8", Q_CV_MISSING, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CLIENT_CERT},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CCS},
                          {.op = GT_OP_FINISHED},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(unexpected_message)), .flags = GT_CF_CLIENT_AUTH},
    {"cert.client.certificate-skipped", "RFC 5246 §7.4.6", Q_CV_MISSING, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS2(A(unexpected_message), A(handshake_failure)), .flags = GT_CF_CLIENT_AUTH},
    {"cert.client.certificate-verify-twice", "RFC 5246 §7.4.8", Q_CV_MISSING, S,
     (const gt_sp_step[]){{.op = GT_OP_CLIENT_HELLO},
                          {.op = GT_OP_SERVER_FLIGHT},
                          {.op = GT_OP_CLIENT_CERT},
                          {.op = GT_OP_CKE},
                          {.op = GT_OP_CERT_VERIFY, .flags = GT_F_TWICE | GT_F_NOHASH},
                          {.op = GT_OP_WAIT},
                          {0}},
     GT_X_ALERT, ALERTS1(A(unexpected_message)), .flags = GT_CF_CLIENT_AUTH},
};

void gt_cf_cases_cert(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        gt_cf_add(&cases[i]);
}
