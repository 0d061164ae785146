/* Fuzz target diff_crypto: the IUT's primitives against OpenSSL's libcrypto
 * on fuzzer-chosen inputs (cryptofuzz-style). Any mismatch in output, or in
 * accept/reject, aborts.
 *
 * Aims at: gt_hash_digest and the incremental SHA-1/SHA-2 updates
 * (tls/crypto/sha*.c, hash.c), gt_hmac (hmac.c), gt_gcm_seal/gt_gcm_open
 * (gcm.c, gcm_clmul.c, gcm_vaes.c, ghash_ct.c, aes*.c),
 * gt_chacha20poly1305_seal/_open (chacha20*.c, poly1305*.c),
 * gt_aes_cbc_encrypt/_decrypt (cbc.c), gt_ec_pub_from_priv,
 * gt_ecdsa_sign, gt_ecdsa_verify (ec.c, p256.c, p384.c, ecdsa.c, ec_scalar.c),
 * gt_rsa_pkcs1_verify, gt_rsa_pss_verify_ex (rsa_pkcs1.c, rsa_pss.c, bn*.c).
 *
 * Input: op (1 byte) selects the operation; the rest is parsed by it
 * (fz_in: short inputs read as zeros). Signature checks start from a valid
 * signature and apply fuzzer-chosen byte edits: for RSA to the encoded
 * message before the raw private operation (so both verifiers see padding
 * that is almost right), for ECDSA to the DER signature.
 *
 * fuzz-needs: openssl
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "driver/fuzz.h"
#include "gt/gt_crypto.h"
#include "gt/gt_x509.h"

#define MAX_MSG 4096

static const gt_hash *const iut_hashes[] = {&gt_hash_sha1, &gt_hash_sha224, &gt_hash_sha256,
                                            &gt_hash_sha384, &gt_hash_sha512};

static const EVP_MD *ossl_md(size_t i)
{
    switch (i) {
    case 0:
        return EVP_sha1();
    case 1:
        return EVP_sha224();
    case 2:
        return EVP_sha256();
    case 3:
        return EVP_sha384();
    default:
        return EVP_sha512();
    }
}

static void same(const char *what, const uint8_t *a, const uint8_t *b, size_t n)
{
    if (memcmp(a, b, n) != 0) fz_fail("diff_crypto: %s differs from OpenSSL", what);
}

static void agree(const char *what, int iut_ok, int ossl_ok)
{
    if (!!iut_ok != !!ossl_ok)
        fz_fail("diff_crypto: %s: IUT %s, OpenSSL %s", what, iut_ok ? "accepts" : "rejects",
                ossl_ok ? "accepts" : "rejects");
}

/* ---- hashes and HMAC ---------------------------------------------------- */

static void op_hash(fz_in *in)
{
    size_t h = fz_u8(in) % 5, split = fz_u16(in), n;
    const uint8_t *msg = fz_bytes(in, MAX_MSG, &n);
    uint8_t a[64], b[64], c[64];
    gt_hash_digest(iut_hashes[h], msg, n, a);
    /* incremental, cut at a fuzzer-chosen point */
    gt_hash_ctx ctx;
    split = n ? split % (n + 1) : 0;
    iut_hashes[h]->init(&ctx);
    iut_hashes[h]->update(&ctx, msg, split);
    iut_hashes[h]->update(&ctx, msg + split, n - split);
    iut_hashes[h]->final(&ctx, b);
    unsigned len = 0;
    if (!EVP_Digest(msg, n, c, &len, ossl_md(h), NULL) || len != iut_hashes[h]->out_len) abort();
    same("hash", a, c, len);
    same("incremental hash", b, c, len);
}

static void op_hmac(fz_in *in)
{
    size_t h = fz_u8(in) % 5, klen, n;
    const uint8_t *key = fz_bytes(in, fz_u8(in), &klen);
    const uint8_t *msg = fz_bytes(in, MAX_MSG, &n);
    uint8_t a[64], b[64];
    unsigned len = 0;
    gt_hmac(iut_hashes[h], key, klen, msg, n, a);
    if (!HMAC(ossl_md(h), key, (int)klen, msg, n, b, &len)) abort();
    same("HMAC", a, b, len);
}

