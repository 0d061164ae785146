/* Tests for tls/handshake/client_hello.c (server side) and the extension
 * parsers it reaches (server.c, ext_record.c):
 * - every extension the engine parses, with a malformed body — truncated,
 *   overlong inner length, trailing bytes, an empty list where the RFC
 *   forbids one, an illegal value — gets the RFC's alert and a FAILED
 *   connection; the cases are in vectors/handshake/client_hello_extensions.txt;
 *   the same extensions with well-formed bodies get a ServerHello, so the
 *   table cannot pass by failing everything;
 * - TLS_FALLBACK_SCSV (RFC 7507 §3): with a client_version below 1.2 it is
 *   inappropriate_fallback (not protocol_version); with 1.2, or with a TLS
 *   1.3 client whose legacy_version is 1.2, it changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "gt/gt.h"
#include "util/pipe.h"
#include "util/testutil.h"

#define SCSV_FALLBACK 0x5600

typedef struct {
    uint16_t type;
    const uint8_t *body;
    size_t len;
} ext;

/* supported_groups {x25519, P-256, P-384}, ec_point_formats {0},
 * signature_algorithms {ecdsa P-256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256} */
static const uint8_t groups_body[] = {0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18};
static const uint8_t formats_body[] = {0x01, 0x00};
static const uint8_t sigalgs_body[] = {0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01};
static const ext base[] = {
    {0x000a, groups_body, sizeof groups_body},
    {0x000b, formats_body, sizeof formats_body},
    {0x000d, sigalgs_body, sizeof sigalgs_body},
};

/* A ClientHello record: base extensions except the tested type, then
 * the tested one. */
static size_t build_ch(uint16_t version, const uint16_t *suites, size_t n_suites, const ext *x,
                       uint8_t *out, size_t cap)
{
    gt_wr w = gt_wr_init(out, cap);
    size_t rec, msg, m;
    gt_wr_u8(&w, 22);
    gt_wr_u16(&w, 0x0301);
    gt_wr_vec_open(&w, 2, &rec);
    gt_wr_u8(&w, 1);
    gt_wr_vec_open(&w, 3, &msg);
    gt_wr_u16(&w, version);
    for (int i = 0; i < 32; i++)
        gt_wr_u8(&w, (uint8_t)i);
    gt_wr_u8(&w, 0);
    gt_wr_vec_open(&w, 2, &m);
    for (size_t i = 0; i < n_suites; i++)
        gt_wr_u16(&w, suites[i]);
    gt_wr_vec_close(&w, 2, m);
    gt_wr_u8(&w, 1);
    gt_wr_u8(&w, 0);
    gt_wr_vec_open(&w, 2, &m);
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++) {
        if (x && base[i].type == x->type) continue;
        gt_wr_u16(&w, base[i].type);
        gt_wr_u16(&w, (uint16_t)base[i].len);
        gt_wr_bytes(&w, base[i].body, base[i].len);
    }
    if (x) {
        gt_wr_u16(&w, x->type);
        gt_wr_u16(&w, (uint16_t)x->len);
        gt_wr_bytes(&w, x->body, x->len);
    }
    gt_wr_vec_close(&w, 2, m);
    gt_wr_vec_close(&w, 3, msg);
    gt_wr_vec_close(&w, 2, rec);
    assert_int_equal(gt_wr_status(&w), 0);
    return w.len;
}

static const uint16_t suites[] = {0xC02B, 0xC02C, 0xC009, 0xC02F};

typedef struct {
    gt_drbg d;
    gt_config *cfg;
    gt_conn *c;
    uint8_t out[16384];
    size_t out_len;
    int err;
} server;

