/* tlsgauntlet — wolfSSL's certificate parser (see ref_wolfssl.h). */
#include "ref_wolfssl.h"

#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

void fz_wolf_init(void)
{
    wolfSSL_Init();
}

int fz_wolf_parse(const uint8_t *der, size_t n, fz_wolf_cert *out)
{
    const unsigned char *p = der;
    memset(out, 0, sizeof *out);
    wolfSSL_ERR_clear_error();
    WOLFSSL_X509 *x = wolfSSL_d2i_X509(NULL, &p, (int)n);
    if (!x) {
        out->err = (long)wolfSSL_ERR_get_error();
        return 0;
    }
    out->version = wolfSSL_X509_version(x);
    out->serial_len = (int)sizeof out->serial;
    out->serial_ok =
        wolfSSL_X509_get_serial_number(x, out->serial, &out->serial_len) == WOLFSSL_SUCCESS;
    out->sig_len = (int)sizeof out->sig;
    out->sig_ok = wolfSSL_X509_get_signature(x, out->sig, &out->sig_len) == WOLFSSL_SUCCESS;
    out->is_ca = wolfSSL_X509_get_isCA(x);
    wolfSSL_X509_free(x);
    return 1;
}
