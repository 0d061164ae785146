/*
 * The scripted peer's key schedule and record protection, all on OpenSSL's
 * libcrypto (EVP): TLS 1.2 PRF, key block, AES-GCM (RFC 5288), ChaCha20-
 * Poly1305 (RFC 7905), AES-CBC with HMAC, MAC-then-encrypt (RFC 5246
 * §6.2.3.2) or encrypt-then-MAC (RFC 7366).
 */
#include "peer.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <string.h>

/* Code points: RFC 5246 App. A.5, RFC 5288, RFC 5289, RFC 8422, RFC 7905. */
const gt_sp_suite gt_sp_suites[] = {
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", GT_KX_ECDHE_ECDSA, GT_BULK_AES128_GCM,
     GT_MAC_AEAD, 0},
    {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", GT_KX_ECDHE_ECDSA, GT_BULK_AES256_GCM,
     GT_MAC_AEAD, 1},
    {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", GT_KX_ECDHE_ECDSA, GT_BULK_CHACHA,
     GT_MAC_AEAD, 0},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GT_KX_ECDHE_RSA, GT_BULK_AES128_GCM,
     GT_MAC_AEAD, 0},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", GT_KX_ECDHE_RSA, GT_BULK_AES256_GCM,
     GT_MAC_AEAD, 1},
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", GT_KX_ECDHE_RSA, GT_BULK_CHACHA,
     GT_MAC_AEAD, 0},
    {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", GT_KX_ECDHE_ECDSA, GT_BULK_AES128_CBC,
     GT_MAC_SHA1, 0},
    {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", GT_KX_ECDHE_ECDSA, GT_BULK_AES256_CBC,
     GT_MAC_SHA1, 0},
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", GT_KX_ECDHE_ECDSA, GT_BULK_AES128_CBC,
     GT_MAC_SHA256, 0},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", GT_KX_ECDHE_ECDSA, GT_BULK_AES256_CBC,
     GT_MAC_SHA384, 1},
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", GT_KX_ECDHE_RSA, GT_BULK_AES128_CBC, GT_MAC_SHA1,
     0},
    {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", GT_KX_ECDHE_RSA, GT_BULK_AES256_CBC, GT_MAC_SHA1,
     0},
    {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", GT_KX_ECDHE_RSA, GT_BULK_AES128_CBC,
     GT_MAC_SHA256, 0},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", GT_KX_ECDHE_RSA, GT_BULK_AES256_CBC,
     GT_MAC_SHA384, 1},
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", GT_KX_RSA, GT_BULK_AES128_GCM, GT_MAC_AEAD, 0},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", GT_KX_RSA, GT_BULK_AES256_GCM, GT_MAC_AEAD, 1},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", GT_KX_RSA, GT_BULK_AES128_CBC, GT_MAC_SHA1, 0},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", GT_KX_RSA, GT_BULK_AES256_CBC, GT_MAC_SHA1, 0},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", GT_KX_RSA, GT_BULK_AES128_CBC, GT_MAC_SHA256, 0},
};
const size_t gt_sp_n_suites = sizeof(gt_sp_suites) / sizeof(gt_sp_suites[0]);

const gt_sp_suite *gt_sp_suite_by_code(uint16_t code)
{
    for (size_t i = 0; i < gt_sp_n_suites; i++)
        if (gt_sp_suites[i].code == code) return &gt_sp_suites[i];
    return NULL;
}

const gt_sp_suite *gt_sp_suite_by_name(const char *name)
{
    for (size_t i = 0; i < gt_sp_n_suites; i++)
        if (strcmp(gt_sp_suites[i].name, name) == 0) return &gt_sp_suites[i];
    return NULL;
}

const char *gt_sp_group_name(uint16_t g)
{
    switch (g) {
    case GT_GROUP_X25519:
        return "x25519";
    case GT_GROUP_P256:
        return "secp256r1";
    case GT_GROUP_P384:
        return "secp384r1";
    default:
        return "unknown-group";
    }
}

int gt_sp_is_cbc(const gt_sp_suite *s)
{
    return s->mac != GT_MAC_AEAD;
}

static const EVP_MD *mac_md(int mac)
{
    return mac == GT_MAC_SHA1 ? EVP_sha1() : mac == GT_MAC_SHA256 ? EVP_sha256() : EVP_sha384();
}

static size_t key_len(const gt_sp_suite *s)
{
    return s->bulk == GT_BULK_AES128_GCM || s->bulk == GT_BULK_AES128_CBC ? 16 : 32;
}

