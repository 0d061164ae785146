/* Suite, group and signature-algorithm tables, and the names the public API
 * exposes. Code points from the IANA TLS registries: suites RFC 5289 §3.2
 * (ECDHE + AES-GCM) and RFC 7905 §2 (ChaCha20-Poly1305); groups RFC 8422
 * §5.1.1 and RFC 8422 §5.1.1 / RFC 7748 (x25519 = 29); SignatureSchemes
 * RFC 8446 §4.2.3, read by TLS 1.2 as hash+signature pairs (RFC 5246
 * §7.4.1.4.1). */
#include "handshake/suites.h"

#include <string.h>

#include "gt/gt.h"
#include "gt/crypto/ec.h"

static const gt_suite_info suites[] = {
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_GCM, 16, 4,
     0, NULL, &gt_hash_sha256},
    {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_GCM, 32, 4,
     0, NULL, &gt_hash_sha384},
    {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", GT_KX_ECDHE_ECDSA,
     GT_CIPHER_CHACHA_POLY, 32, 12, 0, NULL, &gt_hash_sha256},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GT_KX_ECDHE_RSA, GT_CIPHER_AES_GCM, 16, 4, 0,
     NULL, &gt_hash_sha256},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", GT_KX_ECDHE_RSA, GT_CIPHER_AES_GCM, 32, 4, 0,
     NULL, &gt_hash_sha384},
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", GT_KX_ECDHE_RSA, GT_CIPHER_CHACHA_POLY,
     32, 12, 0, NULL, &gt_hash_sha256},
    /* CBC with HMAC (rec_cbc.c): RFC 8422 §6 (SHA-1 MAC), RFC 5289 §3.1
     * (SHA-256/384 MAC, and that PRF). TLS 1.2 CBC uses an explicit IV:
     * no fixed IV from the key block (RFC 5246 §6.3). */
    {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_CBC, 16, 0,
     20, &gt_hash_sha1, &gt_hash_sha256},
    {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_CBC, 32, 0,
     20, &gt_hash_sha1, &gt_hash_sha256},
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_CBC, 16, 0,
     32, &gt_hash_sha256, &gt_hash_sha256},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", GT_KX_ECDHE_ECDSA, GT_CIPHER_AES_CBC, 32, 0,
     48, &gt_hash_sha384, &gt_hash_sha384},
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", GT_KX_ECDHE_RSA, GT_CIPHER_AES_CBC, 16, 0, 20,
     &gt_hash_sha1, &gt_hash_sha256},
    {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", GT_KX_ECDHE_RSA, GT_CIPHER_AES_CBC, 32, 0, 20,
     &gt_hash_sha1, &gt_hash_sha256},
    {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", GT_KX_ECDHE_RSA, GT_CIPHER_AES_CBC, 16, 0, 32,
     &gt_hash_sha256, &gt_hash_sha256},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", GT_KX_ECDHE_RSA, GT_CIPHER_AES_CBC, 32, 0, 48,
     &gt_hash_sha384, &gt_hash_sha384},
    /* RSA key transport (kex_rsa.c): RFC 5288 §3 (GCM), RFC 5246 App. A.5
     * (CBC). Off by default: no forward secrecy, and the Bleichenbacher
     * surface; GT_OPT_RSA_KX or an explicit suite list enables them. */
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", GT_KX_RSA, GT_CIPHER_AES_GCM, 16, 4, 0, NULL,
     &gt_hash_sha256},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", GT_KX_RSA, GT_CIPHER_AES_GCM, 32, 4, 0, NULL,
     &gt_hash_sha384},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", GT_KX_RSA, GT_CIPHER_AES_CBC, 16, 0, 20, &gt_hash_sha1,
     &gt_hash_sha256},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", GT_KX_RSA, GT_CIPHER_AES_CBC, 32, 0, 20, &gt_hash_sha1,
     &gt_hash_sha256},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", GT_KX_RSA, GT_CIPHER_AES_CBC, 16, 0, 32,
     &gt_hash_sha256, &gt_hash_sha256},
    {0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", GT_KX_RSA, GT_CIPHER_AES_CBC, 32, 0, 32,
     &gt_hash_sha256, &gt_hash_sha256},
};

