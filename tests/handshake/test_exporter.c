/* Tests for tls/handshake/exporter.c: the RFC 5705 keying material
 * exporter. Both ends of an in-process handshake must export the same
 * bytes; the output must equal the RFC 5705 §4 formula recomputed here from
 * the master secret (taken from the key log), the client random (key log)
 * and the server random (read off the ServerHello on the wire), with the
 * suite's PRF hash; labels, contexts, "no context" vs "empty context" and
 * connections must all separate; errors before the handshake, after a
 * failure and on bad arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/crypto/hash.h"
#include "gt/gt.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct {
    gt_drbg dc, ds;
    gt_config *cc, *sc;
    gt_conn *client, *server;
    tu_pipe p;
    char keylog[256];
} pair;

static void on_keylog(void *ctx, const char *line)
{
    pair *t = ctx;
    snprintf(t->keylog, sizeof t->keylog, "%s", line);
}

/* A completed handshake between the IUT's client and server. */
static void pair_up(pair *t, const char *leaf, uint16_t suite, uint64_t seed)
{
    memset(t, 0, sizeof *t);
    t->cc = tu_config(&t->dc, seed);
    t->sc = tu_config(&t->ds, seed + 1000);
    assert_int_equal(tu_add_chain(t->sc, leaf), 0);
    assert_int_equal(gt_config_set_option(t->cc, GT_OPT_VERIFY_PEER, 0), 0);
    assert_int_equal(gt_config_set_suites(t->cc, &suite, 1), 0);
    gt_config_set_keylog(t->cc, on_keylog, t);
    t->client = gt_conn_new(t->cc, GT_ROLE_CLIENT, NULL);
    t->server = gt_conn_new(t->sc, GT_ROLE_SERVER, NULL);
    assert_non_null(t->client);
    assert_non_null(t->server);
    tu_pipe_init(&t->p, t->client, t->server);
    t->p.keep_wire = 1;
    assert_int_equal(tu_pipe_handshake(&t->p, 1000), 0);
}

static void pair_free(pair *t)
{
    tu_pipe_free(&t->p);
    gt_conn_free(t->client);
    gt_conn_free(t->server);
    gt_config_free(t->cc);
    gt_config_free(t->sc);
}

static int export(const gt_conn *c, uint8_t *out, size_t n, const char *label, const char *context,
                  int use_context)
{
    size_t cl = context ? strlen(context) : 0;
    return gt_conn_export_keying_material(c, out, n, label, (const uint8_t *)context, cl,
                                          use_context);
}

/* RFC 5705 §4 from the pieces: master secret and client random from the
 * NSS key log line, server random from the ServerHello (record header 5,
 * handshake header 4, version 2: the random is at byte 11). */
static void expected(pair *t, const gt_hash *h, const char *label, const uint8_t *ctx,
                     size_t ctx_len, int use_context, uint8_t *out, size_t n)
{
    uint8_t cr[32], ms[48], seed[66];
    char hex_cr[65], hex_ms[97];
    assert_int_equal(sscanf(t->keylog, "CLIENT_RANDOM %64s %96s", hex_cr, hex_ms), 2);
    assert_int_equal(tu_unhex(hex_cr, cr, sizeof cr), 32);
    assert_int_equal(tu_unhex(hex_ms, ms, sizeof ms), 48);
    assert_true(t->p.wire[1].len > 43);
    assert_int_equal(t->p.wire[1].p[0], 22); /* handshake record */
    assert_int_equal(t->p.wire[1].p[5], 2);  /* ServerHello */
    memcpy(seed, cr, 32);
    memcpy(seed + 32, t->p.wire[1].p + 11, 32);
    seed[64] = (uint8_t)(ctx_len >> 8);
    seed[65] = (uint8_t)ctx_len;
    assert_int_equal(gt_tls12_prf(h, ms, 48, label, seed, use_context ? 66 : 64,
                                  use_context ? ctx : NULL, use_context ? ctx_len : 0, out, n),
                     0);
}

static void check_formula(const char *leaf, uint16_t suite, const gt_hash *h)
{
    pair t;
    static const uint8_t ctx[] = "some context";
    uint8_t c[1024], s[1024], want[1024];
    pair_up(&t, leaf, suite, 7);
    for (int use = 0; use <= 1; use++) {
        size_t sizes[] = {1, 12, 48, 1024};
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            size_t n = sizes[i];
            assert_int_equal(gt_conn_export_keying_material(t.client, c, n, "EXPERIMENTAL x", ctx,
                                                            sizeof ctx - 1, use),
                             0);
            assert_int_equal(gt_conn_export_keying_material(t.server, s, n, "EXPERIMENTAL x", ctx,
                                                            sizeof ctx - 1, use),
                             0);
            expected(&t, h, "EXPERIMENTAL x", ctx, sizeof ctx - 1, use, want, n);
            assert_memory_equal(c, s, n);
            assert_memory_equal(c, want, n);
        }
    }
    pair_free(&t);
}

static void test_formula_sha256(void **state)
{
    (void)state;
    check_formula("server-p256", 0xC02B, &gt_hash_sha256);
    check_formula("server-rsa2048", 0xCCA8, &gt_hash_sha256);
}

