#!/bin/sh
# Fake peer that never finishes: the server announces READY, then both
# roles sleep far beyond any cell timeout (the runner must SIGKILL them).
FAKE_NAME=hang
. "$(dirname "$0")/fake-common.sh"
fake_args "$@"
[ "$role" = server ] && echo "READY port=9"
sleep 3600
