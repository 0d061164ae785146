/* Tests for tls/handshake/kex_rsa.c (and its use by client_key_exchange.c
 * and hs_table.c): RSA key transport, RFC 5246 §7.4.7.1.
 * - every TLS_RSA_WITH_* suite (GCM and CBC) completes in process with
 *   RSA-2048 and RSA-3072 certificates, with no ServerKeyExchange on the
 *   wire, and moves data both ways;
 * - the suites are off by default; GT_OPT_RSA_KX adds and removes them;
 * - the server answers any ClientKeyExchange ciphertext — wrong padding,
 *   wrong version, wrong length, garbage, empty — the same way: it goes on
 *   to the client's Finished, whose record then fails with bad_record_mac
 *   (the premaster secret was replaced by a random one, so the keys
 *   differ); malformed framing of
 *   the message itself is decode_error;
 * - gt_kex_rsa_premaster: a good ciphertext gives its premaster secret, a
 *   bad one (padding, version, length) a random one of the same shape,
 *   with the same return value. */
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

/* Handshake types in a record stream (unprotected records only). */
static int saw_handshake_type(const tu_bytes *wire, uint8_t ht)
{
    gt_rd r = gt_rd_init(wire->p, wire->len);
    while (r.left >= 5) {
        uint8_t type;
        uint16_t ver;
        gt_rd body;
        if (gt_rd_u8(&r, &type) || gt_rd_u16(&r, &ver) || gt_rd_vec16(&r, 0, 65535, &body)) break;
        if (type == 20) break; /* encrypted from here on */
        if (type == 22 && body.left && body.p[0] == ht) return 1;
    }
    return 0;
}

static void exchange(tu_pair *t)
{
    static const uint8_t msg[] = "RSA key transport";
    size_t taken;
    assert_int_equal(gt_conn_write(t->client, msg, sizeof msg, &taken), 0);
    assert_int_equal(gt_conn_write(t->server, msg, sizeof msg, &taken), 0);
    tu_pipe_run(&t->p, 100);
    assert_int_equal(t->p.got_total[0], sizeof msg);
    assert_int_equal(t->p.got_total[1], sizeof msg);
}

static const uint16_t rsa_suites[] = {0x009C, 0x009D, 0x002F, 0x0035, 0x003C, 0x003D};

static void test_every_rsa_suite(void **state)
{
    (void)state;
    static const char *const leaves[] = {"server-rsa2048", "server-rsa3072"};
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < 6; i++) {
            tu_pair t;
            tu_pair_config(&t, 1, 2, leaves[l], rsa_suites[i]);
            tu_pair_start(&t, "localhost");
            t.p.keep_wire = 1;
            assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
            gt_conn_info ci, si;
            assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
            assert_int_equal(gt_conn_info_get(t.server, &si), 0);
            assert_int_equal(ci.suite, rsa_suites[i]);
            assert_int_equal(si.suite, rsa_suites[i]);
            assert_int_equal(si.group, 0);
            assert_int_equal(si.sigalg, 0);
            assert_true(ci.ems && si.ems);
            assert_false(saw_handshake_type(&t.p.wire[1], GT_HT_SERVER_KEY_EXCHANGE));
            assert_true(saw_handshake_type(&t.p.wire[1], GT_HT_SERVER_HELLO_DONE));
            exchange(&t);
            tu_pair_free(&t);
        }
    }
}

static int has_suite(const gt_config *cfg, uint16_t id)
{
    for (size_t i = 0; i < cfg->n_suites; i++)
        if (cfg->suites[i] == id) return 1;
    return 0;
}

/* Off by default; the option appends them (after the ECDHE suites) and
 * takes them out again; a default client and an RSA-only server share
 * nothing. */
