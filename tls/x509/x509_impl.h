/* Internal interfaces between the files of tls/x509/. */
#ifndef GT_X509_IMPL_H
#define GT_X509_IMPL_H

#include "x509/der.h"

/* AlgorithmIdentifier used as a signature algorithm (alg.c). */
GT_MUST_CHECK int gt_x509_sigalg_read(gt_rd *r, gt_x509_sigalg *out);
/* RSASSA-PSS-params (RFC 4055 §3.1) into out's hash/mgf1_hash/salt_len. */
GT_MUST_CHECK int gt_x509_pss_params(gt_x509_slice params, gt_x509_sigalg *out);
/* SubjectPublicKeyInfo TLV (key.c). */
GT_MUST_CHECK int gt_x509_spki_read(gt_rd *r, gt_x509_pubkey *k);
/* Checks a whole Name TLV (name.c). */
GT_MUST_CHECK int gt_x509_name_read(gt_rd *r, gt_x509_slice *name);
/* Checks every GeneralName of a GeneralNames contents (gn.c). */
GT_MUST_CHECK int gt_x509_gns_check(gt_x509_slice gns, int allow_empty);
/* Parses the Extensions [3] contents into c (ext.c). */
GT_MUST_CHECK int gt_x509_exts_parse(gt_x509_cert *c, gt_rd exts);
/* Bit length of a big-endian magnitude. */
unsigned gt_x509_bits(gt_x509_slice mag);

#endif
