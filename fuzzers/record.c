/* Fuzz target record: record deframing and decryption under fixed keys,
 * for each protection the engine has.
 *
 * Aims at: gt_rec_parse_header and gt_rec_open (tls/record/record.c) over
 * gt_rec_gcm_ops / gt_rec_chacha_ops (rec_aead.c: explicit nonce, tag,
 * lengths) and gt_rec_cbc_ops / gt_rec_cbc_etm_ops (rec_cbc.c: IV, block
 * alignment, the Lucky13-safe MAC-then-encrypt check gt_rec_cbc_check,
 * encrypt-then-MAC per RFC 7366), sequence numbers across records, and
 * gt_rec_seal for the same protections.
 *
 * Input: a selector byte — bits 0-2 the protection (AES-128-GCM,
 * AES-256-GCM, ChaCha20-Poly1305, AES-128-CBC-SHA1 MtE, AES-128-CBC-SHA256
 * MtE, AES-256-CBC-SHA384 MtE, AES-128-CBC-SHA1 EtM, AES-256-CBC-SHA256
 * EtM), bit 3 "seal first": the records carry plaintext which the target
 * seals before opening (so mutations of the plaintext reach past the
 * authentication, and every opened record must give back what was sealed)
 * — then records (type, version, length, fragment). Keys are fixed (0x11..,
 * IVs 0x22..). Seeds: the records of real sessions in the clear, sealed
 * and not (FZ_RECORD_DUMP=DIR writes the sealed form of an input there,
 * fuzzers/tools/make-corpus.sh).
 *
 * fuzz-dict: tls
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "driver/fuzz.h"
#include "driver/tlsmut.h"
#include "record/record.h"

static uint8_t buf[GT_REC_HDR + GT_REC_MAX_PREFIX + GT_REC_MAX_CIPHER + GT_REC_MAX_SUFFIX];
static uint8_t dump[1 << 17];
static size_t dump_len;

static void keyed(gt_rec_state *s, unsigned sel)
{
    static const uint8_t key[32] = {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11};
    static const uint8_t iv[12] = {0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
                                   0x22, 0x22, 0x22, 0x22, 0x22, 0x22};
    static const uint8_t mac[48] = {0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33};
    int err;
    switch (sel & 7) {
    case 0:
        err = gt_rec_state_init(s, GT_CIPHER_AES_GCM, key, 16, iv, 4);
        break;
    case 1:
        err = gt_rec_state_init(s, GT_CIPHER_AES_GCM, key, 32, iv, 4);
        break;
    case 2:
        err = gt_rec_state_init(s, GT_CIPHER_CHACHA_POLY, key, 32, iv, 12);
        break;
    case 3:
        err = gt_rec_state_init_cbc(s, &gt_hash_sha1, mac, 20, key, 16, 0);
        break;
    case 4:
        err = gt_rec_state_init_cbc(s, &gt_hash_sha256, mac, 32, key, 16, 0);
        break;
    case 5:
        err = gt_rec_state_init_cbc(s, &gt_hash_sha384, mac, 48, key, 32, 0);
        break;
    case 6:
        err = gt_rec_state_init_cbc(s, &gt_hash_sha1, mac, 20, key, 16, 1);
        break;
    default:
        err = gt_rec_state_init_cbc(s, &gt_hash_sha256, mac, 32, key, 32, 1);
        break;
    }
    if (err) fz_fail("record: keying protection %u failed (%d)", sel & 7, err);
}

static void keep(const uint8_t *p, size_t n)
{
    if (n <= sizeof dump - dump_len) memcpy(dump + dump_len, p, n), dump_len += n;
}

/* Opens one whole record in buf; with `want`, it must give back want.
 * Returns 1 when the header itself is refused: the engine fails the
 * connection there, so no later record could be read (and the read state's
 * sequence number would no longer match the writer's). */
static int open_one(gt_rec_state *rd, size_t rec_len, const uint8_t *want, size_t want_len)
{
    uint8_t type;
    uint16_t version;
    size_t len;
    uint8_t *plain;
    size_t plain_len;
    if (gt_rec_parse_header(buf, &type, &version, &len) != 0) return 1;
    int err = gt_rec_open(rd, buf, rec_len, &plain, &plain_len);
    if (err) {
        if (want) fz_fail("record: a record sealed here did not open (%d)", err);
        return 0;
    }
    if (plain < buf || plain + plain_len > buf + rec_len)
        fz_fail("record: plaintext outside the record");
    if (plain_len > GT_REC_MAX_PLAIN) fz_fail("record: %zu bytes of plaintext", plain_len);
    if (want && (plain_len != want_len || memcmp(plain, want, want_len)))
        fz_fail("record: sealed and opened data differ");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    gt_rec_state rd, wr;
    unsigned sel = data[0];
    int seal = (sel & 8) != 0;
    keyed(&rd, sel);
    keyed(&wr, sel);
    dump_len = 0;
    uint8_t raw_sel = (uint8_t)(sel & ~8u);
    keep(&raw_sel, 1);
    gt_rd in = gt_rd_init(data + 1, size - 1);
    while (in.left >= GT_REC_HDR) {
        const uint8_t *hdr, *frag;
        uint16_t len;
        gt_rd h;
        if (gt_rd_bytes(&in, GT_REC_HDR, &hdr)) break;
        h = gt_rd_init(hdr + 3, 2);
        if (gt_rd_u16(&h, &len)) break;
        if (len > in.left) len = (uint16_t)in.left;
        if (gt_rd_bytes(&in, len, &frag)) break;
        size_t rec_len = GT_REC_HDR + len;
        if (seal) {
            if (len > GT_REC_MAX_PLAIN) continue;
            memcpy(buf + GT_REC_HDR + wr.ops->prefix, frag, len);
            uint16_t version = (uint16_t)(hdr[1] << 8 | hdr[2]);
            if (hdr[0] < 20 || hdr[0] > 23) continue;
            if (gt_rec_seal(&wr, hdr[0], version, buf, len, &rec_len) != 0)
                fz_fail("record: sealing %u bytes failed", len);
            keep(buf, rec_len);
            if (open_one(&rd, rec_len, frag, len)) break;
        } else {
            /* A declared length past the largest ciphertext cannot be a
             * record the layer would take in (the engine refuses it from
             * the header alone, RFC 5246 6.2.3): it does not fit buf. */
            if (len > sizeof buf - GT_REC_HDR) continue;
            memcpy(buf, hdr, GT_REC_HDR);
            memcpy(buf + GT_REC_HDR, frag, len);
            if (open_one(&rd, rec_len, NULL, 0)) break;
        }
    }
    gt_rec_state_wipe(&rd);
    gt_rec_state_wipe(&wr);
    const char *dir = getenv("FZ_RECORD_DUMP");
    if (dir && seal && dump_len > 1) {
        char path[4096];
        snprintf(path, sizeof path, "%s/sealed-%u-%zu-%08x", dir, sel & 7, dump_len,
                 (unsigned)(size * 2654435761u) ^ data[size - 1]);
        FILE *f = fopen(path, "wb");
        if (f) fwrite(dump, 1, dump_len, f), fclose(f);
    }
    return 0;
}

FZ_TLS_MUTATOR
