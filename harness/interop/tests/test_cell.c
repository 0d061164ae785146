/* Tests for cell.c: each peer's command line, RESULT line fields, and the
 * verdict for every way a side can end (ok, fail, skip, signal, timeout,
 * missing RESULT, odd exit status, disagreeing RESULT fields). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop.h"

#define OK_LINE(ems)                                                                               \
    "RESULT ok version=TLSv1.2 suite=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 group=secp256r1 "     \
    "resumed=0 alpn=- ems=" ems " renegotiated=0 bytes=1024"

static gt_iop_ctx ctx;
static gt_iop_cell cell;

static int setup(void **state)
{
    (void)state;
    memset(&ctx, 0, sizeof ctx);
    gt_iop_impl *im = &ctx.impls[ctx.nimpls++];
    snprintf(im->name, sizeof im->name, "a");
    snprintf(im->bin, sizeof im->bin, "/bin/peer-a");
    im->caps = cJSON_Parse("{\"suites\":[\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\","
                           "\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"],\"groups\":[\"secp256r1\"],"
                           "\"features\":[\"ems\",\"keylog\"]}");
    snprintf(ctx.pki, sizeof ctx.pki, "/pki");
    ctx.timeout = 20;
    ctx.quick = true;
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    assert_int_equal(ctx.ncells, 2);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cJSON_Delete(ctx.impls[0].caps);
    free(ctx.cells);
    return 0;
}

static gt_iop_outcome side(const char *name, int status, const char *result)
{
    gt_iop_outcome o;
    memset(&o, 0, sizeof o);
    o.side = name;
    o.exited = true;
    o.status = status;
    snprintf(o.result, sizeof o.result, "%s", result);
    return o;
}

static const char *judge(gt_iop_outcome s, gt_iop_outcome c)
{
    cell = ctx.cells[0];
    gt_iop_judge(&cell, &ctx, &s, &c);
    return cell.reason;
}

static bool has_arg(const gt_iop_argv *a, const char *opt, const char *val)
{
    for (int i = 0; i + 1 < a->argc; i++) {
        if (strcmp(a->argv[i], opt) == 0 && (!val || strcmp(a->argv[i + 1], val) == 0)) return true;
    }
    return false;
}

static void argv_follows_the_contract(void **state)
{
    (void)state;
    gt_iop_argv a;
    assert_int_equal(gt_iop_peer_argv(&ctx, &ctx.cells[0], true, 0, "/o/s.keylog", &a), 0);
    assert_string_equal(a.argv[0], "/bin/peer-a");
    assert_null(a.argv[a.argc]);
    assert_true(has_arg(&a, "--role", "server") && has_arg(&a, "--port", "0"));
    assert_true(has_arg(&a, "--cert", "/pki/server-p256.chain.pem"));
    assert_true(has_arg(&a, "--key", "/pki/server-p256.key"));
    assert_true(has_arg(&a, "--ca", "/pki/ca-bundle.pem"));
    assert_true(has_arg(&a, "--group", "secp256r1"));
    assert_true(has_arg(&a, "--keylog", "/o/s.keylog"));
    assert_true(has_arg(&a, "--timeout", "18"));
    assert_false(has_arg(&a, "--send-bytes", NULL));

    assert_int_equal(gt_iop_peer_argv(&ctx, &ctx.cells[1], false, 4433, NULL, &a), 0);
    assert_true(has_arg(&a, "--role", "client") && has_arg(&a, "--port", "4433"));
    assert_true(has_arg(&a, "--suite", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    assert_true(has_arg(&a, "--send-bytes", "1024"));
    assert_false(has_arg(&a, "--cert", NULL)); /* no client auth in "full" */
    assert_false(has_arg(&a, "--keylog", NULL));
}

