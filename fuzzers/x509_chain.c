/* Fuzz target x509_chain: path building and validation of a peer's chain
 * against a fixed trust store (compiled in: the roots of the test PKI,
 * vectors/pki, and of the path-validation suite, vectors/x509/chains).
 *
 * Aims at: gt_x509_verify (tls/x509/verify.c: candidate search with
 * backtracking, validity, basicConstraints/pathLen, keyUsage/EKU chaining,
 * policies, depth and work limits), verify_sig.c (RSA PKCS#1/PSS and ECDSA
 * signature checks over the TBS), gt_x509_nc_check (nc.c), and
 * gt_x509_check_host / gt_x509_check_ip / gt_x509_ip_parse (hostname.c).
 *
 * Input:
 *   flags (1 byte)   bit 0 client purpose, 1 ALLOW_SHA1, 2 STRICT_EKU,
 *                    3 reference identity is an IP literal, 4 no identity,
 *                    5..7 max_depth (0 = default)
 *   host '\n'        reference identity (at most 255 bytes)
 *   DER...           leaf, then the rest of the chain, concatenated (each
 *                    split off with gt_x509_cert_parse_prefix; at most 8)
 * Validation time is fixed at the suite's 2025-01-01, inside both PKIs'
 * validity.
 *
 * fuzz-dict: x509
 */
#include <stdlib.h>
#include <string.h>

#include "driver/fuzz.h"
#include "gt/gt_x509.h"
#include "gt/gt_x509_verify.h"

#define MAX_CERTS 8
#define NOW       1735689600 /* 2025-01-01T00:00:00Z, as vectors/x509/chains */

static gt_trust_store trust;

static const gt_trust_store *trust_store(void)
{
    static gt_x509_cert anchors[16];
    static uint8_t buf[32768];
    static int ready;
    if (!ready) {
        size_t added = 0;
        gt_trust_init(&trust, anchors, 16, buf, sizeof buf);
        if (gt_trust_add_pem(&trust, fz_embedded_roots_pem, fz_embedded_roots_pem_len, 1, &added) !=
                0 ||
            added == 0)
            fz_fail("the embedded trust roots do not load");
        ready = 1;
    }
    return &trust;
}

static int is_anchor(const gt_x509_cert *c)
{
    return c >= trust.anchors && c < trust.anchors + trust.n;
}

static void check_result(int r, const gt_x509_cert *leaf, const gt_x509v_result *res)
{
    if (r != 0) return;
    if (res->len == 0 || res->len > GT_X509V_MAX_DEPTH + 1 || res->path[0] != leaf)
        fz_fail("verify succeeded with a path that does not start at the leaf");
    if (!is_anchor(res->path[res->len - 1]))
        fz_fail("verify succeeded with a path that does not end at a trust anchor");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = fz_in_init(data, size);
    uint8_t flags = fz_u8(&in);
    size_t host_len, rest_len;
    const uint8_t *host_p = fz_until(&in, '\n', 255, &host_len);
    char host[256];
    memcpy(host, host_p, host_len);
    host[host_len] = 0;

    gt_x509_cert certs[MAX_CERTS];
    size_t n = 0;
    const uint8_t *p = fz_bytes(&in, in.left, &rest_len);
    while (n < MAX_CERTS && rest_len) {
        size_t used = 0;
        if (gt_x509_cert_parse_prefix(&certs[n], p, rest_len, &used) != 0) break;
        p += used;
        rest_len -= used;
        n++;
    }
    if (n == 0) return 0;

    gt_x509v_params prm = {
        .trust = trust_store(),
        .now = NOW,
        .purpose = (flags & 1) ? GT_X509V_PURPOSE_CLIENT : GT_X509V_PURPOSE_SERVER,
        .flags = ((flags & 2) ? GT_X509V_ALLOW_SHA1 : 0) | ((flags & 4) ? GT_X509V_STRICT_EKU : 0),
        .max_depth = flags >> 5,
    };
    uint8_t ip[16];
    size_t ip_len = 0;
    if (!(flags & 16)) {
        if ((flags & 8) && gt_x509_ip_parse(host, host_len, ip, &ip_len) == 0) {
            prm.ip = ip;
            prm.ip_len = ip_len;
        } else {
            prm.host = host;
            prm.host_len = host_len;
        }
    }
    gt_x509v_result res;
    int r = gt_x509_verify(&prm, &certs[0], certs + 1, n - 1, &res);
    check_result(r, &certs[0], &res);
    if (res.sigs > GT_X509V_DEFAULT_MAX_SIGS || res.attempts > GT_X509V_DEFAULT_MAX_ATTEMPTS)
        fz_fail("work budget exceeded: %u signatures, %u attempts", res.sigs, res.attempts);

    /* identity and constraint checks on their own, pairwise */
    volatile int sink = gt_x509_check_host(&certs[0], host, host_len);
    if (ip_len) sink += gt_x509_check_ip(&certs[0], ip, ip_len);
    for (size_t i = 1; i < n; i++)
        sink += gt_x509_nc_check(&certs[i], &certs[i - 1]);
    (void)sink;
    return 0;
}
