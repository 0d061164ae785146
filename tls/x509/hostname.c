/* Peer identity checks (RFC 6125): DNS-IDs and IP addresses against the
 * leaf's subjectAltName. The rules are stated once, in gt_x509_verify.h;
 * the comments here say why each one is there. */
#include "gt/gt_x509_verify.h"

#include <string.h>

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static int ldh(uint8_t c)
{
    /* RFC 1123 §2.1 letters, digits, hyphen; '_' is accepted because it
     * occurs in deployed host names (SRV-style labels) */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

/* A well-formed DNS name: labels of 1..63 LDH octets, 253 in all, after one
 * optional trailing dot has been removed by the caller. */
static int valid_dns(const uint8_t *s, size_t n)
{
    if (n == 0 || n > 253) return 0;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (label == 0) return 0;
            label = 0;
            continue;
        }
        if (!ldh(s[i]) || ++label > 63) return 0;
    }
    return label != 0;
}

static size_t strip_dot(const uint8_t *s, size_t n)
{
    return n && s[n - 1] == '.' ? n - 1 : n;
}

static int eq_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i])) return 0;
    return 1;
}

static size_t count_labels(const uint8_t *s, size_t n)
{
    size_t k = 1;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '.';
    return k;
}

int gt_x509_dns_match(const uint8_t *presented, size_t plen, const char *host, size_t hlen)
{
    const uint8_t *h = (const uint8_t *)host;
    hlen = strip_dot(h, hlen);
    plen = strip_dot(presented, plen);
    if (!valid_dns(h, hlen)) return 0;
    if (plen >= 2 && presented[0] == '*' && presented[1] == '.') {
        const uint8_t *rest = presented + 2;
        size_t rlen = plen - 2;
        /* RFC 6125 §6.4.3 and §7.2: the wildcard is the whole leftmost
         * label, over at least two more labels ("*.com" is refused) */
        if (!valid_dns(rest, rlen) || count_labels(rest, rlen) < 2) return 0;
        const uint8_t *dot = memchr(h, '.', hlen);
        if (!dot || dot == h) return 0;
        size_t first = (size_t)(dot - h);
        /* never let '*' stand for (part of) an IDN A-label */
        if (first >= 4 && eq_nocase(h, (const uint8_t *)"xn--", 4)) return 0;
        return hlen - first - 1 == rlen && eq_nocase(dot + 1, rest, rlen);
    }
    /* any other '*' (partial wildcard, inner label) fails valid_dns */
    return valid_dns(presented, plen) && plen == hlen && eq_nocase(presented, h, hlen);
}

int gt_x509_check_host(const gt_x509_cert *leaf, const char *host, size_t len)
{
    if (!host || !valid_dns((const uint8_t *)host, strip_dot((const uint8_t *)host, len)))
        return GT_ERR_X509V_BAD_REFERENCE;
    /* RFC 6125 §6.4.4: no CN-ID fallback here: every CA in the web PKI
     * has put the name in the SAN since CA/B BR 1.0, and ignoring CN
     * removes a second, weaker matching path */
    if (!leaf->san.p) return GT_ERR_X509V_NO_SAN;
    gt_x509_iter it = gt_x509_iter_of(leaf->san);
    gt_x509_general_name gn;
    int r;
    while ((r = gt_x509_gn_next(&it, &gn)) == 1)
        if (gn.type == GT_X509_GN_DNS && gt_x509_dns_match(gn.value.p, gn.value.len, host, len))
            return 0;
    return r < 0 ? r : GT_ERR_X509V_HOSTNAME;
}

int gt_x509_check_ip(const gt_x509_cert *leaf, const uint8_t *ip, size_t len)
{
    if (!ip || (len != 4 && len != 16)) return GT_ERR_X509V_BAD_REFERENCE;
    if (!leaf->san.p) return GT_ERR_X509V_NO_SAN;
    gt_x509_iter it = gt_x509_iter_of(leaf->san);
    gt_x509_general_name gn;
    int r;
    /* RFC 6125 §1.7.2 / RFC 5280 §4.2.1.6: octet-for-octet comparison */
    while ((r = gt_x509_gn_next(&it, &gn)) == 1)
        if (gn.type == GT_X509_GN_IP && gn.value.len == len && memcmp(gn.value.p, ip, len) == 0)
            return 0;
    return r < 0 ? r : GT_ERR_X509V_IP;
}

/* ---- textual addresses ---------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Dotted quad, four decimal octets without leading zeros (a leading zero
 * is octal to inet_aton: refusing it avoids two readings). */
static int parse_v4(const char *s, size_t n, uint8_t out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part && (i >= n || s[i++] != '.')) return -1;
        unsigned v = 0, digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (digits && v == 0) return -1;
            v = v * 10 + (unsigned)(s[i++] - '0');
            if (++digits > 3 || v > 255) return -1;
        }
        if (!digits) return -1;
        out[part] = (uint8_t)v;
    }
    return i == n ? 0 : -1;
}

/* RFC 4291 §2.2: groups of 1..4 hex digits, one "::", an optional
 * trailing dotted quad. */
static int parse_v6(const char *s, size_t n, uint8_t out[16])
{
    uint8_t w[16] = {0};
    size_t i = 0, k = 0;
    int gap = -1;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n && s[0] == ':') {
        return -1;
    }
    while (i < n) {
        size_t start = i;
        unsigned v = 0;
        while (i < n && i - start < 5 && hexval(s[i]) >= 0)
            v = v * 16 + (unsigned)hexval(s[i++]);
        if (i < n && s[i] == '.') { /* embedded IPv4 in the last 32 bits */
            if (k > 12 || parse_v4(s + start, n - start, w + k)) return -1;
            k += 4;
            i = n;
            break;
        }
        if (i == start || i - start > 4 || k > 14) return -1;
        w[k++] = (uint8_t)(v >> 8);
        w[k++] = (uint8_t)v;
        if (i == n) break;
        if (s[i++] != ':') return -1;
        if (i < n && s[i] == ':') {
            if (gap >= 0) return -1;
            gap = (int)k;
            i++;
        } else if (i == n) {
            return -1; /* trailing single ':' */
        }
    }
    if (gap < 0 && k != 16) return -1;
    if (gap >= 0) {
        if (k > 14) return -1; /* "::" must stand for at least one group */
        size_t tail = k - (size_t)gap;
        memset(out, 0, 16);
        memcpy(out, w, (size_t)gap);
        memcpy(out + 16 - tail, w + gap, tail);
    } else {
        memcpy(out, w, 16);
    }
    return 0;
}

int gt_x509_ip_parse(const char *s, size_t n, uint8_t out[16], size_t *len)
{
    if (!s || !n) return GT_ERR_X509V_BAD_REFERENCE;
    if (memchr(s, ':', n)) {
        if (parse_v6(s, n, out)) return GT_ERR_X509V_BAD_REFERENCE;
        *len = 16;
        return 0;
    }
    if (parse_v4(s, n, out)) return GT_ERR_X509V_BAD_REFERENCE;
    *len = 4;
    return 0;
}
