/*
 * Handshake message bodies of RFC 5246 §7.4 (plus RFC 8422 ECDHE forms and
 * RFC 5077 NewSessionTicket), and the parsers for the hellos a target
 * sends back.
 */
#include "wire.h"

void gt_wire_hs(gt_wbuf *out, uint8_t type, const uint8_t *body, size_t n, long len_override)
{
    gt_wbuf_u8(out, type);
    gt_wbuf_u24(out, len_override >= 0 ? (unsigned long)len_override : n);
    gt_wbuf_put(out, body, n);
}

static void hello_common(gt_wbuf *b, const gt_wire_hello *h)
{
    gt_wbuf_u16(b, h->version);
    gt_wbuf_put(b, h->random, 32);
    size_t at = gt_wbuf_open(b, 1);
    gt_wbuf_put(b, h->sid, h->sid_len);
    gt_wbuf_close(b, at, 1, h->sid_len_override);
}

/* RFC 5246 §7.4.1.2 */
void gt_wire_client_hello(gt_wbuf *b, const gt_wire_hello *h)
{
    hello_common(b, h);
    size_t at = gt_wbuf_open(b, 2);
    for (size_t i = 0; i < h->n_suites; i++)
        gt_wbuf_u16(b, h->suites[i]);
    gt_wbuf_close(b, at, 2, h->suites_len_override);
    at = gt_wbuf_open(b, 1);
    gt_wbuf_put(b, h->comp, h->n_comp);
    gt_wbuf_close(b, at, 1, h->comp_len_override);
    gt_wire_exts_write(b, &h->ext);
}

/* RFC 5246 §7.4.1.3 */
void gt_wire_server_hello(gt_wbuf *b, const gt_wire_hello *h)
{
    hello_common(b, h);
    gt_wbuf_u16(b, h->suites[0]);
    gt_wbuf_u8(b, h->comp[0]);
    gt_wire_exts_write(b, &h->ext);
}

/* RFC 5246 §7.4.2: ASN.1Cert certificate_list<0..2^24-1>, each <1..2^24-1> */
void gt_wire_certificate(gt_wbuf *b, const uint8_t *const *der, const size_t *len, size_t n)
{
    size_t at = gt_wbuf_open(b, 3);
    for (size_t i = 0; i < n; i++)
        gt_wbuf_vec(b, 3, der[i], len[i]);
    gt_wbuf_close(b, at, 3, -1);
}

/* RFC 8422 §5.4: ECParameters (curve_type named_curve(3), NamedCurve) +
 * ECPoint point<1..2^8-1> */
void gt_wire_ecdhe_params(gt_wbuf *b, uint16_t group, const uint8_t *pt, size_t pt_len)
{
    gt_wbuf_u8(b, 3);
    gt_wbuf_u16(b, group);
    gt_wbuf_vec(b, 1, pt, pt_len);
}

void gt_wire_ske_ecdhe(gt_wbuf *b, uint16_t group, const uint8_t *pt, size_t pt_len,
                       uint16_t sigalg, const uint8_t *sig, size_t sig_len)
{
    gt_wire_ecdhe_params(b, group, pt, pt_len);
    if (sigalg != 0) gt_wbuf_u16(b, sigalg);
    gt_wbuf_vec(b, 2, sig, sig_len);
}

/* RFC 5246 §7.4.4 */
void gt_wire_cert_request(gt_wbuf *b, const uint8_t *types, size_t nt, const uint16_t *sigalgs,
                          size_t ns, const uint8_t *dn_list, size_t dn_len)
{
    gt_wbuf_vec(b, 1, types, nt);
    size_t at = gt_wbuf_open(b, 2);
    for (size_t i = 0; i < ns; i++)
        gt_wbuf_u16(b, sigalgs[i]);
    gt_wbuf_close(b, at, 2, -1);
    gt_wbuf_vec(b, 2, dn_list, dn_len);
}

/* RFC 5246 §7.4.8 + §4.7 digitally-signed */
void gt_wire_cert_verify(gt_wbuf *b, uint16_t sigalg, const uint8_t *sig, size_t n)
{
    gt_wbuf_u16(b, sigalg);
    gt_wbuf_vec(b, 2, sig, n);
}

void gt_wire_cke_ecdhe(gt_wbuf *b, const uint8_t *pt, size_t n)
{
    gt_wbuf_vec(b, 1, pt, n);
}

void gt_wire_cke_rsa(gt_wbuf *b, const uint8_t *enc, size_t n)
{
    gt_wbuf_vec(b, 2, enc, n);
}

/* RFC 5077 §3.3 */
void gt_wire_new_ticket(gt_wbuf *b, uint32_t lifetime, const uint8_t *t, size_t n)
{
    gt_wbuf_u16(b, lifetime >> 16);
    gt_wbuf_u16(b, lifetime & 0xffff);
    gt_wbuf_vec(b, 2, t, n);
}

static void parse_common(gt_wrd *r, gt_wire_hello_view *v)
{
    v->version = (uint16_t)gt_wrd_u16(r);
    v->random = gt_wrd_take(r, 32);
    gt_wrd sid = gt_wrd_vec(r, 1, 0, 32);
    v->sid = sid.p;
    v->sid_len = sid.left;
}

static int parse_ext_block(gt_wrd *r, gt_wire_hello_view *v, const char **why)
{
    v->has_ext = r->left > 0;
    if (v->has_ext) v->ext = gt_wrd_vec(r, 2, 0, 65535);
    if (!gt_wrd_done(r)) return *why = "malformed or trailing bytes after the extensions", -1;
    gt_wrd e = v->ext;
    while (v->has_ext && e.left > 0) {
        gt_wrd_u16(&e);
        gt_wrd_vec(&e, 2, 0, 65535);
        if (e.bad) return *why = "malformed extension list", -1;
    }
    return 0;
}

int gt_wire_parse_server_hello(const uint8_t *b, size_t n, gt_wire_hello_view *v, const char **why)
{
    gt_wrd r = {b, n, 0};
    parse_common(&r, v);
    v->suite = (uint16_t)gt_wrd_u16(&r);
    v->comp = (uint8_t)gt_wrd_u8(&r);
    if (r.bad) return *why = "truncated ServerHello", -1;
    return parse_ext_block(&r, v, why);
}

int gt_wire_parse_client_hello(const uint8_t *b, size_t n, gt_wire_hello_view *v, const char **why)
{
    gt_wrd r = {b, n, 0};
    parse_common(&r, v);
    v->suites = gt_wrd_vec(&r, 2, 2, 65534);
    v->comps = gt_wrd_vec(&r, 1, 1, 255);
    if (r.bad || v->suites.left % 2 != 0) return *why = "malformed ClientHello", -1;
    return parse_ext_block(&r, v, why);
}

int gt_wire_find_ext(const gt_wire_hello_view *v, uint16_t type, gt_wrd *body)
{
    gt_wrd e = v->ext;
    int found = 0;
    while (v->has_ext && e.left > 0) {
        unsigned t = gt_wrd_u16(&e);
        gt_wrd d = gt_wrd_vec(&e, 2, 0, 65535);
        if (e.bad) return -1;
        if (t != type) continue;
        if (found) return -1; /* RFC 5246 §7.4.1.4: at most one of each */
        found = 1;
        *body = d;
    }
    return found;
}
