#!/usr/bin/env python3
"""Cuts recorded sessions (fuzzers/sessions/*.txt, the transcript format of
vectors/transcripts/README.md) into seeds for the TLS fuzz targets.

    cut-sessions.py OUTDIR SESSION.txt...
    cut-sessions.py --resume OUTDIR            (resuming server seeds from
                                               OUTDIR/server and the tickets
                                               in OUTDIR/session_ticket)
    cut-sessions.py --cache OUTDIR STATE...   (session-cache seeds from the
                                               session-2-* states the
                                               targets dump)

Writes OUTDIR/<target>/<sha1> for: server (a flags byte, then the client's
records), client (the server's records), one target per handshake message
(a selector byte, then the message body), extensions (a selector byte, then
a hello's extension block) and record (a selector byte with "seal first",
then one direction's records). Records after a side's ChangeCipherSpec are
decrypted with the transcript's master secret (RFC 5246 §6.3 key block;
RFC 5288 AES-GCM, RFC 7905 ChaCha20-Poly1305, AES-CBC with MAC-then-encrypt
or RFC 7366 encrypt-then-MAC) and stored in the clear: the targets seal
them again with the keys of the connection they fuzz (fuzzers/driver/tlsfz.h).
Selector and flag layouts mirror fuzzers/driver/tlsfz.c (SUITES below is its
all_suites[])."""
import hashlib
import hmac
import os
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

# fuzzers/driver/tlsfz.c all_suites[], in order
SUITES = [0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0xC009, 0xC00A, 0xC023, 0xC024,
          0xC013, 0xC014, 0xC027, 0xC028, 0x009C, 0x009D, 0x002F, 0x0035, 0x003C, 0x003D]
# IANA suite -> (cipher, key length, MAC hash, PRF hash) (RFC 5246, 5288, 5289, 7905)
GCM, CHACHA, CBC = "gcm", "chacha", "cbc"
INFO = {
    0xC02B: (GCM, 16, None, "sha256"), 0xC02C: (GCM, 32, None, "sha384"),
    0xCCA9: (CHACHA, 32, None, "sha256"), 0xC02F: (GCM, 16, None, "sha256"),
    0xC030: (GCM, 32, None, "sha384"), 0xCCA8: (CHACHA, 32, None, "sha256"),
    0xC009: (CBC, 16, "sha1", "sha256"), 0xC00A: (CBC, 32, "sha1", "sha256"),
    0xC023: (CBC, 16, "sha256", "sha256"), 0xC024: (CBC, 32, "sha384", "sha384"),
    0xC013: (CBC, 16, "sha1", "sha256"), 0xC014: (CBC, 32, "sha1", "sha256"),
    0xC027: (CBC, 16, "sha256", "sha256"), 0xC028: (CBC, 32, "sha384", "sha384"),
    0x009C: (GCM, 16, None, "sha256"), 0x009D: (GCM, 32, None, "sha384"),
    0x002F: (CBC, 16, "sha1", "sha256"), 0x0035: (CBC, 32, "sha1", "sha256"),
    0x003C: (CBC, 16, "sha256", "sha256"), 0x003D: (CBC, 32, "sha256", "sha256"),
}
ECDSA = {0xC02B, 0xC02C, 0xCCA9, 0xC009, 0xC00A, 0xC023, 0xC024}
MSG = {1: "client_hello", 2: "server_hello", 4: "new_session_ticket", 11: "certificate",
       12: "server_key_exchange", 13: "certificate_request", 15: "certificate_verify",
       16: "client_key_exchange", 20: "finished"}


def prf(secret, label, seed, n, h):
    """RFC 5246 §5 P_hash."""
    out, a = b"", label + seed
    while len(out) < n:
        a = hmac.new(secret, a, h).digest()
        out += hmac.new(secret, a + label + seed, h).digest()
    return out[:n]


def parse(path):
    facts, recs = {}, []
    for line in open(path):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] in ("c2s", "s2c"):
            recs.append((f[0], int(f[1], 16), int(f[2], 16), bytes.fromhex(f[4]) if len(f) > 4 else b""))
        else:
            facts[f[0]] = f[1:]
    return facts, recs


