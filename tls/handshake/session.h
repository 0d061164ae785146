/* Sessions (internal): what a resumable session remembers, the server's
 * session-ID cache, RFC 5077 ticket keys, and the one serialized form used
 * both inside tickets and for the client's export/import.
 *
 * Included by hs.h (the handshake state holds a session); depends on
 * nothing of the handshake itself. */
#ifndef GT_HS_SESSION_H
#define GT_HS_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/cursor.h"
#include "gt/gt.h"

#define GT_SESSION_ID_MAX      32   /* RFC 5246 §7.4.1.2 SessionID<0..32> */
#define GT_TICKET_MAX          2048 /* client: longer tickets are not kept */
#define GT_SESSION_LIFETIME    7200 /* default seconds a session is resumable */
#define GT_TICKET_ROTATE       3600 /* default seconds a ticket key encrypts */
#define GT_TICKET_KEY_NAME_LEN 16
#define GT_TICKET_IV_LEN       12
#define GT_TICKET_TAG_LEN      16

/* One session (RFC 5246 §7.3 "session state"). The master secret is the
 * secret; everything else is public. sni is the host_name the client sent
 * (client: the name it connected with), "" when none. peer_digest is the
 * SHA-256 of the authenticated peer's leaf certificate (server: the
 * client's, when client authentication took place). */
typedef struct {
    uint8_t master[48];
    uint16_t suite;
    uint8_t ems;
    uint8_t has_peer;
    uint8_t id[GT_SESSION_ID_MAX];
    uint8_t id_len;
    char sni[256];
    uint64_t created;
    uint32_t lifetime;
    uint8_t peer_digest[32];
} gt_session;

/* 1 when the session may still be resumed at `now`. */
int gt_session_fresh(const gt_session *s, uint64_t now);

/* Serialized session state (ticket contents and export body):
 *   uint8 version = 1; uint16 suite; uint8 ems; uint64 created;
 *   uint32 lifetime; opaque master[48]; opaque sni<0..255>;
 *   opaque id<0..32>; uint8 has_peer; [opaque peer_digest[32]]
 * Parsing checks every field (version, a known suite, ems 0/1, has_peer
 * 0/1, NUL-free SNI) and that nothing trails. */
void gt_session_encode(const gt_session *s, gt_wr *w);
GT_MUST_CHECK int gt_session_decode(gt_rd *r, gt_session *s);

/* ---- server session-ID cache (session_cache.c) ---------------------------- */

/* A bounded table of sessions owned by the config (allocated once through
 * its allocator). Connections sharing the config write to it: it has no
 * lock, so all of them must be driven from one thread (gt.h). */
typedef struct gt_sess_cache gt_sess_cache;

gt_sess_cache *gt_sess_cache_new(const gt_config *cfg, size_t slots);
void gt_sess_cache_free(const gt_config *cfg, gt_sess_cache *sc);
/* Stores a copy (replacing the same ID, else a free or expired slot, else
 * the oldest). */
void gt_sess_cache_put(gt_sess_cache *sc, const gt_session *s, uint64_t now);
/* Copies the session with this ID into *out: 1 found and fresh, 0 not
 * (an expired entry is dropped). */
int gt_sess_cache_get(gt_sess_cache *sc, const uint8_t *id, size_t id_len, uint64_t now,
                      gt_session *out);
size_t gt_sess_cache_count(const gt_sess_cache *sc, uint64_t now);

/* ---- ticket keys (ticket.c) ---------------------------------------------- */

typedef struct {
    uint8_t name[GT_TICKET_KEY_NAME_LEN];
    uint8_t key[32]; /* ChaCha20-Poly1305 (RFC 8439) */
    uint64_t created;
    int valid;
} gt_ticket_key;

/* The current key seals, the current and the previous one open. */
typedef struct {
    gt_ticket_key cur, prev;
    uint32_t rotate; /* seconds */
} gt_ticket_keys;

#endif
