/* tlsgauntlet — glue for the TLS engine fuzz targets (server, client, the
 * per-message targets, record, session_ticket).
 *
 * Configurations are built once (certificates and keys parsed at the first
 * input) from the test PKI compiled into the binary, with a deterministic
 * RNG reset before every input and a fixed clock, so one input is always
 * the same run. State that could carry over between inputs is avoided: no
 * session-ID cache, and the ticket keys are created once, at set-up.
 *
 * Fuzzing mode (the default build of `server` and `client`): the configs
 * carry GT_OPT_FUZZ_SKIP_CHECKS when the library was built with
 * GT_FUZZING (fuzz and afl presets, and the fuzzing-mode objects the replay
 * builds link, fuzzers/CMakeLists.txt); GT_FUZZ_NORMAL_MODE builds leave
 * every check on.
 *
 * The peer's flights (fz_tls_play): the input after its flags byte is a
 * sequence of records, type(1) version(2) length(2) fragment. Records the
 * engine would decrypt (after the peer's ChangeCipherSpec) are written in
 * the clear in the input and sealed here with the peer's write keys from the
 * connection's own key block, as the peer would have sealed them, so a
 * mutated Finished or application record still decrypts (the record target
 * fuzzes decryption itself). Flag FZ_TLS_RAW turns that off. */
#ifndef GT_FUZZ_TLSFZ_H
#define GT_FUZZ_TLSFZ_H

#include <stddef.h>
#include <stdint.h>

#include "gt/gt.h"

#define FZ_TLS_CLOCK 1735689600u /* 2025-01-01: inside the test PKI's validity */
#define FZ_TLS_RAW   0x80u       /* flags: feed post-CCS records as they are */
#define FZ_TLS_NCFG  4
#define FZ_TLS_RSA   0x04u /* server target flags: the RSA-2048 chain too */

/* The configs, by flags & 3. Server: 0 plain, 1 client auth optional,
 * 2 required, 3 no EMS/ETM and SHA-1 allowed. Client: 0 plain (verifies the
 * server), 1 with client certificates, 2 no verification, 3 no EMS/ETM, ALPN
 * off. Every suite the engine has, tickets offered/issued, ALPN. */
gt_config *fz_tls_server_config_m(unsigned flags, int normal);
/* The server target's configs: the P-256 and P-384 chains, and the RSA-2048
 * chain only with `rsa` (flags bit FZ_TLS_RSA). RSA-2048 signing and
 * decryption cost several times a P-256 handshake, so most inputs (random
 * flags bytes and the seeds of ECDHE_RSA sessions, whose clients also offer
 * ECDSA suites) run ECDSA; the seeds of RSA-authenticated sessions carry
 * the bit (cut-sessions.py). fz_tls_server_config_m has all three chains
 * (the per-message targets index them). */
gt_config *fz_tls_server_config_rsa_m(unsigned flags, int rsa, int normal);
gt_config *fz_tls_client_config_m(unsigned flags, int normal);
/* The glue is compiled once; the mode is the target binary's. */
#ifdef GT_FUZZ_NORMAL_MODE
#define FZ_TLS_NORMAL 1
#else
#define FZ_TLS_NORMAL 0
#endif
#define fz_tls_server_config(flags) fz_tls_server_config_m((flags), FZ_TLS_NORMAL)
#define fz_tls_server_config_rsa(flags, rsa)                                                       \
    fz_tls_server_config_rsa_m((flags), (rsa), FZ_TLS_NORMAL)
#define fz_tls_client_config(flags) fz_tls_client_config_m((flags), FZ_TLS_NORMAL)
/* 1 when GT_OPT_FUZZ_SKIP_CHECKS is in force in these configs. */
int fz_tls_skipping(void);
/* Resets the deterministic RNG (call at the start of every input). */
void fz_tls_reset_rng(void);

/* Plays the peer: feeds the records of in[0..n) to c (sealing post-CCS
 * records unless raw), draining output and reading application data.
 * Returns the final gt_conn_state, GT_STATE_OPEN for a session that was
 * open and then closed cleanly. */
gt_state fz_tls_play(gt_conn *c, const uint8_t *in, size_t n, int raw);

/* The per-message targets: a connection in `role` with the handshake
 * state a message handler expects, without running the handshake: from
 * the selector byte, the config (sel & 3), the suite (bits 2-6, an index
 * into every suite the engine has, tlsfz.c), the ECDHE group (bit 7:
 * P-384, else x25519 for RSA suites and P-256 for ECDSA) and keys (server),
 * the peer's public key (the test PKI's leaf for the suite's kind: server
 * role, a client certificate's), the server's chain. NULL when out of
 * memory. Free with gt_conn_free. */
gt_conn *fz_tls_msg_conn_m(gt_role role, uint8_t sel, int normal);
#define fz_tls_msg_conn(role, sel) fz_tls_msg_conn_m((role), (sel), FZ_TLS_NORMAL)
/* Drains output and application data. */
void fz_tls_drain(gt_conn *c);

/* FZ_TLS_EXPECT=OPEN|NOT_OPEN in the environment: abort when an input ends
 * in another state (the fuzzing-mode test, fuzzers/CMakeLists.txt). */
void fz_tls_expect(gt_state st);

/* The test PKI (embedded PEM). */
extern const uint8_t fz_embedded_server_rsa_chain[], fz_embedded_server_rsa_key[];
extern const size_t fz_embedded_server_rsa_chain_len, fz_embedded_server_rsa_key_len;
extern const uint8_t fz_embedded_server_p256_chain[], fz_embedded_server_p256_key[];
extern const size_t fz_embedded_server_p256_chain_len, fz_embedded_server_p256_key_len;
extern const uint8_t fz_embedded_server_p384_chain[], fz_embedded_server_p384_key[];
extern const size_t fz_embedded_server_p384_chain_len, fz_embedded_server_p384_key_len;
extern const uint8_t fz_embedded_client_rsa_chain[], fz_embedded_client_rsa_key[];
extern const size_t fz_embedded_client_rsa_chain_len, fz_embedded_client_rsa_key_len;
extern const uint8_t fz_embedded_client_p256_chain[], fz_embedded_client_p256_key[];
extern const size_t fz_embedded_client_p256_chain_len, fz_embedded_client_p256_key_len;

#endif
