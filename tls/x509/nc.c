/* Name constraints (RFC 5280 §4.2.1.10, §6.1.3(b)-(c)) for dNSName,
 * iPAddress and directoryName; other forms fail closed when a name of that
 * form is in scope (the rule is stated in gt_x509_verify.h). */
#include "gt/gt_x509_verify.h"
#include "x509/x509_impl.h"

#include <string.h>

#define FORM(t)   (1u << (t))
#define SUPPORTED (FORM(GT_X509_GN_DNS) | FORM(GT_X509_GN_IP) | FORM(GT_X509_GN_DIRNAME))

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static int eq_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i])) return 0;
    return 1;
}

/* n (length nl) equals base or ends with "." + base. §4.2.1.10: "any DNS
 * name that can be constructed by simply adding zero or more labels to the
 * left-hand side". A base written with a leading dot (a common deployed
 * form) means subdomains only. An empty base matches every name. */
static int dns_within(const uint8_t *n, size_t nl, gt_x509_slice base)
{
    const uint8_t *b = base.p;
    size_t bl = base.len;
    int strict = 0;
    if (bl == 0) return 1;
    if (b[0] == '.') {
        b++;
        bl--;
        strict = 1;
    }
    if (nl == bl) return !strict && eq_nocase(n, b, bl);
    return nl > bl && n[nl - bl - 1] == '.' && eq_nocase(n + nl - bl, b, bl);
}

static int is_wildcard(gt_x509_slice n)
{
    return n.len >= 2 && n.p[0] == '*' && n.p[1] == '.';
}

/* A base without its leading dot: "x.R" is under ".B" exactly when it is
 * under "B" with x added, so for the one-label wildcard below both forms
 * reduce to "R is B or under B". */
static gt_x509_slice core(gt_x509_slice base)
{
    if (base.len && base.p[0] == '.') return (gt_x509_slice){base.p + 1, base.len - 1};
    return base;
}

/* A presented wildcard "*.R" stands for every "x.R" (x one label). It is
 * inside a permitted base only if every x.R is; it hits an excluded base if
 * some x.R does, which also happens when the base is exactly one label
 * over R. */
static int dns_permitted(gt_x509_slice name, gt_x509_slice base)
{
    if (!is_wildcard(name)) return dns_within(name.p, name.len, base);
    return dns_within(name.p + 2, name.len - 2, core(base));
}

static int dns_excluded(gt_x509_slice name, gt_x509_slice base)
{
    if (!is_wildcard(name)) return dns_within(name.p, name.len, base);
    gt_x509_slice rest = {name.p + 2, name.len - 2};
    if (dns_within(rest.p, rest.len, core(base))) return 1;
    if (base.len == 0 || base.p[0] == '.') return 0;
    const uint8_t *dot = memchr(base.p, '.', base.len);
    return dot && dot != base.p && (size_t)(base.p + base.len - dot - 1) == rest.len &&
           eq_nocase(dot + 1, rest.p, rest.len);
}

/* §4.2.1.10: iPAddress constraints are address || mask (8 or 32 octets)
 * and apply to addresses of the same family only. */
static int ip_within(gt_x509_slice ip, gt_x509_slice base)
{
    if (base.len != 2 * ip.len) return 0;
    for (size_t i = 0; i < ip.len; i++) {
        uint8_t m = base.p[ip.len + i];
        if ((ip.p[i] & m) != (base.p[i] & m)) return 0;
    }
    return 1;
}

/* The RDNs of `base` are a prefix of those of `name` (§4.2.1.10: "a name
 * that is subordinate to the base"). RDNs compare byte for byte, as names
 * do in chain building (gt_x509_name_equal). */
static int dn_within(gt_x509_slice name, gt_x509_slice base)
{
    gt_rd n = {name.p, name.len}, b = {base.p, base.len}, ns, bs;
    if (gt_der_expect(&n, GT_DER_SEQUENCE, &ns) || gt_der_expect(&b, GT_DER_SEQUENCE, &bs))
        return 0;
    while (bs.left) {
        gt_x509_slice x, y;
        uint8_t t1, t2;
        gt_rd c1, c2;
        if (gt_der_any(&bs, &t1, &c1, &x) || gt_der_any(&ns, &t2, &c2, &y)) return 0;
        if (x.len != y.len || memcmp(x.p, y.p, x.len) != 0) return 0;
    }
    return 1;
}

