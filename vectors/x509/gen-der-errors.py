#!/usr/bin/env python3
"""Generates der-errors.txt: DER inputs and the error libgt must report.

Each line is `KIND EXPECTED HEX  # note`. KIND says which parser the test
(tests/x509/test_cert.c) runs: tlv, int, uint, bits, oid, bool, null, time,
tree, name, spki or cert; EXPECTED is a GT_ERR_* name or OK. Certificates are
built from one small template so each case differs from a valid certificate
in exactly the way its note says. Run: python3 gen-der-errors.py > der-errors.txt
"""


def L(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + L(len(body)) + body


def seq(*items):
    return tlv(0x30, b"".join(items))


def oid(h):
    return tlv(0x06, bytes.fromhex(h))


INT = lambda h: tlv(0x02, bytes.fromhex(h))
NULL = tlv(0x05, b"")
SHA256_RSA = "2a864886f70d01010b"
ECDSA_SHA256 = "2a8648ce3d040302"
ALG_RSA = seq(oid(SHA256_RSA), NULL)
ALG_EC = seq(oid(ECDSA_SHA256))
NAME = seq(tlv(0x31, seq(oid("550403"), tlv(0x0C, b"gauntlet test"))))
UTC = lambda s: tlv(0x17, s.encode())
GEN = lambda s: tlv(0x18, s.encode())
VALIDITY = seq(UTC("240101000000Z"), UTC("340101000000Z"))
POINT = b"\x04" + bytes(range(1, 65))
SPKI = seq(seq(oid("2a8648ce3d0201"), oid("2a8648ce3d030107")), tlv(0x03, b"\x00" + POINT))
EXT_BC = seq(oid("551d13"), tlv(0x01, b"\xff"), tlv(0x04, seq(tlv(0x01, b"\xff"))))
EXT_KU = seq(oid("551d0f"), tlv(0x01, b"\xff"), tlv(0x04, tlv(0x03, b"\x01\x06")))


def exts(*e):
    return tlv(0xA3, seq(*e))


def tbs(version=tlv(0xA0, INT("02")), serial=INT("01"), alg=ALG_EC, issuer=NAME,
        validity=VALIDITY, subject=NAME, spki=SPKI, extra=b"", extensions=exts(EXT_BC, EXT_KU)):
    return seq(version, serial, alg, issuer, validity, subject, spki, extra, extensions)


def cert(t=None, alg=ALG_EC, sig=tlv(0x03, b"\x00" + bytes(8)), trailer=b""):
    t = tbs() if t is None else t
    return tlv(0x30, t + alg + sig + trailer)


rows = []


def add(kind, expect, data, note):
    rows.append((kind, expect, data.hex(), note))


# ---- tag and length (X.690 §8.1, §10.1) ----
add("tlv", "OK", bytes.fromhex("0400"), "empty OCTET STRING")
add("tlv", "OK", bytes.fromhex("048180") + bytes(128), "length 128 needs the long form")
add("tlv", "GT_ERR_DECODE_TRUNCATED", b"", "empty input")
add("tlv", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("04"), "tag without length")
add("tlv", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("0402aa"), "contents shorter than length")
add("tlv", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("0482"), "long length missing its octets")
add("tlv", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("048201"), "long length cut short")
add("tlv", "GT_ERR_DECODE_TRAILING", bytes.fromhex("040100ff"), "byte after the TLV")
add("tlv", "GT_ERR_DER_LENGTH_INDEFINITE", bytes.fromhex("30800000"), "BER indefinite length")
add("tlv", "GT_ERR_DER_LENGTH_NONMINIMAL", bytes.fromhex("048101") + b"\x00", "0x81 for a length < 128")
add("tlv", "GT_ERR_DER_LENGTH_NONMINIMAL", bytes.fromhex("04817f") + bytes(127), "0x81 0x7f")
add("tlv", "GT_ERR_DER_LENGTH_NONMINIMAL", bytes.fromhex("04820080") + bytes(128), "leading zero length octet")
add("tlv", "GT_ERR_DER_LENGTH_NONMINIMAL", bytes.fromhex("0482007f") + bytes(127), "two octets for 127")
add("tlv", "GT_ERR_DER_LENGTH_OVERFLOW", bytes.fromhex("04850100000000"), "five length octets")
add("tlv", "GT_ERR_DER_LENGTH_OVERFLOW", bytes.fromhex("04ff"), "reserved 0xFF length")
add("tlv", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("0484ffffffff00"), "4 GiB length")
add("tlv", "GT_ERR_DER_TAG", bytes.fromhex("1f2200"), "high-tag-number form")
add("tlv", "GT_ERR_DER_TAG", bytes.fromhex("bf8100"), "high-tag-number context tag")
# ---- INTEGER (X.690 §8.3) ----
add("int", "OK", bytes.fromhex("020100"), "zero")
add("int", "OK", bytes.fromhex("020200ff"), "255 needs a leading zero")
add("int", "OK", bytes.fromhex("0201ff"), "-1")
add("int", "GT_ERR_DER_INT_EMPTY", bytes.fromhex("0200"), "zero-length INTEGER")
add("int", "GT_ERR_DER_INT_NONMINIMAL", bytes.fromhex("02020001"), "redundant 0x00")
add("int", "GT_ERR_DER_INT_NONMINIMAL", bytes.fromhex("0202ff80"), "redundant 0xFF")
add("int", "GT_ERR_DER_INT_NONMINIMAL", bytes.fromhex("02030000ff"), "two redundant zeros")
add("int", "GT_ERR_DER_TAG", bytes.fromhex("220100"), "constructed INTEGER")
add("int", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("020201"), "truncated INTEGER")
add("uint", "GT_ERR_DER_INT_NEGATIVE", bytes.fromhex("020180"), "negative where unsigned needed")
add("uint", "OK", bytes.fromhex("02020080"), "128")
# ---- BIT STRING (X.690 §8.6, §11.2) ----
add("bits", "OK", bytes.fromhex("030100"), "empty bit string")
add("bits", "OK", bytes.fromhex("030206c0"), "two bits, padding zero")
add("bits", "GT_ERR_DER_BITSTRING", bytes.fromhex("0300"), "no unused-bits octet")
add("bits", "GT_ERR_DER_BITSTRING", bytes.fromhex("030108"), "unused bits 8")
add("bits", "GT_ERR_DER_BITSTRING", bytes.fromhex("030101"), "unused bits but empty")
add("bits", "GT_ERR_DER_BITSTRING_PAD", bytes.fromhex("030206c1"), "padding bit set")
add("bits", "GT_ERR_DER_TAG", bytes.fromhex("23020000"), "constructed BIT STRING")
# ---- OBJECT IDENTIFIER (X.690 §8.19) ----
add("oid", "OK", bytes.fromhex("06032a0304"), "1.2.3.4")
add("oid", "OK", bytes.fromhex("0603818000"), "2.16336 with a multi-octet first arc")
add("oid", "GT_ERR_DER_OID", bytes.fromhex("0600"), "empty OID")
add("oid", "GT_ERR_DER_OID", bytes.fromhex("06022a80"), "last arc unterminated")
add("oid", "GT_ERR_DER_OID", bytes.fromhex("06032a8001"), "arc with 0x80 padding")
add("oid", "GT_ERR_DER_OID", bytes.fromhex("0602807f"), "first arc padded")
add("oid", "GT_ERR_DER_OID", bytes.fromhex("060188"), "single unterminated octet")
# ---- BOOLEAN, NULL ----
add("bool", "OK", bytes.fromhex("0101ff"), "TRUE")
add("bool", "OK", bytes.fromhex("010100"), "FALSE")
add("bool", "GT_ERR_DER_BOOLEAN", bytes.fromhex("010101"), "TRUE as 0x01")
add("bool", "GT_ERR_DER_BOOLEAN", bytes.fromhex("0100"), "empty BOOLEAN")
add("bool", "GT_ERR_DER_BOOLEAN", bytes.fromhex("010200ff"), "two-octet BOOLEAN")
add("null", "OK", bytes.fromhex("0500"), "NULL")
add("null", "GT_ERR_DER_NULL", bytes.fromhex("050100"), "NULL with contents")
# ---- times (RFC 5280 §4.1.2.5) ----
add("time", "OK", UTC("491231235959Z"), "UTCTime 2049")
add("time", "OK", UTC("500101000000Z"), "UTCTime 1950")
add("time", "OK", GEN("20500101000000Z"), "GeneralizedTime 2050")
add("time", "OK", UTC("000229000000Z"), "Feb 29 2000 (leap year)")
add("time", "GT_ERR_DER_TIME_VALUE", GEN("21000229000000Z"), "Feb 29 2100 (not a leap year)")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240230000000Z"), "Feb 30")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240431000000Z"), "April 31")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("241301000000Z"), "month 13")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240001000000Z"), "month 0")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240100000000Z"), "day 0")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240101240000Z"), "hour 24")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240101006000Z"), "minute 60")
add("time", "GT_ERR_DER_TIME_VALUE", UTC("240101000060Z"), "second 60 (leap second)")
add("time", "GT_ERR_DER_TIME", UTC("240101000000"), "missing Z")
add("time", "GT_ERR_DER_TIME", UTC("2401010000Z"), "no seconds")
add("time", "GT_ERR_DER_TIME", UTC("240101000000+0000"), "offset instead of Z")
add("time", "GT_ERR_DER_TIME", GEN("20240101000000.5Z"), "fractional seconds")
add("time", "GT_ERR_DER_TIME", UTC("20240101000000Z"), "UTCTime with 4-digit year")
add("time", "GT_ERR_DER_TIME", GEN("240101000000Z"), "GeneralizedTime with 2-digit year")
add("time", "GT_ERR_DER_TIME", UTC("24010100000aZ"), "non-digit")
add("time", "GT_ERR_DER_TIME", UTC("24-1-1000000Z"), "sign inside digits")
add("time", "GT_ERR_DER_TIME", UTC("240101000000z"), "lower-case z")
add("time", "GT_ERR_DER_TAG", tlv(0x04, b"240101000000Z"), "OCTET STRING, not a time")
# ---- nesting bound ----
deep = b""
for _ in range(30):
    deep = tlv(0x30, deep)