static void test_formula_sha384(void **state)
{
    (void)state;
    /* RFC 5289 §3: the *_SHA384 GCM suites use the SHA-384 PRF. */
    check_formula("server-p384", 0xC02C, &gt_hash_sha384);
    check_formula("server-rsa2048", 0xC030, &gt_hash_sha384);
}

/* Every input must change the output; no context differs from an empty
 * context (RFC 5705 §4: the length is then part of the seed). */
static void test_inputs_separate(void **state)
{
    (void)state;
    pair t;
    uint8_t a[32], b[32];
    pair_up(&t, "server-p256", 0xC02B, 11);
    assert_int_equal(export(t.client, a, 32, "EXPERIMENTAL a", NULL, 0), 0);
    assert_int_equal(export(t.client, b, 32, "EXPERIMENTAL b", NULL, 0), 0);
    assert_memory_not_equal(a, b, 32);
    assert_int_equal(export(t.client, b, 32, "EXPERIMENTAL a", "", 1), 0);
    assert_memory_not_equal(a, b, 32);
    assert_int_equal(export(t.client, a, 32, "EXPERIMENTAL a", "c1", 1), 0);
    assert_int_equal(export(t.client, b, 32, "EXPERIMENTAL a", "c2", 1), 0);
    assert_memory_not_equal(a, b, 32);
    /* use_context 0 ignores the context bytes */
    assert_int_equal(export(t.client, a, 32, "EXPERIMENTAL a", "c1", 0), 0);
    assert_int_equal(export(t.client, b, 32, "EXPERIMENTAL a", NULL, 0), 0);
    assert_memory_equal(a, b, 32);

    /* another connection, same everything else: different keys */
    pair u;
    pair_up(&u, "server-p256", 0xC02B, 12);
    assert_int_equal(export(u.client, b, 32, "EXPERIMENTAL a", NULL, 0), 0);
    assert_memory_not_equal(a, b, 32);
    pair_free(&u);
    pair_free(&t);
}

/* Property: a shorter export is a prefix of a longer one (P_hash stream). */
static void test_prefix_property(void **state)
{
    (void)state;
    pair t;
    uint8_t big[300], small[300];
    pair_up(&t, "server-p256", 0xC02B, 21);
    assert_int_equal(export(t.server, big, sizeof big, "EXPERIMENTAL p", "ctx", 1), 0);
    for (size_t n = 0; n <= sizeof small; n += 13) {
        memset(small, 0, sizeof small);
        assert_int_equal(export(t.server, small, n, "EXPERIMENTAL p", "ctx", 1), 0);
        if (n) assert_memory_equal(small, big, n);
    }
    pair_free(&t);
}

static void test_errors(void **state)
{
    (void)state;
    gt_drbg d;
    uint8_t out[16];
    gt_config *cfg = tu_config(&d, 3);
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_VERIFY_PEER, 0), 0);
    gt_conn *c = gt_conn_new(cfg, GT_ROLE_CLIENT, NULL);
    assert_non_null(c);
    /* handshake not done: no keys to export */
    assert_int_equal(export(c, out, sizeof out, "EXPERIMENTAL e", NULL, 0), GT_ERR_STATE);
    assert_int_equal(export(NULL, out, sizeof out, "EXPERIMENTAL e", NULL, 0), GT_ERR_ARG);
    gt_conn_free(c);
    gt_config_free(cfg);

    pair t;
    pair_up(&t, "server-p256", 0xC02B, 31);
    assert_int_equal(gt_conn_export_keying_material(t.client, out, sizeof out, NULL, NULL, 0, 0),
                     GT_ERR_ARG);
    assert_int_equal(gt_conn_export_keying_material(t.client, NULL, 4, "x", NULL, 0, 0),
                     GT_ERR_ARG);
    /* RFC 5705 §4: the context length is a uint16 */
    assert_int_equal(
        gt_conn_export_keying_material(t.client, out, sizeof out, "x", out, 0x10000, 1),
        GT_ERR_ARG);
    assert_int_equal(gt_conn_export_keying_material(t.client, out, sizeof out, "x", NULL, 3, 1),
                     GT_ERR_ARG);
    /* a failed connection reports its sticky error (and its keys are gone) */
    static const uint8_t garbage[] = {0x17, 0x03, 0x03, 0x00, 0x20, 1,  2,  3,  4,  5,  6,  7,  8,
                                      9,    10,   11,   12,   13,   14, 15, 16, 17, 18, 19, 20, 21,
                                      22,   23,   24,   25,   26,   27, 28, 29, 30, 31, 32};
    size_t used = 0;
    int err = gt_conn_feed(t.server, garbage, sizeof garbage, &used);
    assert_true(err < 0 && err != GT_ERR_WANT_INPUT && err != GT_ERR_WANT_OUTPUT);
    assert_int_equal(export(t.server, out, sizeof out, "EXPERIMENTAL e", NULL, 0), err);
    pair_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_sha256),  cmocka_unit_test(test_formula_sha384),
        cmocka_unit_test(test_inputs_separate), cmocka_unit_test(test_prefix_property),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
