/* Tests for tls/handshake/client.c: the client refuses a certificate for
 * another name, a chain to an unknown CA, a leaf whose key does not fit
 * the suite, and a verification without a name; verification can be
 * switched off knowingly; an IP address is checked against iPAddress SANs
 * and not sent as SNI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

/* The client trusts the test PKI only with `trust` (so not via
 * tu_pair_config). */
static int run(tu_pair *t, const char *leaf, const char *name, int trust, int verify)
{
    memset(t, 0, sizeof *t);
    t->cc = tu_config(&t->dc, 31);
    t->sc = tu_config(&t->ds, 32);
    if (trust) assert_int_equal(tu_add_trust(t->cc), 0);
    assert_int_equal(gt_config_set_option(t->cc, GT_OPT_VERIFY_PEER, verify), 0);
    assert_int_equal(tu_add_chain(t->sc, leaf), 0);
    tu_pair_start(t, name);
    return tu_pipe_handshake(&t->p, 100);
}

static void refused(const char *leaf, const char *name, int trust, int err, uint8_t alert)
{
    tu_pair t;
    gt_alert_info a;
    assert_int_equal(run(&t, leaf, name, trust, 1), -1);
    assert_int_equal(gt_conn_error(t.client, &a), err);
    assert_int_equal(a.desc, alert);
    assert_int_equal(a.sent, 1);
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(a.desc, alert);
    tu_pair_free(&t);
}

static void test_wrong_name(void **state)
{
    (void)state;
    refused("server-p256", "example.com", 1, GT_ERR_X509V_HOSTNAME, GT_ALERT_BAD_CERTIFICATE);
    refused("server-rsa2048", "other.test", 1, GT_ERR_X509V_HOSTNAME, GT_ALERT_BAD_CERTIFICATE);
    refused("server-p256", "127.0.0.2", 1, GT_ERR_X509V_IP, GT_ALERT_BAD_CERTIFICATE);
}

static void test_unknown_ca(void **state)
{
    (void)state;
    refused("server-p256", "localhost", 0, GT_ERR_X509V_UNKNOWN_CA, GT_ALERT_UNKNOWN_CA);
}

static void test_no_name(void **state)
{
    (void)state;
    refused("server-p256", NULL, 1, GT_ERR_NO_SERVER_NAME, GT_ALERT_INTERNAL_ERROR);
}

static void test_names_accepted(void **state)
{
    (void)state;
    const char *names[] = {"localhost", "server.test", "SERVER.TEST", "127.0.0.1"};
    for (size_t i = 0; i < 4; i++) {
        tu_pair t;
        gt_conn_info si;
        assert_int_equal(run(&t, "server-p384", names[i], 1, 1), 0);
        assert_int_equal(gt_conn_info_get(t.server, &si), 0);
        /* RFC 6066 §3: no IP literal in server_name */
        assert_string_equal(si.sni, i == 3 ? "" : names[i]);
        tu_pair_free(&t);
    }
}

static void test_verify_off(void **state)
{
    (void)state;
    tu_pair t;
    assert_int_equal(run(&t, "server-p256", "example.com", 0, 0), 0);
    tu_pair_free(&t);
}

/* A leaf whose key type does not fit the suite the server chose. */
static void test_key_mismatch(void **state)
{
    (void)state;
    tu_pair t;
    gt_alert_info a;
    assert_int_equal(run(&t, "server-p256", "localhost", 1, 1), 0);
    tu_pair_free(&t);
    /* force it: the client believes the suite is ECDHE_RSA */
    memset(&t, 0, sizeof t);
    t.cc = tu_config(&t.dc, 1);
    gt_conn *c = gt_conn_new(t.cc, GT_ROLE_CLIENT, "localhost");
    size_t n;
    uint8_t *pem = tu_read_file(tu_pki("server-p256.crt"), &n);
    static uint8_t der[4096];
    size_t dl;
    assert_int_equal(gt_pem_decode_one(pem, n, GT_PEM_CERTIFICATE, der, sizeof der, &dl), 0);
    gt_x509_cert cert;
    assert_int_equal(gt_x509_cert_parse(&cert, der, dl), 0);
    c->hs.suite = gt_suite_info_get(0xC02F);
    assert_int_equal(gt_client_check_chain(c, &cert, 1), GT_ERR_UNSUPPORTED_CERTIFICATE);
    (void)a;
    free(pem);
    gt_conn_free(c);
    gt_config_free(t.cc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_name), cmocka_unit_test(test_unknown_ca),
        cmocka_unit_test(test_no_name),    cmocka_unit_test(test_names_accepted),
        cmocka_unit_test(test_verify_off), cmocka_unit_test(test_key_mismatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
