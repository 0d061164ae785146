/*
 * Reads the leaf of --cert with libcrypto (independent of the library the
 * peer runs) to find its public-key curve.
 */
#include "certinfo.h"
#include "result.h"
#include "suites.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

/* Contract group name of the leaf's EC curve; NULL if not EC or unknown. */
static const char *leaf_curve(const char *path)
{
    static char name[64];
    const char *group = NULL;
    FILE *f = fopen(path, "r");
    X509 *x = f != NULL ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    EVP_PKEY *k = x != NULL ? X509_get0_pubkey(x) : NULL;
    size_t len = 0;
    if (k != NULL && EVP_PKEY_is_a(k, "EC") &&
        EVP_PKEY_get_utf8_string_param(k, "group", name, sizeof(name), &len) == 1) {
        if (strcmp(name, "prime256v1") == 0 || strcmp(name, "P-256") == 0)
            group = "secp256r1";
        else if (strcmp(name, "secp384r1") == 0 || strcmp(name, "P-384") == 0)
            group = "secp384r1";
        else
            group = name;
    }
    X509_free(x);
    if (f != NULL) fclose(f);
    return group;
}

int gt_peer_check_cert_curve(const gt_peer_opts *o)
{
    const char *curve;
    if (o->role != GT_PEER_SERVER || o->suite == NULL || o->group == NULL ||
        gt_peer_suite_by_name(o->suite)->kx != GT_PEER_KX_ECDHE_ECDSA || o->cert == NULL)
        return 0;
    curve = leaf_curve(o->cert);
    if (curve == NULL || strcmp(curve, o->group) == 0) return 0;
    return gt_peer_skipf("RFC 8422 5.1: ECDSA certificate on %s but only group %s offered", curve,
                         o->group);
}
