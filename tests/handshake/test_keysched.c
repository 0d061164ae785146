/* Tests for tls/handshake/keysched.c (and the AEAD record states it keys):
 * the sessions recorded between reference peers in vectors/transcripts/
 * (README there) are replayed through the IUT's key schedule. From each
 * file's master secret and randoms the key block (RFC 5246 §6.3) is
 * derived; both Finished messages are decrypted and their verify_data
 * recomputed from the transcript (§7.4.9); the echoed application data is
 * decrypted and compared with the contract's pattern. AEAD suites go
 * through the engine's own record layer (gt_rec_open); CBC suites (part 2
 * of the engine) are opened here with the primitives, MAC-then-encrypt or
 * encrypt-then-MAC (RFC 7366) as the file says, which still checks the key
 * block layout including the MAC keys. The EMS derivation itself needs the
 * premaster secret, which the files do not hold: it is checked against
 * the PRF directly below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "handshake/hs.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct {
    int dir; /* 0 c2s, 1 s2c */
    uint8_t type;
    uint16_t version;
    uint8_t *frag;
    size_t len;
} rec;

typedef struct {
    char name[2048];
    uint16_t suite;
    int ems, etm;
    uint8_t cr[32], sr[32], ms[48];
    char keylog[256];
    size_t app_data;
    rec recs[64];
    size_t n;
} transcript;

static void load(const char *path, transcript *t)
{
    FILE *f = fopen(path, "r");
    static char line[1 << 17];
    assert_non_null(f);
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", path);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *sp = strchr(line, ' ');
        if (!sp || line[0] == '#') continue;
        *sp = '\0';
        const char *v = sp + 1;
        if (!strcmp(line, "suite")) t->suite = (uint16_t)strtoul(strrchr(v, ' ') + 1, NULL, 16);
        if (!strcmp(line, "ems")) t->ems = atoi(v);
        if (!strcmp(line, "etm")) t->etm = atoi(v);
        if (!strcmp(line, "app_data")) t->app_data = strtoul(v, NULL, 10);
        if (!strcmp(line, "client_random")) assert_int_equal(tu_unhex(v, t->cr, 32), 32);
        if (!strcmp(line, "server_random")) assert_int_equal(tu_unhex(v, t->sr, 32), 32);
        if (!strcmp(line, "master_secret")) assert_int_equal(tu_unhex(v, t->ms, 48), 48);
        if (!strcmp(line, "keylog")) snprintf(t->keylog, sizeof t->keylog, "%s", v);
        if (strcmp(line, "c2s") && strcmp(line, "s2c")) continue;
        assert_true(t->n < 64);
        rec *r = &t->recs[t->n++];
        unsigned type, version;
        size_t len;
        char *hex = malloc(strlen(v) + 1);
        assert_int_equal(sscanf(v, "%x %x %zu %s", &type, &version, &len, hex), 4);
        r->dir = line[0] == 's';
        r->type = (uint8_t)type;
        r->version = (uint16_t)version;
        r->frag = tu_unhex_alloc(hex, &r->len);
        assert_int_equal(r->len, len);
        free(hex);
    }
    fclose(f);
    assert_true(t->n > 0);
    assert_true(t->suite != 0);
}

static void unload(transcript *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->recs[i].frag);
}

/* CBC suites are not in the engine's table yet (part 2): their shape. */
static const gt_suite_info cbc_suites[] = {
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", GT_KX_RSA, GT_CIPHER_AES_CBC, 16, 16, 32,
     &gt_hash_sha256, &gt_hash_sha256},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_CBC, 32,
     16, 48, &gt_hash_sha384, &gt_hash_sha384},
};

static const gt_suite_info *suite_of(uint16_t id)
{
    const gt_suite_info *s = gt_suite_info_get(id);
    for (size_t i = 0; !s && i < 2; i++)
        if (cbc_suites[i].id == id) s = &cbc_suites[i];
    return s;
}

typedef struct {
    const gt_suite_info *s;
    gt_rec_state st; /* AEAD */
    gt_aes_key aes;  /* CBC */
    const uint8_t *mac_key;
    uint64_t seq;
    int etm;
} opener;

static void opener_init(opener *o, const gt_suite_info *s, const uint8_t *kb, gt_role writer,
                        int etm)
{
    memset(o, 0, sizeof *o);
    o->s = s;
    o->etm = etm;
    if (s->cipher != GT_CIPHER_AES_CBC) {
        assert_int_equal(gt_ks_rec_state(s, kb, writer, &o->st), 0);
        return;
    }
    size_t side = writer == GT_ROLE_SERVER;
    o->mac_key = kb + side * s->mac_len;
    assert_int_equal(gt_aes_init(&o->aes, kb + 2 * s->mac_len + side * s->key_len, s->key_len), 0);
}

