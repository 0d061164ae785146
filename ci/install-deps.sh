#!/usr/bin/env bash
# Installs every Debian package tlsgauntlet uses. Idempotent: packages already
# present are skipped, so the driver can call this on every run cheaply.
# Only Debian's archive is used; nothing is downloaded from anywhere else.
set -euo pipefail

PKGS=(
  # build
  cmake ninja-build gcc pkg-config clang-format
  clang-19 libclang-rt-19-dev libfuzzer-19-dev llvm-19
  clang-14 afl++
  # tests
  libcmocka-dev valgrind libcjson-dev
  # reference implementations (benchmarks, interop peers, differential checks)
  libssl-dev openssl libwolfssl-dev libgnutls28-dev gnutls-bin libmbedtls-dev
  # data and tools
  python3-cryptography-vectors ca-certificates tshark curl
  zip unzip  # ClusterFuzzLite seed corpus zips (.clusterfuzzlite/build.sh)
  # campaign report: headless rendering test
  chromium
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]}" >&2
  echo "run: sudo apt-get install -y ${missing[*]}" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
# An out-of-date package list makes installs fail with 404s on a fresh machine.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
