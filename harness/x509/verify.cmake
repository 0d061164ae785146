# Path-validation tests of gt-x509 verify (included from CMakeLists.txt):
# the openssl-generated chain suite (vectors/x509/chains/cases.txt) and
# NIST PKITS (vectors/x509/pkits.txt, certificates read in place from
# Debian's python3-cryptography-vectors).
add_test(NAME x509/chains
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/run-chains.sh $<TARGET_FILE:gt-x509>
                 ${CMAKE_SOURCE_DIR}/vectors/x509/chains/cases.txt)
add_test(NAME x509/pkits
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/run-pkits.sh $<TARGET_FILE:gt-x509>
                 ${CMAKE_SOURCE_DIR}/vectors/x509/pkits.txt)
set_tests_properties(x509/chains x509/pkits PROPERTIES LABELS "x509" TIMEOUT 300)

# gt-x509-diff: the IUT's parser against OpenSSL's libcrypto and wolfSSL's
# on every certificate of python3-cryptography-vectors, the Debian root
# bundle, vectors/pki, the chain suite and corpus/ (when present). Reviewed
# differences: vectors/x509/known-differences.txt.
find_package(OpenSSL REQUIRED)
find_library(WOLFSSL_LIB wolfssl REQUIRED)
add_executable(gt-x509-diff diff.c diff_iut.c diff_ossl.c diff_wolf.c)
target_link_libraries(gt-x509-diff PRIVATE gt_internal OpenSSL::Crypto ${WOLFSSL_LIB})
set(GT_X509_DIFF_SETS
    cryptography-vectors=/usr/lib/python3/dist-packages/cryptography_vectors/x509
    debian-roots=/etc/ssl/certs/ca-certificates.crt pki=${CMAKE_SOURCE_DIR}/vectors/pki
    chains=${CMAKE_SOURCE_DIR}/vectors/x509/chains)
if(EXISTS ${CMAKE_SOURCE_DIR}/corpus)
  list(APPEND GT_X509_DIFF_SETS corpus=${CMAKE_SOURCE_DIR}/corpus)
endif()
add_test(NAME x509/diff
         COMMAND gt-x509-diff --known ${CMAKE_SOURCE_DIR}/vectors/x509/known-differences.txt
                 ${GT_X509_DIFF_SETS})
set_tests_properties(x509/diff PROPERTIES LABELS "x509" TIMEOUT 300)