static void cbc_mac(const opener *o, uint8_t type, uint16_t ver, const uint8_t *p, size_t n,
                    uint8_t *out)
{
    uint8_t hdr[13];
    gt_store64_be(hdr, o->seq);
    hdr[8] = type;
    hdr[9] = (uint8_t)(ver >> 8);
    hdr[10] = (uint8_t)ver;
    hdr[11] = (uint8_t)(n >> 8);
    hdr[12] = (uint8_t)n;
    gt_hmac_ctx h;
    gt_hmac_init(&h, o->s->mac_hash, o->mac_key, o->s->mac_len);
    gt_hmac_update(&h, hdr, 13);
    gt_hmac_update(&h, p, n);
    gt_hmac_final(&h, out);
}

/* Opens one record; returns the plaintext (inside r->frag) length. */
static size_t open_rec(opener *o, rec *r, uint8_t **plain)
{
    if (o->s->cipher != GT_CIPHER_AES_CBC) {
        uint8_t buf[5 + 18432];
        size_t n;
        gt_wr w = gt_wr_init(buf, sizeof buf);
        gt_wr_u8(&w, r->type);
        gt_wr_u16(&w, r->version);
        gt_wr_u16(&w, (uint16_t)r->len);
        gt_wr_bytes(&w, r->frag, r->len);
        assert_int_equal(gt_wr_status(&w), 0);
        assert_int_equal(gt_rec_open(&o->st, buf, w.len, plain, &n), 0);
        memcpy(r->frag, *plain, n);
        *plain = r->frag;
        return n;
    }
    size_t mac = o->s->mac_len, n = r->len;
    uint8_t tag[64], iv[16];
    if (o->etm) { /* RFC 7366: MAC over IV || ciphertext */
        assert_true(n >= 16 + mac);
        n -= mac;
        cbc_mac(o, r->type, r->version, r->frag, n, tag);
        assert_true(gt_ct_memeq(tag, r->frag + n, mac));
    }
    memcpy(iv, r->frag, 16);
    assert_int_equal(gt_aes_cbc_decrypt(&o->aes, iv, r->frag + 16, r->frag + 16, n - 16), 0);
    size_t pad = r->frag[n - 1];
    assert_true(pad + 1 + 16 <= n);
    n -= pad + 1;
    if (!o->etm) {
        assert_true(n >= 16 + mac);
        n -= mac;
        cbc_mac(o, r->type, r->version, r->frag + 16, n - 16, tag);
        assert_true(gt_ct_memeq(tag, r->frag + n, mac));
    }
    o->seq++;
    *plain = r->frag + 16;
    return n - 16;
}

static void replay(const char *path)
{
    transcript *t = malloc(sizeof *t);
    assert_non_null(t);
    load(path, t);
    const gt_suite_info *s = suite_of(t->suite);
    if (!s) fail_msg("%s: suite 0x%04x unknown to the test", path, t->suite);
    /* the key log line is what the IUT would write */
    char line[GT_KEYLOG_LINE_MAX];
    gt_ks_keylog_line(t->cr, t->ms, line);
    assert_int_equal(strcasecmp(line, t->keylog), 0);

    uint8_t kb[256];
    assert_int_equal(gt_ks_key_block(s, t->ms, t->cr, t->sr, kb, sizeof kb), 0);
    opener op[2];
    opener_init(&op[0], s, kb, GT_ROLE_CLIENT, t->etm);
    opener_init(&op[1], s, kb, GT_ROLE_SERVER, t->etm);
    gt_transcript th;
    gt_transcript_init(&th);
    int ccs[2] = {0, 0}, finished[2] = {0, 0};
    tu_bytes app[2] = {{0}, {0}};
    for (size_t i = 0; i < t->n; i++) {
        rec *r = &t->recs[i];
        int d = r->dir;
        if (r->type == 20) {
            ccs[d] = 1;
            continue;
        }
        if (!ccs[d]) {
            if (r->type == 22) gt_transcript_add(&th, r->frag, r->len);
            continue;
        }
        uint8_t *p;
        size_t n = open_rec(&op[d], r, &p);
        if (r->type == 22) { /* Finished under the new keys */
            uint8_t h[64], want[12];
            assert_int_equal(n, 16);
            assert_int_equal(p[0], 20);
            size_t hl = gt_transcript_hash(&th, s->prf_hash, h);
            assert_int_equal(gt_ks_finished(s->prf_hash, t->ms, d ? GT_ROLE_SERVER : GT_ROLE_CLIENT,
                                            h, hl, want),
                             0);
            if (memcmp(want, p + 4, 12))
                fail_msg("%s: %s Finished mismatch", path, d ? "server" : "client");
            gt_transcript_add(&th, p, n);
            finished[d] = 1;
        } else if (r->type == 23) {
            tu_bytes_append(&app[d], p, n);
        }
    }
    assert_true(finished[0] && finished[1]);
    for (int d = 0; d < 2; d++) {
        assert_int_equal(app[d].len, t->app_data);
        for (size_t i = 0; i < app[d].len; i++)
            if (app[d].p[i] != (uint8_t)((i * 131 + 7) & 0xff))
                fail_msg("%s: app data byte %zu wrong", path, i);
        tu_bytes_free(&app[d]);
    }
    print_message("replayed %s (suite 0x%04x, ems %d, etm %d)\n", strrchr(path, '/') + 1, t->suite,
                  t->ems, t->etm);
    unload(t);
    free(t);
}

