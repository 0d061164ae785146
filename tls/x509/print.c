/* Text renderings of Names and OIDs, for `x509 show` and diagnostics.
 * Output is bounded by the caller's buffer and always NUL-terminated;
 * bytes from the certificate that are not printable ASCII are escaped so
 * that a hostile name cannot inject terminal control sequences. */
#include "x509/x509_impl.h"

#include <string.h>

typedef struct {
    char *buf;
    size_t cap, len;
    int full;
} out_buf;

static void put(out_buf *o, char ch)
{
    if (o->full) return;
    if (o->len + 4 >= o->cap) { /* keep room for "..." and NUL */
        o->full = 1;
        return;
    }
    o->buf[o->len++] = ch;
}

static void puts_(out_buf *o, const char *s)
{
    while (*s)
        put(o, *s++);
}

static int finish(out_buf *o)
{
    if (o->cap == 0) return GT_ERR_ENCODE_OVERFLOW;
    if (o->full && o->cap >= 4) {
        memcpy(o->buf + o->len, "...", 3);
        o->len += 3;
    }
    o->buf[o->len < o->cap ? o->len : o->cap - 1] = 0;
    return (int)o->len;
}

static void put_hex_byte(out_buf *o, unsigned b)
{
    static const char hex[] = "0123456789abcdef";
    put(o, '\\');
    put(o, 'x');
    put(o, hex[(b >> 4) & 15]);
    put(o, hex[b & 15]);
}

/* Decimal digits of an arbitrarily long base-128 arc, little-endian. */
typedef struct {
    uint8_t d[64];
    size_t n;
} decimal;

static int dec_mul_add(decimal *x, unsigned mul, unsigned add)
{
    unsigned carry = add;
    for (size_t i = 0; i < x->n; i++) {
        unsigned v = x->d[i] * mul + carry;
        x->d[i] = (uint8_t)(v % 10);
        carry = v / 10;
    }
    while (carry) {
        if (x->n == sizeof x->d) return GT_ERR_DER_OID;
        x->d[x->n++] = (uint8_t)(carry % 10);
        carry /= 10;
    }
    return 0;
}

/* x -= s, for x >= s. */
static void dec_sub(decimal *x, unsigned s)
{
    for (size_t i = 0; i < x->n && s; i++) {
        unsigned digit = s % 10;
        s /= 10;
        if (x->d[i] < digit) {
            x->d[i] = (uint8_t)(x->d[i] + 10 - digit);
            s++;
        } else {
            x->d[i] = (uint8_t)(x->d[i] - digit);
        }
    }
    while (x->n > 1 && x->d[x->n - 1] == 0)
        x->n--;
}

static void put_dec(out_buf *o, const decimal *x)
{
    if (x->n == 0) put(o, '0');
    for (size_t i = x->n; i-- > 0;)
        put(o, (char)('0' + x->d[i]));
}

/* Compares x with a small value: -1, 0, 1. */
static int dec_cmp(const decimal *x, unsigned v)
{
    decimal y = {{0}, 0};
    (void)dec_mul_add(&y, 1, v);
    size_t xn = x->n;
    while (xn > 0 && x->d[xn - 1] == 0)
        xn--;
    if (xn != y.n) return xn < y.n ? -1 : 1;
    for (size_t i = xn; i-- > 0;)
        if (x->d[i] != y.d[i]) return x->d[i] < y.d[i] ? -1 : 1;
    return 0;
}

static int oid_out(out_buf *o, gt_x509_slice oid)
{
    int err = gt_der_check_oid(oid.p, oid.len);
    if (err) return err;
    gt_rd r = gt_rd_init(oid.p, oid.len);
    decimal arc = {{0}, 0};
    int first = 1;
    while (r.left) {
        uint8_t b;
        if ((err = gt_rd_u8(&r, &b))) return err;
        if ((err = dec_mul_add(&arc, 128, b & 0x7f))) return err;
        if (b & 0x80) continue;
        if (first) { /* X.690 §8.19.4: first subidentifier is X*40 + Y */
            unsigned x = dec_cmp(&arc, 40) < 0 ? 0 : dec_cmp(&arc, 80) < 0 ? 1 : 2;
            put(o, (char)('0' + x));
            put(o, '.');
            dec_sub(&arc, x * 40);
        } else {
            put(o, '.');
        }
        put_dec(o, &arc);
        arc.n = 0;
        first = 0;
    }
    return 0;
}

int gt_x509_oid_print(gt_x509_slice oid, char *buf, size_t cap)
{
    out_buf o = {buf, cap, 0, 0};
    int err = oid_out(&o, oid);
    if (err) {
        if (cap) buf[0] = 0;
        return err;
    }
    return finish(&o);
}

/* Attribute values: ASCII-compatible strings as text, BMPString (UCS-2)
 * narrowed where it is ASCII, everything else escaped byte by byte. */
static void value_out(out_buf *o, const gt_x509_attr *a)
{
    gt_rd r = gt_rd_init(a->value.p, a->value.len);
    uint8_t b, lo;
    while (r.left) {
        if (gt_rd_u8(&r, &b)) return;
        if (a->tag == GT_DER_BMP_STRING && b == 0 && !gt_rd_u8(&r, &lo)) {
            b = lo;
        } else if (a->tag == GT_DER_BMP_STRING) {
            put_hex_byte(o, b);
            continue;
        }
        if (b >= 0x20 && b < 0x7f && b != '\\')
            put(o, (char)b);
        else
            put_hex_byte(o, b);
    }
}

int gt_x509_name_print(gt_x509_slice name, char *buf, size_t cap)
{
    out_buf o = {buf, cap, 0, 0};
    gt_x509_name_iter it;
    gt_x509_attr a;
    int err = gt_x509_name_iter_init(&it, name), first = 1;
    unsigned last_rdn = 0;
    while (!err && (err = gt_x509_name_next(&it, &a)) == 1) {
        if (!first) puts_(&o, a.rdn == last_rdn ? " + " : ", ");
        const char *short_name = gt_x509_attr_name(&a);
        if (short_name)
            puts_(&o, short_name);
        else
            (void)oid_out(&o, a.oid);
        put(&o, '=');
        value_out(&o, &a);
        last_rdn = a.rdn;
        first = 0;
        err = 0;
    }
    if (err) {
        if (cap) buf[0] = 0;
        return err;
    }
    return finish(&o);
}