/* RFC 5246 §5 via OpenSSL's TLS1-PRF KDF. */
int gt_sp_prf(int sha384, const uint8_t *secret, size_t slen, const char *label,
              const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
    EVP_KDF_CTX *k = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM p[5];
    int rc = -1;
    p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, sha384 ? "SHA384" : "SHA256", 0);
    p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)secret, slen);
    p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)label, strlen(label));
    p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)seed, seedlen);
    p[4] = OSSL_PARAM_construct_end();
    if (k != NULL && EVP_KDF_derive(k, out, outlen, p) == 1) rc = 0;
    EVP_KDF_CTX_free(k);
    EVP_KDF_free(kdf);
    return rc;
}

int gt_sp_hash(int sha384, const uint8_t *p, size_t n, uint8_t *out)
{
    unsigned len = 0;
    EVP_Digest(p, n, out, &len, sha384 ? EVP_sha384() : EVP_sha256(), NULL);
    return (int)len;
}

/* RFC 5246 §6.3: client_write_MAC_key, server_write_MAC_key,
 * client_write_key, server_write_key, client_write_IV, server_write_IV. */
int gt_sp_keys(const gt_sp_suite *s, const uint8_t ms[48], const uint8_t cr[32],
               const uint8_t sr[32], int etm, int client, gt_sp_dir *rd, gt_sp_dir *wr)
{
    uint8_t seed[64], kb[256];
    size_t ml = s->mac == GT_MAC_AEAD ? 0 : (size_t)EVP_MD_get_size(mac_md(s->mac));
    size_t kl = key_len(s);
    size_t il = s->bulk == GT_BULK_CHACHA ? 12 : s->mac == GT_MAC_AEAD ? 4 : 0;
    memcpy(seed, sr, 32);
    memcpy(seed + 32, cr, 32);
    if (gt_sp_prf(s->sha384, ms, 48, "key expansion", seed, 64, kb, 2 * (ml + kl + il)) != 0)
        return -1;
    gt_sp_dir *c = client ? wr : rd, *sv = client ? rd : wr;
    memset(c, 0, sizeof(*c));
    memset(sv, 0, sizeof(*sv));
    c->s = sv->s = s;
    c->etm = sv->etm = etm && s->mac != GT_MAC_AEAD;
    memcpy(c->mac_key, kb, ml);
    memcpy(sv->mac_key, kb + ml, ml);
    memcpy(c->key, kb + 2 * ml, kl);
    memcpy(sv->key, kb + 2 * ml + kl, kl);
    memcpy(c->iv, kb + 2 * (ml + kl), il);
    memcpy(sv->iv, kb + 2 * (ml + kl) + il, il);
    OPENSSL_cleanse(kb, sizeof(kb));
    return 0;
}

static const EVP_CIPHER *cipher(const gt_sp_suite *s)
{
    switch (s->bulk) {
    case GT_BULK_AES128_GCM:
        return EVP_aes_128_gcm();
    case GT_BULK_AES256_GCM:
        return EVP_aes_256_gcm();
    case GT_BULK_CHACHA:
        return EVP_chacha20_poly1305();
    case GT_BULK_AES128_CBC:
        return EVP_aes_128_cbc();
    default:
        return EVP_aes_256_cbc();
    }
}

static void seq_hdr(uint8_t ad[13], uint64_t seq, uint8_t type, uint16_t version, size_t len)
{
    for (int i = 7; i >= 0; i--, seq >>= 8)
        ad[i] = (uint8_t)seq;
    ad[8] = type;
    ad[9] = (uint8_t)(version >> 8);
    ad[10] = (uint8_t)version;
    ad[11] = (uint8_t)(len >> 8);
    ad[12] = (uint8_t)len;
}

/* RFC 5288 §3 nonce = salt || explicit; RFC 7905 §2 nonce = iv ^ seq. */
static void aead_nonce(const gt_sp_dir *d, uint8_t nonce[12], uint8_t expl[8])
{
    uint8_t s[8];
    uint64_t q = d->seq;
    for (int i = 7; i >= 0; i--, q >>= 8)
        s[i] = (uint8_t)q;
    if (d->s->bulk == GT_BULK_CHACHA) {
        memcpy(nonce, d->iv, 12);
        for (int i = 0; i < 8; i++)
            nonce[4 + i] ^= s[i];
        return;
    }
    memcpy(nonce, d->iv, 4);
    memcpy(nonce + 4, s, 8);
    memcpy(expl, s, 8);
}

