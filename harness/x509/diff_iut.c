/* gt-x509-diff: the IUT's side (tls/x509 views). */
#include "diff.h"

#include <stdio.h>
#include <string.h>

#include "gt/gt_x509.h"

static void key_of(const gt_x509_pubkey *k, drec *r)
{
    const char *s = "other";
    switch (k->type) {
    case GT_X509_KEY_RSA:
        s = "rsa";
        r->bits = k->bits;
        break;
    case GT_X509_KEY_RSA_PSS:
        s = "rsa-pss";
        r->bits = k->bits;
        break;
    case GT_X509_KEY_EC:
        s = k->curve == GT_X509_CURVE_P256   ? "ec-p256"
            : k->curve == GT_X509_CURVE_P384 ? "ec-p384"
            : k->curve == GT_X509_CURVE_P521 ? "ec-p521"
                                             : "ec-other";
        break;
    case GT_X509_KEY_ED25519:
        s = "ed25519";
        break;
    case GT_X509_KEY_ED448:
        s = "ed448";
        break;
    case GT_X509_KEY_DSA:
        s = "dsa";
        break;
    default:
        break;
    }
    snprintf(r->key, sizeof r->key, "%s", s);
}

void diff_iut(const uint8_t *der, size_t n, drec *r)
{
    gt_x509_cert c;
    memset(r, 0, sizeof *r);
    if ((r->err = gt_x509_cert_parse(&c, der, n))) return;
    r->ok = 1;
    /* serial: two's complement contents; the parser refuses negatives */
    const uint8_t *s = c.serial.p;
    size_t sl = c.serial.len;
    drec_serial(r, s, sl, 0);
    if (c.issuer.len <= DREC_NAME_MAX) memcpy(r->issuer, c.issuer.p, r->issuer_len = c.issuer.len);
    if (c.subject.len <= DREC_NAME_MAX)
        memcpy(r->subject, c.subject.p, r->subject_len = c.subject.len);
    r->not_before = c.not_before;
    r->not_after = c.not_after;
    gt_x509_iter it = gt_x509_iter_of(c.san);
    gt_x509_general_name gn;
    while (gt_x509_gn_next(&it, &gn) == 1) {
        if (gn.type == GT_X509_GN_DNS) drec_san_add(r, "DNS", gn.value.p, gn.value.len);
        if (gn.type == GT_X509_GN_IP) drec_san_add(r, "IP", gn.value.p, gn.value.len);
    }
    key_of(&c.key, r);
}
