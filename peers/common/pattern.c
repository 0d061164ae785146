/*
 * Payload pattern and its digest. SHA-256 comes from OpenSSL's libcrypto:
 * the check must not depend on the implementation under test.
 */
#include "pattern.h"

#include <openssl/evp.h>
#include <stdlib.h>

void gt_peer_pattern(uint8_t *buf, size_t n, uint64_t offset)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(((offset + i) * 131u + 7u) & 0xffu);
}

struct gt_peer_sha {
    EVP_MD_CTX *md;
};

gt_peer_sha *gt_peer_sha_new(void)
{
    gt_peer_sha *h = malloc(sizeof(*h));
    if (h == NULL) abort();
    h->md = EVP_MD_CTX_new();
    if (h->md == NULL || EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1) abort();
    return h;
}

void gt_peer_sha_update(gt_peer_sha *h, const uint8_t *p, size_t n)
{
    if (EVP_DigestUpdate(h->md, p, n) != 1) abort();
}

void gt_peer_sha_final(gt_peer_sha *h, uint8_t out[32])
{
    unsigned int len = 32;
    if (EVP_DigestFinal_ex(h->md, out, &len) != 1 || len != 32) abort();
    EVP_MD_CTX_free(h->md);
    free(h);
}
