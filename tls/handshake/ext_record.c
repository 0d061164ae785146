/* The hello extensions that change the record layer:
 * - encrypt_then_mac (RFC 7366): empty both ways; used when the server
 *   answers it, which it does only for a CBC suite (§2);
 * - max_fragment_length (RFC 6066 §4): the client may ask for 2^9..2^12
 *   byte fragments, the server honours it by echoing the same code, and
 *   both then fragment every record (handshake included) to that size;
 * - record_size_limit (RFC 8449): each side says the largest plaintext it
 *   will take in a protected record (64..2^14 in TLS 1.2, §4); the server
 *   answers only a client that sent it. When both size extensions come,
 *   the server ignores max_fragment_length and a client refuses the pair
 *   (§5).
 * Parsing and sending live here; the limits are applied by the connection
 * (gt_conn_set_limits, conn.c). */
#include <string.h>

#include "handshake/hs.h"

#define RSL_MIN 64 /* RFC 8449 §4 */

static int has_cbc(const gt_config *cfg)
{
    for (size_t i = 0; i < cfg->n_suites; i++) {
        const gt_suite_info *s = gt_suite_info_get(cfg->suites[i]);
        if (s && s->cipher == GT_CIPHER_AES_CBC) return 1;
    }
    return 0;
}

static uint16_t our_rsl(const gt_config *cfg)
{
    return cfg->rsl ? cfg->rsl : GT_REC_MAX_PLAIN;
}

void gt_ext_rec_client_write(gt_conn *c, gt_wr *w)
{
    const gt_config *cfg = c->cfg;
    /* RFC 7366 §2: only worth asking when a CBC suite is offered. */
    if (cfg->etm && has_cbc(cfg)) {
        gt_ext_write_empty(w, GT_EXT_TYPE_ENCRYPT_THEN_MAC);
        c->hs.offered |= GT_EXT_ENCRYPT_THEN_MAC;
    }
    if (cfg->mfl_code) {
        gt_wr_u16(w, GT_EXT_TYPE_MAX_FRAGMENT_LENGTH);
        gt_wr_u16(w, 1);
        gt_wr_u8(w, cfg->mfl_code);
        c->hs.offered |= GT_EXT_MAX_FRAGMENT_LENGTH;
    }
    if (cfg->rsl) {
        gt_wr_u16(w, GT_EXT_TYPE_RECORD_SIZE_LIMIT);
        gt_wr_u16(w, 2);
        gt_wr_u16(w, cfg->rsl);
        c->hs.offered |= GT_EXT_RECORD_SIZE_LIMIT;
    }
}

/* RFC 6066 §4: enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) }; any
 * other value is illegal_parameter. */
static int read_mfl(gt_rd ext, uint8_t *code)
{
    int err;
    if ((err = gt_rd_u8(&ext, code)) || (err = gt_rd_end(&ext))) return err;
    return *code >= 1 && *code <= 4 ? 0 : GT_ERR_ILLEGAL_PARAMETER;
}

/* RFC 8449 §4: uint16 RecordSizeLimit; below 64 is illegal_parameter.
 * A TLS 1.3-capable peer may say 2^14 + 1: TLS 1.2 caps it at 2^14. */
static int read_rsl(gt_rd ext, uint16_t *v)
{
    int err;
    if ((err = gt_rd_u16(&ext, v)) || (err = gt_rd_end(&ext))) return err;
    if (*v < RSL_MIN) return GT_ERR_ILLEGAL_PARAMETER;
    if (*v > GT_REC_MAX_PLAIN) *v = GT_REC_MAX_PLAIN;
    return 0;
}

int gt_ext_rec_server_read(gt_conn *c, const gt_exts *e)
{
    int err;
    uint8_t code = 0;
    /* RFC 7366 §2: "extension_data" is empty. */
    if (e->seen & GT_EXT_ENCRYPT_THEN_MAC && e->etm.left) return GT_ERR_DECODE_TRAILING;
    if (e->seen & GT_EXT_MAX_FRAGMENT_LENGTH && (err = read_mfl(e->mfl, &code))) return err;
    if (e->seen & GT_EXT_RECORD_SIZE_LIMIT) {
        if ((err = read_rsl(e->rsl, &c->hs.peer_rsl))) return err;
        code = 0; /* RFC 8449 §5: the server ignores max_fragment_length */
    }
    c->hs.mfl_code = code;
    return 0;
}

/* Called once the suite is chosen, before the ServerHello is written. */
void gt_ext_rec_server_write(gt_conn *c, gt_wr *w)
{
    /* RFC 7366 §2: not for AEAD (or stream) suites. */
    c->hs.etm = (c->hs.peer_exts & GT_EXT_ENCRYPT_THEN_MAC) && c->cfg->etm &&
                c->hs.suite->cipher == GT_CIPHER_AES_CBC;
    if (c->hs.etm) gt_ext_write_empty(w, GT_EXT_TYPE_ENCRYPT_THEN_MAC);
    if (c->hs.mfl_code) {
        gt_wr_u16(w, GT_EXT_TYPE_MAX_FRAGMENT_LENGTH);
        gt_wr_u16(w, 1);
        gt_wr_u8(w, c->hs.mfl_code);
    }
    if (c->hs.peer_rsl) {
        gt_wr_u16(w, GT_EXT_TYPE_RECORD_SIZE_LIMIT);
        gt_wr_u16(w, 2);
        gt_wr_u16(w, our_rsl(c->cfg));
    }
}

int gt_ext_rec_client_check(gt_conn *c, const gt_exts *e)
{
    int err;
    if (e->seen & GT_EXT_ENCRYPT_THEN_MAC) {
        if (e->etm.left) return GT_ERR_DECODE_TRAILING;
        /* RFC 7366 §3: an answer for a non-CBC suite is illegal_parameter. */
        if (c->hs.suite->cipher != GT_CIPHER_AES_CBC) return GT_ERR_ILLEGAL_PARAMETER;
        c->hs.etm = 1;
    }
    /* RFC 8449 §5: a server sending both is illegal_parameter. */
    if ((e->seen & GT_EXT_MAX_FRAGMENT_LENGTH) && (e->seen & GT_EXT_RECORD_SIZE_LIMIT))
        return GT_ERR_ILLEGAL_PARAMETER;
    if (e->seen & GT_EXT_MAX_FRAGMENT_LENGTH) {
        uint8_t code;
        if ((err = read_mfl(e->mfl, &code))) return err;
        /* RFC 6066 §4: the server echoes the requested value or fails. */
        if (code != c->cfg->mfl_code) return GT_ERR_ILLEGAL_PARAMETER;
        c->hs.mfl_code = code;
    }
    if (e->seen & GT_EXT_RECORD_SIZE_LIMIT && (err = read_rsl(e->rsl, &c->hs.peer_rsl))) return err;
    return 0;
}

void gt_ext_rec_apply(gt_conn *c)
{
    size_t mfl = c->hs.mfl_code ? (size_t)256 << c->hs.mfl_code : GT_REC_MAX_PLAIN;
    size_t out = c->hs.peer_rsl && c->hs.peer_rsl < mfl ? c->hs.peer_rsl : mfl;
    c->frag_out = out;
    /* What we take: the fragment length for every record (RFC 6066 §4),
     * our record_size_limit for protected ones (RFC 8449 §4) once both
     * sides sent one (a server answers only a client that did). */
    c->frag_in = mfl;
    c->frag_in_protected = c->hs.peer_rsl ? our_rsl(c->cfg) : GT_REC_MAX_PLAIN;
}
