/* tls/x509/nc.c: name constraints, driven by the case table
 * vectors/x509/name-constraints.txt. Each row's subtrees and names are
 * encoded to DER here and put into certificate views, so every form and
 * both lists are exercised without a certificate per case; malformed
 * constraint encodings are checked at the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "x509/verify_test.h"

typedef struct {
    uint8_t b[2048];
    size_t n;
} buf;

static void put_tlv(buf *o, uint8_t tag, const uint8_t *p, size_t n)
{
    assert_true(n < 256 && o->n + n + 3 < sizeof o->b);
    o->b[o->n++] = tag;
    if (n >= 0x80) o->b[o->n++] = 0x81;
    o->b[o->n++] = (uint8_t)n;
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

/* "FORM:VALUE" as a GeneralName TLV. */
static void put_gn(buf *o, const char *item)
{
    uint8_t v[512];
    const char *val = strchr(item, ':') + 1;
    size_t n = strlen(val);
    if (!strncmp(item, "dns:", 4)) {
        put_tlv(o, 0x82, (const uint8_t *)val, n);
    } else if (!strncmp(item, "email:", 6)) {
        put_tlv(o, 0x81, (const uint8_t *)val, n);
    } else if (!strncmp(item, "uri:", 4)) {
        put_tlv(o, 0x86, (const uint8_t *)val, n);
    } else if (!strncmp(item, "ip:", 3)) {
        n = tu_unhex(val, v, sizeof v);
        put_tlv(o, 0x87, v, n);
    } else if (!strncmp(item, "dn:", 3)) {
        n = tu_unhex(val, v, sizeof v);
        put_tlv(o, 0xa4, v, n);
    } else {
        fail_msg("bad item %s", item);
    }
}

static int run_row(char *subtrees, char *names)
{
    static buf perm, excl, san, subj;
    gt_x509_cert ca, c;
    char *save, *tok;
    memset(&ca, 0, sizeof ca);
    memset(&c, 0, sizeof c);
    perm.n = excl.n = san.n = subj.n = 0;
    for (tok = strtok_r(subtrees, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        buf one = {.n = 0};
        put_gn(&one, tok + 2);
        put_tlv(tok[0] == 'p' ? &perm : &excl, 0x30, one.b, one.n);
    }
    subj.b[0] = 0x30, subj.b[1] = 0, subj.n = 2;
    for (tok = strtok_r(names, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (!strncmp(tok, "subject:", 8))
            subj.n = tu_unhex(tok + 8, subj.b, sizeof subj.b);
        else
            put_gn(&san, tok);
    }
    if (perm.n) ca.nc_permitted = (gt_x509_slice){perm.b, perm.n};
    if (excl.n) ca.nc_excluded = (gt_x509_slice){excl.b, excl.n};
    if (san.n) c.san = (gt_x509_slice){san.b, san.n};
    c.subject = (gt_x509_slice){subj.b, subj.n};
    return gt_x509_nc_check(&ca, &c);
}

static void test_table(void **state)
{
    (void)state;
    char *text = vt_src("vectors/x509/name-constraints.txt", NULL), *save, *line;
    int rows = 0;
    assert_non_null(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", line);
        char *res = copy, *subtrees = strchr(res, '|'), *names;
        assert_non_null(subtrees);
        *subtrees++ = 0;
        names = strchr(subtrees, '|');
        assert_non_null(names);
        *names++ = 0;
        int want = !strcmp(res, "ok")          ? 0
                   : !strcmp(res, "violation") ? GT_ERR_X509V_NAME_CONSTRAINT
                                               : GT_ERR_X509V_NC_UNSUPPORTED;
        int got = run_row(subtrees, names);
        if (got != want) fail_msg("%s: got %d (%s)", line, got, gt_err_str(got));
        rows++;
    }
    assert_true(rows > 45);
    free(text);
}

/* A CA without constraints constrains nothing; malformed subtrees are an
 * error, never a pass (fail closed). */
static void test_malformed(void **state)
{
    (void)state;
    gt_x509_cert ca, c;
    static const uint8_t dns_san[] = {0x82, 0x03, 'a', '.', 'b'};
    /* SEQUENCE { [2] "b", [0] 1 }: minimum encoded (DER: DEFAULT 0 omitted) */
    static const uint8_t with_min[] = {0x30, 0x06, 0x82, 0x01, 'b', 0x80, 0x01, 0x01};
    static const uint8_t truncated[] = {0x30, 0x05, 0x82, 0x01, 'b'};
    static const uint8_t ip_len5[] = {0x30, 0x07, 0x87, 0x05, 1, 2, 3, 4, 5};
    static const uint8_t empty_subj[] = {0x30, 0x00};
    memset(&ca, 0, sizeof ca);
    memset(&c, 0, sizeof c);
    c.san = (gt_x509_slice){dns_san, sizeof dns_san};
    c.subject = (gt_x509_slice){empty_subj, 2};
    assert_int_equal(gt_x509_nc_check(&ca, &c), 0);
    ca.nc_permitted = (gt_x509_slice){with_min, sizeof with_min};
    assert_true(gt_x509_nc_check(&ca, &c) < 0);
    ca.nc_permitted = (gt_x509_slice){truncated, sizeof truncated};
    assert_true(gt_x509_nc_check(&ca, &c) < 0);
    ca.nc_permitted = (gt_x509_slice){NULL, 0};
    ca.nc_excluded = (gt_x509_slice){ip_len5, sizeof ip_len5};
    assert_true(gt_x509_nc_check(&ca, &c) < 0);
}

/* The chain suite's constrained CA (generate.sh: permitted allowed.test,
 * 10.0.0.0/8, excluded bad.allowed.test) on its leaves. */
static void test_real_certs(void **state)
{
    (void)state;
    static gt_x509_cert ca[1], good[1], dns[1], ex[1], ip[1];
    size_t a = 0, b = 0, d = 0, e = 0, f = 0;
    assert_int_equal(vt_load_pem("vectors/x509/chains/inter-nc.pem", ca, &a, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-nc-good.pem", good, &b, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-nc-dns.pem", dns, &d, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-nc-excluded.pem", ex, &e, 1), 1);
    assert_int_equal(vt_load_pem("vectors/x509/chains/leaf-nc-ip.pem", ip, &f, 1), 1);
    assert_int_equal(gt_x509_nc_check(ca, good), 0);
    assert_int_equal(gt_x509_nc_check(ca, dns), GT_ERR_X509V_NAME_CONSTRAINT);
    assert_int_equal(gt_x509_nc_check(ca, ex), GT_ERR_X509V_NAME_CONSTRAINT);
    assert_int_equal(gt_x509_nc_check(ca, ip), GT_ERR_X509V_NAME_CONSTRAINT);
    /* the subject O=tlsgauntlet chains is free: no directoryName subtree */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_real_certs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
