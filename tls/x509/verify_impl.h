/* Internal interfaces between the path-validation files of tls/x509/
 * (verify.c, verify_sig.c, nc.c, hostname.c). */
#ifndef GT_X509_VERIFY_IMPL_H
#define GT_X509_VERIFY_IMPL_H

#include "gt/gt_x509_verify.h"

/* Verifies child's signature with key k under the algorithm policy of
 * gt_x509_verify.h. 0, GT_ERR_X509V_SIGNATURE, GT_ERR_X509V_SIG_ALG or
 * GT_ERR_X509V_KEY. */
GT_MUST_CHECK int gt_x509v_check_sig(const gt_x509_cert *child, const gt_x509_pubkey *k,
                                     unsigned flags);

#endif