def keys(facts, suite):
    cipher, klen, mac, h = INFO[suite]
    ms = bytes.fromhex(facts["master_secret"][0])
    cr, sr = bytes.fromhex(facts["client_random"][0]), bytes.fromhex(facts["server_random"][0])
    mlen = hashlib.new(mac).digest_size if mac else 0
    ivlen = {GCM: 4, CHACHA: 12, CBC: 0}[cipher]
    kb = prf(ms, b"key expansion", sr + cr, 2 * (mlen + klen + ivlen), h)
    o, out = 0, {}
    for name, n in (("cmac", mlen), ("smac", mlen), ("ckey", klen), ("skey", klen), ("civ", ivlen), ("siv", ivlen)):
        out[name], o = kb[o:o + n], o + n
    return out


def decrypt(suite, k, side, seq, ctype, ver, frag, etm):
    cipher, _, mac, _ = INFO[suite]
    key, iv = k[side + "key"], k[side + "iv"]
    hdr = lambda n: seq.to_bytes(8, "big") + bytes([ctype]) + ver.to_bytes(2, "big") + n.to_bytes(2, "big")
    if cipher == GCM:
        n = len(frag) - 24
        return AESGCM(key).decrypt(iv + frag[:8], frag[8:], hdr(n))
    if cipher == CHACHA:
        nonce = bytes(a ^ b for a, b in zip(iv, bytes(4) + seq.to_bytes(8, "big")))
        return ChaCha20Poly1305(key).decrypt(nonce, frag, hdr(len(frag) - 16))
    mlen = hashlib.new(mac).digest_size
    body = frag[:-mlen] if etm else frag
    d = Cipher(algorithms.AES(key), modes.CBC(body[:16])).decryptor()
    p = d.update(body[16:]) + d.finalize()
    p = p[:len(p) - p[-1] - 1]
    return p if etm else p[:-mlen]


def plain_records(facts, recs):
    """(dir, type, version, plaintext) for every record, decrypted."""
    suite = int(facts["suite"][1], 16)
    etm = facts.get("etm", ["0"])[0] == "1"
    k = keys(facts, suite)
    on, seq, out = {"c2s": False, "s2c": False}, {"c2s": 0, "s2c": 0}, []
    for d, t, v, frag in recs:
        if on[d]:
            frag = decrypt(suite, k, "c" if d == "c2s" else "s", seq[d], t, v, frag, etm)
            seq[d] += 1
        out.append((d, t, v, frag))
        if t == 20:
            on[d] = True
    return suite, out


def messages(recs, d):
    """Handshake messages of one direction (reassembled across records)."""
    buf = b"".join(f for dd, t, _, f in recs if dd == d and t == 22)
    out = []
    while len(buf) >= 4:
        n = int.from_bytes(buf[1:4], "big")
        out.append((buf[0], buf[4:4 + n]))
        buf = buf[4 + n:]
    return out


def ext_block(mtype, body):
    i = 2 + 32
    if i >= len(body):
        return None
    i += 1 + body[i]
    if mtype == 1:
        i += 2 + int.from_bytes(body[i:i + 2], "big")
        i += 1 + body[i]
    else:
        i += 3
    return body[i + 2:] if i + 2 <= len(body) else None


