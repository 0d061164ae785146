/* Tests for tls/handshake/server.c and client_hello.c (server side):
 * certificate selection by SNI and by the RFC 8422 curve rule, suite
 * preference (server's or client's order), ALPN (match, no overlap),
 * version negotiation (a TLS 1.3 ClientHello gets 1.2, below 1.2 gets
 * protocol_version), RFC 5746 and renegotiation refusal. Hand-made
 * ClientHellos are fed to a server and its answer is read off the wire. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "gt/gt.h"
#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

/* ---- a ClientHello builder ----------------------------------------------- */

typedef struct {
    uint16_t version;
    const uint16_t *suites;
    size_t n_suites;
    const uint8_t *exts; /* raw extensions block contents */
    size_t exts_len;
    int no_exts; /* omit the block entirely */
} ch_spec;

static const uint16_t all_suites[] = {0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8};

/* supported_groups {x25519, P-256, P-384}, signature_algorithms {ecdsa
 * P-256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256}, ec_point_formats. */
static const uint8_t base_exts[] = {0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17,
                                    0x00, 0x18, 0x00, 0x0d, 0x00, 0x08, 0x00, 0x06, 0x04, 0x03,
                                    0x08, 0x04, 0x04, 0x01, 0x00, 0x0b, 0x00, 0x02, 0x01, 0x00};

static size_t build_ch(const ch_spec *s, uint8_t *out, size_t cap)
{
    gt_wr w = gt_wr_init(out, cap);
    size_t rec, msg, m;
    gt_wr_u8(&w, 22);
    gt_wr_u16(&w, 0x0301);
    gt_wr_vec_open(&w, 2, &rec);
    gt_wr_u8(&w, 1);
    gt_wr_vec_open(&w, 3, &msg);
    gt_wr_u16(&w, s->version);
    for (int i = 0; i < 32; i++)
        gt_wr_u8(&w, (uint8_t)i);
    gt_wr_u8(&w, 0);
    gt_wr_vec_open(&w, 2, &m);
    for (size_t i = 0; i < s->n_suites; i++)
        gt_wr_u16(&w, s->suites[i]);
    gt_wr_vec_close(&w, 2, m);
    gt_wr_u8(&w, 1);
    gt_wr_u8(&w, 0);
    if (!s->no_exts) {
        gt_wr_vec_open(&w, 2, &m);
        gt_wr_bytes(&w, s->exts, s->exts_len);
        gt_wr_vec_close(&w, 2, m);
    }
    gt_wr_vec_close(&w, 3, msg);
    gt_wr_vec_close(&w, 2, rec);
    assert_int_equal(gt_wr_status(&w), 0);
    return w.len;
}

typedef struct {
    gt_drbg d;
    gt_config *cfg;
    gt_conn *c;
    uint8_t out[65536];
    size_t out_len;
} server;

static void server_new(server *s, const char *leaf)
{
    s->cfg = tu_config(&s->d, 9);
    if (leaf) assert_int_equal(tu_add_chain(s->cfg, leaf), 0);
    s->c = NULL;
}

/* Feeds the ClientHello and collects the server's answer. */
static int server_feed(server *s, const uint8_t *in, size_t n)
{
    size_t used;
    const uint8_t *o;
    size_t on;
    if (!s->c) s->c = gt_conn_new(s->cfg, GT_ROLE_SERVER, NULL);
    int err = gt_conn_feed(s->c, in, n, &used);
    s->out_len = 0;
    while (gt_conn_output(s->c, &o, &on) == 0 && on) {
        assert_true(s->out_len + on <= sizeof s->out);
        memcpy(s->out + s->out_len, o, on);
        s->out_len += on;
        gt_conn_output_done(s->c, on);
    }
    return err;
}

static void server_free(server *s)
{
    gt_conn_free(s->c);
    gt_config_free(s->cfg);
}

/* The first record must be a fatal alert with this description. */
static void expect_alert(const server *s, uint8_t desc)
{
    assert_true(s->out_len >= 7);
    assert_int_equal(s->out[0], 21);
    assert_int_equal(s->out[5], 2);
    assert_int_equal(s->out[6], desc);
    assert_int_equal(gt_conn_state(s->c), GT_STATE_FAILED);
}

/* Feeds s the ClientHello `spec` describes, in one record. */
static int feed_hello(server *s, const ch_spec *spec)
{
    uint8_t rec[512];
    return server_feed(s, rec, build_ch(spec, rec, sizeof rec));
}