/* ---- AEADs and CBC ---------------------------------------------------- */

typedef struct {
    uint8_t key[32], iv[64];
    size_t key_len, iv_len, tag_len, aad_len, len;
    const uint8_t *aad, *msg;
    uint16_t flip; /* 0: open the sealed text as is; else corrupt byte flip-1 */
} aead_case;

static void read_aead(fz_in *in, aead_case *c, size_t key_len, size_t iv_len, size_t tag_len)
{
    memset(c, 0, sizeof *c);
    c->key_len = key_len;
    c->iv_len = iv_len;
    c->tag_len = tag_len;
    fz_copy(in, c->key, key_len);
    fz_copy(in, c->iv, iv_len);
    c->flip = fz_u16(in);
    c->aad = fz_bytes(in, fz_u8(in), &c->aad_len);
    c->msg = fz_bytes(in, MAX_MSG, &c->len);
}

/* OpenSSL EVP AEAD, one shot. Returns 1 on success (open: tag good). */
static int ossl_aead(const EVP_CIPHER *cipher, const aead_case *c, int enc, const uint8_t *in,
                     uint8_t *out, uint8_t *tag)
{
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int ok = 0, n = 0;
    if (!x || !EVP_CipherInit_ex(x, cipher, NULL, NULL, NULL, enc) ||
        !EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_IVLEN, (int)c->iv_len, NULL) ||
        !EVP_CipherInit_ex(x, NULL, NULL, c->key, c->iv, enc))
        abort();
    if (!enc && !EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_TAG, (int)c->tag_len, tag)) abort();
    if ((c->aad_len && !EVP_CipherUpdate(x, NULL, &n, c->aad, (int)c->aad_len)) ||
        (c->len && !EVP_CipherUpdate(x, out, &n, in, (int)c->len)))
        abort();
    ok = EVP_CipherFinal_ex(x, out + n, &n) == 1;
    if (enc && (!ok || !EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, (int)c->tag_len, tag)))
        abort();
    EVP_CIPHER_CTX_free(x);
    return ok;
}

/* Corrupts one byte of ciphertext, tag or AAD (a copy) when flip says so. */
static void corrupt(aead_case *c, uint8_t *ct, uint8_t *tag, uint8_t *aad_copy)
{
    if (!c->flip) return;
    size_t at = (size_t)(c->flip - 1) % (c->len + c->tag_len + c->aad_len);
    uint8_t x = (uint8_t)(1u << (c->flip >> 13));
    if (at < c->len)
        ct[at] ^= x;
    else if (at < c->len + c->tag_len)
        tag[at - c->len] ^= x;
    else {
        memcpy(aad_copy, c->aad, c->aad_len);
        aad_copy[at - c->len - c->tag_len] ^= x;
        c->aad = aad_copy;
    }
}

static const EVP_CIPHER *gcm_cipher(size_t key_len)
{
    return key_len == 16   ? EVP_aes_128_gcm()
           : key_len == 24 ? EVP_aes_192_gcm()
                           : EVP_aes_256_gcm();
}

static void op_gcm(fz_in *in)
{
    static const size_t key_lens[] = {16, 24, 32}, tag_lens[] = {16, 12, 13, 14, 15, 8, 4};
    uint8_t sel = fz_u8(in);
    size_t iv_len = sel & 0x40 ? 1 + fz_u8(in) % 64 : 12;
    aead_case c;
    read_aead(in, &c, key_lens[sel % 3], iv_len, tag_lens[(sel >> 2) % 7]);
    uint8_t ct[MAX_MSG], ct2[MAX_MSG], pt[MAX_MSG], pt2[MAX_MSG], tag[16], tag2[16], aad[256];
    gt_gcm_key k;
    if (gt_gcm_init(&k, c.key, c.key_len) != 0) abort();
    if (gt_gcm_seal(&k, c.iv, c.iv_len, c.aad, c.aad_len, c.msg, c.len, ct, tag, c.tag_len))
        fz_fail("diff_crypto: gt_gcm_seal failed");
    ossl_aead(gcm_cipher(c.key_len), &c, 1, c.msg, ct2, tag2);
    same("GCM ciphertext", ct, ct2, c.len);
    same("GCM tag", tag, tag2, c.tag_len);
    corrupt(&c, ct, tag, aad);
    memcpy(tag2, tag, c.tag_len);
    int a = gt_gcm_open(&k, c.iv, c.iv_len, c.aad, c.aad_len, ct, c.len, tag, c.tag_len, pt) == 0;
    int b = ossl_aead(gcm_cipher(c.key_len), &c, 0, ct, pt2, tag2);
    agree("GCM open", a, b);
    if (a) same("GCM plaintext", pt, pt2, c.len);
    gt_gcm_free(&k);
}

