/* Tests for tls/x509/cert.c (with ext.c, alg.c, name.c, gn.c underneath):
 * - the data-driven table vectors/x509/der-errors.txt (hex DER -> error);
 * - truncation at every length and trailing bytes for every valid row;
 * - field values of the project's test PKI certificates;
 * - every certificate in Debian's python3-cryptography-vectors x509 folder
 *   parses or is rejected exactly as vectors/x509/cryptography-vectors.txt
 *   records (a new rejection or a new acceptance fails the test).
 * Set GT_X509_WRITE_EXPECT=FILE to rewrite that expectations file. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <unistd.h>

#include "gt/gt_x509.h"
#include "util/testutil.h"
#include "x509/der.h"
#include "x509/x509_impl.h"
#include "x509_test.h"

#define CRYPTO_VECTORS "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

/* Runs the parser a table row names over the whole input. */
static int run_kind(const char *kind, const uint8_t *p, size_t n)
{
    gt_rd r = gt_rd_init(p, n), v;
    gt_x509_slice s;
    uint8_t tag;
    unsigned u;
    int b, err = GT_ERR_INTERNAL;
    int64_t t;
    gt_x509_cert c;
    gt_x509_pubkey k;
    if (!strcmp(kind, "cert")) return gt_x509_cert_parse(&c, p, n);
    if (!strcmp(kind, "spki")) return gt_x509_spki_parse(&k, p, n);
    if (!strcmp(kind, "tlv"))
        err = gt_der_any(&r, &tag, &v, NULL);
    else if (!strcmp(kind, "int"))
        err = gt_der_int(&r, &s);
    else if (!strcmp(kind, "uint"))
        err = gt_der_uint(&r, &s);
    else if (!strcmp(kind, "bits"))
        err = gt_der_bit_string(&r, &s, &u);
    else if (!strcmp(kind, "oid"))
        err = gt_der_oid(&r, &s);
    else if (!strcmp(kind, "bool"))
        err = gt_der_bool(&r, &b);
    else if (!strcmp(kind, "null"))
        err = gt_der_null(&r);
    else if (!strcmp(kind, "time"))
        err = gt_der_time(&r, &t);
    else if (!strcmp(kind, "name"))
        err = gt_x509_name_read(&r, &s);
    else if (!strcmp(kind, "tree"))
        return gt_der_check_tree(r, GT_DER_MAX_DEPTH);
    else
        fail_msg("unknown kind %s", kind);
    return err ? err : gt_rd_end(&r);
}

static void test_der_error_table(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/vectors/x509/der-errors.txt", tu_source_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192], kind[16], expect[64];
    int rows = 0, errors = 0, oks = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        char hex[8192];
        if (line[0] == '#' || line[0] == '\n') continue;
        if (hash) *hash = 0;
        assert_int_equal(sscanf(line, "%15s %63s %8191s", kind, expect, hex), 3);
        int want = x509t_code(expect);
        if (want == 1) fail_msg("unknown error name %s", expect);
        size_t n;
        uint8_t *der = tu_unhex_alloc(hex, &n);
        assert_non_null(der);
        int got = run_kind(kind, der, n);
        if (got != want)
            fail_msg("row %d (%s %s, #%s): got %s (%d)", rows + 1, kind, expect,
                     hash ? hash + 1 : "", x509t_name(got), got);
        /* every accepted input must fail when cut short, and when a byte
         * is appended (trailing data) */
        if (want == 0 && strcmp(kind, "tree")) {
            for (size_t cut = 0; cut < n; cut++)
                assert_int_not_equal(run_kind(kind, der, cut), 0);
            uint8_t *longer = malloc(n + 1);
            memcpy(longer, der, n);
            longer[n] = 0;
            assert_int_equal(run_kind(kind, longer, n + 1), GT_ERR_DECODE_TRAILING);
            free(longer);
        }
        free(der);
        rows++;
        *(want ? &errors : &oks) += 1;
    }
    fclose(f);
    print_message("der-errors.txt: %d rows (%d rejections, %d acceptances)\n", rows, errors, oks);
    assert_true(errors >= 60);
}