/* The first record must hold a ServerHello; returns its random. */
static const uint8_t *expect_server_hello(const server *s, uint16_t *suite)
{
    assert_true(s->out_len > 5 + 4 + 2 + 32 + 1 + 2);
    assert_int_equal(s->out[0], 22);
    assert_int_equal(s->out[5], 2);
    assert_int_equal(s->out[9], 3); /* server_version 1.2 */
    assert_int_equal(s->out[10], 3);
    const uint8_t *random = s->out + 11;
    size_t sid = s->out[43];
    *suite = (uint16_t)((s->out[44 + sid] << 8) | s->out[45 + sid]);
    return random;
}

/* A new server on `leaf` refuses the hello `spec` with err and a fatal
 * alert. */
static void expect_refused(const ch_spec *spec, const char *leaf, int err, uint8_t alert)
{
    server s;
    server_new(&s, leaf);
    assert_int_equal(feed_hello(&s, spec), err);
    expect_alert(&s, alert);
    server_free(&s);
}

static void test_tls13_client_hello(void **state)
{
    (void)state;
    /* supported_versions {1.3, 1.2} plus the base extensions */
    uint8_t exts[64];
    static const uint8_t sv[] = {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03};
    memcpy(exts, base_exts, sizeof base_exts);
    memcpy(exts + sizeof base_exts, sv, sizeof sv);
    ch_spec spec = {0x0303, all_suites, 6, exts, sizeof base_exts + sizeof sv, 0};
    uint16_t suite;
    for (int sentinel = 0; sentinel < 2; sentinel++) {
        server s;
        server_new(&s, "server-p256");
        assert_int_equal(gt_config_set_option(s.cfg, GT_OPT_DOWNGRADE_SENTINEL, sentinel), 0);
        assert_int_equal(feed_hello(&s, &spec), 0);
        const uint8_t *random = expect_server_hello(&s, &suite);
        /* RFC 8446 §4.1.3 sentinel only when asked for */
        int has = memcmp(random + 24, "DOWNGRD\x01", 8) == 0;
        assert_int_equal(has, sentinel);
        assert_int_equal(suite, 0xC02C);
        server_free(&s);
    }
    /* supported_versions without 1.2 */
    static const uint8_t only13[] = {0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04};
    memcpy(exts + sizeof base_exts, only13, sizeof only13);
    spec.exts_len = sizeof base_exts + sizeof only13;
    expect_refused(&spec, "server-p256", GT_ERR_PROTOCOL_VERSION, GT_ALERT_PROTOCOL_VERSION);
}

static void test_versions(void **state)
{
    (void)state;
    static const struct {
        uint16_t version;
        int ok;
    } cases[] = {{0x0300, 0}, {0x0301, 0}, {0x0302, 0}, {0x0303, 1}, {0x0304, 1}, {0x03ff, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ch_spec spec = {cases[i].version, all_suites, 6, base_exts, sizeof base_exts, 0};
        uint16_t suite;
        server s;
        server_new(&s, "server-p256");
        int err = feed_hello(&s, &spec);
        if (cases[i].ok) {
            assert_int_equal(err, 0);
            expect_server_hello(&s, &suite);
        } else {
            assert_int_equal(err, GT_ERR_PROTOCOL_VERSION);
            expect_alert(&s, GT_ALERT_PROTOCOL_VERSION);
        }
        server_free(&s);
    }
}

static void test_suite_preference(void **state)
{
    (void)state;
    static const uint16_t client_order[] = {0xCCA9, 0xC02B, 0xC02C};
    ch_spec spec = {0x0303, client_order, 3, base_exts, sizeof base_exts, 0};
    uint16_t suite;
    for (int pref = 0; pref < 2; pref++) {
        server s;
        server_new(&s, "server-p256");
        assert_int_equal(gt_config_set_option(s.cfg, GT_OPT_SERVER_PREFERENCE, pref), 0);
        assert_int_equal(feed_hello(&s, &spec), 0);
        expect_server_hello(&s, &suite);
        assert_int_equal(suite, pref ? 0xC02C : 0xCCA9);
        server_free(&s);
    }
    /* nothing in common: handshake_failure */
    static const uint16_t rsa_only[] = {0xC02F};
    spec.suites = rsa_only;
    spec.n_suites = 1;
    expect_refused(&spec, "server-p256", GT_ERR_HANDSHAKE_FAILURE, GT_ALERT_HANDSHAKE_FAILURE);
}

/* RFC 8422 §5.1: a P-384 certificate needs secp384r1 in the client's list;
 * with a P-256 chain also configured, that one is picked instead. */
static void test_curve_rule(void **state)
{
    (void)state;
    static const uint8_t p256_only[] = {0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, 0x00,
                                        0x0d, 0x00, 0x06, 0x00, 0x04, 0x04, 0x03, 0x05, 0x03};
    ch_spec spec = {0x0303, all_suites, 3, p256_only, sizeof p256_only, 0};
    server s;
    expect_refused(&spec, "server-p384", GT_ERR_HANDSHAKE_FAILURE, GT_ALERT_HANDSHAKE_FAILURE);
    server_new(&s, "server-p384");
    assert_int_equal(tu_add_chain(s.cfg, "server-p256"), 0);
    assert_int_equal(feed_hello(&s, &spec), 0);
    assert_int_equal(s.c->hs.chain, &s.cfg->chains[1]);
    server_free(&s);
}

/* ---- whole handshakes ------------------------------------------------------- */

static int pair_run(tu_pair *t, const char *sni)
{
    tu_pair_start(t, sni);
    return tu_pipe_handshake(&t->p, 100);
}

static void test_sni_selection(void **state)
{
    (void)state;
    const char *names[] = {"alpha.test", "beta.test"};
    for (int i = 0; i < 2; i++) {
        tu_pair t;
        tu_pair_config(&t, 3, 4, NULL, 0);
        assert_int_equal(tu_add_chain(t.sc, "sni/alpha"), 0);
        assert_int_equal(tu_add_chain(t.sc, "sni/beta"), 0);
        assert_int_equal(pair_run(&t, names[i]), 0);
        gt_conn_info si;
        assert_int_equal(gt_conn_info_get(t.server, &si), 0);
        assert_string_equal(si.sni, names[i]);
        tu_pair_free(&t);
    }
    /* an unknown name gets the first chain, which the client refuses */
    tu_pair t;
    gt_alert_info a;
    tu_pair_config(&t, 3, 4, NULL, 0);
    assert_int_equal(tu_add_chain(t.sc, "sni/alpha"), 0);
    assert_int_equal(tu_add_chain(t.sc, "sni/beta"), 0);
    assert_int_equal(pair_run(&t, "gamma.test"), -1);
    assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_X509V_HOSTNAME);
    assert_int_equal(a.desc, GT_ALERT_BAD_CERTIFICATE);
    tu_pair_free(&t);
}

