/* Recorded sessions as regression vectors (vectors/transcripts/README.md).
 *
 * A transcript holds every record both ways, plus the facts a later test
 * needs to re-derive the key block without the premaster secret: client and
 * server random (parsed here from the hellos), the negotiated suite, the
 * EMS flag (RFC 7627 extension 23 in the ServerHello), the encrypt-then-MAC
 * flag (RFC 7366 extension 22, CBC suites) and the master secret
 * (from the client's NSS key log). With those, RFC 5246 §6.3 gives the key
 * block and the Finished records can be decrypted and checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "interop.h"

#define EXT_ETM 22 /* RFC 7366 §2 */
#define EXT_EMS 23 /* RFC 7627 §5.1 */

typedef struct {
    uint8_t client_random[32], server_random[32];
    uint16_t suite;
    bool have_ch, have_sh, ems, etm;
} hellos;

/* Opens the first handshake message of a record; RFC 5246 §7.4. */
static int open_msg(const gt_iop_record *r, uint8_t want, gt_rd *body)
{
    gt_rd rd = gt_rd_init(r->payload, r->len);
    uint8_t type;
    if (r->type != 22 || gt_rd_u8(&rd, &type) != 0 || type != want) return -1;
    return gt_rd_vec24(&rd, 0, rd.left, body);
}

static int parse_client_hello(const gt_iop_record *r, hellos *h)
{
    gt_rd b, skip;
    uint16_t version;
    if (open_msg(r, 1, &b) != 0 || gt_rd_u16(&b, &version) != 0 ||
        gt_rd_copy(&b, h->client_random, 32) != 0 || gt_rd_vec8(&b, 0, 32, &skip) != 0)
        return -1;
    h->have_ch = true;
    return 0;
}

static int parse_server_hello(const gt_iop_record *r, hellos *h)
{
    gt_rd b, sid, exts;
    uint16_t version;
    uint8_t comp;
    if (open_msg(r, 2, &b) != 0 || gt_rd_u16(&b, &version) != 0 ||
        gt_rd_copy(&b, h->server_random, 32) != 0 || gt_rd_vec8(&b, 0, 32, &sid) != 0 ||
        gt_rd_u16(&b, &h->suite) != 0 || gt_rd_u8(&b, &comp) != 0)
        return -1;
    h->have_sh = true;
    if (b.left == 0) return 0; /* no extensions at all */
    if (gt_rd_vec16(&b, 0, 65535, &exts) != 0) return -1;
    while (exts.left) {
        uint16_t type;
        gt_rd data;
        if (gt_rd_u16(&exts, &type) != 0 || gt_rd_vec16(&exts, 0, 65535, &data) != 0) return -1;
        if (type == EXT_EMS) h->ems = true;
        if (type == EXT_ETM) h->etm = true;
    }
    return 0;
}

/* The hellos are the first handshake records each way (no fragmentation
 * in the recorded cells: their record size is the default). */
static int find_hellos(const gt_iop_record *recs, size_t n, hellos *h)
{
    memset(h, 0, sizeof *h);
    for (size_t i = 0; i < n; i++) {
        if (recs[i].type != 22) continue;
        if (recs[i].c2s && !h->have_ch && parse_client_hello(&recs[i], h) != 0) return -1;
        if (!recs[i].c2s && !h->have_sh && parse_server_hello(&recs[i], h) != 0) return -1;
    }
    return h->have_ch && h->have_sh ? 0 : -1;
}

static void hex(FILE *f, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
}