static void result_fields(void **state)
{
    (void)state;
    char v[64];
    const char *l = "RESULT fail reason=\"alert 40: handshake failure\" xsuite=A suite=B";
    assert_int_equal(gt_iop_result_field(l, "reason", v, sizeof v), 0);
    assert_string_equal(v, "alert 40: handshake failure");
    assert_int_equal(gt_iop_result_field(l, "suite", v, sizeof v), 0);
    assert_string_equal(v, "B"); /* not fooled by xsuite= */
    assert_int_not_equal(gt_iop_result_field(l, "group", v, sizeof v), 0);
    assert_int_equal(gt_iop_result_field(OK_LINE("1"), "bytes", v, 3), 0);
    assert_string_equal(v, "10"); /* cut to the buffer */
}

static void verdicts(void **state)
{
    (void)state;
    judge(side("server", 0, OK_LINE("1")), side("client", 0, OK_LINE("1")));
    assert_int_equal(cell.result, GT_IOP_PASS);

    assert_string_equal(judge(side("server", SIGSEGV, ""), side("client", 1 << 8, "RESULT fail")),
                        "server killed by signal 11 (SIGSEGV)");
    assert_int_equal(cell.result, GT_IOP_FAIL);
    assert_string_equal(judge(side("server", 0, OK_LINE("1")), side("client", SIGKILL, "")),
                        "client killed by signal 9 (SIGKILL)");

    gt_iop_outcome hung = side("server", SIGKILL, "");
    hung.killed = true;
    assert_string_equal(judge(hung, side("client", 0, OK_LINE("1"))),
                        "timeout after 20s (server still running)");

    assert_string_equal(judge(side("server", 3 << 8, "RESULT skip reason=\"no such curve\""),
                              side("client", 1 << 8, "RESULT fail reason=\"connection reset\"")),
                        "server: no such curve");
    assert_int_equal(cell.result, GT_IOP_SKIP);

    assert_string_equal(judge(side("server", 0, OK_LINE("1")),
                              side("client", 1 << 8, "RESULT fail reason=\"bad mac\"")),
                        "client RESULT fail: bad mac (exit 1)");
    assert_string_equal(judge(side("server", 0, ""), side("client", 0, OK_LINE("1"))),
                        "server printed no RESULT line (exit 0)");
    assert_string_equal(
        judge(side("server", 2 << 8, OK_LINE("1")), side("client", 0, OK_LINE("1"))),
        "server said RESULT ok but exited 2");

    gt_iop_outcome lingering = side("server", SIGKILL, OK_LINE("1"));
    lingering.lingered = true;
    assert_string_equal(judge(lingering, side("client", 1 << 8, "RESULT fail reason=\"x\"")),
                        "client RESULT fail: x (exit 1); server still running 3s after the "
                        "client exited (killed)");
}

static void field_checks(void **state)
{
    (void)state;
    /* Both sides list "ems": the extension must have been negotiated. */
    assert_string_equal(judge(side("server", 0, OK_LINE("0")), side("client", 0, OK_LINE("0"))),
                        "server reported ems=0, expected 1");
    assert_int_equal(cell.result, GT_IOP_FAIL);
    const char *other_suite = "RESULT ok version=TLSv1.2 suite=TLS_RSA_WITH_AES_128_GCM_SHA256 "
                              "group=secp256r1 resumed=0 alpn=- ems=1 renegotiated=0 bytes=1024";
    assert_string_equal(judge(side("server", 0, OK_LINE("1")), side("client", 0, other_suite)),
                        "client reported suite=TLS_RSA_WITH_AES_128_GCM_SHA256, expected "
                        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    const char *short_echo =
        "RESULT ok version=TLSv1.2 suite=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        " group=secp256r1 resumed=0 alpn=- ems=1 renegotiated=0 bytes=1000";
    assert_string_equal(judge(side("server", 0, OK_LINE("1")), side("client", 0, short_echo)),
                        "client reported bytes=1000, expected 1024");
    const char *no_group = "RESULT ok version=TLSv1.2 suite=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                           " resumed=0 alpn=- ems=1";
    assert_string_equal(judge(side("server", 0, no_group), side("client", 0, OK_LINE("1"))),
                        "server reported group=(missing), expected secp256r1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(argv_follows_the_contract),
        cmocka_unit_test(result_fields),
        cmocka_unit_test(verdicts),
        cmocka_unit_test(field_checks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
