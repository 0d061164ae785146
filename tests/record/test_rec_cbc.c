/* Tests for tls/record/rec_cbc.c: AES-CBC + HMAC records, MAC-then-encrypt
 * and encrypt-then-MAC (RFC 7366), for every MAC (SHA-1, SHA-256,
 * SHA-384) and key size:
 * - round trips at lengths around block and MAC boundaries, in place;
 * - an independent reference (HMAC + CBC by hand) opens what seal made,
 *   and seal's output has the layouts of RFC 5246 §6.2.3.2 / RFC 7366 §3;
 * - hand-made MtE records with every legal padding length (0..255) open;
 * - every way a record can be wrong is bad_record_mac, never anything
 *   else: each padding byte changed, each MAC byte changed, each
 *   ciphertext and IV byte flipped, padding_length pointing past the
 *   record, short and misaligned lengths, a wrong sequence number;
 * - gt_rec_cbc_check agrees with a plain (branching) reference check on
 *   random and adversarial decrypted records (property test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "record/record.h"
#include "util/testutil.h"

typedef struct {
    const gt_hash *mac;
    size_t key_len;
} variant;

static const variant variants[] = {
    {&gt_hash_sha1, 16},   {&gt_hash_sha1, 32},   {&gt_hash_sha256, 16},
    {&gt_hash_sha256, 32}, {&gt_hash_sha384, 32},
};
#define NV (sizeof variants / sizeof variants[0])

static uint8_t mac_key[48], enc_key[32];

static void keyed(gt_rec_state *s, const variant *v, int etm)
{
    tu_fill(mac_key, sizeof mac_key, 11);
    tu_fill(enc_key, sizeof enc_key, 12);
    assert_int_equal(
        gt_rec_state_init_cbc(s, v->mac, mac_key, v->mac->out_len, enc_key, v->key_len, etm), 0);
}

static size_t seal(gt_rec_state *s, uint8_t *rec, const uint8_t *data, size_t n)
{
    size_t rl;
    memcpy(rec + GT_REC_HDR + s->ops->prefix, data, n);
    assert_int_equal(gt_rec_seal(s, 23, 0x0303, rec, n, &rl), 0);
    assert_true(rl <= gt_rec_size(s, n));
    return rl;
}

static int open_rec(gt_rec_state *s, uint8_t *rec, size_t rl, uint8_t **p, size_t *pl)
{
    return gt_rec_open(s, rec, rl, p, pl);
}

static void set_len(uint8_t *rec, size_t frag)
{
    rec[3] = (uint8_t)(frag >> 8);
    rec[4] = (uint8_t)frag;
}

static void test_round_trip(void **state)
{
    (void)state;
    static uint8_t rec[5 + 16384 + 128], data[16384];
    static const size_t lens[] = {0, 1, 11, 12, 15, 16, 17, 31, 32, 47, 48, 63, 64, 1000, 16384};
    for (size_t v = 0; v < NV; v++) {
        for (int etm = 0; etm < 2; etm++) {
            gt_rec_state w, r;
            keyed(&w, &variants[v], etm);
            keyed(&r, &variants[v], etm);
            for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
                uint8_t *p;
                size_t pl, n = lens[i];
                tu_fill(data, n, (uint32_t)(n + v));
                size_t rl = seal(&w, rec, data, n);
                /* IV + whole blocks (+ the MAC after them for EtM) */
                size_t body = rl - 5 - 16 - (etm ? variants[v].mac->out_len : 0);
                assert_int_equal(body % 16, 0);
                assert_int_equal(open_rec(&r, rec, rl, &p, &pl), 0);
                assert_int_equal(pl, n);
                assert_memory_equal(p, data, n);
            }
            gt_rec_state_wipe(&w);
            gt_rec_state_wipe(&r);
        }
    }
}

/* ---- an independent reference: HMAC and CBC by hand --------------------- */

static void ref_mac(const variant *v, uint64_t seq, size_t len, const uint8_t *p, size_t n,
                    uint8_t *out)
{
    uint8_t hdr[13];
    gt_store64_be(hdr, seq);
    hdr[8] = 23, hdr[9] = 3, hdr[10] = 3;
    hdr[11] = (uint8_t)(len >> 8), hdr[12] = (uint8_t)len;
    gt_hmac_ctx h;
    gt_hmac_init(&h, v->mac, mac_key, v->mac->out_len);
    gt_hmac_update(&h, hdr, 13);
    gt_hmac_update(&h, p, n);
    gt_hmac_final(&h, out);
}

