/*
 * --capabilities and the up-front capability check. Both read the same
 * adapter tables, so what a peer advertises is exactly what it accepts: an
 * option needing anything listed with a reason is refused with RESULT skip
 * and that reason, never silently downgraded.
 */
#include "certinfo.h"
#include "peer.h"
#include "suites.h"

#include <stdio.h>
#include <string.h>

/* Contract names, in the order --capabilities lists them. */
const gt_peer_cap gt_peer_all_groups[] = {
    {"x25519", NULL}, {"secp256r1", NULL}, {"secp384r1", NULL}, {NULL, NULL}};

const gt_peer_cap gt_peer_all_sigalgs[] = {
    {"rsa_pkcs1_sha256", NULL},
    {"rsa_pkcs1_sha384", NULL},
    {"rsa_pkcs1_sha512", NULL},
    {"ecdsa_secp256r1_sha256", NULL},
    {"ecdsa_secp384r1_sha384", NULL},
    {"ecdsa_secp521r1_sha512", NULL},
    {"rsa_pss_rsae_sha256", NULL},
    {"rsa_pss_rsae_sha384", NULL},
    {"rsa_pss_rsae_sha512", NULL},
    {"rsa_pkcs1_sha1", NULL},
    {"ecdsa_sha1", NULL},
    {NULL, NULL},
};

/* resume-id: session-ID cache (RFC 5246 §7.3); resume-ticket: RFC 5077;
 * client-auth: RFC 5246 §7.4.4, §7.4.6, §7.4.8. */
const gt_peer_cap gt_peer_all_features[] = {
    {"resume-id", NULL},   {"resume-ticket", NULL}, {"alpn", NULL},         {"sni", NULL},
    {"client-auth", NULL}, {"ems", NULL},           {"no-ems", NULL},       {"renegotiate", NULL},
    {"keylog", NULL},      {"record-size", NULL},   {"close-notify", NULL}, {NULL, NULL},
};

