/* Wycheproof aead_test_schema_v1.json: AES-GCM and ChaCha20-Poly1305.
 * A test is sealed (must give ct||tag exactly) and opened (must give msg);
 * invalid tests carry a modified tag/ct or a nonce the algorithm forbids, so
 * their open must fail. The loader turns outcomes into verdicts. */
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/aes.h"
#include "gt/crypto/chacha.h"
#include "wycheproof.h"

typedef struct {
    const uint8_t *key, *iv, *aad, *msg, *ct, *tag;
    size_t key_len, iv_len, aad_len, msg_len, ct_len, tag_len;
} aead_case;

/* Maps the IUT's return codes: size errors mean "cannot run", anything else
 * non-zero is a refusal. */
static int refused(wy_test *t, int rc, const char *what)
{
    if (rc == GT_ERR_CRYPTO_IV_SIZE) return wy_unsupported(t, "IV or tag size rejected by the API");
    if (rc == GT_ERR_CRYPTO_KEY_SIZE) return wy_unsupported(t, "key size rejected by the API");
    wy_detail(t, "%s returned %d", what, rc);
    return WY_REJECTED;
}

/* Seal output against ct||tag, then open against msg. An open that
 * accepts what the IUT's own seal would not produce is a failure whatever
 * the expected result: a forgery for invalid tests, a mismatch for valid. */
static int compare(wy_test *t, const aead_case *a, const uint8_t *ct, const uint8_t *tag,
                   int open_rc, const uint8_t *pt)
{
    int sealed_ok = memcmp(ct, a->ct, a->ct_len) == 0 && memcmp(tag, a->tag, a->tag_len) == 0;
    if (open_rc == 0) {
        if (sealed_ok && memcmp(pt, a->msg, a->msg_len) == 0) return WY_OK;
        if (!sealed_ok)
            wy_diff(t, "open accepted, but seal gives tag", tag, a->tag, a->tag_len);
        else
            wy_diff(t, "open: pt", pt, a->msg, a->msg_len);
        return t->result == WY_INVALID ? WY_OK : WY_MISMATCH;
    }
    if (memcmp(ct, a->ct, a->ct_len) != 0) {
        wy_diff(t, "ct", ct, a->ct, a->ct_len);
        return WY_MISMATCH;
    }
    if (!sealed_ok) {
        wy_diff(t, "tag", tag, a->tag, a->tag_len);
        return WY_MISMATCH;
    }
    return refused(t, open_rc, "open");
}

static int run_gcm(wy_test *t, const aead_case *a, uint8_t *ct, uint8_t *pt)
{
    static gt_gcm_key g; /* big; static keeps it off the stack */
    uint8_t tag[16];
    if (a->tag_len > 16) return wy_unsupported(t, "IV or tag size rejected by the API");
    int rc = gt_gcm_init(&g, a->key, a->key_len);
    if (rc) return refused(t, rc, "gt_gcm_init");
    /* Open first: for invalid tests it is the operation that must fail, and
     * it must not depend on a seal having succeeded. */
    int open_rc = gt_gcm_open(&g, a->iv, a->iv_len, a->aad, a->aad_len, a->ct, a->ct_len, a->tag,
                              a->tag_len, pt);
    rc = gt_gcm_seal(&g, a->iv, a->iv_len, a->aad, a->aad_len, a->msg, a->msg_len, ct, tag,
                     a->tag_len);
    gt_gcm_free(&g);
    if (rc) return refused(t, rc, "seal");
    return compare(t, a, ct, tag, open_rc, pt);
}

static int run_chapoly(wy_test *t, const aead_case *a, uint8_t *ct, uint8_t *pt)
{
    uint8_t tag[16];
    /* RFC 8439 §2.8 fixes a 256-bit key, 96-bit nonce and 128-bit tag; the
     * API takes fixed-size arrays, so other sizes cannot even be passed. */
    if (a->key_len != 32) return wy_unsupported(t, "key size rejected by the API");
    if (a->iv_len != 12 || a->tag_len != 16)
        return wy_unsupported(t, "IV or tag size rejected by the API");
    int open_rc =
        gt_chacha20poly1305_open(a->key, a->iv, a->aad, a->aad_len, a->ct, a->ct_len, a->tag, pt);
    int rc =
        gt_chacha20poly1305_seal(a->key, a->iv, a->aad, a->aad_len, a->msg, a->msg_len, ct, tag);
    if (rc) return refused(t, rc, "seal");
    return compare(t, a, ct, tag, open_rc, pt);
}

int wy_aead(wy_test *t)
{
    aead_case a;
    int gcm = t->algorithm && strcmp(t->algorithm, "AES-GCM") == 0;
    int chapoly = t->algorithm && strcmp(t->algorithm, "CHACHA20-POLY1305") == 0;
    if (!gcm && !chapoly) return wy_unsupported(t, "AEAD algorithm not implemented");
    a.key = wy_hex(t, t->test, "key", &a.key_len);
    a.iv = wy_hex(t, t->test, "iv", &a.iv_len);
    a.aad = wy_hex(t, t->test, "aad", &a.aad_len);
    a.msg = wy_hex(t, t->test, "msg", &a.msg_len);
    a.ct = wy_hex(t, t->test, "ct", &a.ct_len);
    a.tag = wy_hex(t, t->test, "tag", &a.tag_len);
    if (t->bad) return WY_BAD;
    if (a.msg_len != a.ct_len) {
        wy_detail(t, "msg and ct lengths differ");
        return WY_BAD;
    }
    uint8_t *ct = calloc(1, a.ct_len + 16), *pt = calloc(1, a.ct_len + 16);
    int rc = WY_BAD;
    if (ct && pt) rc = gcm ? run_gcm(t, &a, ct, pt) : run_chapoly(t, &a, ct, pt);
    free(ct);
    free(pt);
    return rc;
}