/* Builds an MtE record by hand with a chosen padding length and a hook to
 * spoil the plaintext before encryption. */
static size_t ref_mte(const variant *v, uint64_t seq, const uint8_t *data, size_t n, size_t padlen,
                      uint8_t *rec, void (*spoil)(uint8_t *plain, size_t len, size_t at), size_t at)
{
    size_t m = v->mac->out_len, total = n + m + padlen + 1;
    assert_int_equal(total % 16, 0);
    uint8_t *frag = rec + 5, iv[16];
    tu_fill(iv, 16, (uint32_t)seq + 77);
    memcpy(frag, iv, 16);
    memcpy(frag + 16, data, n);
    ref_mac(v, seq, n, data, n, frag + 16 + n);
    memset(frag + 16 + n + m, (int)padlen, padlen + 1);
    if (spoil) spoil(frag + 16, total, at);
    gt_aes_key k;
    assert_int_equal(gt_aes_init(&k, enc_key, v->key_len), 0);
    assert_int_equal(gt_aes_cbc_encrypt(&k, iv, frag + 16, frag + 16, total), 0);
    rec[0] = 23, rec[1] = 3, rec[2] = 3;
    set_len(rec, 16 + total);
    return 5 + 16 + total;
}

static void test_reference_opens_seal(void **state)
{
    (void)state;
    static uint8_t rec[5 + 2048], data[1024];
    for (size_t v = 0; v < NV; v++) {
        for (int etm = 0; etm < 2; etm++) {
            gt_rec_state w;
            keyed(&w, &variants[v], etm);
            size_t m = variants[v].mac->out_len;
            for (uint64_t seq = 0; seq < 3; seq++) {
                size_t n = 100 + (size_t)seq;
                tu_fill(data, n, (uint32_t)seq);
                size_t rl = seal(&w, rec, data, n), frag = rl - 5;
                uint8_t tag[64], iv[16], *f = rec + 5;
                gt_aes_key k;
                assert_int_equal(gt_aes_init(&k, enc_key, variants[v].key_len), 0);
                if (etm) { /* RFC 7366 §3: MAC over IV || ciphertext */
                    ref_mac(&variants[v], seq, frag - m, f, frag - m, tag);
                    assert_memory_equal(tag, f + frag - m, m);
                    frag -= m;
                }
                memcpy(iv, f, 16);
                assert_int_equal(gt_aes_cbc_decrypt(&k, iv, f + 16, f + 16, frag - 16), 0);
                size_t pad = f[frag - 1];
                for (size_t i = 0; i <= pad; i++)
                    assert_int_equal(f[frag - 1 - i], pad);
                assert_int_equal(frag - 16 - pad - 1 - (etm ? 0 : m), n);
                assert_memory_equal(f + 16, data, n);
                if (!etm) {
                    ref_mac(&variants[v], seq, n, data, n, tag);
                    assert_memory_equal(tag, f + 16 + n, m);
                }
            }
            /* Explicit IVs differ from record to record. */
            uint8_t iv1[16];
            size_t rl = seal(&w, rec, data, 10);
            memcpy(iv1, rec + 5, 16);
            (void)rl;
            seal(&w, rec, data, 10);
            assert_memory_not_equal(iv1, rec + 5, 16);
            gt_rec_state_wipe(&w);
        }
    }
}

/* Every legal padding length, including the 255-byte maximum. */
static void test_every_padding_length(void **state)
{
    (void)state;
    static uint8_t rec[5 + 1024], data[512];
    for (size_t v = 0; v < NV; v++) {
        gt_rec_state r;
        keyed(&r, &variants[v], 0);
        size_t m = variants[v].mac->out_len;
        uint64_t seq = 0;
        for (size_t pad = 0; pad < 256; pad++) {
            size_t n = (16 - (m + pad + 1) % 16) % 16 + 32; /* whole blocks */
            tu_fill(data, n, (uint32_t)pad);
            size_t rl = ref_mte(&variants[v], seq++, data, n, pad, rec, NULL, 0);
            uint8_t *p;
            size_t pl;
            assert_int_equal(open_rec(&r, rec, rl, &p, &pl), 0);
            assert_int_equal(pl, n);
            assert_memory_equal(p, data, n);
        }
        gt_rec_state_wipe(&r);
    }
}

