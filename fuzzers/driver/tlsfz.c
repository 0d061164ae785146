/* tlsgauntlet — glue for the TLS engine fuzz targets (see tlsfz.h). */
#include "tlsfz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"
#include "fuzz.h"
#include "handshake/hs.h"

static fz_rng_state rng;
static int skipping = -1;
static gt_config *servers[2][FZ_TLS_NCFG], *clients[FZ_TLS_NCFG];

/* Every suite the engine implements (tls/handshake/suites.c), AEAD first. */
static const uint16_t all_suites[] = {
    0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0xC009, 0xC00A, 0xC023, 0xC024,
    0xC013, 0xC014, 0xC027, 0xC028, 0x009C, 0x009D, 0x002F, 0x0035, 0x003C, 0x003D,
};
#define NSUITES (sizeof all_suites / sizeof all_suites[0])
static const char *const alpn[] = {"h2", "http/1.1"};

void fz_tls_reset_rng(void)
{
    fz_rng_seed(&rng, 0x746c7366757a7a31ull); /* "tlsfuzz1" */
}

static void keylog(void *ctx, const char *line)
{
    (void)ctx, (void)line;
}

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return FZ_TLS_CLOCK;
}

int fz_tls_skipping(void)
{
    return skipping > 0;
}

static void must(int err, const char *what)
{
    if (err) fz_fail("tlsfz set-up: %s failed (%d)", what, err);
}

static gt_config *base_config(int normal)
{
    gt_config *cfg = gt_config_new(NULL);
    if (!cfg) fz_fail("tlsfz set-up: out of memory");
    fz_tls_reset_rng();
    gt_config_set_rng(cfg, fz_rng, &rng);
    gt_config_set_clock(cfg, fixed_clock, NULL);
    gt_config_set_keylog(cfg, keylog, NULL);
    must(gt_config_set_suites(cfg, all_suites, sizeof all_suites / sizeof all_suites[0]), "suites");
    must(gt_config_add_trust_pem(cfg, fz_embedded_roots_pem, fz_embedded_roots_pem_len), "trust");
    /* Refused (GT_ERR_UNSUPPORTED) by a library built without GT_FUZZING. */
    skipping = !normal && gt_config_set_option(cfg, GT_OPT_FUZZ_SKIP_CHECKS, 1) == 0;
    return cfg;
}

/* No session-ID cache (it would carry state from one input to the next);
 * tickets with keys made now, under the fixed clock, so they never rotate. */
static void server_tickets(gt_config *cfg)
{
    gt_session_opts o = {.cache_slots = 0, .tickets = 1, .lifetime = 0, .ticket_rotate = 0};
    gt_session s;
    uint8_t t[GT_TICKET_MAX];
    size_t n;
    must(gt_config_set_sessions(cfg, &o), "sessions");
    memset(&s, 0, sizeof s);
    s.suite = 0xC02F;
    must(gt_ticket_seal(cfg, &s, t, sizeof t, &n), "ticket keys");
}

gt_config *fz_tls_server_config_m(unsigned flags, int normal)
{
    return fz_tls_server_config_rsa_m(flags, 1, normal);
}

gt_config *fz_tls_server_config_rsa_m(unsigned flags, int rsa, int normal)
{
    unsigned k = flags % FZ_TLS_NCFG;
    rsa = rsa != 0;
    if (servers[rsa][k]) return servers[rsa][k];
    gt_config *cfg = base_config(normal);
    must(gt_config_add_chain(cfg, fz_embedded_server_p256_chain, fz_embedded_server_p256_chain_len,
                             fz_embedded_server_p256_key, fz_embedded_server_p256_key_len),
         "p256 chain");
    must(gt_config_add_chain(cfg, fz_embedded_server_p384_chain, fz_embedded_server_p384_chain_len,
                             fz_embedded_server_p384_key, fz_embedded_server_p384_key_len),
         "p384 chain");
    if (rsa)
        must(gt_config_add_chain(cfg, fz_embedded_server_rsa_chain,
                                 fz_embedded_server_rsa_chain_len, fz_embedded_server_rsa_key,
                                 fz_embedded_server_rsa_key_len),
             "rsa chain");
    must(gt_config_set_alpn(cfg, alpn, 2), "alpn");
    server_tickets(cfg);
    if (k == 1 || k == 2)
        must(gt_config_set_client_auth(cfg,
                                       k == 1 ? GT_CLIENT_AUTH_OPTIONAL : GT_CLIENT_AUTH_REQUIRE),
             "client auth");
    if (k == 3) {
        must(gt_config_set_option(cfg, GT_OPT_EMS, 0), "ems");
        must(gt_config_set_option(cfg, GT_OPT_ENCRYPT_THEN_MAC, 0), "etm");
        must(gt_config_set_option(cfg, GT_OPT_ALLOW_SHA1, 1), "sha1");
    }
    return servers[rsa][k] = cfg;
}

