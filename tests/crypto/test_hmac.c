/* Tests for tls/crypto/hmac.c: RFC 4231 (HMAC-SHA-224/256/384/512, cases
 * 1-7 including the truncated case 5 and the long keys of 6/7) and RFC 2202
 * (HMAC-SHA-1) from vectors/mac/, plus properties: incremental == one-shot,
 * long keys are hashed, short keys are zero-padded, wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "gt/crypto/hash.h"
#include "util/kat.h"
#include "util/testutil.h"

static const gt_hash *const all[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256,
                                     &gt_hash_sha384, &gt_hash_sha512};

/* Runs a vectors/mac file; returns cases per section in counts[] (indexed
 * like all[]). */
static int run_file(const char *rel, int counts[5])
{
    char path[1024];
    kat_file k;
    int rc, total = 0;
    if (kat_open(&k, kat_vectors_path(path, sizeof path, rel))) fail_msg("%s", k.err);
    while ((rc = kat_next(&k)) == 1) {
        if (strncmp(k.section, "hmac-", 5)) fail_msg("%s: unexpected section", k.path);
        const gt_hash *h = gt_hash_by_name(k.section + 5);
        if (!h) fail_msg("%s:%d: unknown hash %s", k.path, k.case_line, k.section);
        if (!kat_keys_ok(&k, "key msg mac")) fail_msg("%s", k.err);
        const kat_kv *key = kat_get(&k, "key"), *msg = kat_get(&k, "msg"),
                     *mac = kat_get(&k, "mac");
        if (!key || !msg || !mac || !mac->len || mac->len > h->out_len)
            fail_msg("%s:%d: key, msg and mac (1..out_len bytes) required", k.path, k.case_line);
        uint8_t out[GT_HASH_MAX_LEN];
        gt_hmac(h, key->bin, key->len, msg->bin, msg->len, out);
        if (memcmp(out, mac->bin, mac->len))
            fail_msg("%s:%d: HMAC-%s mismatch", k.path, k.case_line, h->name);
        for (size_t i = 0; i < 5; i++)
            if (all[i] == h) counts[i]++;
        total++;
    }
    if (rc < 0) fail_msg("%s", k.err);
    kat_close(&k);
    return total;
}

static void test_rfc4231(void **state)
{
    (void)state;
    int counts[5] = {0};
    assert_int_equal(run_file("mac/hmac-rfc4231.txt", counts), 28);
    assert_int_equal(counts[0], 0);
    for (int i = 1; i < 5; i++)
        assert_int_equal(counts[i], 7);
}

static void test_rfc2202_sha1(void **state)
{
    (void)state;
    int counts[5] = {0};
    assert_int_equal(run_file("mac/hmac-sha1-rfc2202.txt", counts), 8);
    assert_int_equal(counts[0], 8);
}

static void test_incremental(void **state)
{
    (void)state;
    uint8_t key[200], msg[400], want[64], got[64], r[2];
    tu_fill(key, sizeof key, 1);
    tu_fill(msg, sizeof msg, 2);
    for (size_t i = 0; i < 5; i++) {
        for (size_t n = 0; n <= sizeof msg; n += 13) {
            size_t kl = (n * 7) % sizeof key;
            gt_hmac(all[i], key, kl, msg, n, want);
            gt_hmac_ctx c;
            gt_hmac_init(&c, all[i], key, kl);
            for (size_t off = 0, piece = 0; off < n; piece++) {
                tu_fill(r, sizeof r, n * 1000 + piece);
                size_t take = (r[0] | (size_t)r[1] << 8) % (n - off + 1);
                gt_hmac_update(&c, msg + off, take);
                off += take;
            }
            gt_hmac_final(&c, got);
            assert_memory_equal(got, want, all[i]->out_len);
        }
    }
}

/* RFC 2104 §2: a key longer than the block is replaced by its hash; a key
 * shorter than the block is padded with zeros. Both are observable. */
static void test_key_processing(void **state)
{
    (void)state;
    uint8_t key[GT_HASH_MAX_BLOCK + 1], hk[64], a[64], b[64];
    tu_fill(key, sizeof key, 3);
    for (size_t i = 0; i < 5; i++) {
        const gt_hash *h = all[i];
        size_t bl = h->block_len;
        /* block+1 bytes: hashed */
        gt_hash_digest(h, key, bl + 1, hk);
        gt_hmac(h, key, bl + 1, "m", 1, a);
        gt_hmac(h, hk, h->out_len, "m", 1, b);
        assert_memory_equal(a, b, h->out_len);
        /* exactly block bytes: used as is, not hashed */
        gt_hash_digest(h, key, bl, hk);
        gt_hmac(h, key, bl, "m", 1, a);
        gt_hmac(h, hk, h->out_len, "m", 1, b);
        assert_memory_not_equal(a, b, h->out_len);
        /* trailing zero bytes below the block size do not matter... */
        uint8_t k2[GT_HASH_MAX_BLOCK] = {0};
        memcpy(k2, key, 10);
        gt_hmac(h, k2, 10, "m", 1, a);
        gt_hmac(h, k2, bl, "m", 1, b);
        assert_memory_equal(a, b, h->out_len);
        /* ...but any other key change does */
        k2[3] ^= 1;
        gt_hmac(h, k2, 10, "m", 1, b);
        assert_memory_not_equal(a, b, h->out_len);
        /* empty key == all-zero key */
        memset(k2, 0, sizeof k2);
        gt_hmac(h, NULL, 0, "m", 1, a);
        gt_hmac(h, k2, 5, "m", 1, b);
        assert_memory_equal(a, b, h->out_len);
    }
}

static void test_context_wiped(void **state)
{
    (void)state;
    gt_hmac_ctx c, zero;
    uint8_t out[64];
    memset(&zero, 0, sizeof zero);
    gt_hmac_init(&c, &gt_hash_sha384, (const uint8_t *)"key", 3);
    gt_hmac_update(&c, "msg", 3);
    gt_hmac_final(&c, out);
    assert_memory_equal(&c, &zero, sizeof c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4231),       cmocka_unit_test(test_rfc2202_sha1),
        cmocka_unit_test(test_incremental),   cmocka_unit_test(test_key_processing),
        cmocka_unit_test(test_context_wiped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