static void flip_byte(uint8_t *plain, size_t len, size_t at)
{
    (void)len;
    plain[at] ^= 0x01;
}

static void set_ff(uint8_t *plain, size_t len, size_t at)
{
    (void)len;
    plain[at] = 0xff;
}

/* Tampered padding (each byte, including padding_length) and tampered
 * MAC (each byte): bad_record_mac every time. */
static void test_tampered_plaintext(void **state)
{
    (void)state;
    static uint8_t rec[5 + 1024], data[64];
    tu_fill(data, sizeof data, 5);
    for (size_t v = 0; v < NV; v++) {
        size_t m = variants[v].mac->out_len;
        for (size_t pad = 0; pad < 256; pad += 51) {
            size_t n = (16 - (m + pad + 1) % 16) % 16 + 16;
            /* positions: every MAC byte, every padding byte, the length */
            for (size_t at = n; at < n + m + pad + 1; at++) {
                gt_rec_state r;
                keyed(&r, &variants[v], 0);
                size_t rl = ref_mte(&variants[v], 0, data, n, pad, rec, flip_byte, at);
                uint8_t *p;
                size_t pl;
                assert_int_equal(open_rec(&r, rec, rl, &p, &pl), GT_ERR_BAD_RECORD_MAC);
            }
        }
    }
}

/* Flipping any byte of the wire fragment (IV, ciphertext, MAC for EtM) or
 * using the wrong sequence number fails with bad_record_mac. */
static void test_tampered_wire(void **state)
{
    (void)state;
    static uint8_t rec[5 + 512], copy[sizeof rec], data[40];
    tu_fill(data, sizeof data, 9);
    for (size_t v = 0; v < NV; v++) {
        for (int etm = 0; etm < 2; etm++) {
            gt_rec_state w, r;
            keyed(&w, &variants[v], etm);
            size_t rl = seal(&w, rec, data, sizeof data);
            for (size_t i = 5; i < rl; i++) {
                uint8_t *p;
                size_t pl;
                memcpy(copy, rec, rl);
                copy[i] ^= 0x80;
                keyed(&r, &variants[v], etm);
                assert_int_equal(open_rec(&r, copy, rl, &p, &pl), GT_ERR_BAD_RECORD_MAC);
            }
            /* the header is authenticated too: type and version */
            for (size_t i = 0; i < 3; i++) {
                uint8_t *p;
                size_t pl;
                memcpy(copy, rec, rl);
                copy[i] ^= i == 0 ? 0x03 : 0x00;
                if (i == 2) copy[2] = 0x01;
                keyed(&r, &variants[v], etm);
                int want = i == 1 ? 0 : GT_ERR_BAD_RECORD_MAC;
                assert_int_equal(open_rec(&r, copy, rl, &p, &pl), want);
            }
            /* wrong sequence number */
            keyed(&r, &variants[v], etm);
            r.seq = 1;
            uint8_t *p;
            size_t pl;
            memcpy(copy, rec, rl);
            assert_int_equal(open_rec(&r, copy, rl, &p, &pl), GT_ERR_BAD_RECORD_MAC);
            gt_rec_state_wipe(&w);
        }
    }
}

/* Records too short for IV + MAC + padding_length, or not whole blocks;
 * and a padding_length larger than the record. */
static void test_short_and_overlong_padding(void **state)
{
    (void)state;
    static uint8_t rec[5 + 512];
    for (size_t v = 0; v < NV; v++) {
        size_t m = variants[v].mac->out_len;
        for (int etm = 0; etm < 2; etm++) {
            size_t min = etm ? 32 + m : 16 + (m + 1 + 15) / 16 * 16;
            for (size_t frag = 0; frag < min + 40; frag++) {
                gt_rec_state r;
                keyed(&r, &variants[v], etm);
                rec[0] = 23, rec[1] = 3, rec[2] = 3;
                set_len(rec, frag);
                tu_fill(rec + 5, frag, (uint32_t)frag);
                uint8_t *p;
                size_t pl;
                /* random bytes never authenticate; short ones are refused
                 * before any decryption */
                assert_int_equal(open_rec(&r, rec, 5 + frag, &p, &pl), GT_ERR_BAD_RECORD_MAC);
            }
        }
        /* MtE: a padding_length byte of 255 in a record of 64 bytes */
        static uint8_t data[32];
        gt_rec_state r;
        keyed(&r, &variants[v], 0);
        size_t n = (16 - (m + 1) % 16) % 16;
        /* the last byte (padding_length) set to 255 before encryption */
        size_t rl = ref_mte(&variants[v], 0, data, n, 0, rec, set_ff, n + m);
        uint8_t *p;
        size_t pl;
        assert_int_equal(open_rec(&r, rec, rl, &p, &pl), GT_ERR_BAD_RECORD_MAC);
    }
}