/* Feeds one ClientHello to a fresh server and keeps its first output. */
static void run_server(server *s, const uint8_t *rec, size_t n)
{
    size_t used, on;
    const uint8_t *o;
    s->cfg = tu_config(&s->d, 5);
    assert_int_equal(tu_add_chain(s->cfg, "server-p256"), 0);
    static const char *const alpn[] = {"h2"};
    assert_int_equal(gt_config_set_alpn(s->cfg, alpn, 1), 0);
    s->c = gt_conn_new(s->cfg, GT_ROLE_SERVER, NULL);
    assert_non_null(s->c);
    s->err = gt_conn_feed(s->c, rec, n, &used);
    s->out_len = 0;
    while (gt_conn_output(s->c, &o, &on) == 0 && on) {
        size_t k = on < sizeof s->out - s->out_len ? on : sizeof s->out - s->out_len;
        memcpy(s->out + s->out_len, o, k);
        s->out_len += k;
        gt_conn_output_done(s->c, on);
    }
}

static void server_free(server *s)
{
    gt_conn_free(s->c);
    gt_config_free(s->cfg);
}

/* 0 when the server answered with a ServerHello, else the fatal alert's
 * description (and the connection must be FAILED). */
static int outcome(const server *s)
{
    assert_true(s->out_len >= 7);
    if (s->out[0] == 22 && s->out[5] == 2) {
        assert_int_equal(s->err, 0);
        return 0;
    }
    assert_int_equal(s->out[0], 21);
    assert_int_equal(s->out[5], 2); /* fatal */
    assert_int_equal(gt_conn_state(s->c), GT_STATE_FAILED);
    assert_int_not_equal(s->err, 0);
    assert_int_equal(gt_err_alert(s->err), s->out[6]);
    return s->out[6];
}

static void test_malformed_extensions(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/vectors/handshake/client_hello_extensions.txt", GT_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    unsigned types_seen = 0, n_cases = 0;
    while (fgets(line, sizeof line, f)) {
        char hex[256];
        unsigned type, alert;
        int used;
        if (line[0] == '#' || line[0] == '\n') continue;
        assert_int_equal(sscanf(line, "%x %255s %u %n", &type, hex, &alert, &used), 3);
        uint8_t body[128];
        size_t len = 0;
        if (strcmp(hex, "-") != 0) len = tu_unhex(hex, body, sizeof body);
        ext x = {(uint16_t)type, body, len};
        uint8_t rec[1024];
        server s;
        run_server(&s, rec, build_ch(0x0303, suites, 4, &x, rec, sizeof rec));
        int got = outcome(&s);
        if (got != (int)alert)
            fail_msg("extension %04x body %s (%s): alert %d, want %u", type, hex,
                     strtok(line + used, "\n"), got, alert);
        server_free(&s);
        types_seen |= 1u << (type == 0xff01 ? 31 : type % 31);
        n_cases++;
    }
    fclose(f);
    assert_true(n_cases >= 50);
    /* all eleven extension types the engine parses have cases */
    static const unsigned want[] = {0x0000, 0x000a, 0x000b, 0x000d, 0x0010, 0x0017,
                                    0xff01, 0x002b, 0x0016, 0x0001, 0x001c};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(types_seen & (1u << (want[i] == 0xff01 ? 31 : want[i] % 31)));
}

/* The same extensions, well formed: a ServerHello each time. */
static void test_well_formed_extensions(void **state)
{
    (void)state;
    static const struct {
        uint16_t type;
        const char *hex;
    } ok[] = {
        {0x0000, "000c0000096c6f63616c686f7374"},
        {0x000a, "00020017"},
        {0x000b, "03000102"},
        {0x000d, "00020403"},
        {0x0010, "0006026832026869"},
        {0x0017, ""},
        {0xff01, "00"},
        {0x002b, "0403040303"},
        {0x0016, ""},
        {0x0001, "02"},
        {0x001c, "0040"},
        {0x001c, "4001"}, /* 2^14 + 1 from a TLS 1.3 client: capped */
        {0x1234, "ffff"}, /* unknown: ignored */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        uint8_t body[64], rec[1024];
        size_t len = tu_unhex(ok[i].hex, body, sizeof body);
        ext x = {ok[i].type, body, len};
        server s;
        run_server(&s, rec, build_ch(0x0303, suites, 4, &x, rec, sizeof rec));
        if (outcome(&s) != 0) fail_msg("extension %04x %s refused", ok[i].type, ok[i].hex);
        server_free(&s);
    }
}

