#!/bin/sh
# Fake peer that is killed outright mid-handshake: READY (server), SIGKILL.
FAKE_NAME=kill9
. "$(dirname "$0")/fake-common.sh"
fake_args "$@"
[ "$role" = server ] && echo "READY port=9"
kill -KILL $$
sleep 3600
