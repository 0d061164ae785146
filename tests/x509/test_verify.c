/* tls/x509/verify.c: path building and validation through the API, on the
 * openssl-generated chain suite (vectors/x509/chains): good paths and the
 * path it returns, each failure reason, argument errors, the depth and
 * work limits against hostile piles of certificates, that every -55x code
 * maps to an alert, and order independence (property: any permutation of
 * the sent chain gives the same verdict). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "x509/verify_test.h"

#define NOW 1735689600 /* 2025-01-01, the time of cases.txt */

static gt_trust_store trust;
static gt_x509_cert pool[64];
static size_t n_pool;

static int setup(void **state)
{
    (void)state;
    return vt_trust(&trust, "vectors/x509/chains/trust.pem");
}

/* Loads leaf + chain files into pool[0..]; returns the leaf. */
static const gt_x509_cert *load(const char *leaf, const char *chain)
{
    char path[256];
    n_pool = 0;
    snprintf(path, sizeof path, "vectors/x509/chains/%s", leaf);
    assert_int_equal(vt_load_pem(path, pool, &n_pool, 64), 1);
    if (chain) {
        snprintf(path, sizeof path, "vectors/x509/chains/%s", chain);
        assert_true(vt_load_pem(path, pool, &n_pool, 64) > 0);
    }
    return &pool[0];
}

static gt_x509v_params params(const char *host)
{
    gt_x509v_params p = {.trust = &trust, .now = NOW, .purpose = GT_X509V_PURPOSE_SERVER};
    p.host = host;
    p.host_len = host ? strlen(host) : 0;
    return p;
}

static int run(const char *leaf, const char *chain, const char *host)
{
    gt_x509v_params p = params(host);
    const gt_x509_cert *l = load(leaf, chain);
    return gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL);
}

static void test_good_paths(void **state)
{
    (void)state;
    gt_x509v_params p = params("deep.example.test");
    gt_x509v_result res;
    const gt_x509_cert *l = load("leaf-deep.pem", "chain-unordered.pem");
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res), 0);
    /* leaf, inter2-rsa, inter-rsa, the root-rsa anchor */
    assert_int_equal(res.len, 4);
    assert_ptr_equal(res.path[0], l);
    assert_ptr_equal(res.path[1], &pool[1]); /* inter2 first in the unordered file */
    assert_ptr_equal(res.path[2], &pool[2]);
    assert_ptr_equal(res.path[3], &trust.anchors[0]);
    assert_int_equal(res.sigs, 3);
    assert_int_equal(run("leaf-ec.pem", "inter-ec.pem", "ec.example.test"), 0);
    assert_int_equal(run("leaf-pss.pem", "inter-rsa.pem", "pss.example.test"), 0);
    assert_int_equal(run("leaf-sha384.pem", "inter-ec.pem", NULL), 0);
    assert_int_equal(run("leaf-deep.pem", "chain-redundant.pem", "deep.example.test"), 0);
    assert_int_equal(run("leaf-nc-good.pem", "inter-nc.pem", "www.allowed.test"), 0);
}

static void test_failures(void **state)
{
    (void)state;
    assert_int_equal(run("leaf-rsa.pem", "inter-rsa.pem", "nope.example.test"),
                     GT_ERR_X509V_HOSTNAME);
    assert_int_equal(run("leaf-expired.pem", "inter-ec.pem", NULL), GT_ERR_X509V_EXPIRED);
    assert_int_equal(run("leaf-future.pem", "inter-ec.pem", NULL), GT_ERR_X509V_NOT_YET_VALID);
    assert_int_equal(run("leaf-inter-expired.pem", "inter-expired.pem", NULL),
                     GT_ERR_X509V_EXPIRED);
    assert_int_equal(run("leaf-other.pem", "chain-other.pem", NULL), GT_ERR_X509V_UNKNOWN_CA);
    assert_int_equal(run("leaf-rsa.pem", NULL, NULL), GT_ERR_X509V_UNKNOWN_CA);
    assert_int_equal(run("leaf-badsig.pem", "inter-rsa.pem", NULL), GT_ERR_X509V_SIGNATURE);
    assert_int_equal(run("leaf-sha1.pem", "inter-rsa.pem", NULL), GT_ERR_X509V_SIG_ALG);
    assert_int_equal(run("leaf-noksign.pem", "inter-noksign.pem", NULL), GT_ERR_X509V_CA_KEY_USAGE);
    assert_int_equal(run("leaf-notca.pem", "inter-notca.pem", NULL), GT_ERR_X509V_NOT_CA);
    assert_int_equal(run("leaf-client.pem", "inter-ec.pem", NULL), GT_ERR_X509V_EKU);
    assert_int_equal(run("leaf-ku.pem", "inter-ec.pem", NULL), GT_ERR_X509V_LEAF_KEY_USAGE);
    assert_int_equal(run("leaf-pathlen.pem", "chain-pathlen.pem", NULL), GT_ERR_X509V_PATH_LEN);
    assert_int_equal(run("leaf-nc-dns.pem", "inter-nc.pem", NULL), GT_ERR_X509V_NAME_CONSTRAINT);
    assert_int_equal(run("leaf-nosan.pem", "inter-ec.pem", "leaf-nosan"), GT_ERR_X509V_NO_SAN);
}

