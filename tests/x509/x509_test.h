/* Helpers shared by the tests/x509 tests: GT_ERR_* names (the vector files
 * name errors symbolically) and whole-file reading. */
#ifndef GT_X509_TEST_H
#define GT_X509_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt_err.h"

#define X509T_ERR(name)                                                                            \
    {                                                                                              \
        name, #name                                                                                \
    }
static const struct {
    int code;
    const char *name;
} x509t_errs[] = {
    {0, "OK"},
    X509T_ERR(GT_ERR_DECODE_TRUNCATED),
    X509T_ERR(GT_ERR_DECODE_TRAILING),
    X509T_ERR(GT_ERR_ENCODE_OVERFLOW),
    X509T_ERR(GT_ERR_DER_TAG),
    X509T_ERR(GT_ERR_DER_LENGTH_INDEFINITE),
    X509T_ERR(GT_ERR_DER_LENGTH_NONMINIMAL),
    X509T_ERR(GT_ERR_DER_LENGTH_OVERFLOW),
    X509T_ERR(GT_ERR_DER_INT_NONMINIMAL),
    X509T_ERR(GT_ERR_DER_INT_EMPTY),
    X509T_ERR(GT_ERR_DER_INT_NEGATIVE),
    X509T_ERR(GT_ERR_DER_INT_RANGE),
    X509T_ERR(GT_ERR_DER_BITSTRING),
    X509T_ERR(GT_ERR_DER_BITSTRING_PAD),
    X509T_ERR(GT_ERR_DER_OID),
    X509T_ERR(GT_ERR_DER_BOOLEAN),
    X509T_ERR(GT_ERR_DER_NULL),
    X509T_ERR(GT_ERR_DER_TIME),
    X509T_ERR(GT_ERR_DER_TIME_VALUE),
    X509T_ERR(GT_ERR_DER_DEPTH),
    X509T_ERR(GT_ERR_DER_DEFAULT),
    X509T_ERR(GT_ERR_DER_STRING),
    X509T_ERR(GT_ERR_X509_VERSION),
    X509T_ERR(GT_ERR_X509_SERIAL),
    X509T_ERR(GT_ERR_X509_SIGALG_MISMATCH),
    X509T_ERR(GT_ERR_X509_SIGALG_PARAMS),
    X509T_ERR(GT_ERR_X509_EXT_DUPLICATE),
    X509T_ERR(GT_ERR_X509_EXT_UNKNOWN_CRITICAL),
    X509T_ERR(GT_ERR_X509_EXT_VALUE),
    X509T_ERR(GT_ERR_X509_EXT_EMPTY),
    X509T_ERR(GT_ERR_X509_NAME),
    X509T_ERR(GT_ERR_X509_GENERAL_NAME),
    X509T_ERR(GT_ERR_X509_SPKI),
    X509T_ERR(GT_ERR_X509_CURVE),
    X509T_ERR(GT_ERR_X509_KEY),
    X509T_ERR(GT_ERR_X509_UNIQUE_ID),
    X509T_ERR(GT_ERR_X509_VALIDITY),
    X509T_ERR(GT_ERR_X509_TRUST_FULL),
    X509T_ERR(GT_ERR_PEM_FORMAT),
    X509T_ERR(GT_ERR_PEM_LABEL),
    X509T_ERR(GT_ERR_PEM_BASE64),
};

/* Code for a name; 1 (never a valid code) if unknown. */
static inline int x509t_code(const char *name)
{
    for (size_t i = 0; i < sizeof x509t_errs / sizeof x509t_errs[0]; i++)
        if (!strcmp(x509t_errs[i].name, name)) return x509t_errs[i].code;
    return 1;
}

static inline const char *x509t_name(int code)
{
    for (size_t i = 0; i < sizeof x509t_errs / sizeof x509t_errs[0]; i++)
        if (x509t_errs[i].code == code) return x509t_errs[i].name;
    return "UNKNOWN";
}

/* Whole file into a malloc'ed buffer (NUL-terminated); NULL if unreadable. */
static inline uint8_t *x509t_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = (size_t)n;
    }
    return buf;
}

#endif
