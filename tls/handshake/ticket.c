/* Session tickets (RFC 5077): the server's session state, sealed so that
 * only the server can read or forge it, given to the client to hold.
 *
 * Layout (the structure RFC 5077 §4 recommends, with an AEAD in place of
 * AES-CBC + HMAC):
 *   opaque key_name[16]; opaque nonce[12];
 *   opaque sealed[n];    ChaCha20-Poly1305(key, nonce, aad = key_name,
 *                                          gt_session_encode(state))
 *   opaque tag[16];
 * Keys: random (the config's RNG) name and key; the current key seals
 * until it is `rotate` seconds old, then becomes the previous key, which
 * still opens tickets for one more interval; a key older than two
 * intervals opens nothing (rotation is checked on every use, so a long
 * idle server drops both keys at once). Nonces are random: 96 bits leave
 * collisions out of reach for the tickets one key seals in its interval. */
#include <string.h>

#include "core/ct.h"
#include "gt/crypto/chacha.h"
#include "handshake/hs.h"

#define STATE_MAX 512 /* gt_session_encode's output is at most ~390 bytes */

static int new_key(const gt_config *cfg, gt_ticket_key *k, uint64_t now)
{
    int err = gt_cfg_random(cfg, k->name, sizeof k->name);
    if (!err) err = gt_cfg_random(cfg, k->key, sizeof k->key);
    k->created = now;
    k->valid = !err;
    return err;
}

/* The keys as they stand at `now` (see the header comment). */
static int rotate(const gt_config *cfg, gt_ticket_keys *tk, uint64_t now)
{
    gt_ticket_key *cur = &tk->cur;
    if (cur->valid && now >= cur->created && now - cur->created < tk->rotate) return 0;
    int recent = cur->valid && now >= cur->created && now - cur->created < 2 * (uint64_t)tk->rotate;
    gt_wipe(&tk->prev, sizeof tk->prev);
    if (recent) tk->prev = *cur;
    return new_key(cfg, cur, now);
}

int gt_ticket_seal(const gt_config *cfg, const gt_session *s, uint8_t *out, size_t cap, size_t *len)
{
    gt_ticket_keys *tk = cfg->ticket_keys;
    uint8_t state[STATE_MAX], nonce[GT_TICKET_IV_LEN];
    gt_wr sw = gt_wr_init(state, sizeof state);
    *len = 0;
    if (!tk) return GT_ERR_INTERNAL;
    int err = rotate(cfg, tk, gt_cfg_now(cfg));
    if (!err) err = gt_cfg_random(cfg, nonce, sizeof nonce);
    gt_session_encode(s, &sw);
    if (!err) err = gt_wr_status(&sw);
    size_t n = sw.len, total = GT_TICKET_KEY_NAME_LEN + GT_TICKET_IV_LEN + n + GT_TICKET_TAG_LEN;
    if (!err && total > cap) err = GT_ERR_ENCODE_OVERFLOW;
    if (!err) {
        uint8_t *p = out;
        memcpy(p, tk->cur.name, GT_TICKET_KEY_NAME_LEN);
        memcpy(p + GT_TICKET_KEY_NAME_LEN, nonce, GT_TICKET_IV_LEN);
        p += GT_TICKET_KEY_NAME_LEN + GT_TICKET_IV_LEN;
        err = gt_chacha20poly1305_seal(tk->cur.key, nonce, out, GT_TICKET_KEY_NAME_LEN, state, n, p,
                                       p + n);
    }
    gt_wipe(state, sizeof state);
    if (!err) *len = total;
    return err;
}

static const gt_ticket_key *key_named(const gt_ticket_keys *tk, const uint8_t *name)
{
    /* Key names are public (they travel in the clear). */
    if (tk->cur.valid && !memcmp(tk->cur.name, name, GT_TICKET_KEY_NAME_LEN)) return &tk->cur;
    if (tk->prev.valid && !memcmp(tk->prev.name, name, GT_TICKET_KEY_NAME_LEN)) return &tk->prev;
    return NULL;
}

int gt_ticket_open(const gt_config *cfg, const uint8_t *t, size_t n, gt_session *s)
{
    gt_ticket_keys *tk = cfg->ticket_keys;
    uint8_t state[STATE_MAX];
    const uint8_t *name, *nonce, *sealed, *tag;
    gt_rd r = gt_rd_init(t, n);
    size_t body = n > GT_TICKET_KEY_NAME_LEN + GT_TICKET_IV_LEN + GT_TICKET_TAG_LEN
                      ? n - GT_TICKET_KEY_NAME_LEN - GT_TICKET_IV_LEN - GT_TICKET_TAG_LEN
                      : 0;
    if (!tk || !body || body > sizeof state) return 0;
    if (gt_rd_bytes(&r, GT_TICKET_KEY_NAME_LEN, &name) ||
        gt_rd_bytes(&r, GT_TICKET_IV_LEN, &nonce) || gt_rd_bytes(&r, body, &sealed) ||
        gt_rd_bytes(&r, GT_TICKET_TAG_LEN, &tag) || gt_rd_end(&r))
        return 0;
    if (rotate(cfg, tk, gt_cfg_now(cfg))) return 0;
    const gt_ticket_key *k = key_named(tk, name);
    if (!k) return 0;
    int ok = gt_chacha20poly1305_open(k->key, nonce, name, GT_TICKET_KEY_NAME_LEN, sealed, body,
                                      tag, state) == 0;
    gt_rd sr = gt_rd_init(state, body);
    /* A ticket that opens was sealed by us: a state that does not parse
     * is still refused, never trusted. */
    if (ok) ok = gt_session_decode(&sr, s) == 0;
    gt_wipe(state, sizeof state);
    return ok;
}
