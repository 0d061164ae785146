/* Fuzz target x509_cert: one DER certificate, parsed and then walked through
 * every accessor a caller (gt-x509 show, path validation, the TLS engine)
 * uses on a parsed view.
 *
 * Aims at: gt_x509_cert_parse, gt_x509_cert_parse_prefix (tls/x509/cert.c),
 * the extension parsers behind them (ext.c, gn.c, alg.c, key.c, name.c),
 * gt_x509_name_iter_init/gt_x509_name_next/gt_x509_attr_kind/
 * gt_x509_attr_name/gt_x509_name_print/gt_x509_oid_print/gt_x509_name_equal
 * (name.c, print.c), gt_x509_gn_next, gt_x509_subtree_next, gt_x509_eku_next,
 * gt_x509_ext_next, gt_x509_spki_parse, gt_x509_check_host/_check_ip/
 * gt_x509_nc_check (hostname.c, nc.c).
 *
 * Input: the certificate DER as is (the committed corpus is real
 * certificates: vectors/pki, Debian's roots, python3-cryptography-vectors).
 *
 * fuzz-dict: x509
 */
#include <stdlib.h>
#include <string.h>

#include "driver/fuzz.h"
#include "gt/gt_x509.h"
#include "gt/gt_x509_verify.h"

/* Results are folded into a sink so the compiler cannot drop calls whose
 * output the target otherwise ignores. */
static volatile unsigned sink;

static void walk_name(gt_x509_slice name)
{
    char text[512];
    gt_x509_name_iter it;
    gt_x509_attr a;
    int r = gt_x509_name_print(name, text, sizeof text);
    sink += (unsigned)r;
    if (r >= 0 && (size_t)r >= sizeof text)
        fz_fail("gt_x509_name_print returned %d for a %zu-byte buffer", r, sizeof text);
    /* a tiny buffer exercises the truncation path */
    sink += (unsigned)gt_x509_name_print(name, text, 5);
    if (gt_x509_name_iter_init(&it, name) != 0) return;
    while (gt_x509_name_next(&it, &a) == 1) {
        const char *short_name = gt_x509_attr_name(&a);
        sink += (unsigned)gt_x509_attr_kind(&a) + a.rdn + (unsigned)a.multi;
        sink += short_name ? (unsigned)strlen(short_name) : 0;
        sink += (unsigned)gt_x509_oid_print(a.oid, text, sizeof text);
    }
}

static void walk_general_names(gt_x509_slice gns, int subtrees)
{
    gt_x509_iter it = gt_x509_iter_of(gns);
    gt_x509_general_name gn;
    char text[256];
    for (;;) {
        int r = subtrees ? gt_x509_subtree_next(&it, &gn) : gt_x509_gn_next(&it, &gn);
        if (r != 1) break;
        sink += (unsigned)gn.type + (unsigned)gn.value.len;
        if (gn.type == GT_X509_GN_DIRNAME) walk_name(gn.value);
        if (gn.type == GT_X509_GN_RID)
            sink += (unsigned)gt_x509_oid_print(gn.value, text, sizeof text);
        if (gn.type == GT_X509_GN_DNS && !subtrees)
            sink += (unsigned)gt_x509_dns_match(gn.value.p, gn.value.len, "a.example.com", 13);
    }
}

static void walk_extensions(const gt_x509_cert *c)
{
    gt_x509_iter it = gt_x509_iter_of(c->extensions);
    gt_x509_ext e;
    char text[256];
    unsigned n = 0;
    while (gt_x509_ext_next(&it, &e) == 1) {
        sink += (unsigned)gt_x509_oid_print(e.oid, text, sizeof text);
        sink += e.known + (unsigned)e.critical + (unsigned)e.value.len;
        n++;
    }
    if (n != c->n_ext)
        fz_fail("gt_x509_ext_next visited %u extensions, parse counted %u", n, c->n_ext);
    it = gt_x509_iter_of(c->eku);
    gt_x509_slice oid;
    while (gt_x509_eku_next(&it, &oid) == 1)
        sink += (unsigned)gt_x509_oid_print(oid, text, sizeof text);
}

static void walk_key(const gt_x509_cert *c)
{
    gt_x509_pubkey k;
    char text[128];
    sink += (unsigned)gt_x509_oid_print(c->key.alg_oid, text, sizeof text);
    sink += (unsigned)gt_x509_oid_print(c->sigalg.oid, text, sizeof text);
    /* the SPKI re-parsed on its own must give the same view */
    if (gt_x509_spki_parse(&k, c->key.der.p, c->key.der.len) != 0)
        fz_fail("SPKI accepted inside the certificate but not alone");
    if (k.type != c->key.type || k.bits != c->key.bits || k.key.len != c->key.key.len)
        fz_fail("SPKI view differs when parsed alone");
}

static void check_identity(const gt_x509_cert *c)
{
    static const uint8_t v4[4] = {127, 0, 0, 1};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    sink += (unsigned)gt_x509_check_host(c, "localhost", 9);
    sink += (unsigned)gt_x509_check_host(c, "www.example.com", 15);
    sink += (unsigned)gt_x509_check_ip(c, v4, sizeof v4);
    sink += (unsigned)gt_x509_check_ip(c, v6, sizeof v6);
    /* the certificate constraining itself walks both subtree lists against
     * its own SAN and subject */
    sink += (unsigned)gt_x509_nc_check(c, c);
    sink += (unsigned)gt_x509_name_equal(c->issuer, c->subject);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gt_x509_cert c;
    size_t used = 0;
    if (gt_x509_cert_parse(&c, data, size) != 0) {
        /* a valid prefix followed by garbage still parses as a prefix */
        if (gt_x509_cert_parse_prefix(&c, data, size, &used) != 0) return 0;
        if (used == 0 || used > size)
            fz_fail("gt_x509_cert_parse_prefix used %zu of %zu bytes", used, size);
    }
    if (c.der.p != data || c.der.len > size) fz_fail("certificate view outside the input");
    walk_name(c.issuer);
    walk_name(c.subject);
    walk_general_names(c.san, 0);
    walk_general_names(c.ian, 0);
    walk_general_names(c.akid_issuer, 0);
    walk_general_names(c.nc_permitted, 1);
    walk_general_names(c.nc_excluded, 1);
    walk_extensions(&c);
    walk_key(&c);
    check_identity(&c);
    return 0;
}