static int aead(const gt_sp_dir *d, int enc, const uint8_t nonce[12], const uint8_t ad[13],
                const uint8_t *in, size_t n, uint8_t *out, uint8_t tag[16])
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int len = 0, ok = c != NULL && EVP_CipherInit_ex(c, cipher(d->s), NULL, NULL, NULL, enc) == 1 &&
                      EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 1 &&
                      EVP_CipherInit_ex(c, NULL, NULL, d->key, nonce, enc) == 1 &&
                      EVP_CipherUpdate(c, NULL, &len, ad, 13) == 1 &&
                      (n == 0 || EVP_CipherUpdate(c, out, &len, in, (int)n) == 1);
    if (ok && !enc) ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, tag) == 1;
    uint8_t fin[16];
    if (ok) ok = EVP_CipherFinal_ex(c, fin, &len) == 1;
    if (ok && enc) ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, tag) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

static int cbc(const gt_sp_dir *d, int enc, const uint8_t iv[16], const uint8_t *in, size_t n,
               uint8_t *out)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int len = 0, ok = c != NULL && EVP_CipherInit_ex(c, cipher(d->s), NULL, d->key, iv, enc) == 1 &&
                      EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
                      EVP_CipherUpdate(c, out, &len, in, (int)n) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok && (size_t)len == n ? 0 : -1;
}

static size_t hmac(const gt_sp_dir *d, const uint8_t hdr[13], const uint8_t *a, size_t an,
                   const uint8_t *b, size_t bn, uint8_t *out)
{
    gt_wbuf m = {0};
    unsigned len = 0;
    const EVP_MD *md = mac_md(d->s->mac);
    gt_wbuf_put(&m, hdr, 13);
    gt_wbuf_put(&m, a, an);
    gt_wbuf_put(&m, b, bn);
    HMAC(md, d->mac_key, EVP_MD_get_size(md), m.p, m.n, out, &len);
    gt_wbuf_free(&m);
    return len;
}

static int seal_aead(gt_sp_dir *d, const uint8_t ad[13], const uint8_t *p, size_t n, gt_wbuf *f)
{
    uint8_t nonce[12], expl[8], tag[16];
    aead_nonce(d, nonce, expl);
    if (d->s->bulk != GT_BULK_CHACHA) gt_wbuf_put(f, expl, 8);
    size_t at = f->n;
    gt_wbuf_fill(f, 0, n);
    if (aead(d, 1, nonce, ad, p, n, f->p + at, tag) != 0) return -1;
    gt_wbuf_put(f, tag, 16);
    return 0;
}

/* RFC 5246 §6.2.3.2: padding_length + 1 bytes of value padding_length,
 * any length up to 255 that makes a whole number of blocks. */
static void cbc_pad(gt_wbuf *pl, const gt_sp_tamper *t)
{
    size_t pad = (16 - (pl->n + 1) % 16) % 16;
    if (t->pad_extra) pad += 16 * (size_t)t->pad_extra;
    if (t->pad_max) pad += 16 * ((255 - pad) / 16);
    gt_wbuf_fill(pl, (uint8_t)pad, pad + 1);
    if (t->pad_bad && pad > 0) pl->p[pl->n - 2] ^= 0x01;
    if (t->pad_overlong) pl->p[pl->n - 1] = 255;
}

/* RFC 5246 §6.2.3.2 (MAC-then-encrypt) and RFC 7366 §3 (encrypt-then-MAC). */
static int seal_cbc(gt_sp_dir *d, uint8_t type, uint16_t ver, const uint8_t *p, size_t n,
                    const gt_sp_tamper *t, gt_wbuf *f)
{
    uint8_t iv[16], hdr[13], mac[64];
    gt_wbuf pl = {0};
    size_t ml;
    RAND_bytes(iv, 16);
    gt_wbuf_put(&pl, p, n);
    if (!d->etm && !t->no_mac) {
        seq_hdr(hdr, d->seq, type, ver, n);
        ml = hmac(d, hdr, p, n, NULL, 0, mac);
        if (t->flip_mac) mac[0] ^= 0x01;
        gt_wbuf_put(&pl, mac, ml);
    }
    cbc_pad(&pl, t);
    gt_wbuf_put(f, iv, 16);
    size_t at = f->n;
    gt_wbuf_fill(f, 0, pl.n);
    int rc = cbc(d, 1, iv, pl.p, pl.n, f->p + at);
    if (rc == 0 && d->etm) {
        seq_hdr(hdr, d->seq, type, ver, pl.n + 16);
        ml = hmac(d, hdr, iv, 16, f->p + at, pl.n, mac);
        if (t->flip_mac) mac[0] ^= 0x01;
        gt_wbuf_put(f, mac, ml);
    }
    gt_wbuf_free(&pl);
    return rc;
}

