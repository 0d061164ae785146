/*
 * A passive observer of the plaintext part of a TLS 1.2 handshake. Library
 * adapters feed it the raw bytes they send and receive (or, for OpenSSL,
 * each handshake message from the message callback); it reports what was
 * actually negotiated on the wire, independently of the library's own
 * getters: the cipher suite and extensions of the ServerHello, the ECDHE
 * group of the ServerKeyExchange and whether a NewSessionTicket was sent.
 */
#ifndef GT_PEERS_WIRE_H
#define GT_PEERS_WIRE_H

#include <stddef.h>
#include <stdint.h>

enum { GT_WIRE_IN = 0, GT_WIRE_OUT = 1 };

typedef struct {
    /* per direction: record + handshake-message reassembly */
    struct {
        uint8_t hdr[5];
        size_t hdr_len;
        size_t body_left; /* bytes of the current record still to come */
        uint8_t type;     /* content type of the current record */
        int ccs;          /* ChangeCipherSpec seen: the rest is encrypted */
        uint8_t msg[8192];
        size_t msg_len;
        size_t msg_skip; /* oversized message: bytes still to drop */
    } dir[2];
    /* findings (first full handshake only) */
    int server_hello; /* a ServerHello was parsed */
    uint16_t suite;   /* its cipher suite */
    int ems;          /* extended_master_secret in the ServerHello (RFC 7627 §5.1) */
    int ticket_ext;   /* SessionTicket extension in the ServerHello (RFC 5077 §3.2) */
    int reneg_info;   /* renegotiation_info in the ServerHello (RFC 5746 §3.6) */
    char alpn[256];   /* ALPN in the ServerHello (RFC 7301 §3.1) */
    uint16_t group;   /* ServerKeyExchange named curve, 0 = none */
    int new_ticket;   /* a NewSessionTicket was seen */
    int hello_done;   /* a ServerHelloDone was seen: a full handshake (an
                       * abbreviated one goes from ServerHello to CCS) */
    int malformed;    /* a message we parse did not parse */
} gt_peer_wire;

void gt_peer_wire_reset(gt_peer_wire *w);
/* Raw TLS stream bytes in one direction. */
void gt_peer_wire_feed(gt_peer_wire *w, int dir, const uint8_t *p, size_t n);
/* One complete handshake message (type, u24 length, body). */
void gt_peer_wire_msg(gt_peer_wire *w, const uint8_t *m, size_t n);

#endif