static void test_options(void **state)
{
    (void)state;
    gt_x509v_params p = params(NULL);
    const gt_x509_cert *l = load("leaf-sha1.pem", "inter-rsa.pem");
    p.flags = GT_X509V_ALLOW_SHA1;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), 0);
    l = load("leaf-client.pem", "inter-ec.pem");
    p = params(NULL);
    p.purpose = GT_X509V_PURPOSE_CLIENT;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), 0);
    /* an IP identity */
    static const uint8_t ip[4] = {192, 0, 2, 1}, ip2[4] = {192, 0, 2, 9};
    l = load("leaf-rsa.pem", "inter-rsa.pem");
    p = params(NULL);
    p.ip = ip;
    p.ip_len = 4;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), 0);
    p.ip = ip2;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), GT_ERR_X509V_IP);
    /* the time bounds are inclusive */
    p = params(NULL);
    p.now = l->not_after;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), 0);
    p.now = l->not_after + 1;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), GT_ERR_X509V_EXPIRED);
    p.now = l->not_before;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), 0);
    p.now = l->not_before - 1;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, NULL), GT_ERR_X509V_NOT_YET_VALID);
}

static void test_args(void **state)
{
    (void)state;
    gt_x509v_params p = params(NULL);
    gt_x509v_result res;
    const gt_x509_cert *l = load("leaf-rsa.pem", "inter-rsa.pem");
    assert_int_equal(gt_x509_verify(NULL, l, NULL, 0, &res), GT_ERR_ARG);
    assert_int_equal(gt_x509_verify(&p, NULL, NULL, 0, &res), GT_ERR_ARG);
    p.purpose = 0;
    assert_int_equal(gt_x509_verify(&p, l, NULL, 0, &res), GT_ERR_ARG);
    p = params(NULL);
    p.trust = NULL;
    assert_int_equal(gt_x509_verify(&p, l, NULL, 0, &res), GT_ERR_ARG);
    assert_int_equal(res.len, 0);
    /* a leaf that is itself an anchor: accepted after the leaf checks
     * (root-rsa's keyUsage is keyCertSign|cRLSign: no digitalSignature) */
    p = params(NULL);
    assert_int_equal(gt_x509_verify(&p, &trust.anchors[0], NULL, 0, &res),
                     GT_ERR_X509V_LEAF_KEY_USAGE);
}

/* Hostile input: many copies of a valid-looking intermediate that leads
 * nowhere. The work budget stops the search; the depth limit refuses
 * long paths. */
static void test_limits(void **state)
{
    (void)state;
    gt_x509v_params p = params(NULL);
    gt_x509v_result res;
    const gt_x509_cert *l = load("leaf-other.pem", NULL);
    for (int i = 0; i < 40; i++)
        assert_int_equal(vt_load_pem("vectors/x509/chains/inter-other.pem", pool, &n_pool, 64), 1);
    p.max_sigs = 5;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res), GT_ERR_X509V_BUDGET);
    assert_int_equal(res.sigs, 5);
    p.max_sigs = 0;
    p.max_attempts = 7;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res), GT_ERR_X509V_BUDGET);
    assert_true(res.attempts <= 8);
    /* with the defaults the pile is searched out and refused */
    p.max_attempts = 0;
    int err = gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res);
    assert_true(err == GT_ERR_X509V_UNKNOWN_CA || err == GT_ERR_X509V_BUDGET);
    assert_true(res.sigs <= GT_X509V_DEFAULT_MAX_SIGS);
    /* depth: leaf-deep needs 3 certificates below the anchor */
    l = load("leaf-deep.pem", "chain-ordered.pem");
    p = params(NULL);
    p.max_depth = 2;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res), GT_ERR_X509V_DEPTH);
    p.max_depth = 3;
    assert_int_equal(gt_x509_verify(&p, l, pool + 1, n_pool - 1, &res), 0);
}

/* Property: the order of the sent certificates never changes the verdict. */
static void test_order_independence(void **state)
{
    (void)state;
    gt_x509v_params p = params("deep.example.test");
    const gt_x509_cert *l = load("leaf-deep.pem", "chain-redundant.pem");
    gt_x509_cert perm[64];
    size_t n = n_pool - 1;
    for (uint64_t seed = 1; seed <= 50; seed++) {
        uint8_t r[64];
        tu_fill(r, sizeof r, seed);
        memcpy(perm, pool + 1, n * sizeof perm[0]);
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = r[i] % (i + 1);
            gt_x509_cert t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        assert_int_equal(gt_x509_verify(&p, l, perm, n, NULL), 0);
    }
}

static void test_error_table(void **state)
{
    (void)state;
    for (int e = GT_ERR_X509V_BAD_REFERENCE; e <= GT_ERR_X509V_EXPIRED; e++) {
        assert_string_not_equal(gt_err_str(e), "unknown error");
        assert_int_not_equal(gt_err_alert(e), GT_ALERT_CLOSE_NOTIFY);
    }
    assert_int_equal(gt_err_alert(GT_ERR_X509V_EXPIRED), GT_ALERT_CERTIFICATE_EXPIRED);
    assert_int_equal(gt_err_alert(GT_ERR_X509V_UNKNOWN_CA), GT_ALERT_UNKNOWN_CA);
    assert_int_equal(gt_err_alert(GT_ERR_X509V_SIGNATURE), GT_ALERT_BAD_CERTIFICATE);
    assert_int_equal(gt_err_alert(GT_ERR_X509V_EKU), GT_ALERT_UNSUPPORTED_CERTIFICATE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_paths),  cmocka_unit_test(test_failures),
        cmocka_unit_test(test_options),     cmocka_unit_test(test_args),
        cmocka_unit_test(test_limits),      cmocka_unit_test(test_order_independence),
        cmocka_unit_test(test_error_table),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
