/*
 * RESULT lines and exit codes. The runner parses these lines, so the reason
 * text is sanitised: no double quotes and no newlines inside reason="...".
 */
#include "result.h"
#include "suites.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char errbuf[512];

__attribute__((format(printf, 1, 0))) static void vset(const char *fmt, va_list ap)
{
    vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
    for (char *p = errbuf; *p != '\0'; p++)
        if (*p == '"' || *p == '\n' || *p == '\r') *p = '\'';
}

int gt_peer_errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(fmt, ap);
    va_end(ap);
    return GT_PEER_FAIL;
}

int gt_peer_skipf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(fmt, ap);
    va_end(ap);
    return GT_PEER_SKIP;
}

const char *gt_peer_err(void)
{
    return errbuf[0] != '\0' ? errbuf : "unknown error";
}

/* Async-signal-safe: only write(2) and _exit(2). */
static void on_alarm(int sig)
{
    static const char msg[] = "RESULT fail reason=\"timeout\"\n";
    (void)sig;
    if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0) _exit(1);
    _exit(1);
}

void gt_peer_io_init(int timeout_s)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    if (timeout_s > 0) {
        signal(SIGALRM, on_alarm);
        alarm((unsigned)timeout_s);
    }
}

void gt_peer_ready(int port)
{
    printf("READY port=%d\n", port);
    fflush(stdout);
}

void gt_peer_result_alpn(gt_peer_result *r, const void *p, size_t n)
{
    if (p == NULL || n >= sizeof(r->alpn)) return;
    memcpy(r->alpn, p, n);
    r->alpn[n] = '\0';
}

void gt_peer_print_ok(const gt_peer_result *r)
{
    const gt_peer_suite *s = gt_peer_suite_by_code(r->suite);
    char unknown[16];
    snprintf(unknown, sizeof(unknown), "0x%04X", r->suite);
    printf("RESULT ok version=TLSv1.2 suite=%s group=%s resumed=%d alpn=%s ems=%d "
           "renegotiated=%d bytes=%ld\n",
           s != NULL ? s->iana : unknown, r->group != NULL ? r->group : "-", r->resumed,
           r->alpn[0] != '\0' ? r->alpn : "-", r->ems, r->renegotiated, r->bytes);
    fflush(stdout);
}

void gt_peer_exit(int status)
{
    if (status == GT_PEER_OK) exit(0);
    alarm(0);
    printf("RESULT %s reason=\"%s\"\n", status == GT_PEER_SKIP ? "skip" : "fail", gt_peer_err());
    fflush(stdout);
    exit(status);
}

void gt_peer_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(fmt, ap);
    va_end(ap);
    fprintf(stderr, "usage error: %s (see peers/README.md)\n", errbuf);
    memmove(errbuf + 7, errbuf, sizeof(errbuf) - 8);
    memcpy(errbuf, "usage: ", 7);
    errbuf[sizeof(errbuf) - 1] = '\0';
    gt_peer_exit(GT_PEER_USAGE);
}

void gt_peer_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(fmt, ap);
    va_end(ap);
    gt_peer_exit(GT_PEER_FAIL);
}
