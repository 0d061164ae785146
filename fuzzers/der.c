/* Fuzz target der: the strict DER reader on arbitrary TLV streams, with
 * its contract checked (a failed read leaves the reader untouched; a
 * successful one stays inside its input; contents lie inside the TLV).
 *
 * Aims at: gt_der_peek, gt_der_any, gt_der_expect(_tlv), gt_der_optional,
 * gt_der_int, gt_der_uint, gt_der_pos_int, gt_der_small_uint,
 * gt_der_bit_string, gt_der_bit_string_octets, gt_der_oid, gt_der_bool,
 * gt_der_null, gt_der_time, gt_der_check_tree (tls/x509/der.c,
 * der_time.c), and the structure readers built on them:
 * gt_x509_sigalg_read, gt_x509_spki_read, gt_x509_name_read (alg.c, key.c,
 * name.c), gt_x509_oid_print (print.c).
 *
 * The primitive readers are also checked against a small independent
 * model of X.690 (model_ok), so a reader that accepts a forbidden encoding
 * is found even when nothing crashes.
 *
 * Input: a concatenation of TLVs; every top-level TLV is handed to every
 * reader.
 *
 * fuzz-dict: x509
 */
#include <string.h>

#include "driver/fuzz.h"
#include "x509/der.h"
#include "x509/x509_impl.h"

static volatile unsigned sink;

/* A reader call either consumed a prefix of `before` (success) or left it
 * exactly as it was (failure): the contract every gt_der_* read states. */
static void check_step(const char *what, int err, gt_rd before, gt_rd after)
{
    if (err < 0) {
        if (after.p != before.p || after.left != before.left)
            fz_fail("%s failed (%d) but moved the reader", what, err);
        return;
    }
    if (after.p < before.p || after.left > before.left ||
        after.p + after.left != before.p + before.left)
        fz_fail("%s succeeded but left the reader outside its input", what);
}

static void inside(const char *what, gt_rd sub, const uint8_t *lo, size_t n)
{
    if (sub.left && (sub.p < lo || sub.p + sub.left > lo + n))
        fz_fail("%s returned a slice outside the TLV", what);
}

#define STEP(what, call)                                                                           \
    do {                                                                                           \
        gt_rd r = tlv_rd;                                                                          \
        int err_ = (call);                                                                         \
        check_step(what, err_, tlv_rd, r);                                                         \
        sink += (unsigned)err_;                                                                    \
    } while (0)

/* An independent model of X.690 for the primitive readers: given the TLV's
 * contents, may a DER reader accept it? (§8.2/§11.1 BOOLEAN, §8.3.2
 * INTEGER, §8.6.2/§11.2 BIT STRING, §8.8.2 NULL.) A reader that accepts
 * what the model refuses is a bug even if nothing crashes. */
static int model_ok(uint8_t want, uint8_t tag, gt_rd c)
{
    const uint8_t *p = c.p;
    size_t n = c.left;
    if (tag != want) return 0;
    switch (want) {
    case GT_DER_BOOLEAN:
        return n == 1 && (p[0] == 0 || p[0] == 0xff);
    case GT_DER_NULL:
        return n == 0;
    case GT_DER_INTEGER:
        return n > 0 &&
               !(n > 1 && ((p[0] == 0 && !(p[1] & 0x80)) || (p[0] == 0xff && (p[1] & 0x80))));
    case GT_DER_BIT_STRING:
        return n > 0 && p[0] <= 7 && !(n == 1 && p[0]) &&
               !(n > 1 && (p[n - 1] & ((1u << p[0]) - 1)));
    default:
        return 1;
    }
}

#define MODEL(what, want, call)                                                                    \
    do {                                                                                           \
        gt_rd r = tlv_rd;                                                                          \
        if ((call) == 0 && !model_ok(want, tag, contents))                                         \
            fz_fail("%s accepted what X.690 forbids (tag %02x, %zu octets)", what, tag,            \
                    contents.left);                                                                \
    } while (0)

static void typed_readers(gt_x509_slice tlv, uint8_t tag, gt_rd contents)
{
    const gt_rd tlv_rd = gt_rd_init(tlv.p, tlv.len);
    gt_x509_slice s;
    gt_rd c;
    unsigned unused;
    uint64_t v;
    int64_t t;
    int b, present;
    char text[128];

    STEP("gt_der_expect", gt_der_expect(&r, tag, &c));
    STEP("gt_der_optional", gt_der_optional(&r, tag, &c, &present));
    STEP("gt_der_int", gt_der_int(&r, &s));
    STEP("gt_der_uint", gt_der_uint(&r, &s));
    STEP("gt_der_pos_int", gt_der_pos_int(&r, &s));
    STEP("gt_der_small_uint", gt_der_small_uint(&r, 0xffffffffu, &v));
    STEP("gt_der_bit_string", gt_der_bit_string(&r, &s, &unused));
    STEP("gt_der_bit_string_octets", gt_der_bit_string_octets(&r, &s));
    STEP("gt_der_bool", gt_der_bool(&r, &b));
    STEP("gt_der_null", gt_der_null(&r));
    STEP("gt_der_time", gt_der_time(&r, &t));
    MODEL("gt_der_bool", GT_DER_BOOLEAN, gt_der_bool(&r, &b));
    MODEL("gt_der_null", GT_DER_NULL, gt_der_null(&r));
    MODEL("gt_der_int", GT_DER_INTEGER, gt_der_int(&r, &s));
    MODEL("gt_der_bit_string", GT_DER_BIT_STRING, gt_der_bit_string(&r, &s, &unused));
    {
        gt_rd r = tlv_rd;
        if (gt_der_oid(&r, &s) == 0) {
            inside("gt_der_oid", gt_rd_init(s.p, s.len), tlv.p, tlv.len);
            sink += (unsigned)gt_x509_oid_print(s, text, sizeof text);
            sink += (unsigned)gt_x509_oid_print(s, text, 6);
        }
    }
    gt_x509_sigalg alg;
    gt_x509_pubkey key;
    STEP("gt_x509_sigalg_read", gt_x509_sigalg_read(&r, &alg));
    STEP("gt_x509_spki_read", gt_x509_spki_read(&r, &key));
    STEP("gt_x509_name_read", gt_x509_name_read(&r, &s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gt_rd all = gt_rd_init(data, size);
    sink += (unsigned)gt_der_check_tree(all, GT_DER_MAX_DEPTH);
    for (unsigned i = 0; i < 64 && all.left; i++) {
        gt_rd before = all, contents;
        gt_x509_slice tlv;
        uint8_t tag, peeked;
        int err = gt_der_any(&all, &tag, &contents, &tlv);
        check_step("gt_der_any", err, before, all);
        if (err) break;
        if (gt_der_peek(&before, &peeked) != 0 || peeked != tag)
            fz_fail("gt_der_peek disagrees with gt_der_any");
        if (tlv.p != before.p || tlv.len != before.left - all.left)
            fz_fail("gt_der_any: TLV slice does not match what was consumed");
        inside("gt_der_any contents", contents, tlv.p, tlv.len);
        typed_readers(tlv, tag, contents);
        if (tag & GT_DER_CONSTRUCTED) sink += (unsigned)gt_der_check_tree(contents, 4);
    }
    return 0;
}
