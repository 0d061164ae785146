/* tlsgauntlet — the IUT's cryptographic primitives (umbrella header). */
#ifndef GT_CRYPTO_H
#define GT_CRYPTO_H

#include "gt/crypto/hash.h"
#include "gt/crypto/rng.h"
#include "gt/crypto/drbg.h"
#include "gt/crypto/aes.h"
#include "gt/crypto/chacha.h"
#include "gt/crypto/rsa.h"
#include "gt/crypto/ec.h"
#include "gt/crypto/x25519.h"

#endif
