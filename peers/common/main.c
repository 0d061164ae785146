/*
 * main() of every gt-peer-<lib>: the common driver with the adapter the
 * program links (gt_peer_adapter, defined by peers/<lib>/<lib>.c).
 */
#include "peer.h"

int main(int argc, char **argv)
{
    return gt_peer_main(&gt_peer_adapter, argc, argv);
}
