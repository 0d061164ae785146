/* The client/server pair of the in-process engine tests (pipe.h). Apart
 * from pipe.c because it asserts with cmocka, which the ctgrind-style
 * tests (tests/ct/) that use the pipe do not link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/pipe.h"

void tu_pair_config(tu_pair *t, uint64_t client_seed, uint64_t server_seed, const char *leaf,
                    uint16_t suite)
{
    memset(t, 0, sizeof *t);
    t->cc = tu_config(&t->dc, client_seed);
    t->sc = tu_config(&t->ds, server_seed);
    if (leaf) assert_int_equal(tu_add_chain(t->sc, leaf), 0);
    assert_int_equal(tu_add_trust(t->cc), 0);
    if (suite) {
        assert_int_equal(gt_config_set_suites(t->cc, &suite, 1), 0);
        assert_int_equal(gt_config_set_suites(t->sc, &suite, 1), 0);
    }
}

void tu_pair_start(tu_pair *t, const char *sni)
{
    t->client = gt_conn_new(t->cc, GT_ROLE_CLIENT, sni);
    t->server = gt_conn_new(t->sc, GT_ROLE_SERVER, NULL);
    assert_non_null(t->client);
    assert_non_null(t->server);
    tu_pipe_init(&t->p, t->client, t->server);
}

void tu_pair_free(tu_pair *t)
{
    tu_pipe_free(&t->p);
    gt_conn_free(t->client);
    gt_conn_free(t->server);
    gt_config_free(t->cc);
    gt_config_free(t->sc);
}
