/* Rendering of a parsed certificate view, as text (in the spirit of
 * `openssl x509 -text`) and as JSON. */
#include "x509tool.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *hash_name(gt_x509_hash h)
{
    static const char *names[] = {"none",   "md2",    "md5",    "sha1",
                                  "sha224", "sha256", "sha384", "sha512"};
    return (unsigned)h < sizeof names / sizeof names[0] ? names[h] : "?";
}

static void sigalg_name(const gt_x509_sigalg *a, char *buf, size_t cap)
{
    switch (a->type) {
    case GT_X509_SIG_RSA_PKCS1:
        snprintf(buf, cap, "%sWithRSAEncryption", hash_name(a->hash));
        break;
    case GT_X509_SIG_RSA_PSS:
        snprintf(buf, cap, "rsassaPss (hash %s, mgf1 %s, salt %u)", hash_name(a->hash),
                 hash_name(a->mgf1_hash), (unsigned)a->salt_len);
        break;
    case GT_X509_SIG_ECDSA:
        snprintf(buf, cap, "ecdsa-with-%s", hash_name(a->hash));
        break;
    case GT_X509_SIG_ED25519:
        snprintf(buf, cap, "ED25519");
        break;
    case GT_X509_SIG_ED448:
        snprintf(buf, cap, "ED448");
        break;
    case GT_X509_SIG_DSA:
        snprintf(buf, cap, "dsa-with-%s", hash_name(a->hash));
        break;
    default:
        if (gt_x509_oid_print(a->oid, buf, cap) < 0) snprintf(buf, cap, "?");
        break;
    }
}

static void hex(const gt_x509_slice *s, char *buf, size_t cap, int colons)
{
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < s->len && o + 4 < cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, colons && i ? ":%02x" : "%02x", s->p[i]);
}

static void date(int64_t t, char *buf, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, cap, "%Y-%m-%d %H:%M:%S UTC", &tm))
        snprintf(buf, cap, "%" PRId64, t);
}

static const char *curve_name(const gt_x509_pubkey *k)
{
    switch (k->curve) {
    case GT_X509_CURVE_P256:
        return "P-256";
    case GT_X509_CURVE_P384:
        return "P-384";
    case GT_X509_CURVE_P521:
        return "P-521";
    default:
        return "unknown";
    }
}

