/* CertificateRequest (RFC 5246 §7.4.4; RFC 8422 §5.5 for ecdsa_sign):
 * the server asks for a client certificate (policy OPTIONAL or REQUIRE),
 * the client picks the chain it will answer with (client_auth.c).
 *
 *   enum { rsa_sign(1), ..., ecdsa_sign(64), (255) } ClientCertificateType;
 *   opaque DistinguishedName<1..2^16-1>;
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;
 *
 * certificate_authorities: the subjects of the server's trust anchors, so
 * a client with several chains can pick the one the server will accept;
 * a trust store too big for that (a system bundle) is sent as an empty
 * list, which §7.4.4 lets mean "any". */
#include <string.h>

#include "handshake/hs.h"

#define CA_NAMES_MAX 8192 /* bytes of names sent at most */

static void write_cas(const gt_config *cfg, gt_wr *w)
{
    size_t total = 0, mark = 0;
    for (size_t i = 0; i < cfg->trust.n; i++)
        total += 2 + cfg->trust.anchors[i].subject.len;
    gt_wr_vec_open(w, 2, &mark);
    for (size_t i = 0; total <= CA_NAMES_MAX && i < cfg->trust.n; i++) {
        const gt_x509_slice *dn = &cfg->trust.anchors[i].subject;
        gt_wr_u16(w, (uint16_t)dn->len);
        gt_wr_bytes(w, dn->p, dn->len);
    }
    gt_wr_vec_close(w, 2, mark);
}

int gt_certificate_request_send(gt_conn *c)
{
    uint16_t algs[GT_MAX_PREFS];
    size_t n = gt_cr_sigalgs(c->cfg, algs), mark = 0;
    gt_wr w;
    /* §7.4.1.4.1 / §7.4.4: the list is <2..2^16-2>, never empty. */
    if (!n) return GT_ERR_NO_SIGALGS; /* a config without SHA-256/384 algorithms */
    int err = gt_hs_begin(c, GT_HT_CERTIFICATE_REQUEST, &w);
    if (err) return err;
    gt_wr_u8(&w, 2);
    gt_wr_u8(&w, 1);  /* rsa_sign */
    gt_wr_u8(&w, 64); /* ecdsa_sign */
    gt_wr_vec_open(&w, 2, &mark);
    for (size_t i = 0; i < n; i++)
        gt_wr_u16(&w, algs[i]);
    gt_wr_vec_close(&w, 2, mark);
    write_cas(c->cfg, &w);
    return gt_hs_end(c, &w);
}

int gt_certificate_request_recv(gt_conn *c, gt_rd *body)
{
    uint16_t algs[64];
    size_t n = 0;
    gt_rd types, sigs, cas;
    int err;
    if ((err = gt_rd_vec8(body, 1, 255, &types)) || (err = gt_rd_vec16(body, 2, 65534, &sigs)) ||
        (err = gt_rd_vec16(body, 0, 65535, &cas)) || (err = gt_rd_end(body)))
        return err;
    if (sigs.left & 1) return GT_ERR_DECODE_LENGTH;
    while (sigs.left) {
        uint16_t v;
        if ((err = gt_rd_u16(&sigs, &v))) return err;
        if (n < sizeof algs / sizeof algs[0]) algs[n++] = v;
    }
    /* Every name is a DistinguishedName<1..2^16-1>, back to back. */
    gt_rd it = cas, dn;
    while (it.left)
        if ((err = gt_rd_vec16(&it, 1, 65535, &dn))) return err;
    c->hs.cert_req = 1;
    gt_client_choose_chain(c, types.p, types.left, algs, n, cas);
    return 0;
}
