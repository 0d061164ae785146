/* Received alerts (RFC 5246 §7.2).
 *
 * Policy:
 * - close_notify (any level): the peer ends the connection cleanly; we
 *   answer with our own close_notify (§7.2.1) and stop reading.
 * - fatal level: the connection fails with GT_ERR_ALERT_RECEIVED and the
 *   alert in gt_conn_error; nothing is sent back; keys are wiped.
 * - warning level, anything else (user_canceled, no_renegotiation, or a
 *   description TLS 1.2 would make fatal): ignored, as §7.2.2 lets the
 *   receiver decide, but at most GT_MAX_WARNINGS in a row (any other record
 *   resets the count) so a peer cannot keep the engine busy with them.
 * - a level other than 1 or 2, or a record that is not exactly one
 *   two-byte alert: decode_error. */
#include "handshake/hs.h"

int gt_alert_recv(gt_conn *c, const uint8_t *p, size_t n)
{
    gt_rd r = gt_rd_init(p, n);
    uint8_t level, desc;
    if (gt_rd_u8(&r, &level) || gt_rd_u8(&r, &desc) || gt_rd_end(&r))
        return GT_ERR_RECORD_BAD_ALERT;
    if (level != 1 && level != 2) return GT_ERR_RECORD_BAD_ALERT;
    if (desc == GT_ALERT_CLOSE_NOTIFY) {
        c->peer_closed = 1;
        c->state = GT_STATE_CLOSED;
        c->alert.sent = 0;
        c->alert.level = level;
        c->alert.desc = desc;
        c->alert.what = "close_notify received";
        if (!c->we_closed) {
            int err = gt_conn_queue_alert(c, 1, GT_ALERT_CLOSE_NOTIFY);
            if (err) return err;
            c->we_closed = 1;
        }
        return 0;
    }
    if (level == 2) {
        c->alert.sent = 0;
        c->alert.level = level;
        c->alert.desc = desc;
        return GT_ERR_ALERT_RECEIVED;
    }
    if (++c->warn_run > GT_MAX_WARNINGS) return GT_ERR_TOO_MANY_WARNINGS;
    return 0;
}
