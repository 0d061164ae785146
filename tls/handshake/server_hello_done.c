/* ServerHelloDone (RFC 5246 §7.4.5): an empty message closing the
 * server's first flight. */
#include "handshake/hs.h"

int gt_server_hello_done_send(gt_conn *c)
{
    gt_wr w;
    int err = gt_hs_begin(c, GT_HT_SERVER_HELLO_DONE, &w);
    return err ? err : gt_hs_end(c, &w);
}

int gt_server_hello_done_recv(gt_conn *c, gt_rd *body)
{
    (void)c;
    return gt_rd_end(body);
}
