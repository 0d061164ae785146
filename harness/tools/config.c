/* From options to a gt_config: PEM files, trust anchors, preference lists.
 * Shared by gt-server, gt-client and gt-peer-gt, so the three configure
 * the engine the same way. */
#include "tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

uint8_t *gt_tool_read_file(const char *path, size_t *n, char *err, size_t ecap)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    if (f == NULL) {
        snprintf(err, ecap, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (len + 4097 > cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(buf, ncap);
            if (nb == NULL) break;
            buf = nb;
            cap = ncap;
        }
        size_t k = fread(buf + len, 1, cap - len - 1, f);
        len += k;
        if (k == 0) break;
    }
    if (buf == NULL || ferror(f)) {
        snprintf(err, ecap, "cannot read %s", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = '\0';
    *n = len;
    return buf;
}

int gt_tool_split(char *buf, const char **items, size_t cap, size_t *n)
{
    *n = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (*n == cap) return -1;
        items[(*n)++] = t;
    }
    return *n > 0 ? 0 : -1;
}

typedef uint16_t (*by_name_fn)(const char *);

static int parse_list(const char *list, by_name_fn by_name, const char *what, uint16_t *out,
                      size_t cap, size_t *n, char *err, size_t ecap)
{
    char buf[1024];
    const char *items[GT_TOOL_MAX_LIST];
    size_t k;
    if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf) ||
        gt_tool_split(buf, items, cap < GT_TOOL_MAX_LIST ? cap : GT_TOOL_MAX_LIST, &k) != 0) {
        snprintf(err, ecap, "bad %s list '%s'", what, list);
        return -1;
    }
    for (size_t i = 0; i < k; i++) {
        out[i] = by_name(items[i]);
        if (out[i] == 0) {
            snprintf(err, ecap, "unknown or unsupported %s '%s'", what, items[i]);
            return -1;
        }
    }
    *n = k;
    return 0;
}

int gt_tool_parse_suites(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                         size_t ecap)
{
    return parse_list(list, gt_suite_by_name, "cipher suite", out, cap, n, err, ecap);
}

int gt_tool_parse_groups(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                         size_t ecap)
{
    return parse_list(list, gt_group_by_name, "group", out, cap, n, err, ecap);
}

int gt_tool_parse_sigalgs(const char *list, uint16_t *out, size_t cap, size_t *n, char *err,
                          size_t ecap)
{
    return parse_list(list, gt_sigalg_by_name, "signature algorithm", out, cap, n, err, ecap);
}

int gt_tool_add_chain(gt_config *cfg, const char *cert, const char *key, char *err, size_t ecap)
{
    size_t cn, kn;
    uint8_t *c = gt_tool_read_file(cert, &cn, err, ecap), *k = NULL;
    int rc = -1;
    if (c != NULL) k = gt_tool_read_file(key, &kn, err, ecap);
    if (k != NULL) {
        rc = gt_config_add_chain(cfg, c, cn, k, kn);
        if (rc != 0) snprintf(err, ecap, "%s / %s: %s", cert, key, gt_err_str(rc));
        explicit_bzero(k, kn); /* the key file held a private key */
    }
    free(c);
    free(k);
    return rc == 0 ? 0 : -1;
}

int gt_tool_add_trust(gt_config *cfg, const char *ca, char *err, size_t ecap)
{
    size_t n;
    uint8_t *pem = gt_tool_read_file(ca, &n, err, ecap);
    if (pem == NULL) return -1;
    int rc = gt_config_add_trust_pem(cfg, pem, n);
    free(pem);
    if (rc != 0) snprintf(err, ecap, "%s: %s", ca, gt_err_str(rc));
    return rc == 0 ? 0 : -1;
}