static void test_default_off_and_option(void **state)
{
    (void)state;
    gt_config *cfg = gt_config_new(NULL);
    assert_non_null(cfg);
    for (size_t i = 0; i < 6; i++)
        assert_false(has_suite(cfg, rsa_suites[i]));
    size_t before = cfg->n_suites;
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_RSA_KX, 1), 0);
    assert_int_equal(cfg->n_suites, before + 6);
    for (size_t i = 0; i < 6; i++)
        assert_true(has_suite(cfg, rsa_suites[i]));
    assert_int_equal(cfg->suites[0], gt_default_suites[0]);           /* ECDHE still first */
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_RSA_KX, 1), 0); /* idempotent */
    assert_int_equal(cfg->n_suites, before + 6);
    assert_int_equal(gt_config_set_option(cfg, GT_OPT_RSA_KX, 0), 0);
    assert_int_equal(cfg->n_suites, before);
    gt_config_free(cfg);

    tu_pair t;
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0);
    assert_int_equal(gt_config_set_suites(t.sc, rsa_suites, 6), 0);
    tu_pair_start(&t, "localhost");
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), -1);
    gt_alert_info a;
    assert_int_equal(gt_conn_error(t.server, &a), GT_ERR_HANDSHAKE_FAILURE);
    tu_pair_free(&t);

    /* with the option on both sides and an RSA certificate, ECDHE still
     * wins (server preference), and RSA is picked when ECDHE is not
     * offered */
    tu_pair_config(&t, 1, 2, "server-rsa2048", 0);
    assert_int_equal(gt_config_set_option(t.cc, GT_OPT_RSA_KX, 1), 0);
    assert_int_equal(gt_config_set_option(t.sc, GT_OPT_RSA_KX, 1), 0);
    tu_pair_start(&t, "localhost");
    assert_int_equal(tu_pipe_handshake(&t.p, 1000), 0);
    gt_conn_info si;
    assert_int_equal(gt_conn_info_get(t.server, &si), 0);
    assert_int_equal(gt_suite_info_get(si.suite)->kx, GT_KX_ECDHE_RSA);
    tu_pair_free(&t);
}

/* ---- the server's ClientKeyExchange path --------------------------------- */

typedef struct {
    int mode; /* what to do to the ClientKeyExchange */
    int done;
} cke_tamper;

enum { CKE_FLIP_CT, CKE_SHORT_CT, CKE_EMPTY, CKE_TRUNCATED_VEC, CKE_TRAILING };

/* Finds the ClientKeyExchange in the client's second flight (unprotected
 * records before the ChangeCipherSpec) and changes it. */
static void tamper_cke(void *ctx, int from, uint8_t *buf, size_t *n, size_t cap)
{
    cke_tamper *t = ctx;
    (void)cap;
    if (from != 0 || t->done) return;
    for (size_t off = 0; off + 9 < *n;) {
        size_t len = (size_t)buf[off + 3] << 8 | buf[off + 4];
        uint8_t *m = buf + off + 5;
        if (buf[off] == 22 && m[0] == GT_HT_CLIENT_KEY_EXCHANGE) {
            size_t body = (size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3];
            t->done = 1;
            switch (t->mode) {
            case CKE_FLIP_CT: /* any ciphertext byte: bad padding after decryption */
                m[4 + 2 + 17] ^= 0x40;
                return;
            case CKE_SHORT_CT: /* vector says one byte less, message too */
            case CKE_TRUNCATED_VEC: {
                if (t->mode == CKE_SHORT_CT) {
                    size_t v = ((size_t)m[4] << 8 | m[5]) - 1;
                    m[4] = (uint8_t)(v >> 8), m[5] = (uint8_t)v;
                }
                body -= 1;
                m[1] = (uint8_t)(body >> 16), m[2] = (uint8_t)(body >> 8), m[3] = (uint8_t)body;
                memmove(m + 4 + body, m + 5 + body, *n - (off + 5 + 5 + body));
                *n -= 1;
                len -= 1;
                buf[off + 3] = (uint8_t)(len >> 8), buf[off + 4] = (uint8_t)len;
                return;
            }
            case CKE_EMPTY: /* an empty vector: a "ciphertext" of 0 bytes */
                memmove(m + 6, m + 4 + body, *n - (off + 5 + 4 + body));
                *n -= body - 2;
                m[4] = m[5] = 0;
                m[1] = 0, m[2] = 0, m[3] = 2;
                len = 6;
                buf[off + 3] = 0, buf[off + 4] = 6;
                return;
            case CKE_TRAILING: { /* the vector one byte shorter than the body */
                size_t v = ((size_t)m[4] << 8 | m[5]) - 1;
                m[4] = (uint8_t)(v >> 8), m[5] = (uint8_t)v;
                return;
            }
            default:
                return;
            }
        }
        off += 5 + len;
    }
}