static const char *key_name(gt_x509_key_type t)
{
    static const char *names[] = {"unknown", "rsaEncryption", "rsassaPss", "id-ecPublicKey",
                                  "ED25519", "ED448",         "dsa"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

static const char *ext_name(unsigned known)
{
    switch (known) {
    case GT_X509_EXT_BASIC_CONSTRAINTS:
        return "basicConstraints";
    case GT_X509_EXT_KEY_USAGE:
        return "keyUsage";
    case GT_X509_EXT_EXT_KEY_USAGE:
        return "extendedKeyUsage";
    case GT_X509_EXT_SAN:
        return "subjectAltName";
    case GT_X509_EXT_NAME_CONSTRAINTS:
        return "nameConstraints";
    case GT_X509_EXT_AKID:
        return "authorityKeyIdentifier";
    case GT_X509_EXT_SKID:
        return "subjectKeyIdentifier";
    case GT_X509_EXT_CERT_POLICIES:
        return "certificatePolicies";
    case GT_X509_EXT_POLICY_MAPPINGS:
        return "policyMappings";
    case GT_X509_EXT_POLICY_CONSTRAINTS:
        return "policyConstraints";
    case GT_X509_EXT_INHIBIT_ANY_POLICY:
        return "inhibitAnyPolicy";
    case GT_X509_EXT_IAN:
        return "issuerAltName";
    case GT_X509_EXT_CRL_DP:
        return "crlDistributionPoints";
    case GT_X509_EXT_AIA:
        return "authorityInfoAccess";
    default:
        return NULL;
    }
}

static void ku_text(uint32_t ku, char *buf, size_t cap)
{
    static const char *names[] = {"Digital Signature", "Non Repudiation", "Key Encipherment",
                                  "Data Encipherment", "Key Agreement",   "Certificate Sign",
                                  "CRL Sign",          "Encipher Only",   "Decipher Only"};
    size_t o = 0;
    buf[0] = 0;
    for (unsigned i = 0; i < 9; i++)
        if (ku & (1u << i) && o < cap)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? ", " : "", names[i]);
}

/* One general name as "DNS:x", "IP:1.2.3.4", ... */
static void gn_text(const gt_x509_general_name *g, char *buf, size_t cap)
{
    const gt_x509_slice *v = &g->value;
    switch (g->type) {
    case GT_X509_GN_DNS:
        snprintf(buf, cap, "DNS:%.*s", (int)v->len, v->p);
        break;
    case GT_X509_GN_EMAIL:
        snprintf(buf, cap, "email:%.*s", (int)v->len, v->p);
        break;
    case GT_X509_GN_URI:
        snprintf(buf, cap, "URI:%.*s", (int)v->len, v->p);
        break;
    case GT_X509_GN_IP:
        if (v->len == 4) {
            snprintf(buf, cap, "IP:%u.%u.%u.%u", v->p[0], v->p[1], v->p[2], v->p[3]);
        } else {
            char h[128];
            hex(v, h, sizeof h, 1);
            snprintf(buf, cap, "IP:%s", h);
        }
        break;
    case GT_X509_GN_DIRNAME: {
        char n[512];
        if (gt_x509_name_print(*v, n, sizeof n) < 0) snprintf(n, sizeof n, "?");
        snprintf(buf, cap, "DirName:%s", n);
        break;
    }
    default:
        snprintf(buf, cap, "othername-kind-%d (%zu bytes)", (int)g->type, v->len);
        break;
    }
}

static void print_gns(gt_x509_slice gns)
{
    gt_x509_iter it = gt_x509_iter_of(gns);
    gt_x509_general_name g;
    char buf[600];
    const char *sep = "            ";
    while (gt_x509_gn_next(&it, &g) == 1) {
        gn_text(&g, buf, sizeof buf);
        printf("%s%s", sep, buf);
        sep = ", ";
    }
    printf("\n");
}

static void print_ext_value(const gt_x509_cert *c, const gt_x509_ext *e)
{
    char buf[512];
    switch (e->known) {
    case GT_X509_EXT_BASIC_CONSTRAINTS:
        if (c->path_len >= 0)
            printf("            CA:%s, pathlen:%d\n", c->is_ca ? "TRUE" : "FALSE", c->path_len);
        else
            printf("            CA:%s\n", c->is_ca ? "TRUE" : "FALSE");
        break;
    case GT_X509_EXT_KEY_USAGE:
        ku_text(c->key_usage, buf, sizeof buf);
        printf("            %s\n", buf);
        break;
    case GT_X509_EXT_EXT_KEY_USAGE: {
        gt_x509_iter it = gt_x509_iter_of(c->eku);
        gt_x509_slice oid;
        const char *sep = "            ";
        while (gt_x509_eku_next(&it, &oid) == 1 && gt_x509_oid_print(oid, buf, sizeof buf) > 0) {
            printf("%s%s", sep, buf);
            sep = ", ";
        }
        printf("%s\n", c->eku_flags & GT_X509_EKU_SERVER_AUTH ? " (serverAuth)" : "");
        break;
    }
    case GT_X509_EXT_SAN:
        print_gns(c->san);
        break;
    case GT_X509_EXT_IAN:
        print_gns(c->ian);
        break;
    case GT_X509_EXT_SKID:
        hex(&c->skid, buf, sizeof buf, 1), printf("            %s\n", buf);
        break;
    case GT_X509_EXT_AKID:
        hex(&c->akid_key_id, buf, sizeof buf, 1);
        printf("            keyid:%s\n", buf);
        break;
    case GT_X509_EXT_NAME_CONSTRAINTS:
        printf("            permitted: %s, excluded: %s\n", c->nc_permitted.p ? "yes" : "no",
               c->nc_excluded.p ? "yes" : "no");
        break;
    default:
        printf("            (%zu bytes)\n", e->value.len);
        break;
    }
}

static void print_key(const gt_x509_pubkey *k)
{
    char buf[256];
    printf("        Public Key Algorithm: %s\n", key_name(k->type));
    if (k->type == GT_X509_KEY_RSA || k->type == GT_X509_KEY_RSA_PSS) {
        uint64_t e = 0;
        for (size_t i = 0; i < k->rsa_e.len && i < 8; i++)
            e = (e << 8) | k->rsa_e.p[i];
        printf("            RSA Public-Key: (%u bit)\n", k->bits);
        printf("            Exponent: %" PRIu64 "\n", e);
    } else if (k->type == GT_X509_KEY_EC) {
        if (k->curve == GT_X509_CURVE_UNKNOWN &&
            gt_x509_oid_print(k->curve_oid, buf, sizeof buf) > 0)
            printf("            Curve: %s\n", buf);
        else
            printf("            Curve: %s (%u bit)\n", curve_name(k), k->bits);
    } else if (k->type == GT_X509_KEY_UNKNOWN &&
               gt_x509_oid_print(k->alg_oid, buf, sizeof buf) > 0) {
        printf("            Algorithm OID: %s\n", buf);
    }
}

void x509tool_show_text(const gt_x509_cert *c)
{
    char buf[2048];
    printf("Certificate:\n    Version: %d (0x%x)\n", c->version, c->version - 1);
    hex(&c->serial, buf, sizeof buf, 1);
    printf("    Serial Number: %s\n", buf);
    sigalg_name(&c->sigalg, buf, sizeof buf);
    printf("    Signature Algorithm: %s\n", buf);
    if (gt_x509_name_print(c->issuer, buf, sizeof buf) >= 0) printf("    Issuer: %s\n", buf);
    date(c->not_before, buf, sizeof buf);
    printf("    Validity\n        Not Before: %s\n", buf);
    date(c->not_after, buf, sizeof buf);
    printf("        Not After : %s\n", buf);
    if (gt_x509_name_print(c->subject, buf, sizeof buf) >= 0) printf("    Subject: %s\n", buf);
    printf("    Subject Public Key Info:\n");
    print_key(&c->key);
    if (c->extensions.p) {
        printf("    X509v3 extensions:\n");
        gt_x509_iter it = gt_x509_iter_of(c->extensions);
        gt_x509_ext e;
        while (gt_x509_ext_next(&it, &e) == 1) {
            const char *name = ext_name(e.known);
            if (!name && gt_x509_oid_print(e.oid, buf, sizeof buf) > 0) name = buf;
            printf("        %s:%s%s\n", name ? name : "?", e.critical ? " critical" : "",
                   e.known ? "" : " (not understood)");
            print_ext_value(c, &e);
        }
    }
    printf("    Signature: %zu bytes\n", c->signature.len);
}

void *x509tool_show_json(const gt_x509_cert *c)
{
    char buf[2048];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "version", c->version);
    hex(&c->serial, buf, sizeof buf, 0);
    cJSON_AddStringToObject(o, "serial", buf);
    sigalg_name(&c->sigalg, buf, sizeof buf);
    cJSON_AddStringToObject(o, "signature_algorithm", buf);
    if (gt_x509_name_print(c->issuer, buf, sizeof buf) >= 0)
        cJSON_AddStringToObject(o, "issuer", buf);
    if (gt_x509_name_print(c->subject, buf, sizeof buf) >= 0)
        cJSON_AddStringToObject(o, "subject", buf);
    cJSON_AddNumberToObject(o, "not_before", (double)c->not_before);
    cJSON_AddNumberToObject(o, "not_after", (double)c->not_after);
    cJSON *k = cJSON_AddObjectToObject(o, "public_key");
    cJSON_AddStringToObject(k, "type", key_name(c->key.type));
    cJSON_AddNumberToObject(k, "bits", c->key.bits);
    if (c->key.type == GT_X509_KEY_EC) cJSON_AddStringToObject(k, "curve", curve_name(&c->key));
    cJSON *exts = cJSON_AddArrayToObject(o, "extensions");
    gt_x509_iter it = gt_x509_iter_of(c->extensions);
    gt_x509_ext e;
    while (gt_x509_ext_next(&it, &e) == 1) {
        cJSON *x = cJSON_CreateObject();
        if (gt_x509_oid_print(e.oid, buf, sizeof buf) > 0) cJSON_AddStringToObject(x, "oid", buf);
        if (ext_name(e.known)) cJSON_AddStringToObject(x, "name", ext_name(e.known));
        cJSON_AddBoolToObject(x, "critical", e.critical);
        cJSON_AddItemToArray(exts, x);
    }
    if (c->ext_present & GT_X509_EXT_BASIC_CONSTRAINTS) {
        cJSON_AddBoolToObject(o, "ca", c->is_ca);
        if (c->path_len >= 0) cJSON_AddNumberToObject(o, "path_len", c->path_len);
    }
    if (c->ext_present & GT_X509_EXT_KEY_USAGE)
        cJSON_AddNumberToObject(o, "key_usage", c->key_usage);
    cJSON *san = cJSON_AddArrayToObject(o, "san");
    gt_x509_iter si = gt_x509_iter_of(c->san);
    gt_x509_general_name g;
    while (gt_x509_gn_next(&si, &g) == 1) {
        gn_text(&g, buf, sizeof buf);
        cJSON_AddItemToArray(san, cJSON_CreateString(buf));
    }
    return o;
}
