/* gt_conn: the buffers and the four flows of an I/O-free connection
 * (network in, application out, application in, network out).
 *
 * One allocation at gt_conn_new holds the struct, two buffers and the
 * client's server name:
 * - in:  one record at a time (the longest a supported suite produces,
 *        2^14 + 325 + 5 bytes), decrypted in place;
 *        decrypted application data stays there until read, and no further
 *        record is taken in meanwhile (feed then consumes nothing);
 * - out: pending records: room for the larger of a whole flight (the
 *        longest configured certificate chain) and one full application
 *        record, and a small reserve that only alerts may use. The two never
 *        need the room at once: a handshake record is taken in only when a
 *        flight fits (gt_conn_feed), and application writes take what fits,
 *        so a write behind a pending flight makes smaller records until the
 *        output is drained. (Summing them cost 8-11 KB per connection.)
 * A second block, the handshake reassembly buffer (reassembly.c), is
 * allocated only if a handshake message spans records; it was ~82 KB of
 * every connection's ~128 KB. */
#include <string.h>

#include "core/ct.h"
#include "handshake/hs.h"

/* The longest record a supported suite produces: AES-CBC with an explicit
 * IV, an HMAC-SHA384 tag and 256 bytes of padding (RFC 5246 §6.2.3.2);
 * the AEAD suites add 24 bytes at most. A longer one (up to the 2^14 + 2048
 * of §6.2.3) cannot be genuine: conn_io.c refuses it as record_overflow
 * from its header, which saves 1,728 bytes per connection. */
#define IN_CAP (GT_REC_HDR + GT_REC_MAX_PLAIN + 16 + 48 + 256)
/* Room kept for one protected alert, so a fatal alert always fits: the
 * largest is AES-CBC with HMAC-SHA384 (5 + 16 IV + 2 + 48 MAC, padded to 64
 * = 85 bytes). */
#define ALERT_RESERVE 96
#define FLIGHT_BASE   8192 /* hellos, key exchange (RSA-4096 signature), done, finished */
/* What sealing adds to a record: header, explicit IV or nonce, and the
 * largest suffix_max of a gt_rec_ops (CBC: an HMAC-SHA384 tag and one
 * block of padding, rec_cbc.c; AEAD: 16). GT_REC_MAX_SUFFIX (320) bounds
 * what a peer may send, not what we write. Were a suffix ever longer,
 * emit() sizes records from the real ops and would only make more of them. */
#define SEAL_SUFFIX  (48 + 16)
#define REC_OVERHEAD (GT_REC_HDR + GT_REC_MAX_PREFIX + SEAL_SUFFIX)

static size_t longest_chain(const gt_config *cfg)
{
    size_t m = 0;
    for (size_t i = 0; i < cfg->n_chains; i++) {
        size_t n = 3;
        for (size_t j = 0; j < cfg->chains[i].n_certs; j++)
            n += 3 + cfg->chains[i].cert_len[j];
        m = n > m ? n : m;
    }
    return m;
}

