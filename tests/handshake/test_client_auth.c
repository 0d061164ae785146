/* Tests for client authentication (tls/handshake/client_auth.c,
 * certificate_request.c, certificate_verify.c, certificate.c in the
 * client's direction): each server policy with and without a client
 * certificate, RSA and ECDSA client keys, the client's choice of chain by
 * the CertificateRequest's CA names and of algorithm by its list, and the
 * RFC's alerts: require + empty Certificate is handshake_failure (RFC 5246
 * §7.4.6), a chain without clientAuth is unsupported_certificate, a bad
 * CertificateVerify signature is decrypt_error (§7.2.2), an algorithm the
 * request did not list is illegal_parameter, malformed CertificateRequest
 * and CertificateVerify messages are decode_error. */
#include "util/sess_pair.h"

#include <stdlib.h>

static void setup(sp_pair *t, const char *server_leaf, gt_client_auth policy, const char *client)
{
    sp_config(t, server_leaf);
    assert_int_equal(tu_add_trust(t->sc), 0);
    assert_int_equal(gt_config_set_client_auth(t->sc, policy), 0);
    if (client) assert_int_equal(tu_add_chain(t->cc, client), 0);
    sp_start(t, "localhost", NULL, 0);
}

static void add_trust_file(gt_config *cfg, const char *name)
{
    size_t n;
    uint8_t *pem = tu_read_file(tu_pki(name), &n);
    assert_int_equal(gt_config_add_trust_pem(cfg, pem, n), 0);
    free(pem);
}

static int server_saw_cert(sp_pair *t)
{
    gt_conn_info si, ci;
    assert_int_equal(gt_conn_info_get(t->server, &si), 0);
    assert_int_equal(gt_conn_info_get(t->client, &ci), 0);
    assert_int_equal(si.client_cert, ci.client_cert);
    return si.client_cert;
}

static void test_policy_none(void **state)
{
    (void)state;
    sp_pair t;
    setup(&t, "server-p256", GT_CLIENT_AUTH_NONE, "client-p256");
    assert_int_equal(sp_run(&t), 0);
    assert_int_equal(t.client->hs.cert_req, 0);
    assert_int_equal(server_saw_cert(&t), 0);
    sp_free(&t);
    assert_int_equal(gt_config_set_client_auth(NULL, GT_CLIENT_AUTH_NONE), GT_ERR_ARG);
    gt_drbg d;
    gt_config *cfg = tu_config(&d, 1);
    assert_int_equal(gt_config_set_client_auth(cfg, (gt_client_auth)3), GT_ERR_ARG);
    gt_config_free(cfg);
}

static void test_policy_optional(void **state)
{
    (void)state;
    const char *clients[] = {NULL, "client-p256", "client-rsa2048"};
    const char *servers[] = {"server-p256", "server-rsa2048"};
    for (size_t s = 0; s < 2; s++) {
        for (size_t c = 0; c < 3; c++) {
            sp_pair t;
            setup(&t, servers[s], GT_CLIENT_AUTH_OPTIONAL, clients[c]);
            assert_int_equal(sp_run(&t), 0);
            assert_int_equal(t.client->hs.cert_req, 1);
            assert_int_equal(server_saw_cert(&t), clients[c] != NULL);
            sp_echo(&t);
            sp_free(&t);
        }
    }
}

static void test_policy_require(void **state)
{
    (void)state;
    const char *clients[] = {"client-p256", "client-rsa2048"};
    for (size_t c = 0; c < 2; c++) {
        sp_pair t;
        setup(&t, "server-p384", GT_CLIENT_AUTH_REQUIRE, clients[c]);
        assert_int_equal(sp_run(&t), 0);
        assert_int_equal(server_saw_cert(&t), 1);
        sp_free(&t);
    }
    /* No certificate: RFC 5246 §7.4.6 lets the server abort; REQUIRE does. */
    sp_pair t;
    setup(&t, "server-p256", GT_CLIENT_AUTH_REQUIRE, NULL);
    tu_pipe_run(&t.p, 100);
    assert_int_equal(gt_conn_error(t.server, NULL), GT_ERR_HANDSHAKE_FAILURE);
    sp_expect_alert(t.server, t.client, GT_ALERT_HANDSHAKE_FAILURE);
    sp_free(&t);
}

/* A server certificate (extendedKeyUsage serverAuth only) as a client
 * certificate: refused for clientAuth under both policies. */
static void test_wrong_eku(void **state)
{
    (void)state;
    gt_client_auth p[] = {GT_CLIENT_AUTH_OPTIONAL, GT_CLIENT_AUTH_REQUIRE};
    for (int i = 0; i < 2; i++) {
        sp_pair t;
        setup(&t, "server-p256", p[i], "server-p384");
        tu_pipe_run(&t.p, 100);
        assert_int_equal(gt_conn_error(t.server, NULL), GT_ERR_X509V_EKU);
        sp_expect_alert(t.server, t.client, GT_ALERT_UNSUPPORTED_CERTIFICATE);
        sp_free(&t);
    }
}

