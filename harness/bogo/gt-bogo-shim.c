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
    /* -resume-count N: N more connections, each on its own socket. */
    for (int i = 0; i <= initial.resume_count; i++) {
        const shim_config *cfg = i == 0 ? &initial : &resume;
        gt_config *gc = shim_make_config(cfg, &rc);
        if (gc == NULL) return rc;
        rc = shim_connection(cfg, gc, i > 0);
        gt_config_free(gc);
        if (rc) return rc;
    }
    return SHIM_EXIT_OK;
}
