/* The --www responder of gt-server (www.c). */
#ifndef GT_TOOLS_WWW_H
#define GT_TOOLS_WWW_H

#include <stddef.h>
#include <stdint.h>

/* 1 once buf holds a whole request head (an empty line). */
int gt_www_request_done(const uint8_t *buf, size_t n);
/* The HTTP/1.0 response (head and HTML page naming the request line and
 * params) in out; its length. */
size_t gt_www_response(char *out, size_t cap, const uint8_t *req, size_t req_n, const char *params);

#endif
