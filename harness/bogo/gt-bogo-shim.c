/* gt-bogo-shim: runs the IUT under BoringSSL's test runner (BoGo).
 * See shim.h for the protocol and README.md for running the suite. */
#include <signal.h>
#include <stdio.h>

#include "shim.h"

int main(int argc, char **argv)
{
    shim_config initial, resume;
    int rc;
    signal(SIGPIPE, SIG_IGN);
    if ((rc = shim_parse(argc - 1, argv + 1, &initial, &resume))) return rc;
    /* The runner asks first whether split handshakes (handoff/handback
     * through a separate handshaker process) can be tested: not here. */
    if (initial.is_handshaker_supported) {
        printf("No\n");
        return SHIM_EXIT_OK;
    }
    if ((rc = shim_check_supported(&initial)) || (rc = shim_check_supported(&resume))) return rc;
    if (initial.is_server && initial.resume_count > 0 && !shim_same_config(&initial, &resume)) {
        fprintf(stderr,
                "unimplemented: -on-resume- server settings (one config keeps the cache)\n");
        return SHIM_EXIT_UNIMPLEMENTED;
    }
    /* -resume-count N: N more connections, each on its own socket. The
     * server's session cache and ticket keys live in its config, so it
     * keeps the first one (flags.c refuses -on-resume- settings that would
     * change it); a client carries its session over. */
    static shim_session sess;
    gt_config *gc = NULL;
    for (int i = 0; i <= initial.resume_count; i++) {
        const shim_config *cfg = i == 0 ? &initial : &resume;
        if (!gc || !initial.is_server) {
            gt_config_free(gc);
            if ((gc = shim_make_config(cfg, &rc)) == NULL) return rc;
        }
        rc = shim_connection(cfg, gc, i > 0, &sess);
        if (rc) break;
    }
    gt_config_free(gc);
    return rc;
}
