/* Shared pieces of the Wycheproof RSA handlers (wy_rsa_*.c): hash lookup
 * and keys from a test group. */
#ifndef GT_WY_RSA_H
#define GT_WY_RSA_H

#include "gt/crypto/rsa.h"
#include "wycheproof.h"

/* The group's "sha" (or another field) as a gt_hash; NULL if unknown. */
const gt_hash *wy_rsa_hash(const cJSON *group, const char *field);
/* group "publicKey": {"modulus", "publicExponent"}. 0 or WY_BAD. */
int wy_rsa_public(wy_test *t, gt_rsa_public_key *k);
/* group "privateKey" with CRT components, or else the PKCS #8 DER in
 * "privateKeyPkcs8". 0, WY_BAD or WY_UNSUPPORTED. */
int wy_rsa_private(wy_test *t, gt_rsa_private_key *k);
/* A deterministic RNG (blinding, padding); ctx unused. */
int wy_rsa_rng(void *ctx, uint8_t *out, size_t n);

#endif