static void test_alpn(void **state)
{
    (void)state;
    const char *client[] = {"h2", "http/1.1"}, *server_ok[] = {"spdy/3", "http/1.1", "h2"},
               *server_none[] = {"imap"};
    tu_pair t;
    gt_conn_info ci, si;
    tu_pair_config(&t, 3, 4, NULL, 0);
    assert_int_equal(tu_add_chain(t.sc, "server-p256"), 0);
    assert_int_equal(gt_config_set_alpn(t.cc, client, 2), 0);
    assert_int_equal(gt_config_set_alpn(t.sc, server_ok, 3), 0);
    assert_int_equal(pair_run(&t, "localhost"), 0);
    assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
    assert_int_equal(gt_conn_info_get(t.server, &si), 0);
    assert_string_equal(ci.alpn, "http/1.1"); /* the server's preference */
    assert_string_equal(si.alpn, "http/1.1");
    tu_pair_free(&t);

    gt_alert_info a;
    tu_pair_config(&t, 3, 4, NULL, 0);
    assert_int_equal(tu_add_chain(t.sc, "server-p256"), 0);
    assert_int_equal(gt_config_set_alpn(t.cc, client, 2), 0);
    assert_int_equal(gt_config_set_alpn(t.sc, server_none, 1), 0);
    assert_int_equal(pair_run(&t, "localhost"), -1);
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_NO_ALPN);
    assert_int_equal(a.desc, GT_ALERT_NO_APPLICATION_PROTOCOL);
    assert_int_equal(gt_conn_error(t.client, &a), GT_ERR_ALERT_RECEIVED);
    assert_int_equal(a.desc, GT_ALERT_NO_APPLICATION_PROTOCOL);
    assert_int_equal(a.sent, 0);
    tu_pair_free(&t);

    /* no ALPN on the server: ignored */
    tu_pair_config(&t, 3, 4, NULL, 0);
    assert_int_equal(tu_add_chain(t.sc, "server-p256"), 0);
    assert_int_equal(gt_config_set_alpn(t.cc, client, 2), 0);
    assert_int_equal(pair_run(&t, "localhost"), 0);
    assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
    assert_string_equal(ci.alpn, "");
    tu_pair_free(&t);
}

static void test_ems_options(void **state)
{
    (void)state;
    for (int mode = 0; mode < 3; mode++) {
        tu_pair t;
        gt_conn_info ci;
        tu_pair_config(&t, 3, 4, NULL, 0);
        assert_int_equal(tu_add_chain(t.sc, "server-p256"), 0);
        if (mode >= 1) assert_int_equal(gt_config_set_option(t.cc, GT_OPT_EMS, 0), 0);
        if (mode == 2) assert_int_equal(gt_config_set_option(t.sc, GT_OPT_REQUIRE_EMS, 1), 0);
        int r = pair_run(&t, "localhost");
        if (mode == 2) {
            gt_alert_info a;
            assert_int_equal(r, -1);
            assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_EMS_REQUIRED);
            assert_int_equal(a.desc, GT_ALERT_HANDSHAKE_FAILURE);
        } else {
            assert_int_equal(r, 0);
            assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
            assert_int_equal(ci.ems, mode == 0);
        }
        tu_pair_free(&t);
    }
}

