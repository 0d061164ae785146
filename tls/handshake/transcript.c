/* The handshake transcript hash (RFC 5246 §7.4.9 handshake_messages,
 * RFC 7627 §3 session_hash). The PRF hash is only known once the
 * ServerHello names the suite, so SHA-256 and SHA-384 (the only PRF hashes
 * of the supported suites) both run from the first message; that costs one
 * extra hash over a few kilobytes and needs no buffer. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

void gt_transcript_init(gt_transcript *t)
{
    gt_hash_sha256.init(&t->sha256);
    gt_hash_sha384.init(&t->sha384);
}

void gt_transcript_add(gt_transcript *t, const uint8_t *p, size_t n)
{
    gt_hash_sha256.update(&t->sha256, p, n);
    gt_hash_sha384.update(&t->sha384, p, n);
}

size_t gt_transcript_hash(const gt_transcript *t, const gt_hash *h, uint8_t *out)
{
    gt_hash_ctx copy;
    if (h == &gt_hash_sha384)
        copy = t->sha384;
    else
        copy = t->sha256;
    h = h == &gt_hash_sha384 ? &gt_hash_sha384 : &gt_hash_sha256;
    h->final(&copy, out);
    gt_wipe(&copy, sizeof copy);
    return h->out_len;
}
