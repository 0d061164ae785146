/* The record layer (RFC 5246 §6), internal API.
 *
 * A gt_rec_state is one direction's protection: the cipher (through one
 * vtable, so part 2's CBC MtE/EtM slots in as two more gt_rec_ops), its keys
 * and the 64-bit sequence number. Records are sealed and opened in place in
 * the connection's buffers: nothing is allocated per record.
 *
 * Layout of a protected record in a buffer:
 *   header(5) | prefix (explicit nonce / IV) | data | suffix (tag / MAC+pad)
 * ops->prefix is fixed per cipher; the suffix is at most ops->suffix_max. */
#ifndef GT_RECORD_H
#define GT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "gt/crypto/aes.h"
#include "gt/crypto/hash.h"
#include "gt/gt_err.h"

#define GT_REC_HDR        5
#define GT_REC_MAX_PLAIN  16384u          /* RFC 5246 §6.2.1: 2^14 */
#define GT_REC_MAX_CIPHER (16384u + 2048) /* RFC 5246 §6.2.3 */
#define GT_REC_MAX_EMPTY  32              /* consecutive empty records tolerated */
#define GT_REC_MAX_PREFIX 16              /* largest ops->prefix (CBC IV in part 2) */
#define GT_REC_MAX_SUFFIX 320             /* largest ops->suffix_max (CBC: MAC + 256 pad) */

enum {
    GT_CT_CHANGE_CIPHER_SPEC = 20,
    GT_CT_ALERT = 21,
    GT_CT_HANDSHAKE = 22,
    GT_CT_APPLICATION_DATA = 23,
};

typedef enum {
    GT_CIPHER_AES_GCM = 1,     /* RFC 5288: 4-byte salt + 8-byte explicit nonce */
    GT_CIPHER_CHACHA_POLY = 2, /* RFC 7905: 12-byte IV xor sequence number */
    GT_CIPHER_AES_CBC = 3,     /* part 2: HMAC then CBC (or RFC 7366 EtM) */
} gt_cipher_type;

typedef struct gt_rec_state gt_rec_state;

typedef struct {
    const char *name;
    size_t prefix;     /* bytes before the data (explicit nonce) */
    size_t suffix_max; /* most bytes after the data (tag) */
    /* data at rec + GT_REC_HDR + prefix, len bytes; writes prefix and
     * suffix and sets *frag_len (prefix + ciphertext + suffix). */
    int (*seal)(gt_rec_state *s, const uint8_t aad[13], uint8_t *frag, size_t len,
                size_t *frag_len);
    /* frag[0..len) is the received fragment; decrypts in place and returns
     * the plaintext as a slice of frag. aad has the plaintext length filled
     * in by the callee (it depends on the fragment layout). */
    int (*open)(gt_rec_state *s, uint8_t aad[13], uint8_t *frag, size_t len, uint8_t **plain,
                size_t *plain_len);
} gt_rec_ops;

struct gt_rec_state {
    const gt_rec_ops *ops; /* the null protection before ChangeCipherSpec */
    uint64_t seq;
    int seq_used_up; /* 2^64 records sent/received: nothing more may go */
    int skip_checks; /* GT_FUZZING builds only: accept any tag */
    union {
        gt_gcm_key gcm;
        uint8_t chacha[32];
        struct { /* rec_cbc.c */
            gt_aes_key aes;
            const gt_hash *mac;
            uint8_t mac_key[GT_HASH_MAX_LEN];
            size_t mac_len;
        } cbc;
    } key;
    uint8_t iv[12]; /* GCM: 4-byte salt (RFC 5288 §3); ChaCha20: 12 bytes */
};

extern const gt_rec_ops gt_rec_null_ops, gt_rec_gcm_ops, gt_rec_chacha_ops;
extern const gt_rec_ops gt_rec_cbc_ops, gt_rec_cbc_etm_ops; /* rec_cbc.c */

/* The initial state: no protection, sequence number 0. */
void gt_rec_state_init_null(gt_rec_state *s);
/* Keys the state for a cipher: key of key_len bytes and the
 * fixed IV from the key block (RFC 5246 §6.3). */
GT_MUST_CHECK int gt_rec_state_init(gt_rec_state *s, gt_cipher_type cipher, const uint8_t *key,
                                    size_t key_len, const uint8_t *iv, size_t iv_len);
void gt_rec_state_wipe(gt_rec_state *s);
/* Keys the state for AES-CBC with HMAC (RFC 5246 §6.2.3.2): MAC-then-
 * encrypt, or encrypt-then-MAC (RFC 7366) when etm is set. mac_len is the
 * MAC key and tag length (mac->out_len). */
GT_MUST_CHECK int gt_rec_state_init_cbc(gt_rec_state *s, const gt_hash *mac, const uint8_t *mac_key,
                                        size_t mac_len, const uint8_t *key, size_t key_len,
                                        int etm);
/* The MAC-then-encrypt check of a decrypted CBC record (rec_cbc.c), in
 * constant time (Lucky13): data[0..n) is the plaintext, MAC and padding
 * (n >= mac_len + 1); aad is the 13-byte header with its length field
 * filled in here. Returns 1 when the padding and the MAC are good, else
 * 0, without any branch or memory index depending on data; *data_len is
 * the content length (meaningful only when 1 is returned). */
uint32_t gt_rec_cbc_check(const gt_hash *mac, const uint8_t *mac_key, size_t mac_len,
                          uint8_t aad[13], const uint8_t *data, size_t n, size_t *data_len);

/* Parses a 5-byte header. Checks the content type (20..23, else
 * GT_ERR_RECORD_TYPE), the major version 3 (GT_ERR_RECORD_VERSION) and the
 * length bound for a protected record (GT_ERR_RECORD_OVERFLOW); the caller
 * checks the exact version for the handshake state. */
GT_MUST_CHECK int gt_rec_parse_header(const uint8_t *hdr, uint8_t *type, uint16_t *version,
                                      size_t *len);

/* Opens a whole record (header included) in place: checks the length
 * bounds for the protection, authenticates and decrypts, checks the
 * plaintext bound, advances the sequence number. */
GT_MUST_CHECK int gt_rec_open(gt_rec_state *s, uint8_t *rec, size_t rec_len, uint8_t **plain,
                              size_t *plain_len);
/* Seals the data already at rec + GT_REC_HDR + s->ops->prefix (len <=
 * 2^14) into a record starting at rec; *rec_len gets the total length. */
GT_MUST_CHECK int gt_rec_seal(gt_rec_state *s, uint8_t type, uint16_t version, uint8_t *rec,
                              size_t len, size_t *rec_len);
/* Worst-case record size for len bytes of data. */
static inline size_t gt_rec_size(const gt_rec_state *s, size_t len)
{
    return GT_REC_HDR + s->ops->prefix + len + s->ops->suffix_max;
}

#endif
