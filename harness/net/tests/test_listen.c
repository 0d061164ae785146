/* Tests of harness/net/listen.c: servers bind 127.0.0.1 only, ephemeral
 * ports are reported, accept names the peer and never blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gt_net.h"

static void test_loopback_only(void **state)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    int port = -1;
    (void)state;
    int fd = gt_net_listen_lo(0, &port);
    assert_true(fd >= 0);
    assert_true(port > 0 && port < 65536);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    assert_int_equal(sa.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    assert_int_equal(ntohs(sa.sin_port), port);
    assert_true(fcntl(fd, F_GETFL) & O_NONBLOCK);
    close(fd);
}

static void test_accept(void **state)
{
    char name[64], err[128], portstr[8];
    int port;
    (void)state;
    int lfd = gt_net_listen_lo(0, &port);
    assert_true(lfd >= 0);
    /* nothing pending: EAGAIN, not a block */
    assert_int_equal(gt_net_accept(lfd, name, sizeof(name)), -1);
    assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
    snprintf(portstr, sizeof(portstr), "%d", port);
    int c = gt_net_connect("127.0.0.1", portstr, 2000, err, sizeof(err));
    assert_true(c >= 0);
    int a = -1;
    for (int i = 0; i < 100 && a < 0; i++) {
        a = gt_net_accept(lfd, name, sizeof(name));
        if (a < 0) usleep(10000);
    }
    assert_true(a >= 0);
    assert_true(strncmp(name, "127.0.0.1:", 10) == 0);
    assert_true(fcntl(a, F_GETFL) & O_NONBLOCK);
    close(a);
    close(c);
    close(lfd);
}

static void test_bad_port(void **state)
{
    (void)state;
    assert_int_equal(gt_net_listen_lo(70000, NULL), -1);
    assert_int_equal(gt_net_listen_lo(-1, NULL), -1);
    /* the same port twice: the second bind fails */
    int port, a = gt_net_listen_lo(0, &port);
    assert_true(a >= 0);
    assert_int_equal(gt_net_listen_lo(port, NULL), -1);
    assert_int_equal(errno, EADDRINUSE);
    close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loopback_only),
        cmocka_unit_test(test_accept),
        cmocka_unit_test(test_bad_port),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