static const gt_sigalg_info sigalgs[] = {
    {0x0804, "rsa_pss_rsae_sha256", GT_SIG_RSA_PSS, &gt_hash_sha256, 0},
    {0x0805, "rsa_pss_rsae_sha384", GT_SIG_RSA_PSS, &gt_hash_sha384, 0},
    {0x0806, "rsa_pss_rsae_sha512", GT_SIG_RSA_PSS, &gt_hash_sha512, 0},
    {0x0401, "rsa_pkcs1_sha256", GT_SIG_RSA_PKCS1, &gt_hash_sha256, 0},
    {0x0501, "rsa_pkcs1_sha384", GT_SIG_RSA_PKCS1, &gt_hash_sha384, 0},
    {0x0601, "rsa_pkcs1_sha512", GT_SIG_RSA_PKCS1, &gt_hash_sha512, 0},
    {0x0403, "ecdsa_secp256r1_sha256", GT_SIG_ECDSA, &gt_hash_sha256, 0},
    {0x0503, "ecdsa_secp384r1_sha384", GT_SIG_ECDSA, &gt_hash_sha384, 0},
    {0x0201, "rsa_pkcs1_sha1", GT_SIG_RSA_PKCS1, &gt_hash_sha1, 1},
    {0x0203, "ecdsa_sha1", GT_SIG_ECDSA, &gt_hash_sha1, 1},
};

static const gt_group_info groups[] = {
    {GT_GROUP_X25519, "x25519", 0, 32},
    {GT_GROUP_SECP256R1, "secp256r1", GT_EC_P256, 65},
    {GT_GROUP_SECP384R1, "secp384r1", GT_EC_P384, 97},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Strongest first: AES-256 before AES-128 before ChaCha20 (ChaCha20 is the
 * better choice only without AES hardware; a deployment preferring it sets
 * its own list), ECDSA before RSA at equal strength. */
const uint16_t gt_default_suites[] = {0xC02C, 0xC030, 0xC02B, 0xC02F, 0xCCA9, 0xCCA8};
const size_t gt_default_suites_n = N(gt_default_suites);
/* Not in the defaults (see the table): what GT_OPT_RSA_KX appends, AEAD
 * first. The CBC suites are off by default too: AEAD only, as in Mozilla's
 * "intermediate" TLS 1.2 profile, and the default ClientHello (and so the
 * recorded transcripts) stays the part-1 one; gt_config_set_suites enables
 * them, at whatever preference the caller lists them. */
const uint16_t gt_rsa_kx_suites[] = {0x009D, 0x009C, 0x003D, 0x0035, 0x003C, 0x002F};
const size_t gt_rsa_kx_suites_n = N(gt_rsa_kx_suites);
const uint16_t gt_default_groups[] = {GT_GROUP_X25519, GT_GROUP_SECP256R1, GT_GROUP_SECP384R1};
const size_t gt_default_groups_n = N(gt_default_groups);
const uint16_t gt_default_sigalgs[] = {0x0403, 0x0503, 0x0804, 0x0805, 0x0806,
                                       0x0401, 0x0501, 0x0601, 0x0201, 0x0203};
const size_t gt_default_sigalgs_n = N(gt_default_sigalgs);

const gt_suite_info *gt_suite_info_get(uint16_t id)
{
    for (size_t i = 0; i < N(suites); i++)
        if (suites[i].id == id) return &suites[i];
    return NULL;
}

const gt_sigalg_info *gt_sigalg_info_get(uint16_t id)
{
    for (size_t i = 0; i < N(sigalgs); i++)
        if (sigalgs[i].id == id) return &sigalgs[i];
    return NULL;
}

const gt_group_info *gt_group_info_get(uint16_t id)
{
    for (size_t i = 0; i < N(groups); i++)
        if (groups[i].id == id) return &groups[i];
    return NULL;
}

/* X25519 comes from its own module (tls/crypto/x25519.c); a tree without
 * it still builds and simply does not offer the group. */
#if __has_include("gt/crypto/x25519.h")
#define HAVE_X25519 1
#else
#define HAVE_X25519 0
#endif

int gt_group_available(uint16_t id)
{
    if (!gt_group_info_get(id)) return 0;
    return id != GT_GROUP_X25519 || HAVE_X25519;
}

const char *gt_suite_name(uint16_t suite)
{
    const gt_suite_info *s = gt_suite_info_get(suite);
    return s ? s->name : NULL;
}

const char *gt_group_name(uint16_t group)
{
    const gt_group_info *g = gt_group_info_get(group);
    return g ? g->name : NULL;
}

const char *gt_sigalg_name(uint16_t sigalg)
{
    const gt_sigalg_info *s = gt_sigalg_info_get(sigalg);
    return s ? s->name : NULL;
}

uint16_t gt_suite_by_name(const char *name)
{
    for (size_t i = 0; name && i < N(suites); i++)
        if (strcmp(suites[i].name, name) == 0) return suites[i].id;
    return 0;
}

uint16_t gt_group_by_name(const char *name)
{
    for (size_t i = 0; name && i < N(groups); i++)
        if (strcmp(groups[i].name, name) == 0) return groups[i].id;
    return 0;
}

uint16_t gt_sigalg_by_name(const char *name)
{
    for (size_t i = 0; name && i < N(sigalgs); i++)
        if (strcmp(sigalgs[i].name, name) == 0) return sigalgs[i].id;
    return 0;
}