static uint8_t *pem_cert(const char *name, size_t *len)
{
    char path[4096];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/vectors/pki/%s", tu_source_dir(), name);
    uint8_t *pem = x509t_read(path, &n);
    assert_non_null(pem);
    uint8_t *der = malloc(n);
    assert_int_equal(gt_pem_decode_one(pem, n, GT_PEM_CERTIFICATE, der, n, len), 0);
    free(pem);
    return der;
}

static void test_pki_fields(void **state)
{
    (void)state;
    size_t n;
    uint8_t *der = pem_cert("server-rsa2048.crt", &n);
    gt_x509_cert c;
    assert_int_equal(gt_x509_cert_parse(&c, der, n), 0);
    assert_int_equal(c.version, 3);
    assert_int_equal(c.serial.len, 2);
    assert_memory_equal(c.serial.p, "\x11\x01", 2);
    assert_int_equal(c.sigalg.type, GT_X509_SIG_RSA_PKCS1);
    assert_int_equal(c.sigalg.hash, GT_X509_HASH_SHA256);
    assert_int_equal(c.not_before, 1704067200); /* 2024-01-01T00:00:00Z */
    assert_int_equal(c.key.type, GT_X509_KEY_RSA);
    assert_int_equal(c.key.bits, 2048);
    assert_int_equal(c.key.rsa_e.len, 3);
    assert_false(c.is_ca);
    assert_int_equal(c.path_len, -1);
    assert_true(c.ext_critical & GT_X509_EXT_BASIC_CONSTRAINTS);
    assert_int_equal(c.key_usage, GT_X509_KU_DIGITAL_SIGNATURE | GT_X509_KU_KEY_ENCIPHERMENT);
    assert_int_equal(c.eku_flags, GT_X509_EKU_SERVER_AUTH);
    assert_int_equal(c.skid.len, 20);
    assert_int_equal(c.akid_key_id.len, 20);
    /* SAN: DNS:localhost, DNS:server.test, IP:127.0.0.1 */
    gt_x509_iter it = gt_x509_iter_of(c.san);
    gt_x509_general_name g;
    assert_int_equal(gt_x509_gn_next(&it, &g), 1);
    assert_int_equal(g.type, GT_X509_GN_DNS);
    assert_int_equal(g.value.len, 9);
    assert_memory_equal(g.value.p, "localhost", 9);
    assert_int_equal(gt_x509_gn_next(&it, &g), 1);
    assert_int_equal(gt_x509_gn_next(&it, &g), 1);
    assert_int_equal(g.type, GT_X509_GN_IP);
    assert_memory_equal(g.value.p, "\x7f\x00\x00\x01", 4);
    assert_int_equal(gt_x509_gn_next(&it, &g), 0);
    char text[256];
    assert_true(gt_x509_name_print(c.subject, text, sizeof text) > 0);
    assert_string_equal(text, "CN=localhost, O=tlsgauntlet test PKI");
    /* the tbs slice sits inside the certificate, right after its header */
    assert_true(c.tbs.p > der && c.tbs.p + c.tbs.len < der + n);
    free(der);

    der = pem_cert("ecdsa-inter.crt", &n);
    assert_int_equal(gt_x509_cert_parse(&c, der, n), 0);
    assert_true(c.is_ca);
    assert_int_equal(c.key.type, GT_X509_KEY_EC);
    assert_int_equal(c.sigalg.type, GT_X509_SIG_ECDSA);
    assert_true(c.key_usage & GT_X509_KU_KEY_CERT_SIGN);
    free(der);
}

/* ---- python3-cryptography-vectors corpus ---- */

struct outcome {
    char *key; /* relative path, "#N" for the N-th PEM certificate */
    int err;
};
static struct outcome *outcomes;
static size_t n_outcomes, cap_outcomes;

