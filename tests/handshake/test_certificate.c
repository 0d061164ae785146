/* Tests for the checks on a received Certificate (tls/handshake/
 * certificate.c, client.c, client_auth.c) that hold whether or not the
 * chain is path-validated, in process:
 * - keyUsage for the key exchange (RFC 5246 §7.4.2: RSA key transport
 *   needs keyEncipherment, ECDHE_RSA digitalSignature; RFC 8422 §5.3 /
 *   RFC 5480 §3: an ECDSA key that signs needs digitalSignature), with
 *   verification off: the server's leaf is rewritten on the wire (its
 *   signature is then wrong, which only path validation would see);
 * - a server ECDSA certificate on a curve the client did not offer (RFC
 *   8422 §5.3: "MUST respect the client's choice of elliptic curves") is
 *   illegal_parameter (GT_ERR_CERT_CURVE), also with verification off;
 * - a client certificate without digitalSignature (RFC 5246 §7.4.6) on a
 *   server that does not validate client chains (GT_OPT_VERIFY_PEER 0);
 *   such a server accepts an untrusted client chain otherwise;
 * - a not-yet-valid server certificate is answered with
 *   certificate_expired (RFC 5246 §7.2.2: "has expired or is not
 *   currently valid"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/sess_pair.h"

/* Rewrites the keyUsage BIT STRING (its two content bytes) of the first
 * certificate in the first Certificate message `from` sends. */
typedef struct {
    uint8_t unused, bits;
} ku_patch;

static void patch_ku(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)cap;
    const ku_patch *k = arg;
    static const uint8_t oid[] = {0x06, 0x03, 0x55, 0x1d, 0x0f};
    for (size_t i = 0; i + sizeof oid + 12 <= *len; i++) {
        if (memcmp(b + i, oid, sizeof oid)) continue;
        for (size_t j = i + sizeof oid; j < i + sizeof oid + 8; j++) {
            if (b[j] == 0x04 && b[j + 1] == 0x04 && b[j + 2] == 0x03 && b[j + 3] == 0x02) {
                b[j + 4] = k->unused;
                b[j + 5] = k->bits;
                return;
            }
        }
    }
    fail_msg("no keyUsage extension found");
}

static void run_patched(const char *leaf, uint16_t suite, ku_patch k, int want_err)
{
    sp_pair t;
    sp_config(&t, leaf);
    assert_int_equal(gt_config_set_option(t.cc, GT_OPT_VERIFY_PEER, 0), 0);
    assert_int_equal(gt_config_set_suites(t.cc, &suite, 1), 0);
    assert_int_equal(gt_config_set_suites(t.sc, &suite, 1), 0);
    sp_start(&t, "localhost", NULL, 0);
    sp_mutate m = {1, GT_HT_CERTIFICATE, patch_ku, &k, 0, {0, 0}};
    t.p.tamper = sp_mutate_tamper;
    t.p.tamper_ctx = &m;
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    assert_true(m.done);
    gt_alert_info a;
    int err = gt_conn_error(t.client, &a);
    if (want_err) {
        assert_int_equal(err, want_err);
        assert_int_equal(a.sent, 1);
        assert_int_equal(a.desc, gt_err_alert(want_err));
    } else {
        /* the certificate passed; the rewritten Certificate breaks the
         * transcript, so the Finished exchange fails instead */
        assert_int_not_equal(err, GT_ERR_X509V_LEAF_KEY_USAGE);
        assert_int_not_equal(err, 0);
    }
    sp_free(&t);
}

#define KU_DS      ((ku_patch){0x07, 0x80}) /* digitalSignature */
#define KU_KE      ((ku_patch){0x05, 0x20}) /* keyEncipherment */
#define KU_KA      ((ku_patch){0x03, 0x08}) /* keyAgreement */
#define KU_DS_KA   ((ku_patch){0x03, 0x88}) /* digitalSignature, keyAgreement */
#define KU_CERTSGN ((ku_patch){0x02, 0x04}) /* keyCertSign */

static void test_server_key_usage(void **state)
{
    (void)state;
    /* ECDHE_RSA signs: keyEncipherment alone is refused */
    run_patched("server-rsa2048", 0xC02F, KU_KE, GT_ERR_X509V_LEAF_KEY_USAGE);
    run_patched("server-rsa2048", 0xC02F, KU_CERTSGN, GT_ERR_X509V_LEAF_KEY_USAGE);
    run_patched("server-rsa2048", 0xC02F, KU_DS, 0);
    /* RSA key transport encrypts: digitalSignature alone is refused */
    run_patched("server-rsa2048", 0x009C, KU_DS, GT_ERR_X509V_LEAF_KEY_USAGE);
    run_patched("server-rsa2048", 0x009C, KU_KE, 0);
    /* ECDHE_ECDSA: keyAgreement is not signing (BoGo ECDSAKeyUsage) */
    run_patched("server-p256", 0xC02B, KU_KA, GT_ERR_X509V_LEAF_KEY_USAGE);
    run_patched("server-p256", 0xC02B, KU_DS_KA, 0);
    assert_int_equal(gt_err_alert(GT_ERR_X509V_LEAF_KEY_USAGE), GT_ALERT_UNSUPPORTED_CERTIFICATE);
}

/* Changes the client's supported_groups so the server believes P-384 was
 * offered where the client listed P-256. */
static void p256_to_p384(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)cap;
    (void)arg;
    static const uint8_t ext[] = {0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17};
    for (size_t i = 0; i + sizeof ext <= *len; i++) {
        if (memcmp(b + i, ext, sizeof ext)) continue;
        b[i + 9] = 0x18;
        return;
    }
    fail_msg("supported_groups not found");
}

