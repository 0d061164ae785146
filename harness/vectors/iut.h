/* The libgt functions gt-vectors calls, referenced weakly.
 *
 * gt-vectors links libgt whole-archive, so every implemented function is
 * present; a primitive that has not landed yet resolves to NULL instead of
 * breaking the link, and its cases FAIL with "not implemented in libgt"
 * (never pass, never skip). Include this after the gt/crypto headers and
 * test with IUT_HAS(fn) before calling. */
#ifndef GT_VEC_IUT_H
#define GT_VEC_IUT_H

#include "gt/crypto/aes.h"
#include "gt/crypto/chacha.h"
#include "gt/crypto/drbg.h"
#include "gt/crypto/hash.h"

#pragma weak gt_hash_sha1
#pragma weak gt_hash_sha224
#pragma weak gt_hash_sha256
#pragma weak gt_hash_sha384
#pragma weak gt_hash_sha512
#pragma weak gt_hash_digest
#pragma weak gt_hmac
#pragma weak gt_tls12_prf
#pragma weak gt_aes_init
#pragma weak gt_aes_encrypt_block
#pragma weak gt_aes_decrypt_block
#pragma weak gt_aes_free
#pragma weak gt_aes_cbc_encrypt
#pragma weak gt_aes_cbc_decrypt
#pragma weak gt_gcm_init
#pragma weak gt_gcm_free
#pragma weak gt_gcm_seal
#pragma weak gt_gcm_open
#pragma weak gt_chacha20
#pragma weak gt_poly1305_init
#pragma weak gt_poly1305_update
#pragma weak gt_poly1305_final
#pragma weak gt_chacha20poly1305_seal
#pragma weak gt_chacha20poly1305_open
#pragma weak gt_drbg_instantiate
#pragma weak gt_drbg_reseed_with
#pragma weak gt_drbg_generate
#pragma weak gt_drbg_free

/* Non-NULL when the symbol was linked in. The cast through uintptr_t keeps
 * compilers from "always true" warnings. */
#include <stdint.h>
#define IUT_HAS(sym) ((uintptr_t)(const void *)&(sym) != 0)

#endif