static void record(const char *rel, int index, int err)
{
    if (n_outcomes == cap_outcomes) {
        cap_outcomes = cap_outcomes ? cap_outcomes * 2 : 512;
        outcomes = realloc(outcomes, cap_outcomes * sizeof *outcomes);
        assert_non_null(outcomes);
    }
    char key[4096];
    if (index)
        snprintf(key, sizeof key, "%s#%d", rel, index);
    else
        snprintf(key, sizeof key, "%s", rel);
    outcomes[n_outcomes].key = strdup(key);
    outcomes[n_outcomes++].err = err;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F) return 0;
    int is_pem = has_suffix(path, ".pem");
    if (!is_pem && !has_suffix(path, ".der") && !has_suffix(path, ".crt")) return 0;
    const char *rel = path + strlen(CRYPTO_VECTORS) + 1;
    size_t n;
    uint8_t *in = x509t_read(path, &n);
    if (!in) return 0;
    gt_x509_cert c;
    if (!is_pem) {
        record(rel, 0, gt_x509_cert_parse(&c, in, n));
    } else {
        uint8_t *der = malloc(n + 1);
        gt_x509_iter it = {in, n};
        gt_pem_label label;
        size_t len;
        int err, index = 0;
        while ((err = gt_pem_next(&it, &label, der, n, &len)) != 0) {
            if (err < 0) {
                record(rel, ++index, err);
                continue;
            }
            if (label != GT_PEM_CERTIFICATE) continue;
            record(rel, ++index, gt_x509_cert_parse(&c, der, len));
        }
        free(der);
    }
    free(in);
    return 0;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct outcome *)a)->key, ((const struct outcome *)b)->key);
}

static void test_cryptography_vectors(void **state)
{
    (void)state;
    if (access(CRYPTO_VECTORS, R_OK) != 0) skip(); /* python3-cryptography-vectors missing */
    assert_int_equal(nftw(CRYPTO_VECTORS, visit, 16, FTW_PHYS), 0);
    qsort(outcomes, n_outcomes, sizeof *outcomes, by_key);
    const char *write = getenv("GT_X509_WRITE_EXPECT");
    if (write) {
        FILE *w = fopen(write, "w");
        assert_non_null(w);
        fprintf(w,
                "# Certificates in %s (python3-cryptography-vectors) that\n"
                "# libgt rejects, and the error. Everything else there must parse.\n"
                "# Regenerate: GT_X509_WRITE_EXPECT=$PWD/vectors/x509/cryptography-vectors.txt "
                "build/<preset>/tests/x509_test_cert\n",
                CRYPTO_VECTORS);
        for (size_t i = 0; i < n_outcomes; i++)
            if (outcomes[i].err)
                fprintf(w, "%s %s\n", outcomes[i].key, x509t_name(outcomes[i].err));
        fclose(w);
    }
    char path[4096], line[4096];
    snprintf(path, sizeof path, "%s/vectors/x509/cryptography-vectors.txt", tu_source_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t expected_rejections = 0, parsed = 0, deviations = 0;
    while (fgets(line, sizeof line, f)) {
        char key[4096], name[128];
        if (line[0] == '#' || sscanf(line, "%4095s %127s", key, name) != 2) continue;
        expected_rejections++;
        struct outcome probe = {key, 0}, *o;
        o = bsearch(&probe, outcomes, n_outcomes, sizeof *outcomes, by_key);
        if (!o) {
            print_error("%s: expected %s, file no longer seen\n", key, name);
            deviations++;
        } else if (o->err != x509t_code(name)) {
            print_error("%s: expected %s, got %s\n", key, name, x509t_name(o->err));
            deviations++;
        }
    }
    fclose(f);
    size_t rejected = 0;
    for (size_t i = 0; i < n_outcomes; i++) {
        rejected += outcomes[i].err != 0;
        parsed += outcomes[i].err == 0;
    }
    if (rejected != expected_rejections) {
        print_error("%zu rejections, %zu expected (a new rejection?)\n", rejected,
                    expected_rejections);
        deviations++;
    }
    print_message("cryptography vectors: %zu parsed, %zu rejected as expected\n", parsed, rejected);
    for (size_t i = 0; i < n_outcomes; i++)
        free(outcomes[i].key);
    free(outcomes);
    assert_int_equal(deviations, 0);
    assert_true(parsed > 400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_der_error_table),
        cmocka_unit_test(test_pki_fields),
        cmocka_unit_test(test_cryptography_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