gt_config *fz_tls_client_config_m(unsigned flags, int normal)
{
    unsigned k = flags % FZ_TLS_NCFG;
    if (clients[k]) return clients[k];
    gt_config *cfg = base_config(normal);
    gt_session_opts o = {.cache_slots = 0, .tickets = 1, .lifetime = 0, .ticket_rotate = 0};
    must(gt_config_set_sessions(cfg, &o), "sessions");
    if (k != 3) must(gt_config_set_alpn(cfg, alpn, 2), "alpn");
    /* record_size_limit offered (RFC 8449), as the recorded IUT clients do */
    if (k != 3) must(gt_config_set_option(cfg, GT_OPT_RECORD_SIZE_LIMIT, 16384), "rsl");
    if (k == 1) {
        must(gt_config_add_chain(cfg, fz_embedded_client_p256_chain,
                                 fz_embedded_client_p256_chain_len, fz_embedded_client_p256_key,
                                 fz_embedded_client_p256_key_len),
             "client p256 chain");
        must(gt_config_add_chain(cfg, fz_embedded_client_rsa_chain,
                                 fz_embedded_client_rsa_chain_len, fz_embedded_client_rsa_key,
                                 fz_embedded_client_rsa_key_len),
             "client rsa chain");
    }
    if (k == 2) must(gt_config_set_option(cfg, GT_OPT_VERIFY_PEER, 0), "verify");
    if (k == 3) {
        must(gt_config_set_option(cfg, GT_OPT_EMS, 0), "ems");
        must(gt_config_set_option(cfg, GT_OPT_ENCRYPT_THEN_MAC, 0), "etm");
        must(gt_config_set_option(cfg, GT_OPT_MAX_FRAGMENT_LENGTH, 4), "mfl");
    }
    return clients[k] = cfg;
}

/* Output is discarded; application data is read out so the engine takes
 * the next record. */
void fz_tls_drain(gt_conn *c)
{
    static uint8_t app[4096];
    const uint8_t *o;
    size_t n, got;
    while (gt_conn_output(c, &o, &n) == 0 && n)
        gt_conn_output_done(c, n);
    while (gt_conn_read(c, app, sizeof app, &got) == 0 && got) {
    }
}

static void feed(gt_conn *c, const uint8_t *p, size_t n)
{
    int stuck = 0;
    while (n && stuck < 2) {
        size_t used = 0;
        int err = gt_conn_feed(c, p, n, &used);
        p += used;
        n -= used;
        stuck = used ? 0 : stuck + 1;
        fz_tls_drain(c);
        if (err && err != GT_ERR_WANT_OUTPUT) return;
    }
}

/* The peer's write state, from the key block the connection derived
 * (change_cipher_spec.c does the same for its own read side). */
static int peer_state(gt_conn *c, gt_rec_state *st)
{
    gt_role peer = c->role == GT_ROLE_CLIENT ? GT_ROLE_SERVER : GT_ROLE_CLIENT;
    if (!c->hs.suite) return -1;
    int err = gt_ks_rec_state(c->hs.suite, c->hs.key_block, peer, st);
    if (!err && c->hs.etm && st->ops == &gt_rec_cbc_ops) st->ops = &gt_rec_cbc_etm_ops;
    return err;
}

/* What an open connection reports: the negotiated names must map back
 * to their code points (suites.c). */
