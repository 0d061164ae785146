/* tlsgauntlet — structure-aware mutation for the TLS targets (server,
 * client, record and the engine's message-level targets).
 *
 * The input (a flags byte, then TLS records) is parsed into units: one per
 * handshake message (header + body) or per other record. A mutation works
 * on that model — a field or a body mutated (through the engine's byte
 * mutator), a unit inserted, dropped, duplicated or moved, a hello's
 * extension dropped, duplicated, added or mutated, a record split or
 * handshake messages coalesced — and the input is written back with every
 * record and handshake length fixed up (RFC 5246 §6.2.1, §7.4). One time
 * in five, and whenever the input does not parse, it falls back to byte
 * mutation alone. FZ_NO_CUSTOM_MUTATOR=1 in the environment turns the
 * structure off (byte mutation only), for measuring what it adds.
 *
 * libFuzzer: a target writes FZ_TLS_MUTATOR at file scope, which defines
 * LLVMFuzzerCustomMutator over fz_tls_mutate. AFL++: the same code built as
 * a custom mutator library (driver/tlsmut_afl.c, libfz_tlsmut.so in the afl
 * preset; AFL_CUSTOM_MUTATOR_LIBRARY). */
#ifndef GT_FUZZ_TLSMUT_H
#define GT_FUZZ_TLSMUT_H

#include <stddef.h>
#include <stdint.h>

/* byte_mutate: the engine's byte-level mutator (LLVMFuzzerMutate's
 * signature); NULL uses a small built-in one. Returns the new size. */
typedef size_t (*fz_byte_mutator)(uint8_t *data, size_t size, size_t max);
size_t fz_tls_mutate(uint8_t *data, size_t size, size_t max, unsigned seed,
                     fz_byte_mutator byte_mutate);

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned seed);

/* The engine's mutator when it is linked (libFuzzer), else NULL. */
fz_byte_mutator fz_engine_mutator(void);

#define FZ_TLS_MUTATOR                                                                             \
    size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned seed)          \
    {                                                                                              \
        return fz_tls_mutate(data, size, max, seed, fz_engine_mutator());                          \
    }

#endif