static void json_str(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

/* NULL when lib supports the suite, else why not. */
static const char *suite_why_not(const gt_peer_lib *lib, uint16_t code)
{
    if (lib->suites == NULL) return gt_peer_suite_by_code(code) != NULL ? NULL : "not mapped";
    for (const gt_peer_suite_map *m = lib->suites; m->code != 0; m++)
        if (m->code == code) return m->why_not;
    return "not mapped";
}

const char *gt_peer_lib_suite(const gt_peer_lib *lib, uint16_t code)
{
    const gt_peer_suite *s = gt_peer_suite_by_code(code);
    if (lib->suites == NULL) return s != NULL ? s->iana : NULL;
    return s != NULL ? gt_peer_map_suite(lib->suites, s->iana) : NULL;
}

static const gt_peer_cap *cap(const gt_peer_cap *t, const char *name)
{
    for (; t->name != NULL; t++)
        if (strcmp(t->name, name) == 0) return t;
    return NULL;
}

static void list(const char *key, const gt_peer_cap *t)
{
    int first = 1;
    printf(",");
    json_str(key);
    printf(":[");
    for (; t->name != NULL; t++) {
        if (t->why_not != NULL) continue;
        printf(first ? "" : ",");
        json_str(t->name);
        first = 0;
    }
    printf("]");
}

static void note(int *first, const char *key, const char *why)
{
    printf(*first ? "" : ",");
    json_str(key);
    putchar(':');
    json_str(why);
    *first = 0;
}

void gt_peer_print_caps(const gt_peer_lib *lib)
{
    int first = 1;
    printf("{\"name\":");
    json_str(lib->name);
    printf(",\"version\":");
    json_str(lib->version());
    printf(",\"suites\":[");
    for (size_t i = 0; i < gt_peer_n_suites; i++) {
        if (gt_peer_lib_suite(lib, gt_peer_suites[i].code) == NULL) continue;
        printf(first ? "" : ",");
        json_str(gt_peer_suites[i].iana);
        first = 0;
    }
    printf("]");
    list("groups", lib->groups);
    list("sigalgs", lib->sigalgs);
    list("features", lib->features);
    printf(",\"notes\":{");
    first = 1;
    for (size_t i = 0; i < gt_peer_n_suites; i++) {
        const char *why = suite_why_not(lib, gt_peer_suites[i].code);
        if (why != NULL) note(&first, gt_peer_suites[i].iana, why);
    }
    const gt_peer_cap *tables[] = {lib->groups, lib->sigalgs, lib->features};
    for (size_t k = 0; k < 3; k++)
        for (const gt_peer_cap *t = tables[k]; t->name != NULL; t++)
            if (t->why_not != NULL) note(&first, t->name, t->why_not);
    for (const gt_peer_cap *t = lib->notes; t != NULL && t->name != NULL; t++)
        note(&first, t->name, t->why_not);
    printf("}}\n");
}

/* A feature the options need: skip with the library's reason if absent. */
static int need(const gt_peer_lib *lib, const char *feature)
{
    const gt_peer_cap *c = cap(lib->features, feature);
    if (c == NULL)
        return gt_peer_skipf("%s: feature %s not implemented by this peer", lib->name, feature);
    if (c->why_not != NULL) return gt_peer_skipf("%s: no %s: %s", lib->name, feature, c->why_not);
    return 0;
}

static int need_in(const gt_peer_lib *lib, const gt_peer_cap *t, const char *what, const char *name)
{
    const gt_peer_cap *c = cap(t, name);
    if (c == NULL) return gt_peer_skipf("%s: %s %s not supported", lib->name, what, name);
    if (c->why_not != NULL)
        return gt_peer_skipf("%s: %s %s: %s", lib->name, what, name, c->why_not);
    return 0;
}

static int check_names(const gt_peer_lib *lib, const gt_peer_opts *o)
{
    if (o->suite != NULL) {
        const char *why = suite_why_not(lib, gt_peer_suite_by_name(o->suite)->code);
        if (why != NULL) return gt_peer_skipf("%s: suite %s: %s", lib->name, o->suite, why);
    }
    if (o->group != NULL && need_in(lib, lib->groups, "group", o->group) != 0) return GT_PEER_SKIP;
    for (size_t i = 0; i < o->n_sigalgs; i++)
        if (need_in(lib, lib->sigalgs, "sigalg", o->sigalgs[i]) != 0) return GT_PEER_SKIP;
    return 0;
}

int gt_peer_check_caps(const gt_peer_lib *lib, const gt_peer_opts *o)
{
    int client = o->role == GT_PEER_CLIENT;
    if (check_names(lib, o) != 0) return GT_PEER_SKIP;
    if ((o->resume == GT_RESUME_ID && need(lib, "resume-id") != 0) ||
        (o->resume == GT_RESUME_TICKET && need(lib, "resume-ticket") != 0) ||
        ((o->n_alpn > 0 || o->expect_alpn != NULL) && need(lib, "alpn") != 0) ||
        (o->sni != NULL && need(lib, "sni") != 0) ||
        ((o->client_auth != GT_CAUTH_NONE || (client && o->cert != NULL)) &&
         need(lib, "client-auth") != 0) ||
        (!o->no_ems && need(lib, "ems") != 0) || (o->no_ems && need(lib, "no-ems") != 0) ||
        (o->renegotiate && client && need(lib, "renegotiate") != 0) ||
        (o->keylog != NULL && need(lib, "keylog") != 0) ||
        (o->record_size != 16384 && need(lib, "record-size") != 0) ||
        ((o->close_notify || o->expect_close_notify) && need(lib, "close-notify") != 0))
        return GT_PEER_SKIP;
    if (gt_peer_check_cert_curve(o) != 0) return GT_PEER_SKIP;
    return lib->check != NULL ? lib->check(o) : 0;
}