/* EtM: a record with a valid MAC but bad padding is still bad_record_mac. */
static void test_etm_bad_padding(void **state)
{
    (void)state;
    static uint8_t rec[5 + 256];
    const variant *v = &variants[2];
    size_t m = v->mac->out_len;
    gt_aes_key k;
    keyed(&(gt_rec_state){0}, v, 1); /* sets the key material */
    assert_int_equal(gt_aes_init(&k, enc_key, v->key_len), 0);
    for (int bad = 0; bad < 2; bad++) {
        uint8_t *f = rec + 5, iv[16], plain[32];
        tu_fill(plain, sizeof plain, 3);
        plain[31] = bad ? 40 : 3; /* padding_length: 40 does not fit */
        memset(plain + 28, 3, 3);
        tu_fill(iv, 16, 4);
        memcpy(f, iv, 16);
        assert_int_equal(gt_aes_cbc_encrypt(&k, iv, plain, f + 16, 32), 0);
        ref_mac(v, 0, 48, f, 48, f + 48);
        rec[0] = 23, rec[1] = 3, rec[2] = 3;
        set_len(rec, 48 + m);
        gt_rec_state r;
        keyed(&r, v, 1);
        uint8_t *p;
        size_t pl;
        int err = open_rec(&r, rec, 5 + 48 + m, &p, &pl);
        assert_int_equal(err, bad ? GT_ERR_BAD_RECORD_MAC : 0);
        if (!bad) assert_int_equal(pl, 28);
    }
}

/* ---- property: the constant-time check equals a plain one -------------- */

static uint32_t plain_check(const variant *v, const uint8_t *d, size_t n, size_t *len)
{
    size_t m = v->mac->out_len, pad = d[n - 1];
    if (pad + 1 + m > n) return 0;
    for (size_t i = 1; i <= pad; i++)
        if (d[n - 1 - i] != pad) return 0;
    *len = n - 1 - pad - m;
    uint8_t tag[64];
    ref_mac(v, 7, *len, d, *len, tag);
    return memcmp(tag, d + *len, m) == 0;
}

static void test_check_property(void **state)
{
    (void)state;
    static uint8_t d[600];
    uint32_t seed = 1;
    for (size_t v = 0; v < NV; v++) {
        size_t m = variants[v].mac->out_len;
        tu_fill(mac_key, sizeof mac_key, 11);
        for (int iter = 0; iter < 300; iter++) {
            size_t n = m + 1 + (size_t)(seed = seed * 1103515245u + 12345u) % 500;
            tu_fill(d, n, seed);
            int mode = iter % 4;
            if (mode) { /* mostly valid records, spoiled now and then */
                size_t pad = (seed >> 8) % 256;
                if (pad + 1 + m > n) pad = n - 1 - m;
                size_t len = n - 1 - pad - m;
                memset(d + len + m, (int)pad, pad + 1);
                ref_mac(&variants[v], 7, len, d, len, d + len);
                if (mode == 2) d[(seed >> 4) % n] ^= 0x20;
            }
            uint8_t aad[13] = {0, 0, 0, 0, 0, 0, 0, 7, 23, 3, 3, 0, 0};
            size_t got_len = 0, want_len = 0;
            uint32_t got = gt_rec_cbc_check(variants[v].mac, mac_key, m, aad, d, n, &got_len);
            uint32_t want = plain_check(&variants[v], d, n, &want_len);
            assert_int_equal(got, want);
            if (want) assert_int_equal(got_len, want_len);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_reference_opens_seal),
        cmocka_unit_test(test_every_padding_length),
        cmocka_unit_test(test_tampered_plaintext),
        cmocka_unit_test(test_tampered_wire),
        cmocka_unit_test(test_short_and_overlong_padding),
        cmocka_unit_test(test_etm_bad_padding),
        cmocka_unit_test(test_check_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
