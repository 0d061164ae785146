/* Record framing and the protection-independent checks (RFC 5246 §6.2):
 * header parsing, the plaintext and ciphertext bounds, sequence numbers and
 * the additional data of AEAD records (§6.2.3.3). The ciphers live in
 * rec_aead.c behind gt_rec_ops. */
#include "record/record.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"

static int null_seal(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                     size_t *frag_len)
{
    (void)s;
    (void)aad;
    (void)frag;
    *frag_len = len;
    return 0;
}

static int null_open(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                     size_t *plain_len)
{
    (void)s;
    (void)aad;
    *plain = frag;
    *plain_len = len;
    return 0;
}

const gt_rec_ops gt_rec_null_ops = {"null", 0, 0, null_seal, null_open};

void gt_rec_state_init_null(gt_rec_state *s)
{
    memset(s, 0, sizeof *s);
    s->ops = &gt_rec_null_ops;
}

void gt_rec_state_wipe(gt_rec_state *s)
{
    if (s->ops == &gt_rec_gcm_ops) gt_gcm_free(&s->key.gcm);
    gt_wipe(s, sizeof *s);
    s->ops = &gt_rec_null_ops;
}

int gt_rec_parse_header(const uint8_t *hdr, uint8_t *type, uint16_t *version, size_t *len)
{
    gt_rd r = gt_rd_init(hdr, GT_REC_HDR);
    uint16_t l;
    int err;
    if ((err = gt_rd_u8(&r, type)) || (err = gt_rd_u16(&r, version)) || (err = gt_rd_u16(&r, &l)))
        return err;
    if (*type < GT_CT_CHANGE_CIPHER_SPEC || *type > GT_CT_APPLICATION_DATA)
        return GT_ERR_RECORD_TYPE;
    /* RFC 5246 Appendix E.1: any TLS 1.x record version {3, x} may carry the
     * first ClientHello; SSL 2.0 framing and other majors are refused. */
    if ((*version >> 8) != 3) return GT_ERR_RECORD_VERSION;
    if (l > GT_REC_MAX_CIPHER) return GT_ERR_RECORD_OVERFLOW;
    *len = l;
    return 0;
}

/* RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type +
 * TLSCompressed.version + TLSCompressed.length (the plaintext length). */
static void make_aad(uint8_t aad[13], uint64_t seq, uint8_t type, uint16_t version, size_t len)
{
    gt_store64_be(aad, seq);
    aad[8] = type;
    aad[9] = (uint8_t)(version >> 8);
    aad[10] = (uint8_t)version;
    aad[11] = (uint8_t)(len >> 8);
    aad[12] = (uint8_t)len;
}

int gt_rec_open(gt_rec_state *s, uint8_t *rec, size_t rec_len, uint8_t **plain, size_t *plain_len)
{
    uint8_t type, aad[13];
    uint16_t version;
    size_t len;
    int err;
    if (rec_len < GT_REC_HDR) return GT_ERR_INTERNAL;
    if ((err = gt_rec_parse_header(rec, &type, &version, &len))) return err;
    if (len != rec_len - GT_REC_HDR) return GT_ERR_INTERNAL;
    /* §6.2.1 / §6.2.2: an unprotected record carries at most 2^14 bytes;
     * a protected one at most 2^14 + 2048 (checked by the header parser). */
    if (s->ops == &gt_rec_null_ops && len > GT_REC_MAX_PLAIN) return GT_ERR_RECORD_OVERFLOW;
    if (s->seq_used_up) return GT_ERR_RECORD_SEQ;
    make_aad(aad, s->seq, type, version, 0);
    if ((err = s->ops->open(s, aad, rec + GT_REC_HDR, len, plain, plain_len))) return err;
    if (*plain_len > GT_REC_MAX_PLAIN) return GT_ERR_RECORD_OVERFLOW;
    /* §6.1: sequence numbers MUST NOT wrap. */
    if (++s->seq == 0) s->seq_used_up = 1;
    return 0;
}

int gt_rec_seal(gt_rec_state *s, uint8_t type, uint16_t version, uint8_t *rec, size_t len,
                size_t *rec_len)
{
    uint8_t aad[13];
    size_t frag_len;
    int err;
    if (len > GT_REC_MAX_PLAIN) return GT_ERR_INTERNAL;
    if (s->seq_used_up) return GT_ERR_RECORD_SEQ;
    make_aad(aad, s->seq, type, version, len);
    if ((err = s->ops->seal(s, aad, rec + GT_REC_HDR, len, &frag_len))) return err;
    gt_wr w = gt_wr_init(rec, GT_REC_HDR);
    gt_wr_u8(&w, type);
    gt_wr_u16(&w, version);
    gt_wr_u16(&w, (uint16_t)frag_len);
    if ((err = gt_wr_status(&w))) return err;
    if (++s->seq == 0) s->seq_used_up = 1;
    *rec_len = GT_REC_HDR + frag_len;
    return 0;
}