static void test_leaf_curve(void **state)
{
    (void)state;
    static const uint16_t groups[] = {0x001d, 0x0017};
    for (int verify = 0; verify < 2; verify++) {
        sp_pair t;
        sp_config(&t, "server-p384");
        assert_int_equal(gt_config_set_option(t.cc, GT_OPT_VERIFY_PEER, verify), 0);
        assert_int_equal(gt_config_set_groups(t.cc, groups, 2), 0);
        sp_start(&t, "localhost", NULL, 0);
        sp_mutate m = {0, GT_HT_CLIENT_HELLO, p256_to_p384, NULL, 0, {0, 0}};
        t.p.tamper = sp_mutate_tamper;
        t.p.tamper_ctx = &m;
        assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
        gt_alert_info a;
        assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_CERT_CURVE);
        assert_int_equal(a.desc, GT_ALERT_ILLEGAL_PARAMETER);
        assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_ALERT_RECEIVED);
        sp_free(&t);
    }
    /* control: the same server when the client does offer P-384 */
    sp_pair t;
    sp_config(&t, "server-p384");
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(sp_run(&t), 0);
    sp_free(&t);
}

/* Server requiring a client certificate, not validating it. */
static int run_client_auth(const char *client, ku_patch *k, int server_verify)
{
    sp_pair t;
    sp_config(&t, "server-p256");
    assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_REQUIRE), 0);
    assert_int_equal(gt_config_set_option(t.sc, GT_OPT_VERIFY_PEER, server_verify), 0);
    assert_int_equal(tu_add_trust(t.sc), 0);
    assert_int_equal(tu_add_chain(t.cc, client), 0);
    sp_start(&t, "localhost", NULL, 0);
    sp_mutate m = {0, GT_HT_CERTIFICATE, patch_ku, k, 0, {0, 0}};
    if (k) {
        t.p.tamper = sp_mutate_tamper;
        t.p.tamper_ctx = &m;
    }
    int r = tu_pipe_handshake(&t.p, 100);
    int err = gt_conn_error(t.server, NULL);
    if (r == 0) {
        gt_conn_info si;
        assert_int_equal(gt_conn_info_get(t.server, &si), 0);
        assert_int_equal(si.client_cert, 1);
    }
    sp_free(&t);
    return r == 0 ? 0 : err;
}

static void test_client_key_usage(void **state)
{
    (void)state;
    ku_patch ke = KU_KE, ka = KU_KA;
    assert_int_equal(run_client_auth("client-p256", &ka, 0), GT_ERR_X509V_LEAF_KEY_USAGE);
    assert_int_equal(run_client_auth("client-rsa2048", &ke, 0), GT_ERR_X509V_LEAF_KEY_USAGE);
    /* and with validation on, the same refusal comes first */
    assert_int_equal(run_client_auth("client-p256", &ka, 1), GT_ERR_X509V_LEAF_KEY_USAGE);
    /* controls: untouched certificates complete, validated or not */
    assert_int_equal(run_client_auth("client-p256", NULL, 0), 0);
    assert_int_equal(run_client_auth("client-rsa2048", NULL, 1), 0);
}

/* A client chain no trust anchor reaches, accepted by a server that does
 * not validate client chains (and refused by one that does). */
static void test_client_chain_unvalidated(void **state)
{
    (void)state;
    for (int verify = 0; verify < 2; verify++) {
        sp_pair t;
        sp_config(&t, "server-p256");
        assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_REQUIRE), 0);
        assert_int_equal(gt_config_set_option(t.sc, GT_OPT_VERIFY_PEER, verify), 0);
        size_t cn, kn;
        uint8_t *chain = tu_read_file(tu_pki("../conform/client-unknown-ca.pem"), &cn);
        uint8_t *key = tu_read_file(tu_pki("../conform/bad-leaf.key"), &kn);
        assert_int_equal(gt_config_add_chain(t.cc, chain, cn, key, kn), 0);
        free(chain);
        free(key);
        sp_start(&t, "localhost", NULL, 0);
        int r = tu_pipe_handshake(&t.p, 100);
        if (verify) {
            assert_int_equal(r, -1);
            assert_int_equal(gt_conn_error(t.server, NULL), GT_ERR_X509V_UNKNOWN_CA);
        } else {
            assert_int_equal(r, 0);
        }
        sp_free(&t);
    }
}

static void test_not_yet_valid(void **state)
{
    (void)state;
    sp_pair t;
    memset(&t, 0, sizeof t);
    t.cc = tu_config(&t.dc, 11);
    t.sc = tu_config(&t.ds, 12);
    assert_int_equal(tu_add_trust(t.cc), 0);
    size_t cn, kn;
    uint8_t *chain = tu_read_file(tu_pki("../conform/server-not-yet-valid.pem"), &cn);
    uint8_t *key = tu_read_file(tu_pki("../conform/bad-leaf.key"), &kn);
    assert_int_equal(gt_config_add_chain(t.sc, chain, cn, key, kn), 0);
    free(chain);
    free(key);
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(tu_pipe_handshake(&t.p, 100), -1);
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_X509V_NOT_YET_VALID);
    assert_int_equal(a.sent, 1);
    assert_int_equal(a.desc, GT_ALERT_CERTIFICATE_EXPIRED);
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(a.desc, GT_ALERT_CERTIFICATE_EXPIRED);
    assert_int_equal(gt_err_alert(GT_ERR_X509V_EXPIRED), GT_ALERT_CERTIFICATE_EXPIRED);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_key_usage), cmocka_unit_test(test_leaf_curve),
        cmocka_unit_test(test_client_key_usage), cmocka_unit_test(test_client_chain_unvalidated),
        cmocka_unit_test(test_not_yet_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
