/* The server's session-ID cache (RFC 5246 §7.3, "session cache") and the
 * config call that sets up resumption.
 *
 * A fixed table of `slots` sessions, allocated once through the config's
 * allocator. Lookups are linear: the table is meant for a test server's
 * hundreds of sessions, not a busy front end's millions. An entry lives
 * until its lifetime ends (dropped when found stale) or until a newer
 * session needs its slot (the oldest goes first). No locks: see the
 * single-thread contract in gt.h. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

struct gt_sess_cache {
    size_t slots, bytes;
    gt_session s[]; /* suite == 0: free */
};

gt_sess_cache *gt_sess_cache_new(const gt_config *cfg, size_t slots)
{
    if (!slots || slots > (SIZE_MAX - sizeof(gt_sess_cache)) / sizeof(gt_session)) return NULL;
    size_t bytes = sizeof(gt_sess_cache) + slots * sizeof(gt_session);
    gt_sess_cache *sc = gt_cfg_alloc(cfg, bytes);
    if (!sc) return NULL;
    memset(sc, 0, bytes);
    sc->slots = slots;
    sc->bytes = bytes;
    return sc;
}

void gt_sess_cache_free(const gt_config *cfg, gt_sess_cache *sc)
{
    if (!sc) return;
    size_t bytes = sc->bytes;
    gt_wipe(sc, bytes); /* master secrets */
    gt_cfg_free(cfg, sc, bytes);
}

static gt_session *find(gt_sess_cache *sc, const uint8_t *id, size_t id_len)
{
    if (!id_len) return NULL;
    for (size_t i = 0; i < sc->slots; i++) {
        gt_session *e = &sc->s[i];
        if (e->suite && e->id_len == id_len && !memcmp(e->id, id, id_len)) return e;
    }
    return NULL;
}

void gt_sess_cache_put(gt_sess_cache *sc, const gt_session *s, uint64_t now)
{
    gt_session *slot = find(sc, s->id, s->id_len);
    for (size_t i = 0; !slot && i < sc->slots; i++)
        if (!gt_session_fresh(&sc->s[i], now)) slot = &sc->s[i];
    if (!slot) {
        slot = &sc->s[0];
        for (size_t i = 1; i < sc->slots; i++)
            if (sc->s[i].created < slot->created) slot = &sc->s[i];
    }
    *slot = *s;
}

int gt_sess_cache_get(gt_sess_cache *sc, const uint8_t *id, size_t id_len, uint64_t now,
                      gt_session *out)
{
    gt_session *e = find(sc, id, id_len);
    if (!e) return 0;
    if (!gt_session_fresh(e, now)) {
        gt_wipe(e, sizeof *e);
        return 0;
    }
    *out = *e;
    return 1;
}

size_t gt_sess_cache_count(const gt_sess_cache *sc, uint64_t now)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->slots; i++)
        n += (size_t)gt_session_fresh(&sc->s[i], now);
    return n;
}

void gt_sessions_free(gt_config *cfg)
{
    gt_sess_cache_free(cfg, cfg->sess_cache);
    cfg->sess_cache = NULL;
    if (cfg->ticket_keys) {
        gt_wipe(cfg->ticket_keys, sizeof *cfg->ticket_keys);
        gt_cfg_free(cfg, cfg->ticket_keys, sizeof *cfg->ticket_keys);
        cfg->ticket_keys = NULL;
    }
}

int gt_config_set_sessions(gt_config *cfg, const gt_session_opts *o)
{
    if (!cfg || !o) return GT_ERR_ARG;
    if (cfg->sess_cache || cfg->ticket_keys) return GT_ERR_STATE; /* once */
    cfg->sess_lifetime = o->lifetime ? o->lifetime : GT_SESSION_LIFETIME;
    cfg->offer_tickets = o->tickets != 0;
    if (o->cache_slots && !(cfg->sess_cache = gt_sess_cache_new(cfg, o->cache_slots)))
        return GT_ERR_ALLOC;
    if (o->tickets) {
        cfg->ticket_keys = gt_cfg_alloc(cfg, sizeof *cfg->ticket_keys);
        if (!cfg->ticket_keys) {
            gt_sessions_free(cfg);
            return GT_ERR_ALLOC;
        }
        memset(cfg->ticket_keys, 0, sizeof *cfg->ticket_keys);
        cfg->ticket_keys->rotate = o->ticket_rotate ? o->ticket_rotate : GT_TICKET_ROTATE;
    }
    return 0;
}
