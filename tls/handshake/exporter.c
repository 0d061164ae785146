/* Keying material exporters (RFC 5705) for TLS 1.2.
 *
 * RFC 5705 §4:
 *   PRF(SecurityParameters.master_secret, label,
 *       SecurityParameters.client_random + SecurityParameters.server_random
 *       [+ context_value_length + context_value])[length]
 * where context_value_length is a uint16 and "no context" is different from
 * an empty one. The PRF is the suite's (RFC 5246 §5); with the extended
 * master secret (RFC 7627) the formula is the same, over that master secret.
 *
 * The master secret outlives the handshake for this purpose only (see
 * hs_table.c); gt_conn_free / gt_conn_fail wipe it. */
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "handshake/hs.h"

int gt_conn_export_keying_material(const gt_conn *c, uint8_t *out, size_t out_len,
                                   const char *label, const uint8_t *context, size_t context_len,
                                   int use_context)
{
    if (c == NULL || label == NULL || (out == NULL && out_len > 0)) return GT_ERR_ARG;
    if (c->err) return c->err;
    /* The randoms and master secret are final only once Finished went both
     * ways (RFC 5705 §4 defines the exporter over the established session). */
    if (!c->hs_done || c->hs.suite == NULL) return GT_ERR_STATE;
    if (use_context && context_len > 0xffff) return GT_ERR_ARG;
    if (use_context && context_len > 0 && context == NULL) return GT_ERR_ARG;

    /* seed1 = client_random + server_random [+ uint16 length]; seed2 = the
     * context itself, so no copy of an up to 64 KiB context is needed. */
    uint8_t seed[32 + 32 + 2];
    size_t seed_len = 64;
    memcpy(seed, c->hs.client_random, 32);
    memcpy(seed + 32, c->hs.server_random, 32);
    if (use_context) {
        gt_wr w = gt_wr_init(seed + 64, 2);
        gt_wr_u16(&w, (uint16_t)context_len);
        if (gt_wr_status(&w)) return GT_ERR_INTERNAL;
        seed_len = 66;
    }
    int err = gt_tls12_prf(c->hs.suite->prf_hash, c->hs.master, sizeof c->hs.master, label, seed,
                           seed_len, use_context ? context : NULL, use_context ? context_len : 0,
                           out, out_len);
    if (err) gt_wipe(out, out_len);
    return err;
}
