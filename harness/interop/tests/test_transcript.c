/* Tests for transcript.c: the facts a transcript states must come from the
 * wire (randoms, suite, EMS from the ServerHello) and agree with the key
 * log and the peer's RESULT line; anything inconsistent is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop.h"

static gt_iop_ctx ctx;
static char kl_path[64], out_path[64];
static uint8_t ch[4 + 2 + 32 + 1], sh[4 + 2 + 32 + 1 + 2 + 1 + 2 + 4];

#define CR       "0101010101010101010101010101010101010101010101010101010101010101"
#define CR_OTHER "0201010101010101010101010101010101010101010101010101010101010101"
#define MS                                                                                         \
    "abababababababababababababababababababababababab"                                             \
    "abababababababababababababababababababababababab"

static int setup(void **state)
{
    (void)state;
    gt_iop_impl *im = &ctx.impls[ctx.nimpls++];
    snprintf(im->name, sizeof im->name, "a");
    im->caps = cJSON_Parse("{\"suites\":[\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"],"
                           "\"groups\":[\"secp256r1\"],\"features\":[]}");
    ctx.quick = true;
    assert_int_equal(gt_iop_build_matrix(&ctx), 0);
    snprintf(kl_path, sizeof kl_path, "/tmp/gt-tr-kl-%d", (int)getpid());
    snprintf(out_path, sizeof out_path, "/tmp/gt-tr-out-%d", (int)getpid());
    /* ClientHello: type 1, length, version, random (0x01 x 32), empty session id. */
    memcpy(ch, "\x01\x00\x00\x23\x03\x03", 6);
    memset(ch + 6, 0x01, 32);
    ch[38] = 0;
    /* ServerHello: random 0x02 x 32, no session id, suite C02B, null
     * compression, extensions: extended_master_secret (23), empty. */
    memcpy(sh, "\x02\x00\x00\x2c\x03\x03", 6);
    memset(sh + 6, 0x02, 32);
    memcpy(sh + 38, "\x00\xc0\x2b\x00\x00\x04\x00\x17\x00\x00", 10);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cJSON_Delete(ctx.impls[0].caps);
    free(ctx.cells);
    unlink(kl_path);
    unlink(out_path);
    return 0;
}

static int write_with(const char *keylog, const char *result, uint8_t *shello, char *why)
{
    FILE *f = fopen(kl_path, "w");
    assert_non_null(f);
    fputs(keylog, f);
    fclose(f);
    gt_iop_record recs[3] = {
        {true, 22, 0x0301, ch, sizeof ch},
        {false, 22, 0x0303, shello, sizeof sh},
        {true, 23, 0x0303, (const uint8_t *)"xyz", 3},
    };
    return gt_iop_write_transcript(&ctx, &ctx.cells[0], out_path, recs, 3, kl_path, result, why,
                                   200);
}

static void consistent_session_is_written(void **state)
{
    (void)state;
    char why[200] = "", text[4096];
    assert_int_equal(write_with("CLIENT_RANDOM " CR " " MS "\n", "RESULT ok ems=1", sh, why), 0);
    FILE *f = fopen(out_path, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    assert_non_null(strstr(text, "\nsuite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 0xc02b\n"));
    assert_non_null(strstr(text, "\nems 1\n"));
    assert_non_null(strstr(text, "\netm 0\n"));
    assert_non_null(strstr(text, "\nclient_random " CR "\n"));
    assert_non_null(strstr(text, "\nserver_random 0202020202020202020202020202020202020202020202"
                                 "020202020202020202\n"));
    assert_non_null(strstr(text, "\nmaster_secret " MS "\n"));
    assert_non_null(strstr(text, "\nrecords 3\n"));
    assert_non_null(strstr(text, "\nc2s 17 0303 3 78797a\n"));
}

static void inconsistent_sessions_are_refused(void **state)
{
    (void)state;
    char why[200];
    const char *kl = "CLIENT_RANDOM " CR " " MS "\n";
    /* EMS on the wire but the peer says no. */
    assert_int_not_equal(write_with(kl, "RESULT ok ems=0", sh, why), 0);
    assert_non_null(strstr(why, "ems"));
    /* Key log of another session. */
    assert_int_not_equal(
        write_with("CLIENT_RANDOM " CR_OTHER " " MS "\n", "RESULT ok ems=1", sh, why), 0);
    assert_non_null(strstr(why, "client random"));
    assert_int_not_equal(write_with("", "RESULT ok ems=1", sh, why), 0);
    /* An overlong master secret is refused, not cut to size. */
    assert_int_not_equal(write_with("CLIENT_RANDOM " CR " " MS "ab\n", "RESULT ok ems=1", sh, why),
                         0);
    /* The server chose another suite than the cell's. */
    uint8_t other[sizeof sh];
    memcpy(other, sh, sizeof sh);
    other[40] = 0x2f;
    assert_int_not_equal(write_with(kl, "RESULT ok ems=1", other, why), 0);
    assert_non_null(strstr(why, "0xc02f"));
    /* A truncated ServerHello (extension block overruns). */
    memcpy(other, sh, sizeof sh);
    other[43] = 0x09;
    assert_int_not_equal(write_with(kl, "RESULT ok ems=1", other, why), 0);
    assert_non_null(strstr(why, "ClientHello/ServerHello"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(consistent_session_is_written),
        cmocka_unit_test(inconsistent_sessions_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
