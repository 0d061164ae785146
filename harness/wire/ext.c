/*
 * Extensions: a list of (type, body) the caller edits freely, and the
 * well-formed bodies of each extension the IUT knows. Malformed variants
 * are made by editing the body bytes or the length overrides afterwards.
 */
#include "wire.h"

#include <string.h>

gt_wire_ext *gt_wire_ext_find(gt_wire_exts *x, uint16_t type)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->e[i].type == type) return &x->e[i];
    return NULL;
}

gt_wire_ext *gt_wire_ext_add(gt_wire_exts *x, uint16_t type, const void *body, size_t n)
{
    if (x->n >= GT_WIRE_EXT_MAX || n > GT_WIRE_EXT_BODY) return NULL;
    gt_wire_ext *e = &x->e[x->n++];
    e->type = type;
    e->len_override = -1;
    e->len = n;
    if (n > 0) memcpy(e->body, body, n);
    return e;
}

void gt_wire_ext_del(gt_wire_exts *x, uint16_t type)
{
    size_t j = 0;
    for (size_t i = 0; i < x->n; i++)
        if (x->e[i].type != type) x->e[j++] = x->e[i];
    x->n = j;
}

gt_wire_ext *gt_wire_ext_set(gt_wire_exts *x, uint16_t type, const void *body, size_t n)
{
    gt_wire_ext *e = gt_wire_ext_find(x, type);
    if (e == NULL) return gt_wire_ext_add(x, type, body, n);
    if (n > GT_WIRE_EXT_BODY) return NULL;
    e->len_override = -1;
    e->len = n;
    if (n > 0) memcpy(e->body, body, n);
    return e;
}

/* RFC 5246 §7.4.1.4: Extension extensions<0..2^16-1>; each one is
 * (uint16 type, opaque extension_data<0..2^16-1>). */
void gt_wire_exts_write(gt_wbuf *b, const gt_wire_exts *x)
{
    if (x->absent) return;
    size_t blk = gt_wbuf_open(b, 2);
    for (size_t i = 0; i < x->n; i++) {
        const gt_wire_ext *e = &x->e[i];
        gt_wbuf_u16(b, e->type);
        size_t at = gt_wbuf_open(b, 2);
        gt_wbuf_put(b, e->body, e->len);
        gt_wbuf_close(b, at, 2, e->len_override);
    }
    gt_wbuf_close(b, blk, 2, x->block_len_override);
}

/* Builds a body in a scratch buffer and stores it. */
static void store(gt_wire_exts *x, uint16_t type, gt_wbuf *b)
{
    gt_wire_ext_set(x, type, b->p, b->n);
    gt_wbuf_free(b);
}

/* RFC 6066 §3: ServerNameList of (name_type host_name(0), HostName). */
void gt_wire_ext_sni(gt_wire_exts *x, const char *host)
{
    gt_wbuf b = {0};
    size_t at = gt_wbuf_open(&b, 2);
    gt_wbuf_u8(&b, 0);
    gt_wbuf_vec(&b, 2, host, strlen(host));
    gt_wbuf_close(&b, at, 2, -1);
    store(x, GT_EXT_SERVER_NAME, &b);
}

static void u16_list(gt_wire_exts *x, uint16_t type, int width, const uint16_t *v, size_t n)
{
    gt_wbuf b = {0};
    size_t at = gt_wbuf_open(&b, width);
    for (size_t i = 0; i < n; i++)
        gt_wbuf_u16(&b, v[i]);
    gt_wbuf_close(&b, at, width, -1);
    store(x, type, &b);
}

/* RFC 8422 §5.1.1: NamedCurveList named_curve_list<2..2^16-1> */
void gt_wire_ext_groups(gt_wire_exts *x, const uint16_t *g, size_t n)
{
    u16_list(x, GT_EXT_SUPPORTED_GROUPS, 2, g, n);
}

/* RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1> */
void gt_wire_ext_point_formats(gt_wire_exts *x, const uint8_t *f, size_t n)
{
    gt_wbuf b = {0};
    gt_wbuf_vec(&b, 1, f, n);
    store(x, GT_EXT_EC_POINT_FORMATS, &b);
}

/* RFC 5246 §7.4.1.4.1: supported_signature_algorithms<2..2^16-2> */
void gt_wire_ext_sigalgs(gt_wire_exts *x, const uint16_t *s, size_t n)
{
    u16_list(x, GT_EXT_SIGNATURE_ALGORITHMS, 2, s, n);
}

/* RFC 7301 §3.1: ProtocolNameList protocol_name_list<2..2^16-1>, each
 * ProtocolName<1..2^8-1>. */
void gt_wire_ext_alpn(gt_wire_exts *x, const char *const *protos, size_t n)
{
    gt_wbuf b = {0};
    size_t at = gt_wbuf_open(&b, 2);
    for (size_t i = 0; i < n; i++)
        gt_wbuf_vec(&b, 1, protos[i], strlen(protos[i]));
    gt_wbuf_close(&b, at, 2, -1);
    store(x, GT_EXT_ALPN, &b);
}

void gt_wire_ext_alpn_one(gt_wire_exts *x, const char *proto)
{
    gt_wire_ext_alpn(x, &proto, 1);
}

/* RFC 7627 §5.1: extension_data is empty. */
void gt_wire_ext_ems(gt_wire_exts *x)
{
    gt_wire_ext_set(x, GT_EXT_EXTENDED_MASTER_SECRET, "", 0);
}

/* RFC 5746 §3.2: opaque renegotiated_connection<0..255> */
void gt_wire_ext_reneg(gt_wire_exts *x, const uint8_t *verify, size_t n)
{
    gt_wbuf b = {0};
    gt_wbuf_vec(&b, 1, verify, n);
    store(x, GT_EXT_RENEGOTIATION_INFO, &b);
}

/* RFC 5077 §3.2: the ticket itself is the extension_data, no inner length. */
void gt_wire_ext_ticket(gt_wire_exts *x, const uint8_t *t, size_t n)
{
    gt_wire_ext_set(x, GT_EXT_SESSION_TICKET, t, n);
}

/* RFC 7366 §2: extension_data is empty. */
void gt_wire_ext_etm(gt_wire_exts *x)
{
    gt_wire_ext_set(x, GT_EXT_ENCRYPT_THEN_MAC, "", 0);
}

/* RFC 6066 §4: enum{ 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } */
void gt_wire_ext_max_frag(gt_wire_exts *x, uint8_t code)
{
    gt_wire_ext_set(x, GT_EXT_MAX_FRAGMENT_LENGTH, &code, 1);
}

/* RFC 8449 §4: uint16 RecordSizeLimit, at least 64. */
void gt_wire_ext_record_size_limit(gt_wire_exts *x, uint16_t limit)
{
    uint8_t v[2] = {(uint8_t)(limit >> 8), (uint8_t)limit};
    gt_wire_ext_set(x, GT_EXT_RECORD_SIZE_LIMIT, v, 2);
}

/* RFC 8446 §4.2.1: ClientHello form, ProtocolVersion versions<2..254> */
void gt_wire_ext_versions(gt_wire_exts *x, const uint16_t *v, size_t n)
{
    gt_wbuf b = {0};
    size_t at = gt_wbuf_open(&b, 1);
    for (size_t i = 0; i < n; i++)
        gt_wbuf_u16(&b, v[i]);
    gt_wbuf_close(&b, at, 1, -1);
    store(x, GT_EXT_SUPPORTED_VERSIONS, &b);
}