static void op_chacha(fz_in *in)
{
    aead_case c;
    read_aead(in, &c, 32, 12, 16);
    uint8_t ct[MAX_MSG], ct2[MAX_MSG], pt[MAX_MSG], pt2[MAX_MSG], tag[16], tag2[16], aad[256];
    if (gt_chacha20poly1305_seal(c.key, c.iv, c.aad, c.aad_len, c.msg, c.len, ct, tag))
        fz_fail("diff_crypto: gt_chacha20poly1305_seal failed");
    ossl_aead(EVP_chacha20_poly1305(), &c, 1, c.msg, ct2, tag2);
    same("ChaCha20-Poly1305 ciphertext", ct, ct2, c.len);
    same("ChaCha20-Poly1305 tag", tag, tag2, 16);
    corrupt(&c, ct, tag, aad);
    memcpy(tag2, tag, 16);
    int a = gt_chacha20poly1305_open(c.key, c.iv, c.aad, c.aad_len, ct, c.len, tag, pt) == 0;
    int b = ossl_aead(EVP_chacha20_poly1305(), &c, 0, ct, pt2, tag2);
    agree("ChaCha20-Poly1305 open", a, b);
    if (a) same("ChaCha20-Poly1305 plaintext", pt, pt2, c.len);
}

static void op_cbc(fz_in *in)
{
    static const size_t key_lens[] = {16, 24, 32};
    size_t klen = key_lens[fz_u8(in) % 3], n;
    uint8_t key[32] = {0}, iv[16] = {0}, iv2[16], out[MAX_MSG], back[MAX_MSG], ref[MAX_MSG];
    fz_copy(in, key, klen);
    fz_copy(in, iv, 16);
    const uint8_t *msg = fz_bytes(in, MAX_MSG, &n);
    n -= n % 16;
    gt_aes_key k;
    if (gt_aes_init(&k, key, klen) != 0) abort();
    memcpy(iv2, iv, 16);
    if (gt_aes_cbc_encrypt(&k, iv2, msg, out, n) != 0)
        fz_fail("diff_crypto: gt_aes_cbc_encrypt failed");
    const EVP_CIPHER *ci = klen == 16   ? EVP_aes_128_cbc()
                           : klen == 24 ? EVP_aes_192_cbc()
                                        : EVP_aes_256_cbc();
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int m = 0;
    if (!x || !EVP_EncryptInit_ex(x, ci, NULL, key, iv) || !EVP_CIPHER_CTX_set_padding(x, 0) ||
        (n && !EVP_EncryptUpdate(x, ref, &m, msg, (int)n)))
        abort();
    EVP_CIPHER_CTX_free(x);
    same("CBC ciphertext", out, ref, n);
    memcpy(iv2, iv, 16);
    if (gt_aes_cbc_decrypt(&k, iv2, out, back, n) != 0)
        fz_fail("diff_crypto: gt_aes_cbc_decrypt failed");
    same("CBC round trip", back, msg, n);
    gt_aes_free(&k);
}

/* ---- ECDSA ---------------------------------------------------------------- */

static void edit(fz_in *in, uint8_t *buf, size_t len)
{
    unsigned n = fz_u8(in) % 4;
    for (unsigned i = 0; i < n && len; i++) {
        size_t at = fz_u16(in) % len;
        buf[at] ^= fz_u8(in);
    }
}

