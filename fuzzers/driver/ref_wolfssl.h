/* tlsgauntlet — wolfSSL's certificate parser behind a neutral interface.
 *
 * wolfSSL's OpenSSL-compatibility headers redefine OpenSSL's type names
 * (EVP_MD, RSA, ...), so one translation unit cannot include both; the
 * differential targets call wolfSSL through this file instead (linked when
 * a target says "fuzz-needs: wolfssl"). */
#ifndef GT_FUZZ_REF_WOLFSSL_H
#define GT_FUZZ_REF_WOLFSSL_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    long err; /* wolfSSL's error when the parse failed (0 if unknown) */
    int version;
    int serial_ok, sig_ok;
    uint8_t serial[64];
    int serial_len;
    uint8_t sig[1024];
    int sig_len;
    int is_ca;
} fz_wolf_cert;

void fz_wolf_init(void);
/* 1 when wolfSSL_d2i_X509 accepts der[0..n), filling *out; 0 otherwise. */
int fz_wolf_parse(const uint8_t *der, size_t n, fz_wolf_cert *out);

#endif
