/* ClientHello (RFC 5246 §7.4.1.2): the client writes it, the server
 * parses it and negotiates (server.c).
 *
 *   ProtocolVersion client_version; Random random;
 *   SessionID session_id<0..32>; CipherSuite cipher_suites<2..2^16-2>;
 *   CompressionMethod compression_methods<1..2^8-1>;
 *   select (extensions_present) { case true: Extension extensions<0..2^16-1>; }; */
#include <string.h>

#include "gt/gt_x509_verify.h"
#include "handshake/hs.h"

#define SCSV_RENEGO   0x00FF /* RFC 5746 §3.3 TLS_EMPTY_RENEGOTIATION_INFO_SCSV */
#define SCSV_FALLBACK 0x5600 /* RFC 7507 §2 TLS_FALLBACK_SCSV */
#define SERVER_MAX    0x0303 /* the highest version this server speaks */

static int name_is_ip(const char *name)
{
    uint8_t ip[16];
    size_t len;
    return gt_x509_ip_parse(name, strlen(name), ip, &len) == 0;
}

static void write_extensions(gt_conn *c, gt_wr *w)
{
    const gt_config *cfg = c->cfg;
    uint16_t sigalgs[GT_MAX_PREFS];
    size_t n = 0, mark = 0;
    gt_wr_vec_open(w, 2, &mark);
    /* RFC 6066 §3: no IP literals in server_name. */
    if (c->server_name[0] && !name_is_ip(c->server_name)) {
        gt_ext_write_server_name(w, c->server_name, strlen(c->server_name));
        c->hs.offered |= GT_EXT_SERVER_NAME;
        memcpy(c->info.sni, c->server_name, strlen(c->server_name) + 1);
    }
    gt_ext_write_u16_list(w, GT_EXT_TYPE_SUPPORTED_GROUPS, cfg->groups, cfg->n_groups);
    gt_ext_write_point_formats(w);
    for (size_t i = 0; i < cfg->n_sigalgs; i++) {
        const gt_sigalg_info *s = gt_sigalg_info_get(cfg->sigalgs[i]);
        if (s && (!s->sha1 || cfg->allow_sha1)) sigalgs[n++] = s->id;
    }
    gt_ext_write_u16_list(w, GT_EXT_TYPE_SIGNATURE_ALGORITHMS, sigalgs, n);
    c->hs.offered |= GT_EXT_SUPPORTED_GROUPS | GT_EXT_EC_POINT_FORMATS;
    if (cfg->n_alpn) {
        gt_ext_write_alpn(w, cfg->alpn, cfg->n_alpn);
        c->hs.offered |= GT_EXT_ALPN;
    }
    if (cfg->ems) {
        gt_ext_write_empty(w, GT_EXT_TYPE_EMS);
        c->hs.offered |= GT_EXT_EMS;
    }
    /* RFC 5746 §3.4: the empty extension in the initial handshake. */
    gt_ext_write_reneg(w, NULL, 0);
    c->hs.offered |= GT_EXT_RENEGOTIATION_INFO;
    gt_resume_write_ch_ext(c, w);
    gt_ext_rec_client_write(c, w);
    gt_wr_vec_close(w, 2, mark);
}

/* The signature algorithms the ClientHello can list (the SHA-1 policy
 * removes some). */
static size_t usable_sigalgs(const gt_config *cfg)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_sigalgs; i++) {
        const gt_sigalg_info *s = gt_sigalg_info_get(cfg->sigalgs[i]);
        n += s && (!s->sha1 || cfg->allow_sha1);
    }
    return n;
}

int gt_client_hello_send(gt_conn *c)
{
    const gt_config *cfg = c->cfg;
    gt_wr w;
    size_t mark = 0;
    /* RFC 5246 §7.4.1.4.1: supported_signature_algorithms<2..2^16-2> MUST
     * NOT be empty; a config whose algorithms are all disabled (SHA-1 only,
     * SHA-1 off) fails here, before anything is sent. */
    if (!usable_sigalgs(cfg)) return GT_ERR_NO_SIGALGS;
    int err = gt_cfg_random(cfg, c->hs.client_random, 32);
    if (err || (err = gt_hs_begin(c, GT_HT_CLIENT_HELLO, &w))) return err;
    gt_wr_u16(&w, 0x0303);
    gt_wr_bytes(&w, c->hs.client_random, 32);
    if ((err = gt_resume_write_session_id(c, &w))) return err;
    gt_wr_vec_open(&w, 2, &mark);
    for (size_t i = 0; i < cfg->n_suites; i++)
        gt_wr_u16(&w, cfg->suites[i]);
    gt_wr_vec_close(&w, 2, mark);
    gt_wr_u8(&w, 1); /* compression_methods: null only */
    gt_wr_u8(&w, 0);
    write_extensions(c, &w);
    err = gt_hs_end(c, &w);
    /* Only the ClientHello's record says {3,1} (conn.c); whatever follows
     * (an alert included) says 1.2, which is all the server accepts. */
    c->version_out = 0x0303;
    return err;
}

