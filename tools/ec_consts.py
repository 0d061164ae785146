#!/usr/bin/env python3
"""Prints the derived Montgomery constants used by tls/crypto/p256.c, p384.c
and ec_scalar.c from the curve parameters of FIPS 186-4 App. D.1.2.3/D.1.2.4
(p, n, b). Run: python3 tools/ec_consts.py  (output is pasted into the C)."""

CURVES = {
    "p256": dict(
        bits=256,
        p=2**256 - 2**224 + 2**192 + 2**96 - 1,
        n=0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
        b=0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
    ),
    "p384": dict(
        bits=384,
        p=2**384 - 2**128 - 2**96 + 2**32 - 1,
        n=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
        b=0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
    ),
}


def limbs(x, n):
    out = []
    for _ in range(n):
        out.append("0x%016xULL" % (x & (2**64 - 1)))
        x >>= 64
    return "{" + ", ".join(out) + "}"


for name, c in CURVES.items():
    nl = c["bits"] // 64
    R = 2 ** (64 * nl)
    for mod in ("p", "n"):
        m = c[mod]
        print("/* %s mod %s */" % (name, mod))
        print("m      =", limbs(m, nl))
        print("n0     = 0x%016xULL" % ((-pow(m, -1, 2**64)) % 2**64))
        print("R      =", limbs(R % m, nl))
        print("R^2    =", limbs(R * R % m, nl))
        print("m-2    =", limbs(m - 2, nl))
    print("b*R    =", limbs(c["b"] * R % c["p"], nl))
