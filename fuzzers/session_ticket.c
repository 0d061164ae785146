/* Fuzz target session_ticket: session tickets (RFC 5077 §4) and the
 * session format behind them and behind session export/import.
 *
 * Aims at: gt_ticket_open and gt_ticket_seal (tls/handshake/ticket.c: key
 * names, nonce, ChaCha20-Poly1305, the state's length), gt_session_decode
 * and gt_session_encode (session.c), gt_conn_set_session (session import
 * on a client, then the ClientHello that offers it: resume.c), the
 * session-ID cache (gt_sess_cache_put/_get/_count, session_cache.c).
 *
 * Input: a mode byte, then
 *   mode 0: a ticket, opened under the server config's fixed keys;
 *   mode 1: a session export blob, imported into a client connection;
 *   mode 2: an encoded session state: decoded, and if it decodes, sealed
 *           into a ticket that must open again to the same state, and must
 *           not open with the byte the next input byte names flipped;
 *   mode 3: encoded session states, each as time step (1 byte), length
 *           (2 bytes) and state, put into a 4-slot session cache
 *           (session_cache.c) at the times the steps add up to; each one
 *           put must be found again by its ID right after (one that does
 *           not decode is skipped).
 * Seeds (fuzzers/tools/make-corpus.sh): tickets, exports and states that
 * the server and client targets produce at the end of real sessions
 * replayed with FZ_TLS_DUMP=DIR.
 *
 * fuzz-dict: tls
 */
#include <string.h>

#include "driver/fuzz.h"
#include "driver/tlsfz.h"
#include "handshake/hs.h"

static void open_ticket(const gt_config *cfg, const uint8_t *p, size_t n)
{
    gt_session s;
    uint8_t enc[512];
    if (!gt_ticket_open(cfg, p, n, &s)) return;
    gt_wr w = gt_wr_init(enc, sizeof enc);
    gt_session_encode(&s, &w);
    if (gt_wr_status(&w)) fz_fail("session_ticket: an opened session does not encode");
}

static void import(const uint8_t *p, size_t n)
{
    gt_conn *c = gt_conn_new(fz_tls_client_config(0), GT_ROLE_CLIENT, "localhost");
    if (!c) return;
    if (gt_conn_set_session(c, p, n) == 0) fz_tls_drain(c);
    gt_conn_free(c);
}

static void round_trip(const gt_config *cfg, const uint8_t *p, size_t n)
{
    gt_session s, back;
    uint8_t t[GT_TICKET_MAX], a[512], b[512];
    size_t tl;
    gt_rd r = gt_rd_init(p, n);
    if (gt_session_decode(&r, &s) != 0 || gt_ticket_seal(cfg, &s, t, sizeof t, &tl) != 0) return;
    if (!gt_ticket_open(cfg, t, tl, &back)) fz_fail("session_ticket: a sealed ticket did not open");
    gt_wr wa = gt_wr_init(a, sizeof a), wb = gt_wr_init(b, sizeof b);
    gt_session_encode(&s, &wa);
    gt_session_encode(&back, &wb);
    if (wa.len != wb.len || memcmp(a, b, wa.len)) fz_fail("session_ticket: the state changed");
    size_t at = n ? p[n - 1] % tl : 0;
    t[at] ^= 0x01;
    if (gt_ticket_open(cfg, t, tl, &back))
        fz_fail("session_ticket: byte %zu flipped, still opens", at);
}

static void cache(const gt_config *cfg, const uint8_t *p, size_t n)
{
    gt_sess_cache *sc = gt_sess_cache_new(cfg, 4);
    gt_rd r = gt_rd_init(p, n), one;
    gt_session s, got;
    uint8_t dt;
    uint64_t now = FZ_TLS_CLOCK;
    if (!sc) return;
    /* each state length-prefixed: gt_session_decode wants its reader to end
     * with the state (trailing bytes are an error) */
    while (gt_rd_u8(&r, &dt) == 0 && gt_rd_vec16(&r, 0, 0xFFFF, &one) == 0) {
        if (gt_session_decode(&one, &s) != 0) continue;
        now += dt;
        gt_sess_cache_put(sc, &s, now);
        if (s.id_len && gt_session_fresh(&s, now) &&
            !gt_sess_cache_get(sc, s.id, s.id_len, now, &got))
            fz_fail("session_ticket: a session just cached is not found");
        if (gt_sess_cache_count(sc, now) > 4) fz_fail("session_ticket: cache over its slots");
    }
    gt_sess_cache_free(cfg, sc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const gt_config *cfg = fz_tls_server_config(0);
    fz_tls_reset_rng();
    switch (data[0] % 4) {
    case 0:
        open_ticket(cfg, data + 1, size - 1);
        break;
    case 1:
        import(data + 1, size - 1);
        break;
    case 2:
        round_trip(cfg, data + 1, size - 1);
        break;
    default:
        cache(cfg, data + 1, size - 1);
        break;
    }
    return 0;
}