static int within(gt_x509_gn_type t, gt_x509_slice name, gt_x509_slice base, int excluded)
{
    switch (t) {
    case GT_X509_GN_DNS:
        return excluded ? dns_excluded(name, base) : dns_permitted(name, base);
    case GT_X509_GN_IP:
        return ip_within(name, base);
    case GT_X509_GN_DIRNAME:
        return dn_within(name, base);
    default:
        return 0;
    }
}

/* The names a constraint applies to: SAN entries, the subject as a
 * directoryName (when not empty), subject emailAddress as rfc822Name. */
typedef struct {
    gt_x509_iter san;
    int subject_done;
    gt_x509_name_iter attrs;
    int attrs_ok;
} name_walk;

static void walk_init(name_walk *w, const gt_x509_cert *c)
{
    memset(w, 0, sizeof *w);
    w->san = gt_x509_iter_of(c->san);
    w->attrs_ok = gt_x509_name_iter_init(&w->attrs, c->subject) == 0;
}

static int walk_next(name_walk *w, const gt_x509_cert *c, gt_x509_general_name *out)
{
    if (!w->subject_done) {
        w->subject_done = 1;
        /* an empty RDNSequence (30 00) is no name */
        if (c->subject.len > 2) {
            *out = (gt_x509_general_name){GT_X509_GN_DIRNAME, c->subject};
            return 1;
        }
    }
    gt_x509_attr a;
    while (w->attrs_ok) {
        int r = gt_x509_name_next(&w->attrs, &a);
        if (r < 0) return r;
        if (r == 0) {
            w->attrs_ok = 0;
            break;
        }
        if (gt_x509_attr_kind(&a) == GT_X509_ATTR_EMAIL) {
            *out = (gt_x509_general_name){GT_X509_GN_EMAIL, a.value};
            return 1;
        }
    }
    return gt_x509_gn_next(&w->san, out);
}

/* Bit set of the forms present in a GeneralSubtrees list. */
static int forms_of(gt_x509_slice subtrees, unsigned *forms)
{
    gt_x509_iter it = gt_x509_iter_of(subtrees);
    gt_x509_general_name b;
    int r;
    *forms = 0;
    while ((r = gt_x509_subtree_next(&it, &b)) == 1)
        *forms |= FORM(b.type);
    return r;
}

/* Does `name` lie in some subtree of its form? (1/0, or an error). */
static int in_any(gt_x509_slice subtrees, const gt_x509_general_name *name, int excluded)
{
    gt_x509_iter it = gt_x509_iter_of(subtrees);
    gt_x509_general_name b;
    int r;
    while ((r = gt_x509_subtree_next(&it, &b)) == 1)
        if (b.type == name->type && within(b.type, name->value, b.value, excluded)) return 1;
    return r;
}

int gt_x509_nc_check(const gt_x509_cert *ca, const gt_x509_cert *cert)
{
    unsigned perm = 0, excl = 0;
    int r;
    if (!ca->nc_permitted.p && !ca->nc_excluded.p) return 0;
    if ((r = forms_of(ca->nc_permitted, &perm)) || (r = forms_of(ca->nc_excluded, &excl))) return r;
    name_walk w;
    gt_x509_general_name n;
    walk_init(&w, cert);
    while ((r = walk_next(&w, cert, &n)) == 1) {
        unsigned f = FORM(n.type);
        if (!((perm | excl) & f)) continue; /* no constraint on this form */
        if (!(f & SUPPORTED)) return GT_ERR_X509V_NC_UNSUPPORTED;
        if (perm & f) {
            r = in_any(ca->nc_permitted, &n, 0);
            if (r < 0) return r;
            if (!r) return GT_ERR_X509V_NAME_CONSTRAINT;
        }
        if (excl & f) {
            r = in_any(ca->nc_excluded, &n, 1);
            if (r < 0) return r;
            if (r) return GT_ERR_X509V_NAME_CONSTRAINT;
        }
    }
    return r;
}
