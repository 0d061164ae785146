/* Tests for matrix.c: which cells exist (RFC 8422 / RFC 5246 certificate
 * rules), which are SKIPs and with what reason, id format, --quick,
 * --filter and the recorded subset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop.h"

#define ALL_FEATURES                                                                               \
    "\"features\":[\"resume-id\",\"resume-ticket\",\"alpn\",\"sni\",\"client-auth\",\"ems\","      \
    "\"no-ems\",\"renegotiate\",\"keylog\",\"record-size\",\"close-notify\"]"

static const char full_caps[] =
    "{\"name\":\"a\",\"version\":\"1\",\"suites\":["
    "\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\",\"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\","
    "\"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256\",\"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA\","
    "\"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA\",\"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256\","
    "\"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384\",\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\","
    "\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\","
    "\"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\",\"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA\","
    "\"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\",\"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384\","
    "\"TLS_RSA_WITH_AES_128_GCM_SHA256\",\"TLS_RSA_WITH_AES_256_GCM_SHA384\","
    "\"TLS_RSA_WITH_AES_128_CBC_SHA\",\"TLS_RSA_WITH_AES_256_CBC_SHA\","
    "\"TLS_RSA_WITH_AES_128_CBC_SHA256\",\"TLS_RSA_WITH_AES_256_CBC_SHA256\"],"
    "\"groups\":[\"x25519\",\"secp256r1\",\"secp384r1\"],\"sigalgs\":[\"rsa_pss_rsae_sha256\"]"
    "," ALL_FEATURES ",\"notes\":{}}";

/* Lacks one suite, one group and tickets, with a note for the suite. */
static const char thin_caps[] =
    "{\"name\":\"b\",\"version\":\"2\",\"suites\":[\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\","
    "\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"],"
    "\"groups\":[\"secp256r1\",\"x25519\"],\"features\":[\"resume-id\",\"keylog\"],"
    "\"notes\":{\"TLS_RSA_WITH_AES_128_GCM_SHA256\":\"no static RSA "
    "here\",\"server:resume-ticket\":\"tickets off\"}}";

static void add_impl(gt_iop_ctx *ctx, const char *name, const char *caps)
{
    gt_iop_impl *im = &ctx->impls[ctx->nimpls++];
    snprintf(im->name, sizeof im->name, "%s", name);
    im->caps = caps ? cJSON_Parse(caps) : NULL;
    snprintf(im->caps_error, sizeof im->caps_error, "--capabilities: exit status 0x100");
    if (caps) assert_non_null(im->caps);
}

static void clear(gt_iop_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nimpls; i++)
        cJSON_Delete(ctx->impls[i].caps);
    free(ctx->cells);
    memset(ctx, 0, sizeof *ctx);
}

static const gt_iop_cell *find(const gt_iop_ctx *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->ncells; i++) {
        if (strcmp(ctx->cells[i].id, id) == 0) return &ctx->cells[i];
    }
    return NULL;
}

static void rfc_rules_shape_the_matrix(void **state)
{
    (void)state;
    static gt_iop_ctx ctx;
    add_impl(&ctx, "a", full_caps);
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    size_t full = 0;
    for (size_t i = 0; i < ctx.ncells; i++) {
        const gt_iop_cell *c = &ctx.cells[i];
        assert_int_equal(c->result, GT_IOP_PENDING); /* a full peer skips nothing */
        if (strcmp(c->feature->name, "full") != 0) continue;
        full++;
        /* RFC 8422 §5.1/§5.3: ECDSA cert on an offered curve, ECDSA suite. */
        if (c->suite->kx == GT_IOP_KX_ECDHE_ECDSA) {
            assert_true(c->cert->ecdsa);
            assert_string_equal(c->cert->curve, c->group);
        } else {
            assert_false(c->cert->ecdsa);
            assert_true((c->suite->kx == GT_IOP_KX_RSA) == (c->group == NULL));
        }
    }
    /* 7 ECDSA suites x 2 curves + 7 ECDHE_RSA x 3 groups x 2 RSA certs + 6 RSA x 2 */
    assert_int_equal(full, 7 * 2 + 7 * 3 * 2 + 6 * 2);
    assert_true(ctx.excluded > 0);
    assert_non_null(find(&ctx, "a>a/TLS_RSA_WITH_AES_128_CBC_SHA/-/rsa3072/full"));
    assert_null(find(&ctx, "a>a/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/x25519/ecdsa-p256/full"));
    assert_non_null(find(&ctx, "a>a/TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384/x25519/rsa2048/echo-1m"));
    clear(&ctx);
}