/* The first CLIENT_RANDOM line of the key log, lower-cased. */
static int read_keylog(const char *path, char cr[65], char ms[97])
{
    FILE *f = fopen(path, "r");
    char line[512];
    int rc = -1;
    if (!f) return -1;
    char a[130], b[130];
    while (rc != 0 && fgets(line, sizeof line, f)) {
        /* Wider fields than needed, so an overlong value is refused, not cut. */
        if (sscanf(line, "CLIENT_RANDOM %129s %129s", a, b) == 2 && strlen(a) == 64 &&
            strlen(b) == 96) {
            memcpy(cr, a, 65);
            memcpy(ms, b, 97);
            rc = 0;
        }
    }
    fclose(f);
    for (int i = 0; rc == 0 && i < 96; i++) {
        if (i < 64 && cr[i] >= 'A' && cr[i] <= 'F') cr[i] = (char)(cr[i] - 'A' + 'a');
        if (ms[i] >= 'A' && ms[i] <= 'F') ms[i] = (char)(ms[i] - 'A' + 'a');
    }
    return rc;
}

static void write_header(FILE *f, const gt_iop_ctx *ctx, const gt_iop_cell *c, const hellos *h,
                         const char *cr, const char *ms)
{
    const gt_iop_impl *sv = &ctx->impls[c->server], *cl = &ctx->impls[c->client];
    fprintf(f, "# tlsgauntlet TLS 1.2 transcript v1 (format: vectors/transcripts/README.md)\n");
    fprintf(f, "id %s\n", c->id);
    fprintf(f, "server %s %s\nclient %s %s\n", sv->name, sv->version, cl->name, cl->version);
    fprintf(f, "suite %s 0x%04x\n", c->suite->name, h->suite);
    fprintf(f, "group %s\ncert %s\n", c->group ? c->group : "-", c->cert->name);
    fprintf(f, "ems %d\n", h->ems ? 1 : 0);
    /* CBC suites only: the record MAC covers the ciphertext (RFC 7366). */
    fprintf(f, "etm %d\n", h->etm ? 1 : 0);
    fprintf(f, "client_random ");
    hex(f, h->client_random, 32);
    fprintf(f, "\nserver_random ");
    hex(f, h->server_random, 32);
    fprintf(f, "\nmaster_secret %s\n", ms);
    fprintf(f, "keylog CLIENT_RANDOM %s %s\n", cr, ms);
    fprintf(f, "app_data %ld\n", c->feature->send_bytes);
}

int gt_iop_write_transcript(const gt_iop_ctx *ctx, const gt_iop_cell *c, const char *path,
                            const gt_iop_record *recs, size_t n, const char *keylog_path,
                            const char *client_result, char *why, size_t cap)
{
    hellos h;
    char cr[65], ms[97], want[65], ems[8] = "";
    if (find_hellos(recs, n, &h) != 0)
        return snprintf(why, cap, "no parsable ClientHello/ServerHello in the capture"), -1;
    if (h.suite != c->suite->code)
        return snprintf(why, cap, "ServerHello chose 0x%04x", h.suite), -1;
    if (read_keylog(keylog_path, cr, ms) != 0)
        return snprintf(why, cap, "no client keylog line to record"), -1;
    for (int i = 0; i < 32; i++)
        snprintf(want + 2 * i, 3, "%02x", h.client_random[i]);
    if (strcmp(want, cr) != 0)
        return snprintf(why, cap, "keylog client random is not the ClientHello's"), -1;
    /* The peer's view of EMS must match what the wire shows. */
    gt_iop_result_field(client_result, "ems", ems, sizeof ems);
    if (strcmp(ems, h.ems ? "1" : "0") != 0)
        return snprintf(why, cap, "client says ems=%s, ServerHello says %d", ems, h.ems), -1;
    FILE *f = fopen(path, "w");
    if (!f) return snprintf(why, cap, "cannot write %s", path), -1;
    write_header(f, ctx, c, &h, cr, ms);
    fprintf(f, "records %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s %02x %04x %zu ", recs[i].c2s ? "c2s" : "s2c", recs[i].type, recs[i].version,
                recs[i].len);
        hex(f, recs[i].payload, recs[i].len);
        fputc('\n', f);
    }
    if (fclose(f) != 0) return snprintf(why, cap, "cannot write %s", path), -1;
    return 0;
}
