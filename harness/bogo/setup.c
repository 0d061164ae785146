/* From shim flags to the IUT's gt_config (test_config.cc SetupCtx/NewSSL
 * is the reference for what each flag configures).
 *
 * Differences from BoringSSL's own shim that follow from the IUT:
 *   - one signature-algorithm list: a server's -signing-prefs or a client's
 *     -verify-prefs (the other list of each role belongs to client
 *     certificates, which the engine does not do yet);
 *   - the client does not verify the runner's certificate: BoringSSL's shim
 *     installs a verify callback that accepts every chain, and the runner's
 *     certificates name no host; -trust-cert is therefore not used;
 *   - values the IUT does not implement (P-521, Ed25519 keys, unknown
 *     groups or sigalgs) make the test unimplemented (89), not failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"
#include "tools.h"

#define MAX_ALPN_NAMES 16 /* the engine keeps at most 16 (gt_config_set_alpn) */

static gt_config *fail(gt_config *gc, int *exit_code, int code, const char *what, int err)
{
    fprintf(stderr, "%s%s: %s\n", code == SHIM_EXIT_UNIMPLEMENTED ? "unimplemented: " : "", what,
            gt_err_str(err));
    gt_config_free(gc);
    *exit_code = code;
    return NULL;
}

/* Errors of gt_config_add_chain that mean "a key the IUT does not do"
 * rather than "a broken file". */
static int unsupported_key(int err)
{
    return err == GT_ERR_UNSUPPORTED || err == GT_ERR_X509_CURVE || err == GT_ERR_X509_KEY ||
           err == GT_ERR_X509_SPKI || err == GT_ERR_CRYPTO_KEY_SIZE;
}

static int add_chain(gt_config *gc, const shim_config *c, int *err)
{
    char msg[256];
    size_t cn = 0, kn = 0;
    uint8_t *cert = gt_tool_read_file(c->cert_file, &cn, msg, sizeof msg);
    uint8_t *key = cert ? gt_tool_read_file(c->key_file, &kn, msg, sizeof msg) : NULL;
    if (key == NULL) {
        fprintf(stderr, "%s\n", msg);
        free(cert);
        *err = GT_ERR_ARG;
        return -1;
    }
    *err = gt_config_add_chain(gc, cert, cn, key, kn);
    free(cert);
    free(key);
    return *err ? -1 : 0;
}

/* -advertise-alpn is in ALPN wire format (RFC 7301 §3.1 ProtocolNameList
 * without the outer length): each name preceded by its length. */
static int set_alpn_wire(gt_config *gc, const char *wire)
{
    char names[MAX_ALPN_NAMES][256];
    const char *list[MAX_ALPN_NAMES];
    size_t n = 0, len = strlen(wire), at = 0;
    while (at < len) {
        size_t l = (uint8_t)wire[at++];
        if (l == 0 || l > len - at || n == MAX_ALPN_NAMES) return GT_ERR_ARG;
        memcpy(names[n], wire + at, l);
        names[n][l] = '\0';
        list[n] = names[n];
        n++;
        at += l;
    }
    if (n == 0) return GT_ERR_ARG;
    return gt_config_set_alpn(gc, list, n);
}

static int set_lists(gt_config *gc, const shim_config *c, int *exit_code, gt_config **out)
{
    int err;
    if (c->n_curves && (err = gt_config_set_groups(gc, c->curves, c->n_curves))) {
        *out = fail(gc, exit_code, SHIM_EXIT_UNIMPLEMENTED, "-curves", err);
        return -1;
    }
    const uint16_t *sig = c->is_server ? c->signing_prefs : c->verify_prefs;
    size_t n_sig = c->is_server ? c->n_signing_prefs : c->n_verify_prefs;
    /* Listing a SHA-1 scheme (rsa_pkcs1_sha1 0x0201, ecdsa_sha1 0x0203)
     * explicitly is the test asking for SHA-1, which the IUT keeps off by
     * default. */
    for (size_t i = 0; i < n_sig; i++)
        if ((sig[i] == 0x0201 || sig[i] == 0x0203) &&
            (err = gt_config_set_option(gc, GT_OPT_ALLOW_SHA1, 1))) {
            *out = fail(gc, exit_code, SHIM_EXIT_FAIL, "allow SHA-1", err);
            return -1;
        }
    if (n_sig && (err = gt_config_set_sigalgs(gc, sig, n_sig))) {
        *out = fail(gc, exit_code, SHIM_EXIT_UNIMPLEMENTED, "signature algorithm prefs", err);
        return -1;
    }
    if (!c->is_server && c->advertise_alpn && (err = set_alpn_wire(gc, c->advertise_alpn))) {
        *out = fail(gc, exit_code, SHIM_EXIT_FAIL, "-advertise-alpn", err);
        return -1;
    }
    if (c->is_server && c->select_alpn && c->select_alpn[0]) {
        const char *one[1] = {c->select_alpn};
        if ((err = gt_config_set_alpn(gc, one, 1))) {
            *out = fail(gc, exit_code, SHIM_EXIT_FAIL, "-select-alpn", err);
            return -1;
        }
    }
    return 0;
}

gt_config *shim_make_config(const shim_config *c, int *exit_code)
{
    int err;
    gt_config *gc = gt_config_new(NULL);
    *exit_code = SHIM_EXIT_FAIL;
    if (gc == NULL) return fail(NULL, exit_code, SHIM_EXIT_FAIL, "gt_config_new", GT_ERR_ALLOC);
    if (c->cert_file || c->key_file) {
        if (!c->cert_file || !c->key_file)
            return fail(gc, exit_code, SHIM_EXIT_FAIL, "-cert-file needs -key-file", GT_ERR_ARG);
        if (add_chain(gc, c, &err) != 0)
            return fail(gc, exit_code,
                        unsupported_key(err) ? SHIM_EXIT_UNIMPLEMENTED : SHIM_EXIT_FAIL,
                        "certificate and key", err);
    }
    if (!c->is_server && (err = gt_config_set_option(gc, GT_OPT_VERIFY_PEER, 0)))
        return fail(gc, exit_code, SHIM_EXIT_FAIL, "verify off", err);
    gt_config *out = NULL;
    if (set_lists(gc, c, exit_code, &out) != 0) return out;
    *exit_code = SHIM_EXIT_OK;
    return gc;
}