/* Parses the message structure only; meaning is checked by the caller. */
int gt_client_hello_parse(gt_rd *body, gt_client_hello *ch)
{
    gt_rd exts = gt_rd_init(NULL, 0);
    int err;
    memset(ch, 0, sizeof *ch);
    if ((err = gt_rd_u16(body, &ch->version)) || (err = gt_rd_bytes(body, 32, &ch->random)) ||
        (err = gt_rd_vec8(body, 0, 32, &ch->session_id)) ||
        (err = gt_rd_vec16(body, 2, 65534, &ch->suites)) ||
        (err = gt_rd_vec8(body, 1, 255, &ch->compressions)))
        return err;
    if (ch->suites.left & 1) return GT_ERR_DECODE_LENGTH;
    /* §7.4.1.2: extensions are present when bytes follow. */
    if (body->left && (err = gt_rd_vec16(body, 0, 65535, &exts))) return err;
    if ((err = gt_rd_end(body))) return err;
    return gt_exts_parse(exts, &ch->exts);
}

/* RFC 8446 §4.2.1: a client offering TLS 1.3 lists versions in
 * supported_versions (and a 1.2 server uses that list, not
 * legacy_version, when it is present). Sets *tls13 when 1.3 is offered. */
static int negotiate_version(const gt_client_hello *ch, int *tls13)
{
    *tls13 = 0;
    if (!(ch->exts.seen & GT_EXT_SUPPORTED_VERSIONS)) {
        if (ch->version < 0x0303) return GT_ERR_PROTOCOL_VERSION;
        *tls13 = ch->version > 0x0303;
        return 0;
    }
    gt_rd ext = ch->exts.versions, list;
    int err, have12 = 0;
    if ((err = gt_rd_vec8(&ext, 2, 254, &list)) || (err = gt_rd_end(&ext))) return err;
    if (list.left & 1) return GT_ERR_DECODE_LENGTH;
    while (list.left) {
        uint16_t v;
        if ((err = gt_rd_u16(&list, &v))) return err;
        have12 |= v == 0x0303;
        *tls13 |= v == 0x0304;
    }
    return have12 ? 0 : GT_ERR_PROTOCOL_VERSION;
}

/* RFC 5746 §3.6: the SCSV or an empty renegotiation_info; a non-empty one
 * in an initial handshake is handshake_failure. */
static int check_reneg(gt_conn *c, const gt_client_hello *ch)
{
    gt_rd suites = ch->suites;
    while (suites.left) {
        uint16_t s;
        if (gt_rd_u16(&suites, &s)) return GT_ERR_INTERNAL;
        if (s == SCSV_RENEGO) c->hs.secure_reneg = 1;
    }
    if (!(ch->exts.seen & GT_EXT_RENEGOTIATION_INFO)) return 0;
    gt_rd ext = ch->exts.reneg, v;
    int err;
    if ((err = gt_rd_vec8(&ext, 0, 255, &v)) || (err = gt_rd_end(&ext))) return err;
    if (v.left) return GT_ERR_INSECURE_RENEGOTIATION;
    c->hs.secure_reneg = 1;
    return 0;
}

/* RFC 7507 §3: TLS_FALLBACK_SCSV with a client_version below the highest
 * version the server supports is inappropriate_fallback. This server's
 * highest is 1.2, below which nothing is spoken anyway, so the check only
 * changes which alert a 1.0/1.1 fallback gets; it is made as specified,
 * before version negotiation. */
static int check_fallback(const gt_client_hello *ch)
{
    gt_rd suites = ch->suites;
    while (suites.left) {
        uint16_t s;
        if (gt_rd_u16(&suites, &s)) return GT_ERR_INTERNAL;
        if (s == SCSV_FALLBACK && ch->version < SERVER_MAX) return GT_ERR_INAPPROPRIATE_FALLBACK;
    }
    return 0;
}

int gt_client_hello_recv(gt_conn *c, gt_rd *body)
{
    gt_client_hello ch;
    int err;
    if ((err = gt_client_hello_parse(body, &ch))) return err;
    if ((err = check_fallback(&ch))) return err;
    c->hs.client_version = ch.version; /* RFC 5246 §7.4.7.1 */
    if ((err = negotiate_version(&ch, &c->hs.offered_tls13))) return err;
    /* §7.4.1.2: the list MUST contain the null method. */
    gt_rd comp = ch.compressions;
    int have_null = 0;
    while (comp.left) {
        uint8_t m;
        if (gt_rd_u8(&comp, &m)) return GT_ERR_INTERNAL;
        have_null |= m == 0;
    }
    if (!have_null) return GT_ERR_ILLEGAL_PARAMETER;
    if ((err = check_reneg(c, &ch))) return err;
    memcpy(c->hs.client_random, ch.random, 32);
    c->hs.peer_exts = ch.exts.seen;
    c->version_locked = 1;
    if ((err = gt_ext_rec_server_read(c, &ch.exts)) || (err = gt_server_negotiate(c, &ch)) ||
        (err = gt_resume_server(c, &ch)))
        return err;
    gt_ext_rec_apply(c);
    return 0;
}
