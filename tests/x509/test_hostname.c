/* tls/x509/hostname.c: RFC 6125 DNS-ID matching (table
 * vectors/x509/hostnames.txt), IP address parsing (table
 * vectors/x509/ip-addresses.txt), the SAN checks on real certificates, and
 * properties (case folding, trailing dot, one-byte changes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "x509/verify_test.h"

/* Decodes \xNN escapes of a table field in place; returns the length. */
static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        unsigned v;
        if (s[i] == '\\' && s[i + 1] == 'x' && sscanf(s + i + 2, "%2x", &v) == 1) {
            s[o++] = (char)v;
            i += 3;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = 0;
    return o;
}

static void test_dns_table(void **state)
{
    (void)state;
    char *text = vt_src("vectors/x509/hostnames.txt", NULL), *save, *line;
    int rows = 0;
    assert_non_null(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        char *res = line, *pres = strchr(res, '|'), *ref;
        assert_non_null(pres);
        *pres++ = 0;
        ref = strchr(pres, '|');
        assert_non_null(ref);
        *ref++ = 0;
        size_t pl = unescape(pres), rl = unescape(ref);
        int want = !strcmp(res, "match");
        int got = gt_x509_dns_match((const uint8_t *)pres, pl, ref, rl);
        if (got != want) fail_msg("'%s' vs '%s': expected %s", pres, ref, res);
        rows++;
    }
    assert_true(rows > 40);
    free(text);
}

static void test_ip_table(void **state)
{
    (void)state;
    char *text = vt_src("vectors/x509/ip-addresses.txt", NULL), *save, *line;
    int rows = 0;
    assert_non_null(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        char *bar = strrchr(line, '|');
        assert_non_null(bar);
        *bar = 0;
        uint8_t out[16], want[16];
        size_t len = 0;
        int err = gt_x509_ip_parse(line, strlen(line), out, &len);
        if (!strcmp(bar + 1, "BAD")) {
            if (err != GT_ERR_X509V_BAD_REFERENCE) fail_msg("'%s' should be refused", line);
        } else {
            size_t wl = tu_unhex(bar + 1, want, sizeof want);
            if (err || len != wl || memcmp(out, want, wl)) fail_msg("'%s' parsed wrong", line);
        }
        rows++;
    }
    assert_true(rows > 30);
    free(text);
}

static gt_x509_cert leaf, nosan;

static int setup(void **state)
{
    (void)state;
    size_t n = 0, m = 0;
    if (vt_load_pem("vectors/x509/chains/leaf-rsa.pem", &leaf, &n, 1) != 1) return -1;
    return vt_load_pem("vectors/x509/chains/leaf-nosan.pem", &nosan, &m, 1) == 1 ? 0 : -1;
}

/* leaf-rsa: DNS:www.example.test, DNS:*.wild.example.test, IP:192.0.2.1,
 * IP:2001:db8::1 (vectors/x509/chains/generate.sh). */
static void test_check_host(void **state)
{
    (void)state;
    assert_int_equal(gt_x509_check_host(&leaf, "www.example.test", 16), 0);
    assert_int_equal(gt_x509_check_host(&leaf, "x.wild.example.test", 19), 0);
    assert_int_equal(gt_x509_check_host(&leaf, "wild.example.test", 17), GT_ERR_X509V_HOSTNAME);
    assert_int_equal(gt_x509_check_host(&leaf, "example.test", 12), GT_ERR_X509V_HOSTNAME);
    /* an IP literal is not a DNS-ID, even though it is in the SAN as IP */
    assert_int_equal(gt_x509_check_host(&leaf, "192.0.2.1", 9), GT_ERR_X509V_HOSTNAME);
    /* the length counts, not a NUL: a longer buffer cut short matches */
    assert_int_equal(gt_x509_check_host(&leaf, "www.example.testXX", 16), 0);
    assert_int_equal(gt_x509_check_host(&leaf, "", 0), GT_ERR_X509V_BAD_REFERENCE);
    assert_int_equal(gt_x509_check_host(&leaf, NULL, 3), GT_ERR_X509V_BAD_REFERENCE);
    assert_int_equal(gt_x509_check_host(&leaf, "a b", 3), GT_ERR_X509V_BAD_REFERENCE);
    assert_int_equal(gt_x509_check_host(&leaf, "www\0.example.test", 17),
                     GT_ERR_X509V_BAD_REFERENCE);
    /* no CN fallback: leaf-nosan has CN=leaf-nosan and no SAN */
    assert_int_equal(gt_x509_check_host(&nosan, "leaf-nosan", 10), GT_ERR_X509V_NO_SAN);
}

