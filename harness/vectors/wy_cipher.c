/* Wycheproof ind_cpa_test_schema_v1.json: AES-CBC-PKCS5. libgt's CBC has
 * no padding (TLS does its own), so the PKCS#5/#7 padding of RFC 8018 §6.1.1
 * (RFC 5652 §6.3) is added and checked here. Valid tests must encrypt to ct
 * and decrypt back to msg; invalid tests (bad padding, truncated ct) must
 * be refused on decryption. */
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/aes.h"
#include "wycheproof.h"

/* Returns the unpadded length, or -1 when the padding is malformed. The
 * runner works on public test data, so this need not be constant time. */
static long unpad(const uint8_t *p, size_t n)
{
    if (n == 0 || n % 16) return -1;
    uint8_t k = p[n - 1];
    if (k == 0 || k > 16) return -1;
    for (size_t i = n - k; i < n; i++) {
        if (p[i] != k) return -1;
    }
    return (long)(n - k);
}

static int encrypt_check(wy_test *t, const gt_aes_key *k, const uint8_t *iv0, const uint8_t *msg,
                         size_t msg_len, const uint8_t *ct, size_t ct_len)
{
    size_t n = (msg_len / 16 + 1) * 16; /* always at least one pad byte */
    uint8_t *buf = calloc(1, n), iv[16];
    if (!buf) return WY_BAD;
    memcpy(buf, msg, msg_len);
    memset(buf + msg_len, (int)(n - msg_len), n - msg_len);
    memcpy(iv, iv0, 16);
    int rc = gt_aes_cbc_encrypt(k, iv, buf, buf, n), v = WY_OK;
    if (rc) {
        wy_detail(t, "gt_aes_cbc_encrypt returned %d", rc);
        v = WY_REJECTED;
    } else if (n != ct_len || memcmp(buf, ct, n) != 0) {
        wy_diff(t, "encrypt: ct", buf, ct, n < ct_len ? n : ct_len);
        v = WY_MISMATCH;
    }
    free(buf);
    return v;
}

static int decrypt_check(wy_test *t, const gt_aes_key *k, const uint8_t *iv0, const uint8_t *msg,
                         size_t msg_len, const uint8_t *ct, size_t ct_len)
{
    uint8_t *buf = calloc(1, ct_len + 16), iv[16];
    if (!buf) return WY_BAD;
    memcpy(iv, iv0, 16);
    int rc = ct_len && ct_len % 16 == 0 ? gt_aes_cbc_decrypt(k, iv, ct, buf, ct_len) : -1;
    long n = rc == 0 ? unpad(buf, ct_len) : -1;
    int v = WY_OK;
    if (rc != 0) {
        wy_detail(t, "ciphertext length %zu refused", ct_len);
        v = WY_REJECTED;
    } else if (n < 0) {
        wy_detail(t, "padding check refused the plaintext");
        v = WY_REJECTED;
    } else if ((size_t)n != msg_len || memcmp(buf, msg, msg_len) != 0) {
        wy_diff(t, "decrypt: pt", buf, msg, (size_t)n < msg_len ? (size_t)n : msg_len);
        v = WY_MISMATCH;
    }
    free(buf);
    return v;
}

int wy_cipher(wy_test *t)
{
    if (!t->algorithm || strcmp(t->algorithm, "AES-CBC-PKCS5") != 0)
        return wy_unsupported(t, "cipher not implemented");
    size_t key_len, iv_len, msg_len, ct_len;
    const uint8_t *key = wy_hex(t, t->test, "key", &key_len);
    const uint8_t *iv = wy_hex(t, t->test, "iv", &iv_len);
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *ct = wy_hex(t, t->test, "ct", &ct_len);
    if (t->bad) return WY_BAD;
    if (iv_len != 16) return wy_unsupported(t, "IV size other than 128 bits");
    gt_aes_key k;
    int rc = gt_aes_init(&k, key, key_len);
    if (rc) return wy_unsupported(t, "key size rejected by the API");
    /* Decryption decides acceptance: for invalid tests it must refuse. */
    int v = decrypt_check(t, &k, iv, msg, msg_len, ct, ct_len);
    if (v == WY_OK) v = encrypt_check(t, &k, iv, msg, msg_len, ct, ct_len);
    if (v != WY_OK && v != WY_REJECTED && t->result == WY_INVALID && t->detail[0] &&
        strncmp(t->detail, "encrypt", 7) == 0)
        v = WY_OK; /* decryption accepted an invalid ct: that is the failure */
    gt_aes_free(&k);
    return v;
}
