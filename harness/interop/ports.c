/* Loopback ports. The runner never guesses a free port: a server binds
 * --port 0 and announces the port the kernel gave it (`READY port=P`), so
 * parallel cells cannot race for the same number. The recording proxy does
 * the same for its own listening socket. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "interop.h"

/* Accepts exactly "READY port=<1..65535>" (trailing blanks allowed). */
int gt_iop_parse_ready(const char *line, int *port)
{
    static const char tag[] = "READY port=";
    if (strncmp(line, tag, sizeof tag - 1) != 0) return -1;
    const char *p = line + sizeof tag - 1;
    if (*p < '0' || *p > '9') return -1;
    char *end;
    long v = strtol(p, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != 0 || v < 1 || v > 65535) return -1;
    *port = (int)v;
    return 0;
}

int gt_iop_listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = 0;
    socklen_t len = sizeof sa;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 4) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(sa.sin_port);
    return fd;
}

int gt_iop_connect_loopback(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons((uint16_t)port);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
