/*
 * harness/peer: the scripted TLS 1.2 peer. It plays client or server from
 * a script (a C table of steps, see script.h), builds every message with
 * harness/wire and does all of its cryptography with OpenSSL's libcrypto —
 * never with libgt — so a misunderstanding shared with the IUT cannot hide
 * a bug.
 *
 * The peer talks through a gt_conform_transport: TCP on 127.0.0.1 today
 * (net.c), the IUT's engine in-process later (a small adapter that feeds
 * gt_conn_feed/gt_conn_output).
 */
#ifndef GT_PEER_H
#define GT_PEER_H

#include "wire.h"

#include <openssl/evp.h>
#include <stdint.h>

/* ---- transport ------------------------------------------------------------ */

enum { GT_TR_EOF = 0, GT_TR_ERROR = -1, GT_TR_TIMEOUT = -2 };

typedef struct gt_conform_transport {
    void *ctx;
    int (*send)(void *ctx, const uint8_t *p, size_t n); /* 0, or -1 on error */
    /* > 0 bytes read, GT_TR_EOF, GT_TR_ERROR or GT_TR_TIMEOUT */
    long (*recv)(void *ctx, uint8_t *p, size_t cap, int timeout_ms);
    void (*close)(void *ctx);
    /* Opens a new connection to the same target (resumption cases); may be
     * NULL when the transport cannot reconnect. 0 on success. */
    int (*reconnect)(void *ctx);
    /* Ends our direction without closing (TCP FIN; the engine's EOF), for
     * truncation cases; may be NULL. */
    void (*shutdown)(void *ctx);
} gt_conform_transport;

/* TCP: connect to host:port (client role), or wrap an accepted socket. */
int gt_tcp_connect(gt_conform_transport *t, const char *host, int port, int timeout_ms);
void gt_tcp_wrap(gt_conform_transport *t, int fd);
int gt_tcp_listen(int *port);
int gt_tcp_accept(int lfd, int timeout_ms);

/* ---- cipher suites ----------------------------------------------------------- */

enum { GT_KX_ECDHE_RSA, GT_KX_ECDHE_ECDSA, GT_KX_RSA };
enum {
    GT_BULK_AES128_GCM,
    GT_BULK_AES256_GCM,
    GT_BULK_CHACHA,
    GT_BULK_AES128_CBC,
    GT_BULK_AES256_CBC
};
enum { GT_MAC_AEAD, GT_MAC_SHA1, GT_MAC_SHA256, GT_MAC_SHA384 };

typedef struct {
    uint16_t code;
    const char *name; /* IANA */
    int kx, bulk, mac;
    int sha384; /* PRF and Finished hash (RFC 5246 §5, RFC 5289 §3.2) */
} gt_sp_suite;

extern const gt_sp_suite gt_sp_suites[];
extern const size_t gt_sp_n_suites;
const gt_sp_suite *gt_sp_suite_by_code(uint16_t code);
const gt_sp_suite *gt_sp_suite_by_name(const char *name);
const char *gt_sp_group_name(uint16_t g);
int gt_sp_is_cbc(const gt_sp_suite *s);

/* ---- crypto (libcrypto) -------------------------------------------------------- */

/* TLS 1.2 PRF (RFC 5246 §5) with SHA-256 or SHA-384. 0 on success. */
int gt_sp_prf(int sha384, const uint8_t *secret, size_t slen, const char *label,
              const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen);
int gt_sp_hash(int sha384, const uint8_t *p, size_t n, uint8_t *out); /* returns digest length */

/* One direction of record protection (RFC 5246 §6.2.3, RFC 5288, RFC 7905,
 * RFC 7366 for encrypt_then_mac). */
typedef struct {
    int active, etm;
    const gt_sp_suite *s;
    uint8_t key[32], iv[12], mac_key[48];
    uint64_t seq;
} gt_sp_dir;

/* Tampering applied to the next sealed record only (bad MAC/padding cases). */
typedef struct {
    int flip_last;    /* flip a bit in the last byte (tag or padding) */
    int flip_first;   /* flip a bit in the first ciphertext byte after the IV */
    int flip_mac;     /* CBC: flip a bit in the MAC before encryption */
    int pad_bad;      /* CBC: one padding byte differs from the length byte */
    int pad_extra;    /* CBC: add this many extra 16-byte blocks of padding */
    int pad_max;      /* CBC: the longest valid padding (up to 255 bytes) */
    int pad_overlong; /* CBC: padding length byte 255, longer than the record */
    int no_mac;       /* CBC: send padded plaintext without any MAC */
    int truncate;     /* cut this many bytes off the end of the record */
} gt_sp_tamper;

int gt_sp_seal(gt_sp_dir *d, uint8_t type, uint16_t version, const uint8_t *p, size_t n,
               const gt_sp_tamper *t, gt_wbuf *frag);
/* Returns 0 and the plaintext, or -1 when the record does not authenticate. */
int gt_sp_open(gt_sp_dir *d, uint8_t type, uint16_t version, const uint8_t *frag, size_t n,
               gt_wbuf *plain);
/* Derives both directions from the master secret (RFC 5246 §6.3). */
int gt_sp_keys(const gt_sp_suite *s, const uint8_t ms[48], const uint8_t cr[32],
               const uint8_t sr[32], int etm, int client, gt_sp_dir *rd, gt_sp_dir *wr);

/* Key exchange and signatures (kx.c). */
EVP_PKEY *gt_sp_ecdhe_new(uint16_t group);
int gt_sp_ecdhe_public(EVP_PKEY *k, uint8_t *out, size_t *n); /* RFC 8422 §5.4 encoding */
/* Shared secret with the peer's encoded point; -1 for an invalid point or
 * an all-zero X25519 result. */
int gt_sp_ecdhe_derive(EVP_PKEY *k, uint16_t group, const uint8_t *pt, size_t n, uint8_t *out,
                       size_t *outlen);
int gt_sp_sign(EVP_PKEY *key, uint16_t sigalg, const uint8_t *msg, size_t n, uint8_t *sig,
               size_t *siglen);
int gt_sp_verify(EVP_PKEY *key, uint16_t sigalg, const uint8_t *msg, size_t n, const uint8_t *sig,
                 size_t siglen);
uint16_t gt_sp_default_sigalg(EVP_PKEY *key);
/* RSA key exchange (RFC 5246 §7.4.7.1); `raw` encrypts a caller-built
 * block without padding (malformed-PKCS#1 cases). */
int gt_sp_rsa_encrypt(EVP_PKEY *pub, const uint8_t *in, size_t n, int raw, uint8_t *out,
                      size_t *outlen);
int gt_sp_rsa_decrypt(EVP_PKEY *key, const uint8_t *in, size_t n, uint8_t *out, size_t *outlen);
size_t gt_sp_key_bytes(EVP_PKEY *k);

/* A certificate chain (DER) and its private key, loaded from PEM files. */
typedef struct {
    size_t n;
    uint8_t *der[4];
    size_t len[4];
    EVP_PKEY *key;
} gt_sp_chain;

int gt_sp_chain_load(gt_sp_chain *c, const char *chain_pem, const char *key_pem);
void gt_sp_chain_free(gt_sp_chain *c);
EVP_PKEY *gt_sp_cert_pubkey(const uint8_t *der, size_t n);

#endif
