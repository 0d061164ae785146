/* Wycheproof mac_test_schema_v1.json: HMAC-SHA-1/224/256/384/512, including
 * truncated tags (group "tagSize" in bits, shorter than the hash output).
 * This is also the reference example of a handler (see wycheproof.h). */
#include <string.h>

#include "gt/crypto/hash.h"
#include "wycheproof.h"

/* "HMACSHA256" -> the SHA-256 descriptor. */
static const gt_hash *mac_hash(const char *alg)
{
    static const struct {
        const char *name;
        const gt_hash *h;
    } map[] = {
        {"HMACSHA1", &gt_hash_sha1},     {"HMACSHA224", &gt_hash_sha224},
        {"HMACSHA256", &gt_hash_sha256}, {"HMACSHA384", &gt_hash_sha384},
        {"HMACSHA512", &gt_hash_sha512},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (alg && strcmp(alg, map[i].name) == 0) return map[i].h;
    }
    return NULL;
}

int wy_mac(wy_test *t)
{
    const gt_hash *h = mac_hash(t->algorithm);
    if (!h) return wy_unsupported(t, "MAC algorithm not implemented");
    size_t key_len, msg_len, tag_len;
    const uint8_t *key = wy_hex(t, t->test, "key", &key_len);
    const uint8_t *msg = wy_hex(t, t->test, "msg", &msg_len);
    const uint8_t *tag = wy_hex(t, t->test, "tag", &tag_len);
    long tag_bits = wy_int(t, t->group, "tagSize");
    if (!key || !msg || !tag || tag_bits < 0) return WY_BAD;
    if (tag_bits % 8 != 0 || (size_t)tag_bits / 8 > h->out_len)
        return wy_unsupported(t, "tagSize not a whole number of bytes <= hash length");

    uint8_t mac[GT_HASH_MAX_LEN];
    gt_hmac(h, key, key_len, msg, msg_len, mac);
    /* A truncated MAC is the leftmost tagSize bits (RFC 2104 §5). The test's
     * tag may itself have the wrong length (invalid cases): then it cannot
     * match. */
    size_t want = (size_t)tag_bits / 8;
    if (tag_len != want) {
        wy_detail(t, "tag is %zu bytes, group tagSize is %zu bytes", tag_len, want);
        return WY_MISMATCH;
    }
    if (memcmp(mac, tag, want) != 0) {
        wy_diff(t, "tag", mac, tag, want);
        return WY_MISMATCH;
    }
    return WY_OK;
}
