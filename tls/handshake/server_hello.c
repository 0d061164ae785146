/* ServerHello (RFC 5246 §7.4.1.3): the server writes it, the client checks
 * it against what it offered.
 *
 *   ProtocolVersion server_version; Random random; SessionID session_id;
 *   CipherSuite cipher_suite; CompressionMethod compression_method;
 *   select (extensions_present) { case true: Extension extensions<0..2^16-1>; }; */
#include <string.h>

#include "handshake/hs.h"

/* RFC 8446 §4.1.3: "DOWNGRD" || 01 (TLS 1.2 negotiated). */
static const uint8_t downgrade_12[8] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

static void write_extensions(gt_conn *c, gt_wr *w)
{
    size_t mark = 0;
    gt_wr_vec_open(w, 2, &mark);
    if (c->hs.secure_reneg) gt_ext_write_reneg(w, NULL, 0);
    if (c->hs.ems) gt_ext_write_empty(w, GT_EXT_TYPE_EMS);
    /* RFC 8422 §5.2: only in answer to the client's. */
    if (c->hs.peer_exts & GT_EXT_EC_POINT_FORMATS) gt_ext_write_point_formats(w);
    if (c->info.alpn[0]) {
        uint8_t proto[1][256];
        size_t n = strlen(c->info.alpn);
        proto[0][0] = (uint8_t)n;
        memcpy(&proto[0][1], c->info.alpn, n);
        gt_ext_write_alpn(w, (const uint8_t(*)[256])proto, 1);
    }
    gt_ext_rec_server_write(c, w);
    gt_resume_write_sh_ext(c, w);
    gt_wr_vec_close(w, 2, mark);
}

int gt_server_hello_send(gt_conn *c)
{
    gt_wr w;
    int err = gt_cfg_random(c->cfg, c->hs.server_random, 32);
    if (err) return err;
    if (c->cfg->downgrade_sentinel && c->hs.offered_tls13)
        memcpy(c->hs.server_random + 24, downgrade_12, 8);
    if ((err = gt_hs_begin(c, GT_HT_SERVER_HELLO, &w))) return err;
    gt_wr_u16(&w, 0x0303);
    gt_wr_bytes(&w, c->hs.server_random, 32);
    /* The new session's ID, or the resumed one's (resume.c); empty when
     * the session cannot be resumed by ID. */
    gt_wr_u8(&w, (uint8_t)c->hs.sid_len);
    gt_wr_bytes(&w, c->hs.sid, c->hs.sid_len);
    gt_wr_u16(&w, c->hs.suite->id);
    gt_wr_u8(&w, 0);
    write_extensions(c, &w);
    if ((err = gt_hs_end(c, &w))) return err;
    return gt_resume_server_keys(c);
}

static int in_list(uint16_t v, const uint16_t *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v) return 1;
    return 0;
}

/* RFC 7301 §3.1: exactly one protocol, one we offered. */
static int check_alpn(gt_conn *c, gt_rd ext)
{
    const gt_config *cfg = c->cfg;
    gt_rd list, name;
    int err;
    if ((err = gt_rd_vec16(&ext, 2, 65535, &list)) || (err = gt_rd_end(&ext)) ||
        (err = gt_rd_vec8(&list, 1, 255, &name)) || (err = gt_rd_end(&list)))
        return err;
    for (size_t i = 0; i < cfg->n_alpn; i++) {
        if (name.left != cfg->alpn[i][0] || memcmp(name.p, &cfg->alpn[i][1], name.left)) continue;
        memcpy(c->info.alpn, name.p, name.left);
        c->info.alpn[name.left] = '\0';
        return 0;
    }
    return GT_ERR_ILLEGAL_PARAMETER;
}

static int check_point_formats(gt_rd ext)
{
    gt_rd list;
    int err, have = 0;
    if ((err = gt_rd_vec8(&ext, 1, 255, &list)) || (err = gt_rd_end(&ext))) return err;
    while (list.left) {
        uint8_t f;
        if ((err = gt_rd_u8(&list, &f))) return err;
        have |= f == 0;
    }
    return have ? 0 : GT_ERR_ILLEGAL_PARAMETER;
}

static int check_extensions(gt_conn *c, const gt_exts *e)
{
    int err;
    /* RFC 5246 §7.4.1.4: only extensions the client offered. */
    if (e->seen & ~c->hs.offered) return GT_ERR_UNSUPPORTED_EXTENSION;
    /* RFC 6066 §3: the server's server_name is empty. */
    if (e->seen & GT_EXT_SERVER_NAME && e->server_name.left) return GT_ERR_DECODE_TRAILING;
    if (e->seen & GT_EXT_EMS) {
        if (e->ems.left) return GT_ERR_DECODE_TRAILING;
        c->hs.ems = 1;
    }
    if (c->cfg->require_ems && !c->hs.ems) return GT_ERR_EMS_REQUIRED;
    if (e->seen & GT_EXT_RENEGOTIATION_INFO) {
        /* RFC 5746 §3.4: empty in an initial handshake. Its absence is
         * allowed (a legacy server); we never renegotiate anyway. */
        gt_rd ext = e->reneg, v;
        if ((err = gt_rd_vec8(&ext, 0, 255, &v)) || (err = gt_rd_end(&ext))) return err;
        if (v.left) return GT_ERR_INSECURE_RENEGOTIATION;
        c->hs.secure_reneg = 1;
    }
    if (e->seen & GT_EXT_ALPN && (err = check_alpn(c, e->alpn))) return err;
    if (e->seen & GT_EXT_EC_POINT_FORMATS && (err = check_point_formats(e->point_formats)))
        return err;
    return 0;
}

int gt_server_hello_recv(gt_conn *c, gt_rd *body)
{
    uint16_t version, suite;
    const uint8_t *random;
    uint8_t comp;
    gt_rd sid, exts = gt_rd_init(NULL, 0);
    gt_exts e;
    int err;
    if ((err = gt_rd_u16(body, &version)) || (err = gt_rd_bytes(body, 32, &random)) ||
        (err = gt_rd_vec8(body, 0, 32, &sid)) || (err = gt_rd_u16(body, &suite)) ||
        (err = gt_rd_u8(body, &comp)))
        return err;
    if (body->left && (err = gt_rd_vec16(body, 0, 65535, &exts))) return err;
    if ((err = gt_rd_end(body)) || (err = gt_exts_parse(exts, &e))) return err;
    /* The client speaks TLS 1.2 only. */
    if (version != 0x0303) return GT_ERR_PROTOCOL_VERSION;
    c->version_locked = 1;
    c->version_out = 0x0303;
    if (!in_list(suite, c->cfg->suites, c->cfg->n_suites)) return GT_ERR_ILLEGAL_PARAMETER;
    if (comp != 0) return GT_ERR_ILLEGAL_PARAMETER;
    if ((err = check_extensions(c, &e))) return err;
    memcpy(c->hs.server_random, random, 32);
    c->hs.suite = gt_suite_info_get(suite);
    if (!c->hs.suite) return GT_ERR_INTERNAL;
    if ((err = gt_ext_rec_client_check(c, &e))) return err;
    gt_ext_rec_apply(c);
    c->info.version = 0x0303;
    c->info.suite = suite;
    c->info.ems = c->hs.ems;
    c->info.secure_renegotiation = c->hs.secure_reneg;
    return gt_resume_client(c, sid, &e);
}
