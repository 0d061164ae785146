/* Tests for tls/handshake/transcript.c and the engine's determinism: with
 * a fixed RNG seed and a fixed clock, a whole session (handshake, a little
 * data both ways, close_notify both ways) is the same bytes on every run,
 * and equal to the reference transcripts in vectors/transcripts/gt-*.bin.
 *
 * Regenerate the references (after a deliberate change of the engine's
 * output, or a new test PKI) with vectors/transcripts/regen-gt.sh, which
 * runs this test with GT_REGEN_TRANSCRIPTS=1. File format: "GTTR1\n", then
 * per direction (client->server, then server->client) a 4-byte big-endian
 * length and the raw bytes that side sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct {
    const char *file, *leaf;
    uint16_t suite, group;
} session;

static const session sessions[] = {
    {"gt-ecdsa-p256-x25519-aes128gcm.bin", "server-p256", 0xC02B, 29},
    {"gt-rsa2048-secp256r1-chacha20.bin", "server-rsa2048", 0xCCA8, 23},
    {"gt-ecdsa-p384-secp384r1-aes256gcm.bin", "server-p384", 0xC02C, 24},
};

/* Runs the session; returns the file image (malloc'ed). */
static uint8_t *run(const session *s, size_t *len)
{
    gt_drbg dc, ds;
    gt_config *cc = tu_config(&dc, 11), *sc = tu_config(&ds, 12);
    assert_int_equal(tu_add_trust(cc), 0);
    assert_int_equal(tu_add_chain(sc, s->leaf), 0);
    assert_int_equal(gt_config_set_suites(sc, &s->suite, 1), 0);
    assert_int_equal(gt_config_set_groups(sc, &s->group, 1), 0);
    gt_conn *c = gt_conn_new(cc, GT_ROLE_CLIENT, "localhost");
    gt_conn *v = gt_conn_new(sc, GT_ROLE_SERVER, NULL);
    tu_pipe p;
    size_t taken;
    tu_pipe_init(&p, c, v);
    p.keep_wire = 1;
    assert_int_equal(tu_pipe_handshake(&p, 100), 0);
    assert_int_equal(gt_conn_write(c, (const uint8_t *)"GET / HTTP/1.0\r\n\r\n", 18, &taken), 0);
    tu_pipe_run(&p, 10);
    assert_int_equal(gt_conn_write(v, (const uint8_t *)"hello", 5, &taken), 0);
    assert_int_equal(gt_conn_close(v), 0);
    tu_pipe_run(&p, 10);
    tu_bytes img = {0};
    tu_bytes_append(&img, (const uint8_t *)"GTTR1\n", 6);
    for (int d = 0; d < 2; d++) {
        uint8_t n[4];
        gt_store32_be(n, (uint32_t)p.wire[d].len);
        tu_bytes_append(&img, n, 4);
        tu_bytes_append(&img, p.wire[d].p, p.wire[d].len);
    }
    tu_pipe_free(&p);
    gt_conn_free(c);
    gt_conn_free(v);
    gt_config_free(cc);
    gt_config_free(sc);
    *len = img.len;
    return img.p;
}

static void test_deterministic_sessions(void **state)
{
    (void)state;
    int regen = getenv("GT_REGEN_TRANSCRIPTS") != NULL;
    for (size_t i = 0; i < sizeof sessions / sizeof sessions[0]; i++) {
        char path[2048];
        size_t a_len, b_len, ref_len;
        snprintf(path, sizeof path, "%s/vectors/transcripts/%s", tu_source_dir(), sessions[i].file);
        uint8_t *a = run(&sessions[i], &a_len), *b = run(&sessions[i], &b_len);
        assert_int_equal(a_len, b_len);
        assert_memory_equal(a, b, a_len); /* same bytes on every run */
        if (regen) {
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(a, 1, a_len, f), a_len);
            fclose(f);
            print_message("wrote %s (%zu bytes)\n", path, a_len);
        } else {
            uint8_t *ref = tu_read_file(path, &ref_len);
            if (ref_len != a_len || memcmp(ref, a, a_len))
                fail_msg("%s differs from this run (regenerate with "
                         "vectors/transcripts/regen-gt.sh if the change is deliberate)",
                         path);
            free(ref);
        }
        free(a);
        free(b);
    }
}

/* The running hash equals a one-shot hash of the same bytes, for both
 * PRF hashes, at every prefix, and taking a hash does not disturb it. */
static void test_running_hash(void **state)
{
    (void)state;
    uint8_t data[1000], got[64], want[64];
    tu_fill(data, sizeof data, 3);
    gt_transcript t;
    gt_transcript_init(&t);
    for (size_t n = 0; n < sizeof data; n += 97) {
        size_t k = sizeof data - n < 97 ? sizeof data - n : 97;
        gt_transcript_add(&t, data + n, k);
        for (int h = 0; h < 2; h++) {
            const gt_hash *hash = h ? &gt_hash_sha384 : &gt_hash_sha256;
            assert_int_equal(gt_transcript_hash(&t, hash, got), hash->out_len);
            gt_hash_digest(hash, data, n + k, want);
            assert_memory_equal(got, want, hash->out_len);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic_sessions),
        cmocka_unit_test(test_running_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
