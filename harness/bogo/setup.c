/* From shim flags to the IUT's gt_config (test_config.cc SetupCtx/NewSSL
 * is the reference for what each flag configures).
 *
 * Differences from BoringSSL's own shim that follow from the IUT:
 *   - one signature-algorithm list for signing and verifying: the role's
 *     own (-signing-prefs for a server, -verify-prefs for a client) or the
 *     other when only that one is given (different lists: 89, flags.c);
 *   - neither side validates the runner's chain: BoringSSL's shim installs
 *     a verify callback that accepts every chain, and the runner's
 *     certificates name no host; -trust-cert is therefore not used. A
 *     server asked for client certificates (-verify-peer: optional,
 *     -require-any-client-certificate: required) runs with
 *     GT_OPT_VERIFY_PEER off; keyUsage and the CertificateVerify are still
 *     checked by the engine;
 *   - sessions: a server keeps a session cache and issues tickets, a
 *     client offers tickets, both unless -no-ticket (BoringSSL's defaults);
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
    uint16_t both[SHIM_MAX_LIST + 64];
    if (!n_sig && (c->is_server ? c->n_verify_prefs : c->n_signing_prefs)) {
        /* Only the other role's list (a client's -signing-prefs for its
         * CertificateVerify): it goes first, then every other algorithm
         * the IUT knows, so what the peer signs is still accepted. */
        const uint16_t *o = c->is_server ? c->verify_prefs : c->signing_prefs;
        n_sig = c->is_server ? c->n_verify_prefs : c->n_signing_prefs;
        memcpy(both, o, n_sig * sizeof *o);
        for (uint32_t id = 0; id < 0x10000; id++) {
            int dup = 0;
            for (size_t i = 0; i < n_sig; i++)
                dup |= both[i] == id;
            if (!dup && gt_sigalg_name((uint16_t)id) && id != 0x0201 && id != 0x0203 &&
                n_sig < sizeof both / sizeof both[0])
                both[n_sig++] = (uint16_t)id;
        }
        sig = both;
    }
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

/* BoringSSL's default: every suite it implements, CBC and RSA key
 * transport included, ECDHE and AEAD first. The IUT's list is AEAD ECDHE
 * only by default, so the shim lists all it knows (gt_suite_name). */
static int rank(const char *name)
{
    int aead = strstr(name, "GCM") || strstr(name, "CHACHA");
    return (strstr(name, "ECDHE") ? 0 : 2) + (aead ? 0 : 1);
}

static int set_all_suites(gt_config *gc)
{
    uint16_t list[64];
    size_t n = 0;
    for (int r = 0; r < 4; r++)
        for (uint32_t id = 0; id < 0x10000 && n < 64; id++) {
            const char *name = gt_suite_name((uint16_t)id);
            if (name && rank(name) == r) list[n++] = (uint16_t)id;
        }
    return gt_config_set_suites(gc, list, n);
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
    /* BoringSSL servers follow the client's order unless told otherwise. */
    if ((err = set_all_suites(gc)) || (err = gt_config_set_option(gc, GT_OPT_SERVER_PREFERENCE, 0)))
        return fail(gc, exit_code, SHIM_EXIT_FAIL, "suites", err);
    if ((err = gt_config_set_option(gc, GT_OPT_VERIFY_PEER, 0)))
        return fail(gc, exit_code, SHIM_EXIT_FAIL, "verify off", err);
    gt_client_auth ca = c->require_any_client_cert ? GT_CLIENT_AUTH_REQUIRE
                        : c->verify_peer           ? GT_CLIENT_AUTH_OPTIONAL
                                                   : GT_CLIENT_AUTH_NONE;
    if (c->is_server && (err = gt_config_set_client_auth(gc, ca)))
        return fail(gc, exit_code, SHIM_EXIT_FAIL, "client authentication", err);
    gt_session_opts so = {c->is_server ? 64 : 0, !c->no_ticket, 0, 0};
    if ((err = gt_config_set_sessions(gc, &so)))
        return fail(gc, exit_code, SHIM_EXIT_FAIL, "sessions", err);
    gt_config *out = NULL;
    if (set_lists(gc, c, exit_code, &out) != 0) return out;
    *exit_code = SHIM_EXIT_OK;
    return gc;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_list(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
    return na == nb && memcmp(a, b, na * sizeof *a) == 0;
}

int shim_same_config(const shim_config *a, const shim_config *b)
{
    return a->is_server == b->is_server && same_str(a->cert_file, b->cert_file) &&
           same_str(a->key_file, b->key_file) && same_str(a->select_alpn, b->select_alpn) &&
           same_str(a->advertise_alpn, b->advertise_alpn) &&
           same_list(a->curves, a->n_curves, b->curves, b->n_curves) &&
           same_list(a->signing_prefs, a->n_signing_prefs, b->signing_prefs, b->n_signing_prefs) &&
           same_list(a->verify_prefs, a->n_verify_prefs, b->verify_prefs, b->n_verify_prefs) &&
           a->no_ticket == b->no_ticket && a->verify_peer == b->verify_peer &&
           a->require_any_client_cert == b->require_any_client_cert;
}