static void op_ecdsa(fz_in *in)
{
    uint8_t sel = fz_u8(in);
    gt_ec_curve curve = sel & 1 ? GT_EC_P384 : GT_EC_P256;
    size_t slen = gt_ec_scalar_len(curve), plen = gt_ec_pub_len(curve), dlen;
    uint8_t priv[48] = {0}, pub[97], pub2[97], digest[64] = {0}, sig[GT_EC_MAX_SIG_DER];
    fz_copy(in, priv, slen);
    dlen = 1 + (size_t)(sel >> 1) % 64;
    fz_copy(in, digest, dlen);
    int a = gt_ec_pub_from_priv(curve, priv, pub) == 0;
    EC_KEY *ek =
        EC_KEY_new_by_curve_name(curve == GT_EC_P256 ? NID_X9_62_prime256v1 : NID_secp384r1);
    const EC_GROUP *grp = EC_KEY_get0_group(ek);
    BIGNUM *d = BN_bin2bn(priv, (int)slen, NULL);
    EC_POINT *q = EC_POINT_new(grp);
    int b = !BN_is_zero(d) && BN_cmp(d, EC_GROUP_get0_order(grp)) < 0 &&
            EC_POINT_mul(grp, q, d, NULL, NULL, NULL) && EC_KEY_set_public_key(ek, q) &&
            EC_POINT_point2oct(grp, q, POINT_CONVERSION_UNCOMPRESSED, pub2, plen, NULL) == plen;
    agree("EC public key from private", a, b);
    if (a) {
        same("EC public key", pub, pub2, plen);
        size_t sig_len = 0;
        if (gt_ecdsa_sign(curve, &gt_hash_sha256, priv, digest, dlen, NULL, NULL, sig, sizeof sig,
                          &sig_len) != 0)
            fz_fail("diff_crypto: gt_ecdsa_sign failed");
        edit(in, sig, sig_len);
        int va = gt_ecdsa_verify(curve, pub, plen, digest, dlen, sig, sig_len) == 0;
        int vb = ECDSA_verify(0, digest, (int)dlen, sig, (int)sig_len, ek) == 1;
        agree("ECDSA verify", va, vb);
    }
    EC_POINT_free(q);
    BN_free(d);
    EC_KEY_free(ek);
}

/* ---- RSA ------------------------------------------------------------------ */

static struct {
    uint8_t der[4096];
    gt_x509_privkey k;
    gt_rsa_private_key priv;
    gt_rsa_public_key pub;
    EVP_PKEY *pkey;
    size_t len;
} rsa;

static void rsa_setup(void)
{
    if (rsa.pkey) return;
    if (gt_x509_privkey_load(&rsa.k, fz_embedded_rsa_key_pem, fz_embedded_rsa_key_pem_len, rsa.der,
                             sizeof rsa.der) != 0 ||
        rsa.k.type != GT_X509_KEY_RSA)
        fz_fail("diff_crypto: the embedded RSA test key does not load");
    gt_rsa_private_key p = {.n = rsa.k.n.p,
                            .e = rsa.k.e.p,
                            .d = rsa.k.d.p,
                            .p = rsa.k.p.p,
                            .q = rsa.k.q.p,
                            .dp = rsa.k.dp.p,
                            .dq = rsa.k.dq.p,
                            .qinv = rsa.k.qinv.p,
                            .n_len = rsa.k.n.len,
                            .e_len = rsa.k.e.len,
                            .d_len = rsa.k.d.len,
                            .p_len = rsa.k.p.len,
                            .q_len = rsa.k.q.len,
                            .dp_len = rsa.k.dp.len,
                            .dq_len = rsa.k.dq.len,
                            .qinv_len = rsa.k.qinv.len};
    rsa.priv = p;
    rsa.pub = gt_rsa_public_of(&rsa.priv);
    rsa.len = rsa.k.n.len;
    BIO *bio = BIO_new_mem_buf(fz_embedded_rsa_key_pem, (int)fz_embedded_rsa_key_pem_len);
    rsa.pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (!rsa.pkey) abort();
}

