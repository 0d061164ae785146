#!/usr/bin/env python3
"""Writes vectors/x509/pkits.txt: the NIST PKITS (2011 edition) end-entity
cases from Debian's python3-cryptography-vectors, each with its section
number, the intermediates of its path and the expected result, or the
reason it is outside libgt's TLS profile (gt_x509_verify.h).

The path of each case is found by following authorityKeyIdentifier ->
subjectKeyIdentifier from the end entity up to the trust anchor (every
PKITS certificate carries both), as the PKITS document lists it. Only the
`openssl` command line is used to read the certificates. Run it again after
changing the profile tables below; review the diff."""
import os
import re
import subprocess
import sys

PKITS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs"
ANCHOR = "TrustAnchorRootCertificate.crt"

# PKITS §4.x sections, keyed by the words in the file names (in order:
# first match wins, so the generic CRL words of §4.4 come last). (section, name regex, reason-if-excluded or None)
SECTIONS = [
    ("4.1", r"DSA", "DSA signatures (not in the TLS 1.2 profile: RSA and ECDSA only)"),
    ("4.1", r"(Valid|Invalid)(Certificate|CA|EE)(Path|Signature)", None),
    ("4.2", r"(notBefore|notAfter)Date", None),
    ("4.3", r"NameChaining(Whitespace|Capitalization)|Rollover|CaseInsensitive",
     "needs RFC 5280 §7.1 name normalisation: libgt matches names byte for byte"),
    ("4.3", r"NameChaining|NameUIDs|RFC3280(Mandatory|Optional)|UTF8StringEncoded", None),
    ("4.5", r"BasicSelfIssued(OldWithNew|NewWithOld)Test(2|5)",
     "the invalidity comes from a CRL (revocation not checked)"),
    ("4.5", r"BasicSelfIssuedCRLSigningKeyTest7", "the invalidity comes from a CRL (revocation not checked)"),
    ("4.5", r"BasicSelfIssued", None),
    ("4.6", r"basicConstraints|cAFalse|pathLenConstraint", None),
    ("4.7", r"cRLSignFalse", "cRLSign is only needed to check CRLs"),
    ("4.7", r"keyUsage", None),
    ("4.8", r"Policies|PolicyTest|anyPolicyTest|QualifierTest|CPSPointer",
     "certificate policies are not processed (TLS profile: any-policy)"),
    ("4.9", r"requireExplicitPolicy", "policy constraints are not processed"),
    ("4.10", r"PolicyMapping|MappingFromanyPolicy|MappingToanyPolicy",
     "policy mappings are not processed"),
    ("4.11", r"inhibitPolicyMapping", "policy mappings are not processed"),
    ("4.12", r"inhibitAnyPolicy", "policies are not processed"),
    ("4.13", r"RFC822nameConstraints|DNandRFC822",
     "rfc822Name constraints are not implemented (fail closed when in scope)"),
    ("4.13", r"URInameConstraints", "URI constraints are not implemented (fail closed when in scope)"),
    ("4.13", r"DNnameConstraints|DNSnameConstraints", None),
    ("4.14", r"distributionPoint|onlyContains|onlySomeReasons|IDPwithindirectCRL|cRLIssuer",
     "CRL distribution points (revocation not checked)"),
    ("4.15", r"deltaCRL", "delta CRLs (revocation not checked)"),
    ("4.4", r"CRL|Revoked|SerialNumber|SeparateCertificateandCRLKeys|issuingDistributionPoint",
     "certificate revocation (CRLs) is not part of libgt's path validation"),
    ("4.16", r"CertificateExtension", None),
]

# Cases the parser rejects outright (so the CLI exits 2 naming the file):
# still a rejection, recorded as such. The file is the certificate the
# parser refuses (the end entity or an intermediate).
PARSE_REJECT = {
    # 4.16.2: RFC 5280 §4.2: an unknown critical extension
    "InvalidUnknownCriticalCertificateExtensionTest2EE.crt",
    # 4.1.2: the CA's signatureValue BIT STRING says 1 unused bit (that is
    # how PKITS damaged the signature); a signature must be whole octets
    "InvalidCASignatureTest2EE.crt",
}


def ext_ids(path):
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-in", path, "-noout", "-text"],
                         capture_output=True, text=True, check=True).stdout
    def grab(label):
        m = re.search(label + r"[^\n]*\n\s*(?:keyid:)?([0-9A-F:]+)", out)
        return m.group(1) if m else None
    return grab("Subject Key Identifier"), grab("Authority Key Identifier")


def main():
    names = sorted(os.listdir(PKITS))
    ski, aki = {}, {}
    for n in names:
        s, a = ext_ids(os.path.join(PKITS, n))
        aki[n] = a
        if s:
            ski.setdefault(s, []).append(n)
    anchor_ski = ext_ids(os.path.join(PKITS, ANCHOR))[0]
    rows, excluded = [], []
    for n in names:
        m = re.match(r"(Valid|Invalid)(.*)Test(\d+)EE\.crt$", n)
        if not m:
            continue
        sec = next((s for s in SECTIONS if re.search(s[1], n)), None)
        if sec is None:
            sys.exit("pkits-gen: no section for " + n)
        case = "%s.%s" % (sec[0], m.group(3))
        expect = "valid" if m.group(1) == "Valid" else "invalid"
        if sec[2]:
            excluded.append("%s|%s|%s" % (case, n, sec[2]))
            continue
        path, cur = [], n
        while aki[cur] != anchor_ski:
            issuers = [c for c in ski.get(aki[cur], []) if c != cur and c not in path]
            if len(issuers) != 1:
                sys.exit("pkits-gen: %s: issuer of %s is ambiguous: %s" % (n, cur, issuers))
            path.append(issuers[0])
            cur = issuers[0]
        if n in PARSE_REJECT:
            expect = "invalid-parse"
        rows.append("%s|%s|%s|%s" % (case, n, " ".join(path) or "-", expect))
    key = lambda r: [int(x) for x in r.split("|")[0].split(".")]
    rows.sort(key=key)
    excluded.sort(key=key)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pkits.txt"), "w") as f:
        f.write(HEADER)
        f.write("\n".join(rows) + "\n\n")
        f.write("# --- outside the TLS profile: not run\n")
        f.write("\n".join("# excluded|" + e for e in excluded) + "\n")
    print("pkits-gen: %d cases run, %d excluded" % (len(rows), len(excluded)))


HEADER = """\
# NIST PKITS (Public Key Interoperability Test Suite, 2011 edition) as
# shipped by Debian's python3-cryptography-vectors, read in place from
# /usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs.
# Generated by pkits-gen.py (review the diff when regenerating).
#
# Trust anchor: TrustAnchorRootCertificate.crt. Every case runs without a
# host name (PKITS certificates carry no DNS names or serverAuth EKU) at a
# fixed time inside the certificates' validity (2020-01-01, 1577836800).
#
# section.test | end-entity file | intermediates, anchor side last ("-": none) | expected
# expected: valid (exit 0), invalid (exit 1), invalid-parse (the parser
# refuses the certificate: exit 2).
"""

if __name__ == "__main__":
    main()