static void check_info(const gt_conn *c)
{
    gt_conn_info info;
    if (gt_conn_info_get(c, &info) != 0)
        fz_fail("tlsfz: gt_conn_info_get failed on an open connection");
    const char *s = gt_suite_name(info.suite), *g = gt_group_name(info.group);
    const char *a = gt_sigalg_name(info.sigalg);
    if (!s || gt_suite_by_name(s) != info.suite)
        fz_fail("tlsfz: suite 0x%04x has no name", info.suite);
    if (g && gt_group_by_name(g) != info.group)
        fz_fail("tlsfz: group 0x%04x round trip", info.group);
    if (a && gt_sigalg_by_name(a) != info.sigalg)
        fz_fail("tlsfz: sigalg 0x%04x round trip", info.sigalg);
    uint8_t ekm[32];
    if (gt_conn_export_keying_material(c, ekm, sizeof ekm, "EXPORTER-fuzz", NULL, 0, 1) != 0)
        fz_fail("tlsfz: the exporter failed on an open connection");
}

static void write_once(gt_conn *c, int *wrote)
{
    static const uint8_t msg[] = "GET / HTTP/1.0\r\n\r\n";
    size_t taken;
    if (*wrote || gt_conn_state(c) != GT_STATE_OPEN) return;
    *wrote = 1;
    if (gt_conn_write(c, msg, sizeof msg - 1, &taken) == 0) fz_tls_drain(c);
}

static void dump_one(const char *dir, uint8_t mode, const uint8_t *p, size_t n)
{
    char path[4096];
    uint32_t h = 2166136261u; /* FNV-1a names the file */
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    snprintf(path, sizeof path, "%s/session-%u-%08x", dir, mode, h);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fputc(mode, f);
    fwrite(p, 1, n, f);
    fclose(f);
}

/* FZ_TLS_DUMP=DIR: the session an open connection ends with, as
 * session_ticket seeds (a ticket under the server config's keys and the
 * encoded state; a client's export). */
static void dump_session(gt_conn *c)
{
    static const char *dir = (const char *)1;
    if (dir == (const char *)1) dir = getenv("FZ_TLS_DUMP");
    if (!dir || gt_conn_state(c) != GT_STATE_OPEN) return;
    uint8_t buf[GT_SESSION_EXPORT_MAX];
    size_t n;
    if (c->role == GT_ROLE_CLIENT) {
        if (gt_conn_session_export(c, buf, sizeof buf, &n) == 0) dump_one(dir, 1, buf, n);
        return;
    }
    gt_session s;
    gt_resume_snapshot(c, &s);
    if (gt_ticket_seal(c->cfg, &s, buf, sizeof buf, &n) == 0) dump_one(dir, 0, buf, n);
    gt_wr w = gt_wr_init(buf, sizeof buf);
    gt_session_encode(&s, &w);
    if (gt_wr_status(&w) == 0) dump_one(dir, 2, buf, w.len);
    gt_wipe(&s, sizeof s);
}

