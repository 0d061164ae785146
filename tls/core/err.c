/* Error codes to TLS alerts and names. One table, so that a code cannot map
 * to two alerts and a new code without an alert is easy to spot. */
#include "gt/gt_err.h"

#include <stddef.h>

struct err_row {
    int err;
    int alert;
    const char *name;
};

static const struct err_row rows[] = {
    {GT_OK, GT_ALERT_CLOSE_NOTIFY, "ok"},
    {GT_ERR_INTERNAL, GT_ALERT_INTERNAL_ERROR, "internal error"},
    {GT_ERR_ALLOC, GT_ALERT_INTERNAL_ERROR, "out of memory"},
    {GT_ERR_ARG, GT_ALERT_INTERNAL_ERROR, "invalid argument"},
    {GT_ERR_STATE, GT_ALERT_INTERNAL_ERROR, "call not valid in this state"},
    {GT_ERR_WANT_INPUT, GT_ALERT_INTERNAL_ERROR, "want input"},
    {GT_ERR_WANT_OUTPUT, GT_ALERT_INTERNAL_ERROR, "want output"},
    {GT_ERR_UNSUPPORTED, GT_ALERT_HANDSHAKE_FAILURE, "unsupported"},
    {GT_ERR_CLOSED, GT_ALERT_CLOSE_NOTIFY, "connection closed"},
    /* RFC 5246 §7.2.2: decode_error for a message that cannot be parsed
     * (length out of range, truncated, trailing bytes). */
    {GT_ERR_DECODE_TRUNCATED, GT_ALERT_DECODE_ERROR, "decode: truncated"},
    {GT_ERR_DECODE_TRAILING, GT_ALERT_DECODE_ERROR, "decode: trailing bytes"},
    {GT_ERR_DECODE_LENGTH, GT_ALERT_DECODE_ERROR, "decode: length out of range"},
    /* illegal_parameter: "a field in the handshake was out of range or
     * inconsistent with other fields". */
    {GT_ERR_DECODE_VALUE, GT_ALERT_ILLEGAL_PARAMETER, "decode: illegal value"},
    {GT_ERR_ENCODE_OVERFLOW, GT_ALERT_INTERNAL_ERROR, "encode: buffer too small"},
    {GT_ERR_CRYPTO_TAG, GT_ALERT_BAD_RECORD_MAC, "crypto: authentication tag mismatch"},
    {GT_ERR_CRYPTO_KEY_SIZE, GT_ALERT_INTERNAL_ERROR, "crypto: unsupported key size"},
    {GT_ERR_CRYPTO_IV_SIZE, GT_ALERT_INTERNAL_ERROR, "crypto: unsupported IV or tag size"},
    {GT_ERR_CRYPTO_LENGTH, GT_ALERT_DECODE_ERROR, "crypto: bad input length"},
    {GT_ERR_CRYPTO_RNG, GT_ALERT_INTERNAL_ERROR, "crypto: entropy source failed"},
    {GT_ERR_CRYPTO_SIGNATURE, GT_ALERT_DECRYPT_ERROR, "crypto: bad signature"},
    {GT_ERR_CRYPTO_POINT, GT_ALERT_ILLEGAL_PARAMETER, "crypto: invalid public value"},
    {GT_ERR_CRYPTO_KEY, GT_ALERT_INTERNAL_ERROR, "crypto: malformed key"},
    {GT_ERR_CRYPTO_PADDING, GT_ALERT_DECRYPT_ERROR, "crypto: bad padding"},
    {GT_ERR_CRYPTO_ZERO_SECRET, GT_ALERT_ILLEGAL_PARAMETER, "crypto: all-zero shared secret"},
};

static const struct err_row *find(int err)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        if (rows[i].err == err) return &rows[i];
    return NULL;
}

int gt_err_alert(int err)
{
    const struct err_row *r = find(err);
    return r ? r->alert : GT_ALERT_INTERNAL_ERROR;
}

const char *gt_err_str(int err)
{
    const struct err_row *r = find(err);
    return r ? r->name : "unknown error";
}