static void test_fallback_scsv(void **state)
{
    (void)state;
    static const uint16_t with_scsv[] = {0xC02B, SCSV_FALLBACK};
    static const uint8_t tls13[] = {0x04, 0x03, 0x04, 0x03, 0x03};
    static const struct {
        uint16_t version;
        int scsv, tls13;
        int alert;
    } cases[] = {
        {0x0302, 1, 0, GT_ALERT_INAPPROPRIATE_FALLBACK},
        {0x0301, 1, 0, GT_ALERT_INAPPROPRIATE_FALLBACK},
        {0x0300, 1, 0, GT_ALERT_INAPPROPRIATE_FALLBACK},
        {0x0302, 0, 0, GT_ALERT_PROTOCOL_VERSION},
        {0x0303, 1, 0, 0},
        {0x0303, 1, 1, 0}, /* a TLS 1.3 client falling back to 1.2 only */
        {0x0303, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t rec[1024];
        ext x = {0x002b, tls13, sizeof tls13};
        server s;
        size_t n = build_ch(cases[i].version, cases[i].scsv ? with_scsv : suites,
                            cases[i].scsv ? 2 : 1, cases[i].tls13 ? &x : NULL, rec, sizeof rec);
        run_server(&s, rec, n);
        assert_int_equal(outcome(&s), cases[i].alert);
        if (cases[i].alert == GT_ALERT_INAPPROPRIATE_FALLBACK)
            assert_int_equal(s.err, GT_ERR_INAPPROPRIATE_FALLBACK);
        server_free(&s);
    }
}

/* RFC 5246 §7.4.1.4.1: supported_signature_algorithms<2..2^16-2> MUST NOT
 * be empty. A client configured with SHA-1 algorithms only, SHA-1 being
 * off, fails before sending anything but the alert (GT_ERR_NO_SIGALGS);
 * with SHA-1 allowed the same config sends a ClientHello. */
static void test_no_usable_sigalgs(void **state)
{
    (void)state;
    static const uint16_t sha1_only[] = {0x0201, 0x0203};
    for (int allow = 0; allow < 2; allow++) {
        gt_drbg d;
        gt_config *cfg = tu_config(&d, 7);
        assert_int_equal(gt_config_set_sigalgs(cfg, sha1_only, 2), 0);
        assert_int_equal(gt_config_set_option(cfg, GT_OPT_ALLOW_SHA1, allow), 0);
        assert_int_equal(gt_config_set_option(cfg, GT_OPT_VERIFY_PEER, 0), 0);
        gt_conn *c = gt_conn_new(cfg, GT_ROLE_CLIENT, NULL);
        assert_non_null(c);
        const uint8_t *o;
        size_t n = 0;
        assert_int_equal(gt_conn_output(c, &o, &n), 0);
        assert_true(n >= 7);
        if (allow) {
            assert_int_equal(o[0], 22);
            assert_int_equal(o[5], 1); /* a ClientHello */
        } else {
            gt_alert_info a;
            assert_int_equal(o[0], 21); /* only the fatal alert */
            assert_int_equal(n, 7);
            assert_int_equal(gt_conn_error(c, &a), GT_ERR_NO_SIGALGS);
            assert_int_equal(a.desc, GT_ALERT_INTERNAL_ERROR);
            assert_int_equal(gt_conn_state(c), GT_STATE_FAILED);
        }
        gt_conn_free(c);
        gt_config_free(cfg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_usable_sigalgs),
        cmocka_unit_test(test_malformed_extensions),
        cmocka_unit_test(test_well_formed_extensions),
        cmocka_unit_test(test_fallback_scsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
