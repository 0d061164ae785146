/*
 * Code points transcribed from the IANA TLS registries: cipher suites from
 * RFC 5246 App. C, RFC 5288, RFC 5289, RFC 8422 §6 and RFC 7905 §2; groups
 * from RFC 8422 §5.1.1 and RFC 7748 (x25519 = 29); SignatureSchemes from
 * RFC 8446 §4.2.3 (which TLS 1.2 peers read as hash+signature pairs,
 * RFC 5246 §7.4.1.4.1).
 */
#include "suites.h"

#include <string.h>

const gt_peer_suite gt_peer_suites[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024, GT_PEER_KX_ECDHE_ECDSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027, GT_PEER_KX_ECDHE_RSA},
    {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028, GT_PEER_KX_ECDHE_RSA},
    {"TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C, GT_PEER_KX_RSA},
    {"TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D, GT_PEER_KX_RSA},
    {"TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F, GT_PEER_KX_RSA},
    {"TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035, GT_PEER_KX_RSA},
    {"TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C, GT_PEER_KX_RSA},
    {"TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D, GT_PEER_KX_RSA},
};
const size_t gt_peer_n_suites = sizeof(gt_peer_suites) / sizeof(gt_peer_suites[0]);

const gt_peer_group gt_peer_groups[] = {
    {"x25519", 29},
    {"secp256r1", 23},
    {"secp384r1", 24},
};
const size_t gt_peer_n_groups = sizeof(gt_peer_groups) / sizeof(gt_peer_groups[0]);

const gt_peer_sigalg gt_peer_sigalgs[] = {
    {"rsa_pkcs1_sha256", 0x0401},
    {"rsa_pkcs1_sha384", 0x0501},
    {"rsa_pkcs1_sha512", 0x0601},
    {"ecdsa_secp256r1_sha256", 0x0403},
    {"ecdsa_secp384r1_sha384", 0x0503},
    {"ecdsa_secp521r1_sha512", 0x0603},
    {"rsa_pss_rsae_sha256", 0x0804},
    {"rsa_pss_rsae_sha384", 0x0805},
    {"rsa_pss_rsae_sha512", 0x0806},
    {"rsa_pkcs1_sha1", 0x0201},
    {"ecdsa_sha1", 0x0203},
};
const size_t gt_peer_n_sigalgs = sizeof(gt_peer_sigalgs) / sizeof(gt_peer_sigalgs[0]);

const gt_peer_suite *gt_peer_suite_by_name(const char *iana)
{
    for (size_t i = 0; i < gt_peer_n_suites; i++)
        if (strcmp(gt_peer_suites[i].iana, iana) == 0) return &gt_peer_suites[i];
    return NULL;
}

const gt_peer_suite *gt_peer_suite_by_code(uint16_t code)
{
    for (size_t i = 0; i < gt_peer_n_suites; i++)
        if (gt_peer_suites[i].code == code) return &gt_peer_suites[i];
    return NULL;
}

const gt_peer_group *gt_peer_group_by_name(const char *name)
{
    for (size_t i = 0; i < gt_peer_n_groups; i++)
        if (strcmp(gt_peer_groups[i].name, name) == 0) return &gt_peer_groups[i];
    return NULL;
}

const gt_peer_group *gt_peer_group_by_code(uint16_t code)
{
    for (size_t i = 0; i < gt_peer_n_groups; i++)
        if (gt_peer_groups[i].code == code) return &gt_peer_groups[i];
    return NULL;
}

const gt_peer_sigalg *gt_peer_sigalg_by_name(const char *name)
{
    for (size_t i = 0; i < gt_peer_n_sigalgs; i++)
        if (strcmp(gt_peer_sigalgs[i].name, name) == 0) return &gt_peer_sigalgs[i];
    return NULL;
}
