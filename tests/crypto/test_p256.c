/* Tests for tls/crypto/p256.c (white box: the file is included, its exported
 * curve renamed, so the static field and point functions are reachable).
 * The test bodies are shared with the other curve: ec_curve_tests.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/testutil.h"

#define gt_ec_p256_impl test_p256_impl
#include "crypto/p256.c"
#define CURVE_IMPL test_p256_impl

#include "crypto/ec_curve_tests.h"

int main(void)
{
    const struct CMUnitTest tests[] = {EC_CURVE_TESTS};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
