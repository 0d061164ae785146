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
