/* The shim's -expect-* checks once the handshake is done, in the order and
 * with the wording of bssl_shim.cc CheckHandshakeProperties (a few tests
 * match on the wording). Only what gt_conn_info reports can be checked; a
 * flag asking for more is refused at parse time (flags.c), never passed
 * over silently. */
#include <stdio.h>
#include <string.h>

#include "shim.h"

static int check_session(const shim_config *cfg, const gt_conn_info *info, int is_resume)
{
    /* A resumption attempt the test expects to be refused must be a full
     * handshake; every first connection is one. */
    int expect_resume = is_resume && !cfg->expect_session_miss;
    if (!!info->resumed != expect_resume) {
        shim_fail("session unexpectedly was%s reused", info->resumed ? "" : " not");
        return SHIM_EXIT_FAIL;
    }
    return 0;
}

static int check_names(const shim_config *cfg, const gt_conn_info *info)
{
    if (cfg->is_server && cfg->expect_server_name &&
        strcmp(info->sni, cfg->expect_server_name) != 0) {
        shim_fail("servername mismatch (got %s; want %s)", info->sni, cfg->expect_server_name);
        return SHIM_EXIT_FAIL;
    }
    /* The server must report the protocol it selected, the client the one
     * the test expects; no flag means no ALPN at all. */
    const char *want = cfg->is_server ? cfg->select_alpn : cfg->expect_alpn;
    if (strcmp(info->alpn, want ? want : "") != 0) {
        shim_fail("negotiated alpn proto mismatch (got '%s', want '%s')", info->alpn,
                  want ? want : "");
        return SHIM_EXIT_FAIL;
    }
    return 0;
}

static int check_extensions(const shim_config *cfg, const gt_conn_info *info)
{
    if (cfg->expect_ems && !info->ems) {
        shim_fail("No EMS for connection when expected");
        return SHIM_EXIT_FAIL;
    }
    if (cfg->expect_secure_reneg && !info->secure_renegotiation) {
        shim_fail("No secure renegotiation for connection when expected");
        return SHIM_EXIT_FAIL;
    }
    if (cfg->expect_no_secure_reneg && info->secure_renegotiation) {
        shim_fail("Secure renegotiation unexpectedly negotiated for connection");
        return SHIM_EXIT_FAIL;
    }
    return 0;
}

static int check_params(const shim_config *cfg, const gt_conn_info *info)
{
    if (cfg->expect_version && info->version != cfg->expect_version) {
        shim_fail("want version %04x, got %04x", (unsigned)cfg->expect_version, info->version);
        return SHIM_EXIT_FAIL;
    }
    /* The client sees the server's ServerKeyExchange signature; a server's
     * peer signature would be a client CertificateVerify (flags.c refuses). */
    if (cfg->expect_peer_sigalg && info->sigalg != cfg->expect_peer_sigalg) {
        shim_fail("Peer signature algorithm was %04x, wanted %04x.", info->sigalg,
                  (unsigned)cfg->expect_peer_sigalg);
        return SHIM_EXIT_FAIL;
    }
    if (cfg->expect_curve_id && info->group != cfg->expect_curve_id) {
        shim_fail("curve_id was %04x, wanted %04x", info->group, (unsigned)cfg->expect_curve_id);
        return SHIM_EXIT_FAIL;
    }
    if (cfg->expect_cipher && info->suite != cfg->expect_cipher) {
        shim_fail("Cipher ID was %04x, wanted %04x", info->suite, (unsigned)cfg->expect_cipher);
        return SHIM_EXIT_FAIL;
    }
    return 0;
}

int shim_check_handshake(const shim_config *cfg, const gt_conn *c, int is_resume)
{
    /* A resumed session keeps the group and signature algorithm of the
     * handshake that made it (BoringSSL reports them from the session);
     * the engine reports 0 for an abbreviated handshake. */
    static gt_conn_info made;
    gt_conn_info info;
    int err = gt_conn_info_get(c, &info);
    if (err) {
        shim_fail("gt_conn_info_get: %s", gt_err_str(err));
        return SHIM_EXIT_FAIL;
    }
    if (info.resumed) {
        info.group = made.group;
        info.sigalg = made.sigalg;
    } else {
        made = info;
    }
    if (info.suite == 0) {
        shim_fail("null cipher after handshake");
        return SHIM_EXIT_FAIL;
    }
    if ((err = check_params(cfg, &info)) || (err = check_session(cfg, &info, is_resume)) ||
        (err = check_names(cfg, &info)) || (err = check_extensions(cfg, &info)))
        return err;
    return 0;
}
