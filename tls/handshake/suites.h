/* The suite, group and signature-algorithm tables (internal).
 *
 * One row per cipher suite says everything the engine needs to run it: the
 * key exchange, the record protection, the key-block layout and the PRF
 * hash. Part 2 (CBC, RSA key transport) adds rows and enum values; nothing
 * else in the engine switches on a suite's code point. */
#ifndef GT_HS_SUITES_H
#define GT_HS_SUITES_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/hash.h"
#include "record/record.h"

typedef enum {
    GT_KX_ECDHE_ECDSA = 1,
    GT_KX_ECDHE_RSA = 2,
    GT_KX_RSA = 3, /* part 2: RSA key transport */
} gt_kx;

typedef struct {
    uint16_t id;
    const char *name;
    gt_kx kx;
    gt_cipher_type cipher;
    uint8_t key_len;         /* encryption key bytes */
    uint8_t fixed_iv_len;    /* RFC 5246 §6.3 client/server_write_IV bytes */
    uint8_t mac_len;         /* 0 for AEAD suites; the HMAC key length for CBC */
    const gt_hash *mac_hash; /* NULL for AEAD suites */
    const gt_hash *prf_hash; /* RFC 5246 §5: SHA-256 unless the suite says SHA-384 */
} gt_suite_info;

typedef enum { GT_SIG_RSA_PKCS1 = 1, GT_SIG_RSA_PSS = 2, GT_SIG_ECDSA = 3 } gt_sig_type;

typedef struct {
    uint16_t id;
    const char *name;
    gt_sig_type type;
    const gt_hash *hash;
    int sha1; /* only with GT_OPT_ALLOW_SHA1 */
} gt_sigalg_info;

typedef struct {
    uint16_t id;
    const char *name;
    int ec_curve;   /* gt_ec_curve value, 0 for X25519 */
    size_t pub_len; /* length of the key share on the wire */
} gt_group_info;

#define GT_GROUP_X25519    29
#define GT_GROUP_SECP256R1 23
#define GT_GROUP_SECP384R1 24

/* NULL when unknown to the engine. */
const gt_suite_info *gt_suite_info_get(uint16_t id);
const gt_sigalg_info *gt_sigalg_info_get(uint16_t id);
const gt_group_info *gt_group_info_get(uint16_t id);
/* 1 if the group can be used in this build (X25519 needs its module). */
int gt_group_available(uint16_t id);

/* Default preference lists (most preferred first). */
extern const uint16_t gt_default_suites[];
extern const size_t gt_default_suites_n;
extern const uint16_t gt_rsa_kx_suites[]; /* GT_OPT_RSA_KX */
extern const size_t gt_rsa_kx_suites_n;
extern const uint16_t gt_default_groups[];
extern const size_t gt_default_groups_n;
extern const uint16_t gt_default_sigalgs[];
extern const size_t gt_default_sigalgs_n;

#endif