static void gaps_are_skips_with_reasons(void **state)
{
    (void)state;
    static gt_iop_ctx ctx;
    add_impl(&ctx, "a", full_caps);
    add_impl(&ctx, "b", thin_caps);
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    const gt_iop_cell *c = find(&ctx, "a>b/TLS_RSA_WITH_AES_128_GCM_SHA256/-/rsa2048/full");
    assert_non_null(c);
    assert_int_equal(c->result, GT_IOP_SKIP);
    assert_string_equal(c->reason, "client b does not support TLS_RSA_WITH_AES_128_GCM_SHA256: "
                                   "no static RSA here");
    c = find(&ctx, "b>a/TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384/secp384r1/ecdsa-p384/full");
    assert_non_null(c);
    assert_string_equal(c->reason,
                        "server b does not support TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    c = find(&ctx,
             "b>a/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/secp256r1/ecdsa-p256/resume-ticket");
    assert_non_null(c);
    assert_string_equal(c->reason, "server b does not support resume-ticket: tickets off");
    c = find(&ctx, "b>b/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/secp256r1/ecdsa-p256/resume-id");
    assert_non_null(c);
    assert_int_equal(c->result, GT_IOP_PENDING);
    /* Same-library pairs and both roles are all there. */
    size_t pairs[2][2] = {{0, 0}, {0, 0}};
    for (size_t i = 0; i < ctx.ncells; i++)
        pairs[ctx.cells[i].server][ctx.cells[i].client]++;
    assert_true(pairs[0][0] == pairs[0][1] && pairs[0][1] == pairs[1][0] &&
                pairs[1][0] == pairs[1][1]);
    clear(&ctx);
}

static void broken_caps_fail_cells(void **state)
{
    (void)state;
    static gt_iop_ctx ctx;
    add_impl(&ctx, "a", full_caps);
    add_impl(&ctx, "x", NULL);
    ctx.quick = true;
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    assert_int_equal(ctx.ncells, 4 * 2);
    const gt_iop_cell *c =
        find(&ctx, "a>x/TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256/secp256r1/rsa2048/full");
    assert_non_null(c);
    assert_int_equal(c->result, GT_IOP_FAIL);
    assert_string_equal(c->reason, "client x: --capabilities: exit status 0x100");
    c = find(&ctx, "a>a/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/secp256r1/ecdsa-p256/full");
    assert_non_null(c);
    assert_int_equal(c->result, GT_IOP_PENDING);
    clear(&ctx);
}

static void filter_and_records(void **state)
{
    (void)state;
    assert_true(gt_iop_id_matches("a>b/S/g/c/full", NULL));
    assert_true(gt_iop_id_matches("a>b/S/g/c/full", "b/S"));
    assert_false(gt_iop_id_matches("a>b/S/g/c/full", "b>a"));
    assert_true(gt_iop_id_matches("a>b/S/g/c/full", "a>*/full"));
    assert_false(gt_iop_id_matches("a>b/S/g/c/full", "a>*/sni"));
    assert_true(gt_iop_id_matches("a>b/S/g/c/full", "*>[ab]/*"));

    static gt_iop_ctx ctx;
    add_impl(&ctx, "openssl", full_caps);
    add_impl(&ctx, "wolfssl", full_caps);
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    size_t all = ctx.ncells;
    assert_int_equal(gt_iop_filter(&ctx, "openssl>wolfssl/*/x25519/*"), 0);
    assert_true(ctx.ncells > 0 && ctx.ncells < all);
    for (size_t i = 0; i < ctx.ncells; i++)
        assert_non_null(strstr(ctx.cells[i].id, "/x25519/"));
    clear(&ctx);

    add_impl(&ctx, "openssl", full_caps);
    add_impl(&ctx, "wolfssl", full_caps);
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    gt_iop_mark_records(&ctx, false);
    assert_int_equal(ctx.ncells, 2); /* one each way between these two */
    assert_true(ctx.cells[0].record && ctx.cells[1].record);
    assert_string_equal(ctx.cells[0].id, "openssl>wolfssl/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/"
                                         "secp256r1/ecdsa-p256/full");
    clear(&ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc_rules_shape_the_matrix),
        cmocka_unit_test(gaps_are_skips_with_reasons),
        cmocka_unit_test(broken_caps_fail_cells),
        cmocka_unit_test(filter_and_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
