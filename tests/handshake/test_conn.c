/* Tests for tls/handshake/conn.c and conn_io.c: whole handshakes between
 * the IUT's client and server in process (tests/util/pipe.h), and the
 * buffering contract of gt_conn (feed/output/read/write/close/eof). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt/gt.h"
#include "util/pipe.h"
#include "util/testutil.h"

typedef struct {
    gt_drbg dc, ds;
    gt_config *cc, *sc;
    gt_conn *client, *server;
    tu_pipe p;
} pair;

static void pair_setup(pair *t, const char *leaf, const char *sni)
{
    memset(t, 0, sizeof *t);
    t->cc = tu_config(&t->dc, 1);
    t->sc = tu_config(&t->ds, 2);
    assert_int_equal(tu_add_chain(t->sc, leaf), 0);
    assert_int_equal(tu_add_trust(t->cc), 0);
    (void)sni;
}

static void pair_start(pair *t, const char *sni)
{
    t->client = gt_conn_new(t->cc, GT_ROLE_CLIENT, sni);
    t->server = gt_conn_new(t->sc, GT_ROLE_SERVER, NULL);
    assert_non_null(t->client);
    assert_non_null(t->server);
    tu_pipe_init(&t->p, t->client, t->server);
}

static void pair_free(pair *t)
{
    tu_pipe_free(&t->p);
    gt_conn_free(t->client);
    gt_conn_free(t->server);
    gt_config_free(t->cc);
    gt_config_free(t->sc);
}

static void explain(gt_conn *c, const char *who)
{
    gt_alert_info a;
    int err = gt_conn_error(c, &a);
    if (err)
        print_message("%s: state %d err %d (%s) alert sent=%d level=%d desc=%d\n", who,
                      gt_conn_state(c), err, gt_err_str(err), a.sent, a.level, a.desc);
}

static void test_basic_handshake(void **state)
{
    (void)state;
    pair t;
    pair_setup(&t, "server-p256", "localhost");
    pair_start(&t, "localhost");
    int r = tu_pipe_handshake(&t.p, 100);
    explain(t.client, "client");
    explain(t.server, "server");
    assert_int_equal(r, 0);
    gt_conn_info ci, si;
    assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
    assert_int_equal(gt_conn_info_get(t.server, &si), 0);
    assert_int_equal(ci.suite, si.suite);
    assert_int_equal(ci.group, si.group);
    assert_int_equal(ci.sigalg, si.sigalg);
    assert_int_equal(ci.ems, 1);
    size_t taken;
    assert_int_equal(gt_conn_write(t.client, (const uint8_t *)"hello", 5, &taken), 0);
    t.p.keep_app = 1;
    tu_pipe_run(&t.p, 10);
    assert_int_equal(t.p.got[1].len, 5);
    assert_memory_equal(t.p.got[1].p, "hello", 5);
    pair_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_handshake),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