static void test_bad_ciphertexts(void **state)
{
    (void)state;
    static const struct {
        int mode;
        int server_err;
    } cases[] = {
        /* no early alert: the server goes on with a random premaster
         * secret, so the client's Finished record does not authenticate
         * under the server's keys (bad_record_mac) — the same outcome as
         * for any other key mismatch */
        {CKE_FLIP_CT, GT_ERR_BAD_RECORD_MAC},
        {CKE_SHORT_CT, GT_ERR_BAD_RECORD_MAC},
        {CKE_EMPTY, GT_ERR_BAD_RECORD_MAC},
        /* framing of the handshake message itself */
        {CKE_TRUNCATED_VEC, GT_ERR_DECODE_TRUNCATED},
        {CKE_TRAILING, GT_ERR_DECODE_TRAILING},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_pair t;
        cke_tamper tt = {cases[i].mode, 0};
        tu_pair_config(&t, 1, 2, "server-rsa2048", 0x009C);
        tu_pair_start(&t, "localhost");
        t.p.tamper = tamper_cke;
        t.p.tamper_ctx = &tt;
        assert_int_equal(tu_pipe_handshake(&t.p, 1000), -1);
        assert_true(tt.done);
        gt_alert_info a;
        int err = gt_conn_error(t.server, &a);
        assert_int_equal(err, cases[i].server_err);
        assert_int_equal(a.desc, gt_err_alert(cases[i].server_err));
        assert_int_equal(gt_conn_state(t.server), GT_STATE_FAILED);
        tu_pair_free(&t);
    }
}

/* The conn-free core: good ciphertext -> its premaster; padding, version
 * or length wrong -> a random premaster with client_version in front; the
 * return value is 0 in every case. */
static int fixed_rng(void *ctx, uint8_t *out, size_t n)
{
    gt_drbg *d = ctx;
    return gt_rng_drbg(d, out, n);
}

static void test_premaster_core(void **state)
{
    (void)state;
    gt_drbg d;
    gt_drbg_init_seed(&d, (const uint8_t *)"kex_rsa", 7);
    gt_config *cfg = tu_config(&d, 3);
    assert_int_equal(tu_add_chain(cfg, "server-rsa2048"), 0);
    const gt_x509_privkey *pk = &cfg->chains[0].key;
    gt_rsa_private_key k = {pk->n.p,   pk->e.p,    pk->d.p,    pk->p.p,     pk->q.p,   pk->dp.p,
                            pk->dq.p,  pk->qinv.p, pk->n.len,  pk->e.len,   pk->d.len, pk->p.len,
                            pk->q.len, pk->dp.len, pk->dq.len, pk->qinv.len};
    gt_rsa_public_key pub = gt_rsa_public_of(&k);
    uint8_t pms[48], out[48], ct[512];
    size_t ct_len;
    for (int kind = 0; kind < 4; kind++) {
        tu_fill(pms, 48, (uint32_t)kind);
        pms[0] = 3, pms[1] = 3;
        size_t mlen = 48;
        if (kind == 1) pms[1] = 1; /* wrong version */
        if (kind == 2) mlen = 47;  /* wrong length */
        assert_int_equal(
            gt_rsa_pkcs1_encrypt(&pub, 0, pms, mlen, fixed_rng, &d, ct, sizeof ct, &ct_len), 0);
        if (kind == 3) ct[100] ^= 1; /* garbage after decryption */
        int rc = gt_kex_rsa_premaster(&k, ct, ct_len, 0x0303, fixed_rng, &d, out);
        assert_int_equal(rc, 0);
        assert_int_equal(out[0], 3);
        assert_int_equal(out[1], 3);
        if (kind == 0)
            assert_memory_equal(out, pms, 48);
        else
            assert_memory_not_equal(out + 2, pms + 2, 46);
    }
    /* a ciphertext of the wrong length is also just "bad" */
    assert_int_equal(gt_kex_rsa_premaster(&k, ct, ct_len - 1, 0x0303, fixed_rng, &d, out), 0);
    assert_int_equal(gt_kex_rsa_premaster(&k, ct, 0, 0x0303, fixed_rng, &d, out), 0);
    gt_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rsa_suite),
        cmocka_unit_test(test_default_off_and_option),
        cmocka_unit_test(test_bad_ciphertexts),
        cmocka_unit_test(test_premaster_core),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