/* Raw RSA with OpenSSL: private (sign) or public (recover) without padding. */
static int rsa_raw(int private_op, const uint8_t *in, uint8_t *out)
{
    EVP_PKEY_CTX *x = EVP_PKEY_CTX_new(rsa.pkey, NULL);
    size_t n = rsa.len;
    int ok = x && (private_op ? EVP_PKEY_sign_init(x) : EVP_PKEY_verify_recover_init(x)) == 1 &&
             EVP_PKEY_CTX_set_rsa_padding(x, RSA_NO_PADDING) == 1 &&
             (private_op ? EVP_PKEY_sign(x, out, &n, in, rsa.len)
                         : EVP_PKEY_verify_recover(x, out, &n, in, rsa.len)) == 1 &&
             n == rsa.len;
    EVP_PKEY_CTX_free(x);
    return ok;
}

static int ossl_rsa_verify(int pss, size_t h, size_t mgf, int salt, const uint8_t *digest,
                           const uint8_t *sig)
{
    EVP_PKEY_CTX *x = EVP_PKEY_CTX_new(rsa.pkey, NULL);
    int ok = x && EVP_PKEY_verify_init(x) == 1 &&
             EVP_PKEY_CTX_set_signature_md(x, ossl_md(h)) == 1 &&
             EVP_PKEY_CTX_set_rsa_padding(x, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) == 1;
    if (ok && pss)
        ok = EVP_PKEY_CTX_set_rsa_pss_saltlen(x, salt) == 1 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(x, ossl_md(mgf)) == 1;
    ok = ok && EVP_PKEY_verify(x, sig, rsa.len, digest, iut_hashes[h]->out_len) == 1;
    EVP_PKEY_CTX_free(x);
    return ok;
}

static void op_rsa(fz_in *in)
{
    rsa_setup();
    uint8_t sel = fz_u8(in), digest[64] = {0}, sig[512], em[512];
    int pss = sel & 1;
    size_t h = 1 + (sel >> 1) % 4, mgf = pss && (sel & 0x40) ? 1 + (size_t)fz_u8(in) % 4 : h;
    size_t salt = pss ? (size_t)fz_u8(in) % 65 : 0, sig_len = 0;
    fz_copy(in, digest, iut_hashes[h]->out_len);
    fz_rng_state rs;
    fz_rng_seed(&rs, sel);
    int r = pss ? gt_rsa_pss_sign(&rsa.priv, iut_hashes[h], digest, salt, fz_rng, &rs, sig,
                                  sizeof sig, &sig_len)
                : gt_rsa_pkcs1_sign(&rsa.priv, iut_hashes[h], digest, fz_rng, &rs, sig, sizeof sig,
                                    &sig_len);
    if (r != 0) return; /* e.g. a salt too long for the modulus */
    /* with mgf != h the signature was made with MGF1(h): both verifiers
     * must then reject it unless the edits happen to repair it */
    if (!rsa_raw(0, sig, em)) abort();
    edit(in, em, rsa.len);
    if (em[0] != 0 || !rsa_raw(1, em, sig)) return; /* EM >= n cannot be signed */
    int a = pss ? gt_rsa_pss_verify_ex(&rsa.pub, 0, iut_hashes[h], iut_hashes[mgf], digest, salt,
                                       sig, rsa.len) == 0
                : gt_rsa_pkcs1_verify(&rsa.pub, 0, iut_hashes[h], digest, sig, rsa.len) == 0;
    int b = ossl_rsa_verify(pss, h, mgf, (int)salt, digest, sig);
    agree(pss ? "RSA-PSS verify" : "RSA PKCS#1 v1.5 verify", a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = fz_in_init(data, size);
    switch (fz_u8(&in) % 7) {
    case 0:
        op_hash(&in);
        break;
    case 1:
        op_hmac(&in);
        break;
    case 2:
        op_gcm(&in);
        break;
    case 3:
        op_chacha(&in);
        break;
    case 4:
        op_cbc(&in);
        break;
    case 5:
        op_ecdsa(&in);
        break;
    default:
        op_rsa(&in);
        break;
    }
    return 0;
}
