/* UTCTime and GeneralizedTime exactly as RFC 5280 §4.1.2.5 profiles them:
 * UTCTime "YYMMDDHHMMSSZ" (§4.1.2.5.1, YY >= 50 is 19YY, else 20YY) and
 * GeneralizedTime "YYYYMMDDHHMMSSZ" (§4.1.2.5.2: Zulu, seconds present, no
 * fractional seconds). Anything else — a missing Z, an offset, fractions,
 * a wrong length — is GT_ERR_DER_TIME; a date or time that does not exist
 * (Feb 30, hour 24, second 60) is GT_ERR_DER_TIME_VALUE. */
#include "x509/der.h"

/* Days since 1970-01-01 of a proleptic Gregorian date: count whole eras of
 * 400 years (146097 days), then years of the era with March as the first
 * month so the leap day falls at the end of the year. */
int64_t gt_der_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static int is_leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads n decimal digits. */
static int digits(gt_rd *r, unsigned n, unsigned *v)
{
    unsigned x = 0;
    for (unsigned i = 0; i < n; i++) {
        uint8_t b;
        if (gt_rd_u8(r, &b)) return GT_ERR_DER_TIME;
        if (b < '0' || b > '9') return GT_ERR_DER_TIME;
        x = x * 10 + (unsigned)(b - '0');
    }
    *v = x;
    return 0;
}

static int parse(gt_rd v, int utc, int64_t *t)
{
    unsigned year, mon, day, hour, min, sec;
    uint8_t z;
    /* fixed lengths: 13 for UTCTime, 15 for GeneralizedTime */
    if (v.left != (utc ? 13u : 15u)) return GT_ERR_DER_TIME;
    int err = digits(&v, utc ? 2 : 4, &year);
    if (!err) err = digits(&v, 2, &mon);
    if (!err) err = digits(&v, 2, &day);
    if (!err) err = digits(&v, 2, &hour);
    if (!err) err = digits(&v, 2, &min);
    if (!err) err = digits(&v, 2, &sec);
    if (err) return err;
    if (gt_rd_u8(&v, &z) || z != 'Z') return GT_ERR_DER_TIME;
    if (utc) year += year >= 50 ? 1900 : 2000;
    if (mon < 1 || mon > 12) return GT_ERR_DER_TIME_VALUE;
    if (day < 1 || day > days_in_month(year, mon)) return GT_ERR_DER_TIME_VALUE;
    /* X.680 allows neither 24:00:00 nor leap seconds in these types */
    if (hour > 23 || min > 59 || sec > 59) return GT_ERR_DER_TIME_VALUE;
    *t = gt_der_days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
    return 0;
}

int gt_der_time(gt_rd *r, int64_t *t)
{
    gt_rd c = *r, v;
    uint8_t tag;
    int err = gt_der_any(&c, &tag, &v, NULL);
    if (err) return err;
    if (tag != GT_DER_UTC_TIME && tag != GT_DER_GENERALIZED_TIME) return GT_ERR_DER_TAG;
    err = parse(v, tag == GT_DER_UTC_TIME, t);
    if (err) return err;
    *r = c;
    return 0;
}
