/* gt-x509-diff: the IUT's certificate parser against OpenSSL's libcrypto
 * and wolfSSL's, certificate by certificate. Each implementation reduces a
 * DER certificate to the same record; diff.c compares the records field by
 * field. Each library lives in its own file (their headers cannot meet). */
#ifndef GT_X509_DIFF_H
#define GT_X509_DIFF_H

#include <stddef.h>
#include <stdint.h>

#define DREC_NAME_MAX 8192

typedef struct {
    int ok;           /* 1 if the implementation accepted the certificate */
    int err;          /* the implementation's error code when it did not */
    char serial[160]; /* big-endian magnitude in hex, leading zeros stripped; '-' if negative */
    uint8_t issuer[DREC_NAME_MAX], subject[DREC_NAME_MAX]; /* Name DER (whole TLV) */
    size_t issuer_len, subject_len;
    int64_t not_before, not_after;
    char san[4096]; /* "DNS:a,IP:c0000201,..." in encoded order, DNS and IP only */
    char
        key[24]; /* rsa, rsa-pss, ec-p256, ec-p384, ec-p521, ec-other, ed25519, ed448, dsa, other */
    unsigned bits; /* RSA modulus bits; 0 when the implementation does not say */
} drec;

/* Each fills r from der[0..n) (r is zeroed first). */
void diff_iut(const uint8_t *der, size_t n, drec *r);
void diff_openssl(const uint8_t *der, size_t n, drec *r);
void diff_wolfssl(const uint8_t *der, size_t n, drec *r);

/* Shared helpers (diff.c). */
void drec_hex(char *out, size_t cap, const uint8_t *p, size_t n);
void drec_serial(drec *r, const uint8_t *mag, size_t n, int negative);
void drec_san_add(drec *r, const char *kind, const uint8_t *p, size_t n);

#endif