def put(outdir, target, data):
    d = os.path.join(outdir, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def stream(recs, d):
    return b"".join(bytes([t]) + v.to_bytes(2, "big") + len(f).to_bytes(2, "big") + f
                    for dd, t, v, f in recs if dd == d)


def cut(outdir, path, nth):
    facts, raw = parse(path)
    suite, recs = plain_records(facts, raw)
    c_msgs, s_msgs = messages(recs, "c2s"), messages(recs, "s2c")
    client_cert = any(t == 11 for t, _ in c_msgs)
    cert_req = any(t == 13 for t, _ in s_msgs)
    no_ems = facts.get("ems", ["1"])[0] == "0"
    # server: client flights, under the config that fits (tlsfz.h)
    # the RSA chain (flags bit 2) only for RSA-authenticated sessions
    rsa = 0 if suite in ECDSA else 4
    for flags in ([1, 2] if client_cert else [3] if no_ems else [0]):
        put(outdir, "server", bytes([flags | rsa]) + stream(recs, "c2s"))
    for flags in ([1] if cert_req else [0, 2] if not no_ems else [3]):
        put(outdir, "client", bytes([flags]) + stream(recs, "s2c"))
    si = SUITES.index(suite)
    p384 = facts.get("group", ["-"])[0] == "secp384r1"
    for d, msgs in (("c2s", c_msgs), ("s2c", s_msgs)):
        server_side = d == "c2s"  # the IUT receiving these is the server
        cfg = (2 if client_cert else 0) if server_side else (1 if cert_req else 0)
        sel = cfg | (si << 2) | (0x80 if p384 else 0)
        if server_side:
            sel |= 2  # role bit for certificate, finished, extensions
        for t, body in msgs:
            if t in MSG:
                put(outdir, MSG[t], bytes([sel]) + body)
            if t in (1, 2):
                block = ext_block(t, body)
                if block is not None:
                    put(outdir, "extensions", bytes([sel]) + block)
    # record: one direction's records in the clear, "seal first", a
    # protection chosen round-robin
    d = "c2s" if nth % 2 == 0 else "s2c"
    put(outdir, "record", bytes([8 | (nth % 8)]) + stream(recs, d))


def synthetic(outdir):
    """NewSessionTicket bodies (RFC 5077 §3.3: lifetime hint, ticket<0..2^16-1>):
    the recorded peers issue none (the interop cells that would are the
    multi-connection resumption cells, which the proxy does not record)."""
    for sel in (0, 4, 0x80):
        for hint, n in ((7200, 176), (0, 0), (300, 2048), (1, 2049)):
            body = hint.to_bytes(4, "big") + n.to_bytes(2, "big") + bytes((i * 7 + 1) & 0xFF for i in range(n))
            put(outdir, "new_session_ticket", bytes([sel]) + body)


def records_of(data):
    """(type, version, fragment) of a seed's records (after its flags byte)."""
    out, i = [], 1
    while i + 5 <= len(data):
        n = int.from_bytes(data[i + 3:i + 5], "big")
        out.append((data[i], int.from_bytes(data[i + 1:i + 3], "big"), data[i + 5:i + 5 + n]))
        i += 5 + n
    return out


def rec(t, v, frag):
    return bytes([t]) + v.to_bytes(2, "big") + len(frag).to_bytes(2, "big") + frag


def variants(outdir):
    """Server and client seeds with their handshake records cut in two (a
    message across records: reassembly.c) and with a warning alert before
    the close (alert.c)."""
    for target in ("server", "client"):
        d = os.path.join(outdir, target)
        for name in sorted(os.listdir(d))[:40]:
            data = open(os.path.join(d, name), "rb").read()
            recs = records_of(data)
            split = b"".join(rec(t, v, f[:len(f) // 2]) + rec(t, v, f[len(f) // 2:]) if t == 22 and len(f) > 8
                             else rec(t, v, f) for t, v, f in recs)
            put(outdir, target, data[:1] + split)
            warn = b"".join(rec(t, v, f) for t, v, f in recs[:-1]) + rec(21, 0x0303, b"\x01\x5a")
            if recs:
                warn += rec(*recs[-1])
            put(outdir, target, data[:1] + warn)


def state_fields(st):
    """Offsets of a gt_session state (tls/handshake/session.c): version(1)
    suite(2) ems(1) created(8) lifetime(4) master(48) sni<0..255>
    id<0..32> has_peer(1) [peer digest(32)]. (sni offset, id offset)"""
    sni = 64
    return sni, sni + 1 + st[sni]


def cache_seeds(outdir, states):
    """session_ticket mode 3 (the session-ID cache, session_cache.c): steps of
    time step(1) length(2) state. Five or six states for four slots (the
    oldest evicted), distinct session IDs (the dumped ones are alike: the
    targets' RNG restarts with every input), one put twice (replaced in
    place), one created long ago (stale: dropped when looked up) and one
    without an ID (never found)."""
    clock = 1735689600  # FZ_TLS_CLOCK, fuzzers/driver/tlsfz.h
    for k in range(min(8, len(states))):
        seq = []
        for j in range(6):
            st = bytearray(states[(k + j) % len(states)])
            _, idoff = state_fields(st)
            n = st[idoff]
            if j == 5 and k % 2:
                st[idoff + 1:idoff + 1 + n] = seq[0][1][idoff + 1:idoff + 1 + n]  # put again
            else:
                for i in range(n):
                    st[idoff + 1 + i] = (st[idoff + 1 + i] + 17 * (j + 1) + k) & 0xFF
            if j == 2:
                st[4:12] = (clock - 100000).to_bytes(8, "big")  # stale
            if j == 4 and k % 3 == 0:
                st = st[:idoff] + b"\x00" + st[idoff + 1 + n:]  # no ID
            seq.append(((j * 37 + k) & 0xFF, bytes(st)))
        put(outdir, "session_ticket", b"\x03" + b"".join(
            bytes([dt]) + len(st).to_bytes(2, "big") + st for dt, st in seq))


def with_ticket(ch, ticket):
    """A ClientHello body (RFC 5246 §7.4.1.2) with its SessionTicket extension
    (RFC 5077 §3.2, type 35) replaced by one carrying `ticket`."""
    i = 2 + 32
    i += 1 + ch[i]
    i += 2 + int.from_bytes(ch[i:i + 2], "big")
    i += 1 + ch[i]
    exts, j, out = ch[i + 2:], 0, b""
    while j + 4 <= len(exts):
        t, n = int.from_bytes(exts[j:j + 2], "big"), int.from_bytes(exts[j + 2:j + 4], "big")
        if t != 35:
            out += exts[j:j + 4 + n]
        j += 4 + n
    out += (35).to_bytes(2, "big") + len(ticket).to_bytes(2, "big") + ticket
    return ch[:i] + len(out).to_bytes(2, "big") + out


def resume_seeds(outdir, tickets, seeds):
    """Server seeds that resume (resume.c, RFC 5077 §3.1 abbreviated
    handshake): a recorded ClientHello offering a ticket the server target
    issued (FZ_TLS_DUMP session-0-*, sealed under its fixed ticket keys),
    then the client's ChangeCipherSpec and Finished (in the clear, sealed
    by the target)."""
    for seed in seeds:
        recs = records_of(seed)
        if not recs or recs[0][0] != 22 or recs[0][2][:1] != b"\x01":
            continue
        ch = recs[0][2][4:]
        if int.from_bytes(recs[0][2][1:4], "big") != len(ch):
            continue  # a ClientHello split across records
        for t in tickets:
            body = with_ticket(ch, t)
            msg = b"\x01" + len(body).to_bytes(3, "big") + body
            fin = b"\x14\x00\x00\x0c" + bytes(range(12))
            put(outdir, "server", seed[:1] + rec(22, recs[0][1], msg) + rec(20, 0x0303, b"\x01") +
                rec(22, 0x0303, fin) + rec(23, 0x0303, b"GET /\r\n"))


def main():
    if sys.argv[1] == "--resume":
        outdir = sys.argv[2]
        tdir, sdir = os.path.join(outdir, "session_ticket"), os.path.join(outdir, "server")
        tickets = [open(os.path.join(tdir, f), "rb").read()[1:]
                   for f in sorted(os.listdir(tdir)) if f.startswith("session-0-")][:24]
        seeds = [open(os.path.join(sdir, f), "rb").read() for f in sorted(os.listdir(sdir))][:24]
        resume_seeds(outdir, tickets, seeds)
        return
    if sys.argv[1] == "--cache":
        outdir, files = sys.argv[2], sorted(sys.argv[3:])
        cache_seeds(outdir, [open(f, "rb").read()[1:] for f in files])
        return
    outdir, files = sys.argv[1], sys.argv[2:]
    synthetic(outdir)
    for i, f in enumerate(sorted(files)):
        try:
            cut(outdir, f, i)
        except Exception as e:  # a session the cutter cannot read is skipped, loudly
            print(f"cut-sessions: {f}: {e}", file=sys.stderr)
    variants(outdir)


if __name__ == "__main__":
    main()