gt_state fz_tls_play(gt_conn *c, const uint8_t *in, size_t n, int raw)
{
    static uint8_t rec[GT_REC_HDR + GT_REC_MAX_PREFIX + GT_REC_MAX_PLAIN + GT_REC_MAX_SUFFIX];
    gt_rec_state peer;
    int have_peer = 0, wrote = 0, opened = 0;
    gt_rd r = gt_rd_init(in, n);
    fz_tls_drain(c);
    while (r.left) {
        gt_state st = gt_conn_state(c);
        if (st == GT_STATE_FAILED || st == GT_STATE_CLOSED) break;
        const uint8_t *start = r.p, *frag;
        uint8_t type;
        uint16_t version, len;
        if (gt_rd_u8(&r, &type) || gt_rd_u16(&r, &version) || gt_rd_u16(&r, &len)) {
            feed(c, start, (size_t)(r.p - start) + r.left); /* a truncated header */
            break;
        }
        if (len > r.left) len = (uint16_t)r.left;
        if (gt_rd_bytes(&r, len, &frag)) break;
        int sealed = 0;
        if (!raw && c->rd.ops != &gt_rec_null_ops && len <= GT_REC_MAX_PLAIN) {
            if (!have_peer) have_peer = peer_state(c, &peer) == 0 ? 1 : -1;
            if (have_peer == 1) {
                size_t rec_len;
                memcpy(rec + GT_REC_HDR + peer.ops->prefix, frag, len);
                if (gt_rec_seal(&peer, type, version, rec, len, &rec_len) == 0) {
                    feed(c, rec, rec_len);
                    sealed = 1;
                }
            }
        }
        if (!sealed) feed(c, start, (size_t)(r.p - start));
        write_once(c, &wrote);
        if (!opened && gt_conn_state(c) == GT_STATE_OPEN) {
            opened = 1;
            check_info(c);
            dump_session(c);
        }
    }
    if (have_peer == 1) gt_rec_state_wipe(&peer);
    gt_state st = gt_conn_state(c);
    gt_alert_info ai;
    int err = gt_conn_error(c, &ai);
    if (err && getenv("FZ_TLS_VERBOSE"))
        fprintf(stderr, "tlsfz: error %d (%s alert %u: %s)\n", err, ai.sent ? "sent" : "received",
                ai.desc, ai.what ? ai.what : "-");
    if (st == GT_STATE_OPEN) {
        if (gt_conn_close(c) == 0) fz_tls_drain(c);
    }
    /* a session that reached OPEN and was then closed still counts */
    return opened && st == GT_STATE_CLOSED ? GT_STATE_OPEN : st;
}

void fz_tls_expect(gt_state st)
{
    static const char *want = (const char *)1;
    if (want == (const char *)1) want = getenv("FZ_TLS_EXPECT");
    if (!want) return;
    int open = st == GT_STATE_OPEN;
    if (getenv("FZ_TLS_VERBOSE")) fprintf(stderr, "tlsfz: final state %d\n", (int)st);
    if (!strcmp(want, "OPEN") && !open) fz_fail("expected OPEN, the input ended in state %d", st);
    if (!strcmp(want, "NOT_OPEN") && open)
        fz_fail("expected the handshake to fail, it reached OPEN");
}

static const uint16_t msg_groups[] = {0x001D, 0x0017, 0x0018}; /* x25519, P-256, P-384 */

gt_conn *fz_tls_msg_conn_m(gt_role role, uint8_t sel, int normal)
{
    gt_config *cfg = role == GT_ROLE_SERVER ? fz_tls_server_config_m(sel, normal)
                                            : fz_tls_client_config_m(sel, normal);
    /* the peer's certificates: the other side's config (1: client chains) */
    const gt_config *other = role == GT_ROLE_SERVER ? fz_tls_client_config_m(1, normal)
                                                    : fz_tls_server_config_m(0, normal);
    fz_tls_reset_rng();
    gt_conn *c = gt_conn_new(cfg, role, role == GT_ROLE_CLIENT ? "localhost" : NULL);
    if (!c) return NULL;
    fz_tls_drain(c);
    size_t si = ((sel >> 2) & 31u) % NSUITES;
    const gt_suite_info *s = gt_suite_info_get(all_suites[si]);
    int ec = s->kx == GT_KX_ECDHE_ECDSA;
    c->hs.suite = s;
    c->info.suite = all_suites[si];
    /* bit 7: P-384; else x25519 with an RSA suite, P-256 with ECDSA */
    c->hs.group = gt_group_info_get(msg_groups[(sel & 0x80) ? 2 : ec]);
    /* server chains: p256, p384, rsa; client chains: p256, rsa */
    size_t mine = role == GT_ROLE_SERVER ? (ec ? 0 : 2) : (ec ? 0 : 1);
    size_t theirs = role == GT_ROLE_SERVER ? (ec ? 0 : 1) : (ec ? 0 : 2);
    if (mine < cfg->n_chains) c->hs.chain = &cfg->chains[mine];
    if (theirs < other->n_chains &&
        gt_peer_key_copy(&c->hs.peer, &other->chains[theirs].leaf.key) != 0)
        fz_fail("tlsfz: peer key");
    if (role == GT_ROLE_SERVER && s->kx != GT_KX_RSA && gt_kex_keygen(c) != 0)
        fz_fail("tlsfz: ECDHE key generation");
    return c;
}