/* The CA names pick the chain: with only one root trusted by the server,
 * the client answers with the chain under it, or with nothing. */
static void test_ca_names(void **state)
{
    (void)state;
    const char *roots[] = {"ecdsa-root.crt", "rsa-root.crt"};
    for (int i = 0; i < 2; i++) {
        sp_pair t;
        sp_config(&t, "server-p256");
        add_trust_file(t.sc, roots[i]);
        assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_REQUIRE), 0);
        assert_int_equal(tu_add_chain(t.cc, "client-rsa2048"), 0);
        assert_int_equal(tu_add_chain(t.cc, "client-p256"), 0);
        sp_start(&t, "localhost", NULL, 0);
        assert_int_equal(sp_run(&t), 0);
        assert_int_equal(t.client->hs.client_chain->key_type,
                         i == 0 ? GT_X509_KEY_EC : GT_X509_KEY_RSA);
        sp_free(&t);
    }
    /* Only a chain under the other root: an empty Certificate. */
    sp_pair t;
    sp_config(&t, "server-p256");
    add_trust_file(t.sc, "rsa-root.crt");
    assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_OPTIONAL), 0);
    assert_int_equal(tu_add_chain(t.cc, "client-p256"), 0);
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(sp_run(&t), 0);
    assert_null(t.client->hs.client_chain);
    assert_int_equal(server_saw_cert(&t), 0);
    sp_free(&t);
}

/* The CertificateVerify algorithm is one the request listed. */
static void test_cv_sigalg(void **state)
{
    (void)state;
    static const uint16_t pss[] = {0x0804, 0x0403}; /* rsa_pss_rsae_sha256, ecdsa P-256 */
    static const uint16_t pkcs1[] = {0x0401, 0x0403};
    const uint16_t *lists[] = {pss, pkcs1};
    for (int i = 0; i < 2; i++) {
        sp_pair t;
        sp_config(&t, "server-p256");
        assert_int_equal(tu_add_trust(t.sc), 0);
        assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_REQUIRE), 0);
        assert_int_equal(gt_config_set_sigalgs(t.sc, lists[i], 2), 0);
        assert_int_equal(tu_add_chain(t.cc, "client-rsa2048"), 0);
        sp_start(&t, "localhost", NULL, 0);
        assert_int_equal(sp_run(&t), 0);
        assert_int_equal(t.client->hs.cv_sigalg, lists[i][0]);
        sp_free(&t);
    }
}

/* ---- malformed and bad messages ----------------------------------------- */

typedef struct {
    const uint8_t *p;
    size_t n;
} bytes;

static void put_bytes(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    const bytes *x = arg;
    assert_true(x->n <= cap);
    memcpy(b, x->p, x->n);
    *len = x->n;
}

static void cut_one(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)b, (void)cap, (void)arg;
    (*len)--;
}

static void add_one(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)cap, (void)arg;
    b[(*len)++] = 0;
}

static void flip_last(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)cap, (void)arg;
    b[*len - 1] ^= 0x01;
}

static void set_alg(uint8_t *b, size_t *len, size_t cap, void *arg)
{
    (void)len, (void)cap;
    uint16_t alg = *(const uint16_t *)arg;
    b[0] = (uint8_t)(alg >> 8);
    b[1] = (uint8_t)alg;
}

static void run_mutated(int from, uint8_t type, sp_msg_fn fn, void *arg, const char *client,
                        uint8_t alert)
{
    sp_pair t;
    setup(&t, "server-p256", GT_CLIENT_AUTH_OPTIONAL, client);
    sp_mutate m = {from, type, fn, arg, 0, {0, 0}};
    sp_mutate_on(&t, &m);
    tu_pipe_run(&t.p, 100);
    assert_true(m.done);
    sp_expect_alert(from ? t.client : t.server, from ? t.server : t.client, alert);
    sp_free(&t);
}