add("tree", "GT_ERR_DER_DEPTH", deep, "30 nested SEQUENCEs")
shallow = b""
for _ in range(10):
    shallow = tlv(0x30, shallow)
add("tree", "OK", shallow, "10 nested SEQUENCEs")
add("tree", "GT_ERR_DECODE_TRUNCATED", bytes.fromhex("3003300200"), "inner TLV overruns outer")
# ---- names ----
add("name", "OK", NAME, "CN=gauntlet test")
add("name", "OK", seq(), "empty Name")
add("name", "GT_ERR_X509_NAME", seq(tlv(0x31, b"")), "empty RDN SET")
add("name", "GT_ERR_X509_NAME", seq(seq(seq(oid("550403"), tlv(0x0C, b"x")))), "RDN as SEQUENCE")
add("name", "GT_ERR_DER_OID", seq(tlv(0x31, seq(tlv(0x06, b""), tlv(0x0C, b"x")))), "empty attribute OID")
add("name", "GT_ERR_DECODE_TRAILING", seq(tlv(0x31, seq(oid("550403"), tlv(0x0C, b"x"), NULL))), "extra field in ATV")
# ---- SubjectPublicKeyInfo ----
add("spki", "OK", SPKI, "P-256 point")
add("spki", "GT_ERR_X509_SPKI", seq(seq(oid("2a8648ce3d0201"), oid("2a8648ce3d030107")), tlv(0x03, b"\x00\x04\x01")), "short P-256 point")
add("spki", "GT_ERR_X509_CURVE", seq(seq(oid("2a8648ce3d0201"), NULL), tlv(0x03, b"\x00" + POINT)), "implicitCurve")
add("spki", "GT_ERR_DER_BITSTRING", seq(seq(oid("2a8648ce3d0201"), oid("2a8648ce3d030107")), tlv(0x03, b"\x01" + POINT)), "key with unused bits")
RSA_KEY = seq(INT("00c3" + "11" * 127), INT("010001"))
add("spki", "OK", seq(seq(oid("2a864886f70d010101"), NULL), tlv(0x03, b"\x00" + RSA_KEY)), "RSA-1024 key")
add("spki", "GT_ERR_DER_INT_NONMINIMAL", seq(seq(oid("2a864886f70d010101"), NULL), tlv(0x03, b"\x00" + seq(INT("0011"), INT("010001")))), "non-minimal modulus")
add("spki", "GT_ERR_DER_INT_NEGATIVE", seq(seq(oid("2a864886f70d010101"), NULL), tlv(0x03, b"\x00" + seq(INT("c3"), INT("010001")))), "negative modulus")
add("spki", "GT_ERR_X509_SPKI", seq(seq(oid("2a864886f70d010101"), INT("00")), tlv(0x03, b"\x00" + RSA_KEY)), "RSA params not NULL")
# ---- certificates (RFC 5280 §4.1) ----
add("cert", "OK", cert(), "the template itself")
add("cert", "OK", cert(tbs(version=b"", extensions=b"")), "v1, version omitted")
add("cert", "OK", cert(tbs(serial=INT("00" + "ff" * 20))), "21-octet serial (accepted, noted)")
add("cert", "GT_ERR_DECODE_TRAILING", cert() + b"\x00", "byte after the certificate")
add("cert", "GT_ERR_DECODE_TRAILING", cert(trailer=NULL), "extra field after the signature")
add("cert", "GT_ERR_DECODE_TRUNCATED", cert()[:-1], "certificate cut by one byte")
add("cert", "GT_ERR_DECODE_TRUNCATED", cert()[:40], "certificate cut in the TBS")
add("cert", "GT_ERR_DER_LENGTH_NONMINIMAL", b"\x30\x83\x00" + cert()[2:], "outer length with a leading zero octet")
add("cert", "GT_ERR_X509_VERSION", cert(tbs(version=tlv(0xA0, INT("03")))), "version 4")
add("cert", "GT_ERR_X509_VERSION", cert(tbs(version=tlv(0xA0, INT("ff")))), "negative version")
add("cert", "GT_ERR_DER_DEFAULT", cert(tbs(version=tlv(0xA0, INT("00")), extensions=b"")), "v1 encoded explicitly")
add("cert", "GT_ERR_X509_VERSION", cert(tbs(version=tlv(0xA0, INT("01")))), "v2 with extensions")
add("cert", "GT_ERR_X509_VERSION", cert(tbs(version=b"", extensions=b"", extra=tlv(0x81, b"\x00\x01"))), "v1 with issuerUniqueID")
add("cert", "OK", cert(tbs(extra=tlv(0x81, b"\x00\x01") + tlv(0x82, b"\x00\x02"))), "v3 with unique IDs")
add("cert", "GT_ERR_X509_UNIQUE_ID", cert(tbs(extra=tlv(0x81, b"\x08\x01"))), "issuerUniqueID unused bits 8")
add("cert", "GT_ERR_X509_SERIAL", cert(tbs(serial=INT("ff"))), "negative serial")
add("cert", "GT_ERR_X509_SERIAL", cert(tbs(serial=tlv(0x02, b""))), "empty serial")
add("cert", "GT_ERR_DER_INT_NONMINIMAL", cert(tbs(serial=INT("0001"))), "non-minimal serial")
add("cert", "GT_ERR_X509_SIGALG_MISMATCH", cert(alg=ALG_RSA), "outer algorithm differs")
add("cert", "GT_ERR_X509_SIGALG_MISMATCH", cert(tbs(alg=ALG_RSA), alg=seq(oid(SHA256_RSA))), "NULL vs absent parameters")
add("cert", "GT_ERR_X509_SIGALG_PARAMS", cert(tbs(alg=seq(oid(ECDSA_SHA256), NULL)), alg=seq(oid(ECDSA_SHA256), NULL)), "ECDSA with NULL parameters")
add("cert", "GT_ERR_X509_SIGALG_PARAMS", cert(tbs(alg=seq(oid(SHA256_RSA), INT("00"))), alg=seq(oid(SHA256_RSA), INT("00"))), "RSA with INTEGER parameters")
add("cert", "GT_ERR_X509_SIGALG_PARAMS", cert(tbs(alg=seq(oid("2a864886f70d01010a"))), alg=seq(oid("2a864886f70d01010a"))), "PSS without parameters")
add("cert", "GT_ERR_DECODE_TRAILING", cert(tbs(alg=seq(oid(SHA256_RSA), NULL, NULL)), alg=seq(oid(SHA256_RSA), NULL, NULL)), "two parameter fields")
add("cert", "GT_ERR_DER_BITSTRING", cert(sig=tlv(0x03, b"\x01\x00")), "signature with an unused bit")
add("cert", "GT_ERR_DER_TAG", cert(sig=tlv(0x04, b"\x00")), "signature as OCTET STRING")
add("cert", "GT_ERR_X509_VALIDITY", cert(tbs(validity=tlv(0x31, UTC("240101000000Z") + UTC("340101000000Z")))), "validity as SET")
add("cert", "GT_ERR_DER_TIME_VALUE", cert(tbs(validity=seq(UTC("240230000000Z"), UTC("340101000000Z")))), "notBefore Feb 30")
add("cert", "GT_ERR_DER_TIME", cert(tbs(validity=seq(UTC("240101000000Z"), GEN("20340101000000.1Z")))), "notAfter with fraction")
add("cert", "GT_ERR_DECODE_TRAILING", cert(tbs(validity=seq(UTC("240101000000Z"), UTC("340101000000Z"), NULL))), "third validity field")
add("cert", "GT_ERR_X509_NAME", cert(tbs(issuer=NULL)), "issuer not a SEQUENCE")
add("cert", "GT_ERR_X509_EXT_DUPLICATE", cert(tbs(extensions=exts(EXT_BC, EXT_KU, EXT_BC))), "basicConstraints twice")
UNK = lambda crit: seq(oid("2b0601040182370201"), *( [tlv(0x01, b"\xff")] if crit else []), tlv(0x04, NULL))
add("cert", "GT_ERR_X509_EXT_DUPLICATE", cert(tbs(extensions=exts(UNK(False), UNK(False)))), "unknown extension twice")
add("cert", "OK", cert(tbs(extensions=exts(UNK(False)))), "unknown non-critical extension")
add("cert", "GT_ERR_X509_EXT_UNKNOWN_CRITICAL", cert(tbs(extensions=exts(UNK(True)))), "unknown critical extension")
add("cert", "GT_ERR_X509_EXT_EMPTY", cert(tbs(extensions=tlv(0xA3, seq()))), "empty Extensions")
add("cert", "GT_ERR_DER_BOOLEAN", cert(tbs(extensions=exts(seq(oid("551d13"), tlv(0x01, b"\x01"), tlv(0x04, seq()))))), "critical = 0x01")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d13"), tlv(0x04, tlv(0x04, b"")))))), "basicConstraints not a SEQUENCE")
add("cert", "GT_ERR_DECODE_TRAILING", cert(tbs(extensions=exts(seq(oid("551d13"), tlv(0x04, seq() + b"\x00"))))), "byte after basicConstraints")
add("cert", "GT_ERR_DER_INT_NEGATIVE", cert(tbs(extensions=exts(seq(oid("551d13"), tlv(0x04, seq(tlv(0x01, b"\xff"), INT("ff"))))))), "negative pathLen")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d0f"), tlv(0x04, tlv(0x03, b"\x00\x00")))))), "keyUsage with no bit set")
add("cert", "GT_ERR_DER_BITSTRING_PAD", cert(tbs(extensions=exts(seq(oid("551d0f"), tlv(0x04, tlv(0x03, b"\x07\x81")))))), "keyUsage padding bit set")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d25"), tlv(0x04, seq()))))), "empty extKeyUsage")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d11"), tlv(0x04, seq()))))), "empty subjectAltName")
add("cert", "GT_ERR_X509_GENERAL_NAME", cert(tbs(extensions=exts(seq(oid("551d11"), tlv(0x04, seq(tlv(0x87, b"\x01\x02\x03"))))))), "3-octet iPAddress")
add("cert", "GT_ERR_X509_GENERAL_NAME", cert(tbs(extensions=exts(seq(oid("551d11"), tlv(0x04, seq(tlv(0x89, b"x"))))))), "GeneralName tag [9]")
add("cert", "GT_ERR_DER_STRING", cert(tbs(extensions=exts(seq(oid("551d11"), tlv(0x04, seq(tlv(0x82, "é".encode()))))))), "dNSName not IA5")
add("cert", "OK", cert(tbs(extensions=exts(seq(oid("551d11"), tlv(0x04, seq(tlv(0x82, b"a.example"), tlv(0x87, b"\x7f\x00\x00\x01"))))))), "SAN with DNS and IP")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d1e"), tlv(0x04, seq()))))), "empty nameConstraints")
add("cert", "GT_ERR_X509_EXT_VALUE", cert(tbs(extensions=exts(seq(oid("551d1e"), tlv(0x04, seq(tlv(0xA0, seq(tlv(0x82, b"x.example"), tlv(0x80, b"\x01"))))))))), "subtree with minimum 1")
add("cert", "GT_ERR_X509_GENERAL_NAME", cert(tbs(extensions=exts(seq(oid("551d1e"), tlv(0x04, seq(tlv(0xA0, seq(tlv(0x87, b"\x0a\x00\x00\x00"))))))))), "IP constraint without mask")
add("cert", "OK", cert(tbs(extensions=exts(seq(oid("551d1e"), tlv(0x04, seq(tlv(0xA0, seq(tlv(0x82, b"example.com"))), tlv(0xA1, seq(tlv(0x87, b"\x0a\x00\x00\x00\xff\x00\x00\x00"))))))))), "permitted DNS, excluded IP/8")
add("cert", "GT_ERR_X509_SPKI", cert(tbs(spki=seq(seq(oid("2a8648ce3d0201"), oid("2a8648ce3d030107")), tlv(0x03, b"\x00\x05" + bytes(64))))), "point form 0x05")
add("cert", "GT_ERR_DECODE_TRAILING", cert(tbs(extensions=exts(EXT_BC) + NULL)), "field after extensions")

for kind, expect, data, note in rows:
    if data:
        print(f"{kind} {expect} {data}  # {note}")
