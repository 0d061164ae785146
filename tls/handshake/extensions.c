/* Hello extensions (RFC 5246 §7.4.1.4): parsing an extensions block into
 * views, and writers for the ones the engine sends. Which extensions a
 * side accepts, and what each means, is decided by the hello handlers;
 * here only the framing: every extension_data<0..2^16-1> is sliced out,
 * unknown types are skipped, and a type seen twice is an error ("There
 * MUST NOT be more than one extension of the same type", §7.4.1.4;
 * decode_error, see err.c). */
#include <string.h>

#include "handshake/hs.h"

static uint32_t known_bit(uint16_t type, gt_exts *e, gt_rd **slot)
{
    *slot = NULL;
    switch (type) {
    case GT_EXT_TYPE_SERVER_NAME:
        *slot = &e->server_name;
        return GT_EXT_SERVER_NAME;
    case GT_EXT_TYPE_SUPPORTED_GROUPS:
        *slot = &e->groups;
        return GT_EXT_SUPPORTED_GROUPS;
    case GT_EXT_TYPE_EC_POINT_FORMATS:
        *slot = &e->point_formats;
        return GT_EXT_EC_POINT_FORMATS;
    case GT_EXT_TYPE_SIGNATURE_ALGORITHMS:
        *slot = &e->sigalgs;
        return GT_EXT_SIGNATURE_ALGORITHMS;
    case GT_EXT_TYPE_ALPN:
        *slot = &e->alpn;
        return GT_EXT_ALPN;
    case GT_EXT_TYPE_EMS:
        *slot = &e->ems;
        return GT_EXT_EMS;
    case GT_EXT_TYPE_SESSION_TICKET:
        *slot = &e->ticket;
        return GT_EXT_SESSION_TICKET;
    case GT_EXT_TYPE_SUPPORTED_VERSIONS:
        *slot = &e->versions;
        return GT_EXT_SUPPORTED_VERSIONS;
    case GT_EXT_TYPE_RENEGOTIATION_INFO:
        *slot = &e->reneg;
        return GT_EXT_RENEGOTIATION_INFO;
    case GT_EXT_TYPE_ENCRYPT_THEN_MAC:
        *slot = &e->etm;
        return GT_EXT_ENCRYPT_THEN_MAC;
    case GT_EXT_TYPE_MAX_FRAGMENT_LENGTH:
        *slot = &e->mfl;
        return GT_EXT_MAX_FRAGMENT_LENGTH;
    case GT_EXT_TYPE_RECORD_SIZE_LIMIT:
        *slot = &e->rsl;
        return GT_EXT_RECORD_SIZE_LIMIT;
    default:
        return 0;
    }
}

int gt_exts_parse(gt_rd block, gt_exts *e)
{
    /* One bit per possible type: duplicates of unknown types are caught
     * too, in time linear in the block. */
    uint8_t seen[65536 / 8];
    memset(seen, 0, sizeof seen);
    memset(e, 0, sizeof *e);
    while (block.left) {
        uint16_t type;
        gt_rd data, *slot;
        int err;
        if ((err = gt_rd_u16(&block, &type)) || (err = gt_rd_vec16(&block, 0, 65535, &data)))
            return err;
        if (seen[type >> 3] & (1u << (type & 7))) return GT_ERR_DUPLICATE_EXTENSION;
        seen[type >> 3] |= (uint8_t)(1u << (type & 7));
        uint32_t bit = known_bit(type, e, &slot);
        e->seen |= bit ? bit : GT_EXT_UNKNOWN;
        if (slot) *slot = data;
    }
    return 0;
}

int gt_ext_read_u16_list(gt_rd ext, uint16_t *v, size_t cap, size_t *n)
{
    gt_rd list;
    int err;
    /* RFC 8422 §5.1.1 NamedCurveList <2..2^16-1>, RFC 5246 §7.4.1.4.1
     * supported_signature_algorithms <2..2^16-2>: even lengths only. */
    if ((err = gt_rd_vec16(&ext, 2, 65534, &list)) || (err = gt_rd_end(&ext))) return err;
    if (list.left & 1) return GT_ERR_DECODE_LENGTH;
    *n = 0;
    while (list.left) {
        uint16_t x;
        if ((err = gt_rd_u16(&list, &x))) return err;
        if (*n < cap) v[(*n)++] = x; /* beyond cap: ignored (we know fewer) */
    }
    return 0;
}

void gt_ext_write_empty(gt_wr *w, uint16_t type)
{
    gt_wr_u16(w, type);
    gt_wr_u16(w, 0);
}

/* RFC 6066 §3: ServerNameList with one host_name (type 0). */
void gt_ext_write_server_name(gt_wr *w, const char *host, size_t len)
{
    size_t m1, m2;
    gt_wr_u16(w, GT_EXT_TYPE_SERVER_NAME);
    gt_wr_vec_open(w, 2, &m1);
    gt_wr_vec_open(w, 2, &m2);
    gt_wr_u8(w, 0);
    gt_wr_u16(w, (uint16_t)len);
    gt_wr_bytes(w, (const uint8_t *)host, len);
    gt_wr_vec_close(w, 2, m2);
    gt_wr_vec_close(w, 2, m1);
}

void gt_ext_write_u16_list(gt_wr *w, uint16_t type, const uint16_t *v, size_t n)
{
    size_t m1, m2;
    gt_wr_u16(w, type);
    gt_wr_vec_open(w, 2, &m1);
    gt_wr_vec_open(w, 2, &m2);
    for (size_t i = 0; i < n; i++)
        gt_wr_u16(w, v[i]);
    gt_wr_vec_close(w, 2, m2);
    gt_wr_vec_close(w, 2, m1);
}

/* RFC 8422 §5.1.2: uncompressed only. */
void gt_ext_write_point_formats(gt_wr *w)
{
    gt_wr_u16(w, GT_EXT_TYPE_EC_POINT_FORMATS);
    gt_wr_u16(w, 2);
    gt_wr_u8(w, 1);
    gt_wr_u8(w, 0);
}

/* RFC 7301 §3.1: ProtocolNameList of ProtocolName <1..2^8-1>; protos are
 * stored length-prefixed already. */
void gt_ext_write_alpn(gt_wr *w, const uint8_t (*protos)[256], size_t n)
{
    size_t m1, m2;
    gt_wr_u16(w, GT_EXT_TYPE_ALPN);
    gt_wr_vec_open(w, 2, &m1);
    gt_wr_vec_open(w, 2, &m2);
    for (size_t i = 0; i < n; i++)
        gt_wr_bytes(w, protos[i], 1 + (size_t)protos[i][0]);
    gt_wr_vec_close(w, 2, m2);
    gt_wr_vec_close(w, 2, m1);
}

/* RFC 5746 §3.2: renegotiated_connection<0..255>, empty in an initial
 * handshake. */
void gt_ext_write_reneg(gt_wr *w, const uint8_t *verify, size_t n)
{
    gt_wr_u16(w, GT_EXT_TYPE_RENEGOTIATION_INFO);
    gt_wr_u16(w, (uint16_t)(n + 1));
    gt_wr_u8(w, (uint8_t)n);
    gt_wr_bytes(w, verify, n);
}
