/* gt-x509-diff: wolfSSL's side (wc_ParseCert on a DecodedCert, without
 * signature verification). <wolfssl/options.h> comes first so that the
 * DecodedCert layout matches the library's build. */
#define _GNU_SOURCE /* timegm */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/asn_public.h>

#include "diff.h"

#include <string.h>
#include <time.h>

static int64_t when(const byte *d, int len)
{
    const byte *date;
    byte format;
    int dlen;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!d || wc_GetDateInfo(d, len, &date, &format, &dlen) != 0) return INT64_MIN;
    if (wc_GetDateAsCalendarTime(date, dlen, format, &tm) != 0) return INT64_MIN;
    return (int64_t)timegm(&tm);
}

static void key_of(const DecodedCert *c, drec *r)
{
    const char *s = "other";
    switch (c->keyOID) {
    case RSAk:
        s = "rsa";
        break;
    case RSAPSSk:
        s = "rsa-pss";
        break;
    case ECDSAk:
        s = c->pkCurveOID == ECC_SECP256R1_OID   ? "ec-p256"
            : c->pkCurveOID == ECC_SECP384R1_OID ? "ec-p384"
            : c->pkCurveOID == ECC_SECP521R1_OID ? "ec-p521"
                                                 : "ec-other";
        break;
    case ED25519k:
        s = "ed25519";
        break;
    case ED448k:
        s = "ed448";
        break;
    case DSAk:
        s = "dsa";
        break;
    default:
        break;
    }
    snprintf(r->key, sizeof r->key, "%s", s);
}

/* issuerRaw/subjectRaw are the Name's contents (after the SEQUENCE
 * header): put the header back so that the whole TLVs compare. */
static void raw_name(const byte *p, int len, uint8_t *out, size_t *olen)
{
    size_t n = (size_t)len, h = 0;
    if (!p || len < 0 || n + 4 > DREC_NAME_MAX) return;
    out[h++] = 0x30;
    if (n >= 0x100) {
        out[h++] = 0x82;
        out[h++] = (uint8_t)(n >> 8);
    } else if (n >= 0x80) {
        out[h++] = 0x81;
    }
    out[h++] = (uint8_t)n;
    memcpy(out + h, p, n);
    *olen = h + n;
}

void diff_wolfssl(const uint8_t *der, size_t n, drec *r)
{
    static DecodedCert c;
    memset(r, 0, sizeof *r);
    wc_InitDecodedCert(&c, der, (word32)n, NULL);
    if ((r->err = wc_ParseCert(&c, CERT_TYPE, NO_VERIFY, NULL)) != 0) {
        wc_FreeDecodedCert(&c);
        return;
    }
    r->ok = 1;
    drec_serial(r, c.serial, (size_t)c.serialSz, 0);
    raw_name(c.issuerRaw, c.issuerRawLen, r->issuer, &r->issuer_len);
    raw_name(c.subjectRaw, c.subjectRawLen, r->subject, &r->subject_len);
    r->not_before = when(c.beforeDate, c.beforeDateLen);
    r->not_after = when(c.afterDate, c.afterDateLen);
    for (const DNS_entry *e = c.altNames; e; e = e->next) {
        if (e->type == ASN_DNS_TYPE)
            drec_san_add(r, "DNS", (const uint8_t *)e->name, (size_t)e->len);
        if (e->type == ASN_IP_TYPE) drec_san_add(r, "IP", (const uint8_t *)e->name, (size_t)e->len);
    }
    key_of(&c, r);
    wc_FreeDecodedCert(&c);
}