static void test_malformed_cr(void **state)
{
    (void)state;
    static const uint8_t odd_algs[] = {2, 1, 64, 0, 3, 4, 3, 4, 0, 0};
    static const uint8_t no_types[] = {0, 0, 2, 4, 3, 0, 0};
    static const uint8_t empty_dn[] = {2, 1, 64, 0, 2, 4, 3, 0, 2, 0, 0};
    static const uint8_t short_dn[] = {2, 1, 64, 0, 2, 4, 3, 0, 3, 0, 5, 0x30};
    static const uint8_t no_algs[] = {2, 1, 64, 0, 0, 0, 0};
    bytes b[] = {{odd_algs, sizeof odd_algs},
                 {no_types, sizeof no_types},
                 {empty_dn, sizeof empty_dn},
                 {short_dn, sizeof short_dn},
                 {no_algs, sizeof no_algs}};
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
        run_mutated(1, GT_HT_CERTIFICATE_REQUEST, put_bytes, &b[i], "client-p256",
                    GT_ALERT_DECODE_ERROR);
    run_mutated(1, GT_HT_CERTIFICATE_REQUEST, cut_one, NULL, "client-p256", GT_ALERT_DECODE_ERROR);
    run_mutated(1, GT_HT_CERTIFICATE_REQUEST, add_one, NULL, "client-p256", GT_ALERT_DECODE_ERROR);
    /* A well-formed request listing nothing the client can use: it
     * answers with an empty Certificate (and OPTIONAL goes on). */
    static const uint8_t unusable[] = {1, 2, 0, 2, 4, 1, 0, 0}; /* dss_sign only */
    bytes u = {unusable, sizeof unusable};
    sp_pair t;
    setup(&t, "server-p256", GT_CLIENT_AUTH_OPTIONAL, "client-p256");
    sp_mutate m = {1, GT_HT_CERTIFICATE_REQUEST, put_bytes, &u, 0, {0, 0}};
    sp_mutate_on(&t, &m);
    tu_pipe_run(&t.p, 100);
    assert_true(m.done);
    assert_null(t.client->hs.client_chain);
    assert_int_equal(t.client->hs.client_cert, 0);
    sp_free(&t);
}

static void test_bad_cv(void **state)
{
    (void)state;
    const char *clients[] = {"client-p256", "client-rsa2048"};
    for (int i = 0; i < 2; i++) {
        run_mutated(0, GT_HT_CERTIFICATE_VERIFY, flip_last, NULL, clients[i],
                    GT_ALERT_DECRYPT_ERROR);
        run_mutated(0, GT_HT_CERTIFICATE_VERIFY, cut_one, NULL, clients[i], GT_ALERT_DECODE_ERROR);
        run_mutated(0, GT_HT_CERTIFICATE_VERIFY, add_one, NULL, clients[i], GT_ALERT_DECODE_ERROR);
    }
    /* rsa_pkcs1_sha1 was not listed; rsa_pkcs1_sha256 does not fit an EC key. */
    uint16_t sha1 = 0x0201, rsa = 0x0401;
    run_mutated(0, GT_HT_CERTIFICATE_VERIFY, set_alg, &sha1, "client-p256",
                GT_ALERT_ILLEGAL_PARAMETER);
    run_mutated(0, GT_HT_CERTIFICATE_VERIFY, set_alg, &rsa, "client-p256",
                GT_ALERT_ILLEGAL_PARAMETER);
}

/* A CertificateVerify after an empty Certificate (where the
 * ClientKeyExchange belongs): unexpected_message. Driven by hand so that
 * only the Certificate record of the client's flight reaches the server. */
static void pass_all(gt_conn *from, gt_conn *to)
{
    const uint8_t *out;
    size_t n, used = 0;
    assert_int_equal(gt_conn_output(from, &out, &n), 0);
    assert_int_equal(gt_conn_feed(to, out, n, &used), 0);
    assert_int_equal(used, n);
    gt_conn_output_done(from, n);
}

static void test_cv_order(void **state)
{
    (void)state;
    sp_pair t;
    setup(&t, "server-p256", GT_CLIENT_AUTH_OPTIONAL, NULL);
    pass_all(t.client, t.server); /* ClientHello */
    pass_all(t.server, t.client); /* ... CertificateRequest, ServerHelloDone */
    const uint8_t *out;
    size_t n, used = 0;
    assert_int_equal(gt_conn_output(t.client, &out, &n), 0);
    assert_true(n > 5 && out[0] == 22 && out[5] == GT_HT_CERTIFICATE);
    size_t first = 5 + (((size_t)out[3] << 8) | out[4]);
    assert_int_equal(gt_conn_feed(t.server, out, first, &used), 0);
    assert_int_equal(t.server->hs.client_cert, 0);
    static const uint8_t cv[] = {22, 3, 3, 0, 8, 15, 0, 0, 4, 4, 3, 0, 0};
    assert_int_equal(gt_conn_feed(t.server, cv, sizeof cv, &used), GT_ERR_UNEXPECTED_MESSAGE);
    sp_expect_alert(t.server, NULL, GT_ALERT_UNEXPECTED_MESSAGE);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_none),    cmocka_unit_test(test_policy_optional),
        cmocka_unit_test(test_policy_require), cmocka_unit_test(test_wrong_eku),
        cmocka_unit_test(test_ca_names),       cmocka_unit_test(test_cv_sigalg),
        cmocka_unit_test(test_malformed_cr),   cmocka_unit_test(test_bad_cv),
        cmocka_unit_test(test_cv_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