static void test_recorded_sessions(void **state)
{
    (void)state;
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/vectors/transcripts", tu_source_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        replay(path);
        n++;
    }
    closedir(d);
    assert_true(n >= 6);
}

/* The master secret: RFC 5246 §8.1 and RFC 7627 §4, against the PRF. */
static void test_master_secret(void **state)
{
    (void)state;
    uint8_t pms[32], cr[32], sr[32], sh[48], got[48], want[48], seed[64];
    tu_fill(pms, 32, 1);
    tu_fill(cr, 32, 2);
    tu_fill(sr, 32, 3);
    tu_fill(sh, 48, 4);
    memcpy(seed, cr, 32);
    memcpy(seed + 32, sr, 32);
    assert_int_equal(gt_ks_master(&gt_hash_sha256, pms, 32, 0, NULL, 0, cr, sr, got), 0);
    assert_int_equal(
        gt_tls12_prf(&gt_hash_sha256, pms, 32, "master secret", seed, 64, NULL, 0, want, 48), 0);
    assert_memory_equal(got, want, 48);
    assert_int_equal(gt_ks_master(&gt_hash_sha384, pms, 32, 1, sh, 48, cr, sr, got), 0);
    assert_int_equal(
        gt_tls12_prf(&gt_hash_sha384, pms, 32, "extended master secret", sh, 48, NULL, 0, want, 48),
        0);
    assert_memory_equal(got, want, 48);
    /* EMS does not depend on the randoms */
    sr[0] ^= 1;
    assert_int_equal(gt_ks_master(&gt_hash_sha384, pms, 32, 1, sh, 48, cr, sr, want), 0);
    assert_memory_equal(got, want, 48);
}

/* Key block layout: the client's write state opens what the server's read
 * state expects, for every suite, and the two directions differ. */
static void test_key_block_states(void **state)
{
    (void)state;
    static const uint16_t ids[] = {0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8};
    uint8_t ms[48], cr[32], sr[32], kb[128];
    tu_fill(ms, 48, 7);
    tu_fill(cr, 32, 8);
    tu_fill(sr, 32, 9);
    for (size_t i = 0; i < 6; i++) {
        const gt_suite_info *s = gt_suite_info_get(ids[i]);
        assert_non_null(s);
        assert_int_equal(gt_ks_key_block(s, ms, cr, sr, kb, sizeof kb), 0);
        gt_rec_state w, r_ok, r_bad;
        uint8_t buf[64], *p;
        size_t len, n;
        assert_int_equal(gt_ks_rec_state(s, kb, GT_ROLE_CLIENT, &w), 0);
        assert_int_equal(gt_ks_rec_state(s, kb, GT_ROLE_CLIENT, &r_ok), 0);
        assert_int_equal(gt_ks_rec_state(s, kb, GT_ROLE_SERVER, &r_bad), 0);
        memcpy(buf + 5 + w.ops->prefix, "abc", 3);
        assert_int_equal(gt_rec_seal(&w, 23, 0x0303, buf, 3, &len), 0);
        uint8_t copy[64];
        memcpy(copy, buf, len);
        assert_int_equal(gt_rec_open(&r_bad, copy, len, &p, &n), GT_ERR_BAD_RECORD_MAC);
        assert_int_equal(gt_rec_open(&r_ok, buf, len, &p, &n), 0);
        assert_int_equal(n, 3);
        assert_memory_equal(p, "abc", 3);
        gt_rec_state_wipe(&w);
        gt_rec_state_wipe(&r_ok);
        gt_rec_state_wipe(&r_bad);
    }
    assert_int_equal(gt_ks_key_block(gt_suite_info_get(0xC02B), ms, cr, sr, kb, 10),
                     GT_ERR_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recorded_sessions),
        cmocka_unit_test(test_master_secret),
        cmocka_unit_test(test_key_block_states),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
