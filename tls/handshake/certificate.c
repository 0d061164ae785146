/* Certificate (RFC 5246 §7.4.2, §7.4.6), in both directions:
 * - the server sends its chain, the client parses every certificate and
 *   validates the chain (client.c);
 * - after a CertificateRequest the client sends its chain, or an empty
 *   list when it has none that fits (§7.4.6), and the server validates it
 *   for clientAuth (client_auth.c).
 *
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate; */
#include "handshake/hs.h"

#define MAX_PEER_CERTS 16

int gt_certificate_send(gt_conn *c)
{
    const gt_chain *ch = c->role == GT_ROLE_SERVER ? c->hs.chain : c->hs.client_chain;
    gt_wr w;
    size_t mark = 0;
    int err = gt_hs_begin(c, GT_HT_CERTIFICATE, &w);
    if (err) return err;
    gt_wr_vec_open(&w, 3, &mark);
    for (size_t i = 0; ch && i < ch->n_certs; i++) {
        size_t m = 0;
        gt_wr_vec_open(&w, 3, &m);
        gt_wr_bytes(&w, ch->der + ch->cert_off[i], ch->cert_len[i]);
        gt_wr_vec_close(&w, 3, m);
    }
    gt_wr_vec_close(&w, 3, mark);
    return gt_hs_end(c, &w);
}

int gt_certificate_recv(gt_conn *c, gt_rd *body)
{
    gt_x509_cert certs[MAX_PEER_CERTS];
    size_t n = 0;
    gt_rd list, one;
    int err;
    if ((err = gt_rd_vec24(body, 0, 0xFFFFFF, &list)) || (err = gt_rd_end(body))) return err;
    while (list.left) {
        if ((err = gt_rd_vec24(&list, 1, 0xFFFFFF, &one))) return err;
        /* More certificates than any sane chain: refused, not truncated. */
        if (n == MAX_PEER_CERTS) return GT_ERR_BAD_CERTIFICATE;
        if ((err = gt_x509_cert_parse(&certs[n], one.p, one.left))) return err;
        n++;
    }
    if (c->role == GT_ROLE_SERVER) return gt_server_check_client_chain(c, certs, n);
    /* The ECDHE suites need the server's certificate (§7.4.2). */
    if (n == 0) return GT_ERR_BAD_CERTIFICATE;
    return gt_client_check_chain(c, certs, n);
}
