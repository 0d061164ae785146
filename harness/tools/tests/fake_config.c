/* The rest of libgt's public API that the tools call, faked for the tools'
 * own tests (with harness/net/tests/fake_engine.c): configs accept
 * anything, names come from a three-entry table. Lets gt-server and
 * gt-client be built and exercised end to end without the real engine. */
#include <stdlib.h>
#include <string.h>

#include "fake_engine.h"

struct gt_config {
    int dummy;
};

gt_config *gt_config_new(const gt_allocator *a)
{
    (void)a;
    return calloc(1, sizeof(gt_config));
}

void gt_config_free(gt_config *cfg)
{
    free(cfg);
}

int gt_config_add_chain(gt_config *cfg, const uint8_t *c, size_t n, const uint8_t *k, size_t kn)
{
    (void)cfg;
    (void)c;
    (void)k;
    return n > 0 && kn > 0 ? 0 : GT_ERR_ARG;
}

int gt_config_add_trust_pem(gt_config *cfg, const uint8_t *pem, size_t n)
{
    (void)cfg;
    (void)pem;
    return n > 0 ? 0 : GT_ERR_ARG;
}

int gt_config_set_suites(gt_config *cfg, const uint16_t *v, size_t n)
{
    (void)cfg;
    (void)v;
    return n > 0 ? 0 : GT_ERR_ARG;
}

int gt_config_set_groups(gt_config *cfg, const uint16_t *v, size_t n)
{
    return gt_config_set_suites(cfg, v, n);
}

int gt_config_set_alpn(gt_config *cfg, const char *const *p, size_t n)
{
    (void)cfg;
    (void)p;
    return n > 0 ? 0 : GT_ERR_ARG;
}

void gt_config_set_keylog(gt_config *cfg, gt_keylog_fn fn, void *ctx)
{
    (void)cfg;
    if (fn != NULL) fn(ctx, "CLIENT_RANDOM 00 11"); /* proves the file is wired */
}

gt_conn *gt_conn_new(const gt_config *cfg, gt_role role, const char *server_name)
{
    (void)cfg;
    (void)role;
    (void)server_name;
    return fake_conn_new(1 << 16);
}

void gt_conn_free(gt_conn *c)
{
    if (c != NULL) fake_conn_free(c);
}

static const struct {
    uint16_t v;
    const char *n;
} names[] = {{0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
             {29, "x25519"},
             {0x0403, "ecdsa_secp256r1_sha256"}};

static const char *name_of(uint16_t v)
{
    for (size_t i = 0; i < 3; i++)
        if (names[i].v == v) return names[i].n;
    return NULL;
}

static uint16_t by_name(const char *n)
{
    for (size_t i = 0; i < 3; i++)
        if (strcmp(names[i].n, n) == 0) return names[i].v;
    return 0;
}

const char *gt_suite_name(uint16_t v)
{
    return name_of(v);
}
const char *gt_group_name(uint16_t v)
{
    return name_of(v);
}
const char *gt_sigalg_name(uint16_t v)
{
    return name_of(v);
}
uint16_t gt_suite_by_name(const char *n)
{
    return by_name(n);
}
uint16_t gt_group_by_name(const char *n)
{
    return by_name(n);
}
uint16_t gt_sigalg_by_name(const char *n)
{
    return by_name(n);
}

const char *gt_err_str(int err)
{
    return err == 0 ? "ok" : "fake error";
}

/* Sessions and client authentication (engine part 2): accepted, and no
 * session ever to export (the fake engine does not resume). */
int gt_config_set_sessions(gt_config *cfg, const gt_session_opts *o)
{
    (void)cfg;
    return o != NULL ? 0 : GT_ERR_ARG;
}

int gt_config_set_client_auth(gt_config *cfg, gt_client_auth policy)
{
    (void)cfg;
    return policy <= GT_CLIENT_AUTH_REQUIRE ? 0 : GT_ERR_ARG;
}

int gt_conn_set_session(gt_conn *c, const uint8_t *buf, size_t len)
{
    (void)c;
    (void)buf;
    (void)len;
    return GT_ERR_DECODE_VALUE;
}

int gt_conn_session_export(const gt_conn *c, uint8_t *buf, size_t cap, size_t *len)
{
    (void)c;
    (void)buf;
    (void)cap;
    *len = 0;
    return GT_ERR_STATE;
}

/* Options (--rsa-kx): accepted; the fake engine has no suites to change. */
int gt_config_set_option(gt_config *cfg, gt_option opt, int value)
{
    (void)cfg;
    (void)opt;
    (void)value;
    return 0;
}
