#!/bin/sh
# Fake peer that crashes mid-handshake: READY (server), then SIGSEGV.
FAKE_NAME=segv
. "$(dirname "$0")/fake-common.sh"
fake_args "$@"
[ "$role" = server ] && echo "READY port=9"
kill -SEGV $$
sleep 3600
