/* The server under soak: gt-server --echo on an ephemeral 127.0.0.1 port,
 * its output in a temporary file (one line per connection), its resident
 * memory read from /proc/<pid>/status (VmRSS). */
#include "soak.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void exec_server(const char *bin, const char *pki, int idle_s, int out_fd)
{
    char c1[512], k1[512], c2[512], k2[512], idle[16];
    snprintf(c1, sizeof c1, "%s/server-p256.chain.pem", pki);
    snprintf(k1, sizeof k1, "%s/server-p256.key", pki);
    snprintf(c2, sizeof c2, "%s/server-rsa2048.chain.pem", pki);
    snprintf(k2, sizeof k2, "%s/server-rsa2048.key", pki);
    snprintf(idle, sizeof idle, "%d", idle_s);
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
    execl(bin, bin, "--port", "0", "--echo", "--idle-timeout", idle, "--cert", c1, "--key", k1,
          "--cert", c2, "--key", k2, (char *)NULL);
    fprintf(stderr, "gt-soak: cannot run %s: %s\n", bin, strerror(errno));
    _exit(127);
}

/* Waits (at most 10 s) for "listening on 127.0.0.1:PORT" in the log. */
static int read_port(const soak_server *s, char *port, size_t pcap)
{
    for (int i = 0; i < 200; i++) {
        FILE *f = fopen(s->log, "r");
        char line[256];
        while (f && fgets(line, sizeof line, f)) {
            const char *p = strstr(line, "listening on 127.0.0.1:");
            if (!p) continue;
            snprintf(port, pcap, "%d", atoi(p + strlen("listening on 127.0.0.1:")));
            fclose(f);
            return 0;
        }
        if (f) fclose(f);
        if (!soak_server_alive(s)) return -1;
        sleep_ms(50);
    }
    return -1;
}

int soak_server_start(soak_server *s, const char *bin, const char *pki, int idle_s, char *port,
                      size_t pcap)
{
    snprintf(s->log, sizeof s->log, "/tmp/gt-soak-server-XXXXXX");
    int fd = mkstemp(s->log);
    if (fd < 0) return -1;
    s->pid = fork();
    if (s->pid < 0) {
        close(fd);
        return -1;
    }
    if (s->pid == 0) exec_server(bin, pki, idle_s, fd);
    close(fd);
    if (read_port(s, port, pcap) == 0) return 0;
    soak_server_stop(s, NULL, NULL);
    return -1;
}

long soak_server_rss_kb(const soak_server *s)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)s->pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = strtol(line + 6, NULL, 10);
    if (f) fclose(f);
    return kb;
}

int soak_server_alive(const soak_server *s)
{
    int st;
    return s->pid > 0 && waitpid(s->pid, &st, WNOHANG) == 0;
}

void soak_server_stop(soak_server *s, uint64_t *ok, uint64_t *fail)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        for (int i = 0; i < 100 && soak_server_alive(s); i++)
            sleep_ms(20);
        if (soak_server_alive(s)) kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
    FILE *f = fopen(s->log, "r");
    char line[1024];
    uint64_t o = 0, x = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (strstr(line, " ok ")) o++;
        if (strstr(line, " fail ")) x++;
    }
    if (f) fclose(f);
    if (ok) *ok = o;
    if (fail) *fail = x;
}
