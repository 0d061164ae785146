#!/usr/bin/env bash
# Regenerates the IUT's own deterministic transcripts (gt-*.bin) in this
# folder: builds and runs tests/handshake/test_transcript.c with
# GT_REGEN_TRANSCRIPTS=1 (fixed RNG seeds and clock; see that file).
# Needed after a deliberate change of the engine's wire output or after
# vectors/pki/generate.sh made new keys.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GT_BUILD_DIR:-$root/build/default}
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target handshake_test_transcript
cd "$root"
GT_REGEN_TRANSCRIPTS=1 "$build/tests/handshake_test_transcript"
