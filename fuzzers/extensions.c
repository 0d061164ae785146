/* Fuzz target extensions: a hello's extension block and the readers of
 * every extension the engine interprets.
 *
 * Aims at: gt_exts_parse (tls/handshake/extensions.c: slicing, duplicates,
 * unknown types), gt_ext_read_u16_list (supported_groups,
 * signature_algorithms), and the record-layer extensions of ext_record.c
 * (gt_ext_rec_server_read on a server, gt_ext_rec_client_check on a client
 * that offered them: encrypt_then_mac, max_fragment_length,
 * record_size_limit), then gt_ext_rec_apply.
 *
 * Input: a selector byte (bit 1: server or client, the rest as
 * fz_tls_msg_conn), then the contents of extensions<0..2^16-1> (no outer
 * length). Seeds are the extension blocks of the ClientHellos and
 * ServerHellos of real sessions (fuzzers/sessions).
 *
 * fuzz-dict: tls
 */
#include "driver/fuzz.h"
#include "driver/tlsfz.h"
#include "handshake/hs.h"

static volatile unsigned sink;

static void lists(const gt_exts *e)
{
    uint16_t v[64];
    size_t n = 0;
    if ((e->seen & GT_EXT_SUPPORTED_GROUPS) && gt_ext_read_u16_list(e->groups, v, 64, &n) == 0)
        sink += (unsigned)n;
    if ((e->seen & GT_EXT_SIGNATURE_ALGORITHMS) && gt_ext_read_u16_list(e->sigalgs, v, 64, &n) == 0)
        sink += (unsigned)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    gt_exts e;
    gt_rd block = gt_rd_init(data + 1, size - 1);
    int server = (data[0] & 2) != 0;
    if (gt_exts_parse(block, &e) != 0) return 0;
    lists(&e);
    gt_conn *c = fz_tls_msg_conn(server ? GT_ROLE_SERVER : GT_ROLE_CLIENT, data[0]);
    if (!c) return 0;
    int err;
    if (server) {
        err = gt_ext_rec_server_read(c, &e);
    } else {
        err = gt_ext_rec_client_check(c, &e);
    }
    if (!err) gt_ext_rec_apply(c);
    sink += (unsigned)c->frag_out + (unsigned)c->frag_in;
    if (c->frag_out > GT_REC_MAX_PLAIN || c->frag_in > GT_REC_MAX_PLAIN)
        fz_fail("fragment limits above 2^14: out %zu in %zu", c->frag_out, c->frag_in);
    gt_conn_free(c);
    return 0;
}