static void test_check_ip(void **state)
{
    (void)state;
    const uint8_t v4[4] = {192, 0, 2, 1}, v4b[4] = {192, 0, 2, 2};
    uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8}, mapped[16] = {0};
    v6[15] = 1;
    mapped[10] = mapped[11] = 0xff;
    memcpy(mapped + 12, v4, 4);
    assert_int_equal(gt_x509_check_ip(&leaf, v4, 4), 0);
    assert_int_equal(gt_x509_check_ip(&leaf, v6, 16), 0);
    assert_int_equal(gt_x509_check_ip(&leaf, v4b, 4), GT_ERR_X509V_IP);
    /* an IPv4-mapped IPv6 address is a different identity */
    assert_int_equal(gt_x509_check_ip(&leaf, mapped, 16), GT_ERR_X509V_IP);
    assert_int_equal(gt_x509_check_ip(&leaf, v4, 3), GT_ERR_X509V_BAD_REFERENCE);
    assert_int_equal(gt_x509_check_ip(&leaf, NULL, 4), GT_ERR_X509V_BAD_REFERENCE);
    assert_int_equal(gt_x509_check_ip(&nosan, v4, 4), GT_ERR_X509V_NO_SAN);
}

/* Properties over random LDH names: a name matches itself, in any case
 * mix, with a trailing dot on either side; changing one character to
 * another letter or digit breaks the match; a wildcard over the name's
 * first label matches it exactly when at least two labels remain. */
static void test_dns_properties(void **state)
{
    (void)state;
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
    for (uint64_t seed = 1; seed <= 500; seed++) {
        uint8_t rnd[64];
        char name[80], other[80];
        size_t n = 0;
        tu_fill(rnd, sizeof rnd, seed);
        unsigned labels = 1 + rnd[0] % 4;
        for (unsigned l = 0; l < labels; l++) {
            unsigned len = 1 + rnd[1 + l] % 8;
            if (l) name[n++] = '.';
            for (unsigned i = 0; i < len; i++, n++)
                name[n] = alpha[rnd[8 + n % 50] % 36];
        }
        name[n] = 0;
        assert_true(gt_x509_dns_match((const uint8_t *)name, n, name, n));
        memcpy(other, name, n + 1);
        for (size_t i = 0; i < n; i++)
            if (rnd[i % 64] & 1 && other[i] >= 'a' && other[i] <= 'z') other[i] -= 32;
        assert_true(gt_x509_dns_match((const uint8_t *)name, n, other, n));
        other[n] = '.';
        assert_true(gt_x509_dns_match((const uint8_t *)name, n, other, n + 1));
        memcpy(other, name, n + 1);
        size_t at = rnd[60] % n;
        if (other[at] != '.') {
            other[at] = other[at] == 'q' ? 'r' : 'q';
            assert_false(gt_x509_dns_match((const uint8_t *)name, n, other, n));
        }
        char *dot = strchr(name, '.');
        if (dot) {
            char wild[82];
            snprintf(wild, sizeof wild, "*%s", dot);
            int labels_after = (int)labels - 1;
            int first_idn = !strncmp(name, "xn--", 4);
            assert_int_equal(gt_x509_dns_match((const uint8_t *)wild, strlen(wild), name, n),
                             labels_after >= 2 && !first_idn);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dns_table),      cmocka_unit_test(test_ip_table),
        cmocka_unit_test(test_check_host),     cmocka_unit_test(test_check_ip),
        cmocka_unit_test(test_dns_properties),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
