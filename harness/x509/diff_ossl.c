/* gt-x509-diff: OpenSSL's side (libcrypto d2i_X509 and accessors). */
#define _GNU_SOURCE /* timegm */
#include "diff.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

static int64_t when(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || !ASN1_TIME_to_tm(t, &tm)) return INT64_MIN;
    return (int64_t)timegm(&tm);
}

static void name_of(const X509_NAME *nm, uint8_t *out, size_t *len)
{
    unsigned char *der = NULL;
    int n = nm ? i2d_X509_NAME(nm, &der) : -1;
    if (n > 0 && (size_t)n <= DREC_NAME_MAX) {
        memcpy(out, der, (size_t)n);
        *len = (size_t)n;
    }
    OPENSSL_free(der);
}

static void key_of(X509 *x, drec *r)
{
    EVP_PKEY *k = X509_get0_pubkey(x);
    const char *s = "other";
    char group[64] = "";
    size_t gl;
    if (k) {
        switch (EVP_PKEY_get_base_id(k)) {
        case EVP_PKEY_RSA:
            s = "rsa";
            r->bits = (unsigned)EVP_PKEY_get_bits(k);
            break;
        case EVP_PKEY_RSA_PSS:
            s = "rsa-pss";
            r->bits = (unsigned)EVP_PKEY_get_bits(k);
            break;
        case EVP_PKEY_EC:
            if (!EVP_PKEY_get_group_name(k, group, sizeof group, &gl)) group[0] = 0;
            s = !strcmp(group, "prime256v1")  ? "ec-p256"
                : !strcmp(group, "secp384r1") ? "ec-p384"
                : !strcmp(group, "secp521r1") ? "ec-p521"
                                              : "ec-other";
            break;
        case EVP_PKEY_ED25519:
            s = "ed25519";
            break;
        case EVP_PKEY_ED448:
            s = "ed448";
            break;
        case EVP_PKEY_DSA:
            s = "dsa";
            break;
        default:
            break;
        }
    }
    snprintf(r->key, sizeof r->key, "%s", s);
}

static void san_of(X509 *x, drec *r)
{
    GENERAL_NAMES *gns = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    for (int i = 0; gns && i < sk_GENERAL_NAME_num(gns); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, i);
        if (g->type == GEN_DNS)
            drec_san_add(r, "DNS", ASN1_STRING_get0_data(g->d.dNSName),
                         (size_t)ASN1_STRING_length(g->d.dNSName));
        if (g->type == GEN_IPADD)
            drec_san_add(r, "IP", ASN1_STRING_get0_data(g->d.iPAddress),
                         (size_t)ASN1_STRING_length(g->d.iPAddress));
    }
    GENERAL_NAMES_free(gns);
}

void diff_openssl(const uint8_t *der, size_t n, drec *r)
{
    const unsigned char *p = der;
    memset(r, 0, sizeof *r);
    X509 *x = d2i_X509(NULL, &p, (long)n);
    /* d2i_X509 parses a prefix: trailing bytes are a rejection too */
    if (!x || p != der + n) {
        r->err = x ? -1 : (int)(ERR_get_error() & 0xfff); /* -1: trailing bytes */
        ERR_clear_error();
        X509_free(x);
        return;
    }
    r->ok = 1;
    const ASN1_INTEGER *sn = X509_get0_serialNumber(x);
    drec_serial(r, ASN1_STRING_get0_data(sn), (size_t)ASN1_STRING_length(sn),
                ASN1_STRING_type(sn) == V_ASN1_NEG_INTEGER);
    name_of(X509_get_issuer_name(x), r->issuer, &r->issuer_len);
    name_of(X509_get_subject_name(x), r->subject, &r->subject_len);
    r->not_before = when(X509_get0_notBefore(x));
    r->not_after = when(X509_get0_notAfter(x));
    san_of(x, r);
    key_of(x, r);
    X509_free(x);
}
