#!/bin/sh
# Fake peer that "succeeds" without any TLS: both RESULT lines agree.
FAKE_NAME=ok
. "$(dirname "$0")/fake-common.sh"
fake_args "$@"
if [ "$role" = server ]; then
    echo "READY port=9"
    fake_ok_line 0
else
    fake_ok_line "$bytes"
fi
exit 0
