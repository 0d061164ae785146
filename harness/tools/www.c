/* The --www responder: enough HTTP/1.0 (RFC 1945) for conformance suites
 * and curl — wait for the end of the request head, answer one short HTML
 * page that names the negotiated parameters, then close. */
#include "www.h"

#include <stdio.h>
#include <string.h>

/* RFC 1945 §4.1: the head ends with an empty line; bare LF line ends are
 * accepted as §B allows. */
int gt_www_request_done(const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (buf[i] == '\n' && buf[i + 1] == '\n') return 1;
        if (i + 3 < n && memcmp(buf + i, "\r\n\r\n", 4) == 0) return 1;
    }
    return 0;
}

/* The first line of the request, printable ASCII only, for the page. */
static void request_line(const uint8_t *req, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        if (req[i] == '\r' || req[i] == '\n') break;
        out[k++] =
            req[i] >= 0x20 && req[i] < 0x7f && req[i] != '<' && req[i] != '>' && req[i] != '&'
                ? (char)req[i]
                : '?';
    }
    out[k] = '\0';
}

size_t gt_www_response(char *out, size_t cap, const uint8_t *req, size_t req_n, const char *params)
{
    char line[256], body[1024];
    request_line(req, req_n, line, sizeof(line));
    int b = snprintf(body, sizeof(body),
                     "<!DOCTYPE html>\n<html><head><title>tlsgauntlet</title></head><body>\n"
                     "<h1>tlsgauntlet gt-server</h1>\n<p>request: %s</p>\n<p>%s</p>\n"
                     "</body></html>\n",
                     line, params);
    if (b < 0 || (size_t)b >= sizeof(body)) b = (int)sizeof(body) - 1;
    int n = snprintf(out, cap,
                     "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
                     "Connection: close\r\n\r\n%.*s",
                     b, b, body);
    if (n < 0) return 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}