gt_conn *gt_conn_new(const gt_config *cfg, gt_role role, const char *server_name)
{
    if (!cfg || (role != GT_ROLE_CLIENT && role != GT_ROLE_SERVER)) return NULL;
    size_t name_len = server_name ? strlen(server_name) : 0;
    if (name_len >= sizeof(((gt_conn_info *)0)->sni)) return NULL;
    /* a server's flight carries its chain; a client's carries its own
     * under client authentication (RFC 5246 §7.4.6) */
    size_t chain = longest_chain(cfg);
    size_t flight = FLIGHT_BASE + chain + (chain / GT_REC_MAX_PLAIN + 1) * REC_OVERHEAD;
    size_t app_rec = GT_REC_MAX_PLAIN + REC_OVERHEAD;
    size_t out_cap = (flight > app_rec ? flight : app_rec) + ALERT_RESERVE;
    /* The struct holds AES-GCM keys that want 64-byte alignment, which
     * an allocator need not give: over-allocate and align. */
    size_t total = 63 + sizeof(gt_conn) + IN_CAP + out_cap + name_len + 1;
    uint8_t *raw = gt_cfg_alloc(cfg, total);
    if (!raw) return NULL;
    gt_conn *c = (gt_conn *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
    memset(c, 0, sizeof *c);
    c->raw = raw;
    c->mem_size = total;
    c->cfg = cfg;
    c->role = role;
    c->in = (uint8_t *)(c + 1);
    c->in_cap = IN_CAP;
    c->out = c->in + IN_CAP;
    c->out_cap = out_cap;
    c->flight_reserve = flight;
    c->frag_out = c->frag_in = c->frag_in_protected = GT_REC_MAX_PLAIN;
    gt_rec_state_init_null(&c->rd);
    gt_rec_state_init_null(&c->wr);
    /* RFC 5246 Appendix E.1: {3,1} in the record carrying the first
     * ClientHello gets through old servers and middleboxes. */
    c->version_out = role == GT_ROLE_CLIENT ? 0x0301 : 0x0303;
    c->server_name = (char *)c->out + out_cap;
    memcpy(c->server_name, server_name ? server_name : "", name_len + 1);
    gt_transcript_init(&c->hs.th);
    c->state = GT_STATE_HANDSHAKING;
    if (role == GT_ROLE_CLIENT) {
        int err = gt_hs_start(c);
        if (err) gt_conn_fail(c, err);
    }
    return c;
}

void gt_conn_free(gt_conn *c)
{
    if (!c) return;
    const gt_config *cfg = c->cfg;
    void *raw = c->raw;
    size_t n = c->mem_size;
    gt_rec_state_wipe(&c->rd);
    gt_rec_state_wipe(&c->wr);
    gt_hs_wipe(&c->hs);
    if (c->hs_buf) {
        gt_wipe(c->hs_buf, c->hs_cap);
        gt_cfg_free(cfg, c->hs_buf, c->hs_cap);
    }
    gt_wipe(raw, n);
    gt_cfg_free(cfg, raw, n);
}

int gt_conn_fail(gt_conn *c, int err)
{
    if (c->err) return c->err;
    c->err = err;
    c->state = GT_STATE_FAILED;
    c->app_len = 0;
    c->alert.what = gt_err_str(err);
    if (err != GT_ERR_TRUNCATED && err != GT_ERR_ALERT_RECEIVED) {
        c->alert.sent = 1;
        c->alert.level = 2;
        c->alert.desc = (uint8_t)gt_err_alert(err);
        /* Best effort: the alert reserve keeps room for it. */
        if (gt_conn_queue_alert(c, 2, c->alert.desc)) c->alert.sent = 0;
    }
    gt_rec_state_wipe(&c->rd);
    gt_rec_state_wipe(&c->wr);
    gt_hs_wipe(&c->hs);
    return err;
}

/* Moves pending output to the front so the tail is free. */
static void out_compact(gt_conn *c)
{
    if (c->out_start == 0) return;
    memmove(c->out, c->out + c->out_start, c->out_len - c->out_start);
    c->out_len -= c->out_start;
    c->out_start = 0;
}

size_t gt_conn_emit_room(const gt_conn *c)
{
    size_t used = c->out_len - c->out_start + ALERT_RESERVE;
    if (used >= c->out_cap) return 0;
    size_t free_bytes = c->out_cap - used;
    size_t ovh = gt_rec_size(&c->wr, 0), frag = c->frag_out;
    /* every fragment (2^14 bytes, or the negotiated limit) of data costs
     * one record's overhead */
    size_t room = free_bytes / (frag + ovh) * frag;
    size_t rest = free_bytes % (frag + ovh);
    return room + (rest > ovh ? rest - ovh : 0);
}

/* Writes the data at out + out_len + header + prefix as records. Data
 * longer than 2^14 is first moved to the end of the buffer, then each
 * fragment is moved down behind the previous record: the records never
 * overtake the data still to be framed as long as the total fits. */
static int emit(gt_conn *c, uint8_t type, size_t len, size_t cap)
{
    size_t pre = GT_REC_HDR + c->wr.ops->prefix, ovh = gt_rec_size(&c->wr, 0);
    size_t frag = c->frag_out, nfrag = len ? (len + frag - 1) / frag : 1, rl;
    if (c->out_len + len + nfrag * ovh > cap) return GT_ERR_ENCODE_OVERFLOW;
    int err;
    if (nfrag == 1) {
        if ((err = gt_rec_seal(&c->wr, type, c->version_out, c->out + c->out_len, len, &rl)))
            return err;
        c->out_len += rl;
        return 0;
    }
    size_t stage = cap - len;
    memmove(c->out + stage, c->out + c->out_len + pre, len);
    for (size_t done = 0; done < len;) {
        size_t l = len - done < frag ? len - done : frag;
        memmove(c->out + c->out_len + pre, c->out + stage + done, l);
        if ((err = gt_rec_seal(&c->wr, type, c->version_out, c->out + c->out_len, l, &rl)))
            return err;
        c->out_len += rl;
        done += l;
    }
    return 0;
}

int gt_conn_emit(gt_conn *c, uint8_t type, size_t len)
{
    return emit(c, type, len, c->out_cap - ALERT_RESERVE);
}

/* Alerts may use the reserve (so a fatal alert always fits). */
int gt_conn_queue_alert(gt_conn *c, uint8_t level, uint8_t desc)
{
    out_compact(c);
    if (c->out_len + gt_rec_size(&c->wr, 2) > c->out_cap) return GT_ERR_WANT_OUTPUT;
    gt_wr w = gt_wr_init(c->out + c->out_len + GT_REC_HDR + c->wr.ops->prefix, 2);
    gt_wr_u8(&w, level);
    gt_wr_u8(&w, desc);
    if (gt_wr_status(&w)) return GT_ERR_INTERNAL;
    return emit(c, GT_CT_ALERT, 2, c->out_cap);
}

/* Prepares the output buffer for a message of the handshake or CCS. */
int gt_hs_out_prepare(gt_conn *c, uint8_t **at, size_t *room)
{
    out_compact(c);
    *at = c->out + c->out_len + GT_REC_HDR + c->wr.ops->prefix;
    *room = gt_conn_emit_room(c);
    return *room ? 0 : GT_ERR_WANT_OUTPUT;
}

int gt_conn_output(gt_conn *c, const uint8_t **out, size_t *n)
{
    *out = c->out + c->out_start;
    *n = c->out_len - c->out_start;
    if (*n) return 0;
    return c->err;
}

void gt_conn_output_done(gt_conn *c, size_t n)
{
    size_t pending = c->out_len - c->out_start;
    c->out_start += n < pending ? n : pending;
    if (c->out_start == c->out_len) c->out_start = c->out_len = 0;
}

int gt_conn_want_output(const gt_conn *c)
{
    return c->out_len > c->out_start;
}

gt_state gt_conn_state(const gt_conn *c)
{
    return c->state;
}

int gt_conn_error(const gt_conn *c, gt_alert_info *alert)
{
    if (alert) *alert = c->alert;
    return c->err;
}

int gt_conn_info_get(const gt_conn *c, gt_conn_info *info)
{
    if (!c || !info) return GT_ERR_ARG;
    *info = c->info;
    return 0;
}