int gt_tool_set_lists(gt_config *cfg, const char *suites, const char *groups, const char *alpn,
                      char *err, size_t ecap)
{
    uint16_t v[GT_TOOL_MAX_LIST];
    size_t n;
    int rc = 0;
    if (suites != NULL) {
        if (gt_tool_parse_suites(suites, v, GT_TOOL_MAX_LIST, &n, err, ecap) != 0) return -1;
        rc = gt_config_set_suites(cfg, v, n);
        if (rc != 0) return snprintf(err, ecap, "--suites %s: %s", suites, gt_err_str(rc)), -1;
    }
    if (groups != NULL) {
        if (gt_tool_parse_groups(groups, v, GT_TOOL_MAX_LIST, &n, err, ecap) != 0) return -1;
        rc = gt_config_set_groups(cfg, v, n);
        if (rc != 0) return snprintf(err, ecap, "--groups %s: %s", groups, gt_err_str(rc)), -1;
    }
    if (alpn != NULL) {
        char buf[1024];
        const char *items[GT_TOOL_MAX_LIST];
        if (snprintf(buf, sizeof(buf), "%s", alpn) >= (int)sizeof(buf) ||
            gt_tool_split(buf, items, GT_TOOL_MAX_LIST, &n) != 0)
            return snprintf(err, ecap, "bad ALPN list '%s'", alpn), -1;
        rc = gt_config_set_alpn(cfg, items, n);
        if (rc != 0) return snprintf(err, ecap, "--alpn %s: %s", alpn, gt_err_str(rc)), -1;
    }
    return 0;
}

int gt_tool_sessions(gt_config *cfg, const gt_tool_opts *o, char *err, size_t ecap)
{
    gt_session_opts so = {0, 0, 0, 0};
    int rc = 0;
    if (o->tool == GT_TOOL_SERVER) {
        so.cache_slots = (size_t)o->session_cache;
        so.tickets = o->tickets;
        rc = gt_config_set_client_auth(cfg, (gt_client_auth)o->verify);
    } else {
        so.tickets = o->sess_out != NULL || o->sess_in != NULL; /* ask for a ticket */
    }
    if (rc == 0 && (so.cache_slots || so.tickets)) rc = gt_config_set_sessions(cfg, &so);
    if (rc != 0) snprintf(err, ecap, "sessions: %s", gt_err_str(rc));
    return rc == 0 ? 0 : -1;
}

gt_config *gt_tool_config(const gt_tool_opts *o, char *err, size_t ecap)
{
    gt_config *cfg = gt_config_new(NULL);
    if (cfg == NULL) {
        snprintf(err, ecap, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < o->n_certs; i++)
        if (gt_tool_add_chain(cfg, o->certs[i], o->keys[i], err, ecap) != 0) goto fail;
    if (o->tool == GT_TOOL_CLIENT &&
        gt_tool_add_trust(cfg, o->ca ? o->ca : GT_TOOL_DEFAULT_CA, err, ecap) != 0)
        goto fail;
    if (o->tool == GT_TOOL_SERVER && o->ca && gt_tool_add_trust(cfg, o->ca, err, ecap) != 0)
        goto fail;
    if (gt_tool_set_lists(cfg, o->suites, o->groups, o->alpn, err, ecap) != 0) goto fail;
    if (o->rsa_kx && gt_config_set_option(cfg, GT_OPT_RSA_KX, 1) != 0) {
        snprintf(err, ecap, "--rsa-kx: the suite list is full");
        goto fail;
    }
    if (gt_tool_keylog_env(cfg, err, ecap) != 0) goto fail;
    if (gt_tool_sessions(cfg, o, err, ecap) != 0) goto fail;
    return cfg;
fail:
    gt_config_free(cfg);
    return NULL;
}

int gt_tool_session_load(gt_conn *c, const char *path, char *err, size_t ecap)
{
    size_t n;
    uint8_t *b = gt_tool_read_file(path, &n, err, ecap);
    if (b == NULL) return -1;
    int rc = gt_conn_set_session(c, b, n);
    explicit_bzero(b, n); /* a session holds its master secret */
    free(b);
    if (rc != 0) snprintf(err, ecap, "%s: not a usable session (%s)", path, gt_err_str(rc));
    return rc == 0 ? 0 : -1;
}

int gt_tool_session_save(const gt_conn *c, const char *path, char *err, size_t ecap)
{
    uint8_t b[GT_SESSION_EXPORT_MAX];
    size_t n = 0;
    int rc = gt_conn_session_export(c, b, sizeof(b), &n);
    if (rc != 0) return snprintf(err, ecap, "no session to save: %s", gt_err_str(rc)), -1;
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fchmod(fileno(f), 0600) == 0 && fwrite(b, 1, n, f) == n;
    if (f != NULL && fclose(f) != 0) ok = 0;
    explicit_bzero(b, sizeof(b));
    if (!ok) snprintf(err, ecap, "cannot write %s: %s", path, strerror(errno));
    return ok ? 0 : -1;
}