/* Renegotiation is refused in both roles with a warning, and the
 * connection carries on (RFC 5246 §7.4.1.1, §7.4.1.2). */
static void test_renegotiation_refused(void **state)
{
    (void)state;
    tu_pair t;
    size_t taken;
    tu_pair_config(&t, 3, 4, NULL, 0);
    assert_int_equal(tu_add_chain(t.sc, "server-p256"), 0);
    assert_int_equal(pair_run(&t, "localhost"), 0);
    t.p.keep_wire = 1;
    /* the client tries a new ClientHello under the current keys */
    assert_int_equal(gt_client_hello_send(t.client), 0);
    tu_pipe_run(&t.p, 10);
    assert_int_equal(gt_conn_state(t.server), GT_STATE_OPEN);
    assert_int_equal(gt_conn_state(t.client), GT_STATE_OPEN);
    /* the server answered with one record: an encrypted 2-byte alert */
    assert_int_equal(t.p.wire[1].len, 5 + 8 + 2 + 16);
    assert_int_equal(t.p.wire[1].p[0], 21);
    t.p.wire[0].len = 0;
    /* the server sends a HelloRequest; the client refuses the same way */
    gt_wr w;
    assert_int_equal(gt_hs_begin(t.server, 0, &w), 0);
    assert_int_equal(gt_hs_end(t.server, &w), 0);
    tu_pipe_run(&t.p, 10);
    assert_int_equal(gt_conn_state(t.client), GT_STATE_OPEN);
    assert_int_equal(t.p.wire[0].len, 5 + 8 + 2 + 16);
    assert_int_equal(t.p.wire[0].p[0], 21);
    /* and data still flows */
    t.p.keep_app = 1;
    assert_int_equal(gt_conn_write(t.client, (const uint8_t *)"ok", 2, &taken), 0);
    tu_pipe_run(&t.p, 10);
    assert_int_equal(t.p.got[1].len, 2);
    tu_pair_free(&t);
}

/* RFC 5746 §3.6: a non-empty renegotiation_info in an initial hello. */
static void test_reneg_info_nonempty(void **state)
{
    (void)state;
    uint8_t exts[64];
    static const uint8_t ri[] = {0xff, 0x01, 0x00, 0x02, 0x01, 0xAA};
    memcpy(exts, base_exts, sizeof base_exts);
    memcpy(exts + sizeof base_exts, ri, sizeof ri);
    ch_spec spec = {0x0303, all_suites, 6, exts, sizeof base_exts + sizeof ri, 0};
    expect_refused(&spec, "server-p256", GT_ERR_INSECURE_RENEGOTIATION, GT_ALERT_HANDSHAKE_FAILURE);
}

static void test_duplicate_extension(void **state)
{
    (void)state;
    uint8_t exts[128];
    memcpy(exts, base_exts, sizeof base_exts);
    memcpy(exts + sizeof base_exts, base_exts, 12); /* supported_groups again */
    ch_spec spec = {0x0303, all_suites, 6, exts, sizeof base_exts + 12, 0};
    server s;
    expect_refused(&spec, "server-p256", GT_ERR_DUPLICATE_EXTENSION, GT_ALERT_DECODE_ERROR);
    /* an unknown extension is ignored, but not twice */
    static const uint8_t unk[] = {0x12, 0x34, 0x00, 0x01, 0x00};
    memcpy(exts + sizeof base_exts, unk, sizeof unk);
    spec.exts_len = sizeof base_exts + sizeof unk;
    server_new(&s, "server-p256");
    assert_int_equal(feed_hello(&s, &spec), 0);
    server_free(&s);
    memcpy(exts + sizeof base_exts + sizeof unk, unk, sizeof unk);
    spec.exts_len += sizeof unk;
    server_new(&s, "server-p256");
    assert_int_equal(feed_hello(&s, &spec), GT_ERR_DUPLICATE_EXTENSION);
    server_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls13_client_hello),  cmocka_unit_test(test_versions),
        cmocka_unit_test(test_suite_preference),    cmocka_unit_test(test_curve_rule),
        cmocka_unit_test(test_sni_selection),       cmocka_unit_test(test_alpn),
        cmocka_unit_test(test_ems_options),         cmocka_unit_test(test_renegotiation_refused),
        cmocka_unit_test(test_reneg_info_nonempty), cmocka_unit_test(test_duplicate_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
