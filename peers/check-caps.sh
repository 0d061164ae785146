#!/usr/bin/env bash
# Checks that `PEER --capabilities` prints exactly one JSON object with the
# keys and types of the peer contract (peers/README.md) and exits 0.
set -euo pipefail
peer=$1
out=$("$peer" --capabilities)
python3 - "$out" <<'PY'
import json, sys
caps = json.loads(sys.argv[1])
assert isinstance(caps, dict), "not an object"
for key in ("name", "version"):
    assert isinstance(caps.get(key), str) and caps[key], key
for key in ("suites", "groups", "sigalgs", "features"):
    assert isinstance(caps.get(key), list), key
    assert all(isinstance(x, str) for x in caps[key]), key
assert isinstance(caps.get("notes"), dict), "notes"
known = {"resume-id", "resume-ticket", "alpn", "sni", "client-auth", "ems", "no-ems",
         "renegotiate", "keylog", "record-size", "close-notify"}
assert set(caps["features"]) <= known, set(caps["features"]) - known
# Everything the contract names is either supported or explained.
for f in known - set(caps["features"]):
    assert f in caps["notes"], "feature %s neither supported nor explained" % f
assert set(caps["groups"]) <= {"x25519", "secp256r1", "secp384r1"}
assert caps["suites"], "no suites"
print("%s %s: %d suites, %d groups, %d features" % (caps["name"], caps["version"],
      len(caps["suites"]), len(caps["groups"]), len(caps["features"])))
PY