int gt_sp_seal(gt_sp_dir *d, uint8_t type, uint16_t version, const uint8_t *p, size_t n,
               const gt_sp_tamper *t, gt_wbuf *frag)
{
    static const gt_sp_tamper none;
    uint8_t ad[13];
    int rc;
    if (t == NULL) t = &none;
    gt_wbuf_reset(frag);
    if (!d->active) {
        gt_wbuf_put(frag, p, n);
        return 0;
    }
    if (d->s->mac == GT_MAC_AEAD) {
        seq_hdr(ad, d->seq, type, version, n);
        rc = seal_aead(d, ad, p, n, frag);
    } else {
        rc = seal_cbc(d, type, version, p, n, t, frag);
    }
    d->seq++;
    size_t skip = d->s->bulk == GT_BULK_CHACHA ? 0 : d->s->mac == GT_MAC_AEAD ? 8 : 16;
    if (t->flip_first && frag->n > skip) frag->p[skip] ^= 0x01;
    if (t->flip_last && frag->n > 0) frag->p[frag->n - 1] ^= 0x01;
    if (t->truncate) frag->n = frag->n > (size_t)t->truncate ? frag->n - (size_t)t->truncate : 0;
    return rc;
}

static int open_aead(gt_sp_dir *d, uint8_t type, uint16_t ver, const uint8_t *f, size_t n,
                     gt_wbuf *out)
{
    uint8_t nonce[12], expl[8], ad[13], tag[16];
    size_t ex = d->s->bulk == GT_BULK_CHACHA ? 0 : 8;
    if (n < ex + 16) return -1;
    aead_nonce(d, nonce, expl);
    if (ex) memcpy(nonce + 4, f, 8); /* RFC 5288 §3: explicit nonce is sent */
    size_t cl = n - ex - 16;
    seq_hdr(ad, d->seq, type, ver, cl);
    memcpy(tag, f + n - 16, 16);
    gt_wbuf_fill(out, 0, cl);
    return aead(d, 0, nonce, ad, f + ex, cl, out->p, tag);
}

/* The peer is not the implementation under test: its CBC check need not be
 * constant time, only correct. */
static int open_cbc(gt_sp_dir *d, uint8_t type, uint16_t ver, const uint8_t *f, size_t n,
                    gt_wbuf *out)
{
    uint8_t hdr[13], mac[64];
    size_t ml = (size_t)EVP_MD_get_size(mac_md(d->s->mac));
    if (d->etm) {
        if (n < 16 + 16 + ml || (n - ml) % 16 != 0) return -1;
        seq_hdr(hdr, d->seq, type, ver, n - ml);
        hmac(d, hdr, f, 16, f + 16, n - ml - 16, mac);
        if (CRYPTO_memcmp(mac, f + n - ml, ml) != 0) return -1;
        n -= ml;
    } else if (n < 32 || n % 16 != 0) {
        return -1;
    }
    gt_wbuf_fill(out, 0, n - 16);
    if (cbc(d, 0, f, f + 16, n - 16, out->p) != 0) return -1;
    size_t pad = out->p[out->n - 1];
    if (pad + 1 > out->n) return -1;
    for (size_t i = 0; i <= pad; i++)
        if (out->p[out->n - 1 - i] != pad) return -1;
    out->n -= pad + 1;
    if (d->etm) return 0;
    if (out->n < ml) return -1;
    out->n -= ml;
    seq_hdr(hdr, d->seq, type, ver, out->n);
    hmac(d, hdr, out->p, out->n, NULL, 0, mac);
    return CRYPTO_memcmp(mac, out->p + out->n, ml) == 0 ? 0 : -1;
}

int gt_sp_open(gt_sp_dir *d, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
               gt_wbuf *plain)
{
    gt_wbuf_reset(plain);
    if (!d->active) {
        gt_wbuf_put(plain, frag, n);
        return 0;
    }
    int rc = d->s->mac == GT_MAC_AEAD ? open_aead(d, type, version, frag, n, plain)
                                      : open_cbc(d, type, version, frag, n, plain);
    d->seq++;
    return rc;
}
