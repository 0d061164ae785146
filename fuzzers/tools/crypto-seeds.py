#!/usr/bin/env python3
"""Seed inputs for the diff_crypto fuzz target (fuzzers/diff_crypto.c).

Writes, into the directory given, a few inputs per operation: the op byte,
then the fields that op reads (selector bytes, keys, nonces, lengths,
message). The values come from a fixed-seed PRNG, so the seeds are the
same on every run; which selector values matter (hash choice, key size,
IV length, tag length, curve, PKCS#1 v1.5 / PSS, salt) is spelled out so
every branch of every op has a seed.
"""
import hashlib
import os
import random
import sys

rng = random.Random(20240101)


def rb(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def seeds():
    for h in range(5):  # op 0 hash, op 1 HMAC: SHA-1, -224, -256, -384, -512
        for n in (0, 1, 55, 64, 111, 128, 1000):
            yield bytes([0, h]) + (n // 2).to_bytes(2, "big") + rb(n)
        for klen in (0, 20, 64, 65, 129, 200):
            yield bytes([1, h, klen]) + rb(klen) + rb(rng.choice((0, 3, 64, 300)))
    for sel in range(0, 84, 1):  # op 2 GCM: key size sel%3, tag len (sel>>2)%7, IV len bit 6
        if sel % 7:
            continue
        for flip in (0, 1, 0x2005):
            iv = rb(12)
            body = rb(16 * 2 ** 1) + iv + flip.to_bytes(2, "big") + bytes([13]) + rb(13) + rb(rng.choice((0, 1, 16, 33, 600)))
            yield bytes([2, sel]) + body
    for flip in (0, 1, 0x6001):
        yield bytes([3]) + rb(32) + rb(12) + flip.to_bytes(2, "big") + bytes([12]) + rb(12) + rb(rng.choice((0, 64, 257)))
    for k in range(3):  # op 4 CBC
        yield bytes([4, k]) + rb(32) + rb(16) + rb(16 * rng.choice((0, 1, 4, 31)))
    for sel in (0, 1, 62, 63, 95, 127):  # op 5 ECDSA: curve bit 0, digest length
        yield bytes([5, sel]) + rb(48) + rb(64) + bytes([0])
        yield bytes([5, sel]) + rb(48) + rb(64) + bytes([1, 0, 8, 0xff])
    for sel in (0, 1, 2, 3, 4, 5, 6, 7, 0x41, 0x43):  # op 6 RSA: PSS bit 0, hash, MGF1 bit 6
        extra = bytes([rng.randrange(4)]) if sel & 0x41 == 0x41 else b""
        salt = bytes([rng.choice((0, 20, 32, 64))]) if sel & 1 else b""
        yield bytes([6, sel]) + extra + salt + rb(64) + bytes([0])
        yield bytes([6, sel]) + extra + salt + rb(64) + bytes([1, 0, 255, 0x01])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for s in seeds():
        with open(os.path.join(out, hashlib.sha1(s).hexdigest()), "wb") as f:
            f.write(s)


if __name__ == "__main__":
    main()
