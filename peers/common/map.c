/*
 * Contract names to library names, and the lists libraries take as one
 * separated string (OpenSSL/wolfSSL sigalgs lists, wolfSSL's ALPN list,
 * GnuTLS priority items). Every adapter maps the same way, so it is here.
 */
#include "peer.h"
#include "suites.h"

#include <string.h>

const char *gt_peer_map_suite(const gt_peer_suite_map *m, const char *iana)
{
    const gt_peer_suite *s = gt_peer_suite_by_name(iana);
    for (; s != NULL && m->code != 0; m++)
        if (m->code == s->code) return m->why_not == NULL ? m->lib_name : NULL;
    return NULL;
}

const char *gt_peer_map_name(const char *const (*t)[2], size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i][0], name) == 0) return t[i][1];
    return NULL;
}

int gt_peer_join(char *out, size_t cap, const char *const *items, size_t n, const char *sep,
                 const char *const (*t)[2], size_t n_t)
{
    size_t len = 0;
    if (cap == 0) return gt_peer_errf("join: no room");
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *item = t != NULL ? gt_peer_map_name(t, n_t, items[i]) : items[i];
        size_t k = item != NULL ? strlen(item) : 0, s = i > 0 ? strlen(sep) : 0;
        if (item == NULL) return gt_peer_errf("%s: no library name", items[i]);
        if (len + s + k >= cap) return gt_peer_errf("list too long at '%s'", items[i]);
        memcpy(out + len, sep, s);
        memcpy(out + len + s, item, k);
        len += s + k;
        out[len] = '\0';
    }
    return 0;
}
