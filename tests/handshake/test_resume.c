/* Tests for tls/handshake/resume.c: abbreviated handshakes (RFC 5246 §7.3
 * Figure 2) by session ID and by ticket between the IUT's client and
 * server, and every refusal: the suite no longer offered or allowed, the
 * EMS state changed (RFC 7627 §5.3: dropped is handshake_failure, added is
 * a full handshake), another server_name (RFC 6066 §3), an expired
 * session, an unknown ID, and the client's own refusals (name, suite,
 * expiry). A refusal is always a full handshake with a new session. */
#include "util/sess_pair.h"

#include <stdlib.h>

#define SID_CACHE 16

/* Configs resuming by session ID (the server's cache) or, with tickets,
 * by ticket (offered by the client); lifetimes in seconds, 0: default. */
static void config_resume(sp_pair *t, int tickets, uint32_t server_life, uint32_t client_life)
{
    sp_config(t, "server-p256");
    sp_sessions(t->sc, tickets ? 0 : SID_CACHE, tickets, server_life, 0);
    sp_sessions(t->cc, 0, tickets, client_life, 0);
}

/* A full handshake, then the client's session. */
static size_t first(sp_pair *t, const char *sni, uint8_t *buf, size_t cap)
{
    sp_start(t, sni, NULL, 0);
    assert_int_equal(sp_run(t), 0);
    assert_int_equal(sp_resumed(t), 0);
    size_t n = sp_export(t, buf, cap);
    sp_stop(t);
    return n;
}

/* A second connection offering the session: 1 resumed, 0 full. */
static int second(sp_pair *t, const char *sni, const uint8_t *sess, size_t n)
{
    sp_start(t, sni, sess, n);
    assert_int_equal(sp_run(t), 0);
    int r = sp_resumed(t);
    sp_echo(t);
    return r;
}

static void test_resume_by_id(void **state)
{
    (void)state;
    const char *leaves[] = {"server-p256", "server-rsa2048"};
    for (int i = 0; i < 2; i++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        sp_config(&t, leaves[i]);
        sp_sessions(t.sc, SID_CACHE, 0, 0, 0);
        size_t n = first(&t, "localhost", s, sizeof s);
        assert_int_equal(gt_sess_cache_count(t.sc->sess_cache, t.now[1]), 1);
        assert_int_equal(second(&t, "localhost", s, n), 1);
        /* The ID and suite are the session's; no key exchange ran. */
        assert_int_equal(t.client->hs.sid_len, 32);
        assert_memory_equal(t.client->hs.sid, t.server->hs.sid, 32);
        gt_conn_info ci;
        assert_int_equal(gt_conn_info_get(t.client, &ci), 0);
        assert_int_equal(ci.ems, 1);
        assert_int_equal(ci.group, 0);
        /* A resumed session can be exported and resumed again. */
        size_t n2 = sp_export(&t, s, sizeof s);
        sp_stop(&t);
        assert_int_equal(second(&t, "localhost", s, n2), 1);
        sp_free(&t);
    }
}

static void test_resume_by_ticket(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX];
    sp_config(&t, "server-p384");
    sp_sessions(t.sc, 0, 1, 0, 0); /* tickets, no cache */
    sp_sessions(t.cc, 0, 1, 0, 0);
    size_t n = first(&t, "localhost", s, sizeof s);
    assert_int_equal(second(&t, "localhost", s, n), 1);
    /* The server sent a new ticket in the abbreviated handshake too. */
    assert_true(t.client->hs.ticket_len > 0);
    size_t n2 = sp_export(&t, s, sizeof s);
    sp_stop(&t);
    assert_int_equal(second(&t, "localhost", s, n2), 1);
    sp_free(&t);
}

/* Without the client's offer the server sends no ticket, and without a
 * cache no ID: nothing to resume, nothing to export. */
static void test_nothing_to_resume(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX];
    size_t n = 0;
    sp_config(&t, "server-p256");
    sp_sessions(t.sc, 0, 1, 0, 0);
    sp_start(&t, "localhost", NULL, 0);
    assert_int_equal(gt_conn_session_export(t.client, s, sizeof s, &n), GT_ERR_STATE);
    assert_int_equal(sp_run(&t), 0);
    assert_int_equal(t.client->hs.ticket_len, 0);
    assert_int_equal(gt_conn_session_export(t.client, s, sizeof s, &n), GT_ERR_STATE);
    sp_free(&t);
}

static void test_suite_refused(void **state)
{
    (void)state;
    static const uint16_t one[] = {0xC02B}, other[] = {0xC02C}, both[] = {0xC02C, 0xC02B};
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        config_resume(&t, tickets, 0, 0);
        assert_int_equal(gt_config_set_suites(t.cc, one, 1), 0);
        size_t n = first(&t, "localhost", s, sizeof s);
        /* The client no longer offers the suite: it does not offer the
         * session either (RFC 5246 §7.4.1.2). */
        assert_int_equal(gt_config_set_suites(t.cc, other, 1), 0);
        assert_int_equal(second(&t, "localhost", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 0);
        sp_stop(&t);
        /* The server no longer allows it: a full handshake. */
        assert_int_equal(gt_config_set_suites(t.cc, both, 2), 0);
        assert_int_equal(gt_config_set_suites(t.sc, other, 1), 0);
        assert_int_equal(second(&t, "localhost", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 1);
        assert_int_equal(t.client->info.suite, 0xC02C);
        sp_free(&t);
    }
}

/* RFC 7627 §5.3, first case: the hello leaves EMS out (its extension
 * renamed on the wire to an unknown type): the server MUST abort. */
static void rename_ems(uint8_t *body, size_t *len, size_t cap, void *arg)
{
    (void)cap, (void)arg;
    size_t at = sp_find_ext(body, *len, 0, GT_EXT_TYPE_EMS);
    assert_true(at > 0);
    body[at] = 0xFE;
}

static void test_ems_dropped(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        config_resume(&t, tickets, 0, 0);
        size_t n = first(&t, "localhost", s, sizeof s);
        sp_start(&t, "localhost", s, n);
        sp_mutate m = {0, GT_HT_CLIENT_HELLO, rename_ems, NULL, 0, {0, 0}};
        sp_mutate_on(&t, &m);
        tu_pipe_run(&t.p, 100);
        assert_true(m.done);
        assert_int_equal(gt_conn_error(t.server, NULL), GT_ERR_HANDSHAKE_FAILURE);
        sp_expect_alert(t.server, t.client, GT_ALERT_HANDSHAKE_FAILURE);
        sp_free(&t);
    }
}

/* RFC 7627 §5.3, second case: a session without EMS offered in a hello
 * with EMS MUST NOT be resumed. Our client never offers such a session, so
 * the export is edited to claim EMS: the client offers, the server (whose
 * copy says no EMS) runs a full handshake. */
static void claim_ems(gt_session *s)
{
    s->ems = 1;
}

static void test_ems_added(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        config_resume(&t, tickets, 0, 0);
        assert_int_equal(gt_config_set_option(t.sc, GT_OPT_EMS, 0), 0);
        size_t n = first(&t, "localhost", s, sizeof s);
        /* Unedited, the client does not offer it (§5.3 SHOULD NOT). */
        assert_int_equal(gt_config_set_option(t.sc, GT_OPT_EMS, 1), 0);
        assert_int_equal(second(&t, "localhost", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 0);
        sp_stop(&t);
        sp_edit_export(s, n, claim_ems);
        assert_int_equal(second(&t, "localhost", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 1);
        assert_int_equal(t.client->info.ems, 1);
        sp_free(&t);
    }
}

/* RFC 6066 §3: another server_name. The client does not offer a session
 * to another name; a session edited to the new name is refused by the
 * server, whose copy has the old one. */
static void rename_sni(gt_session *s)
{
    memcpy(s->sni, "127.0.0.1", 10); /* an IP literal: no SNI sent (RFC 6066 §3) */
}

static void test_sni_refused(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX], e[GT_SESSION_EXPORT_MAX];
        config_resume(&t, tickets, 0, 0);
        size_t n = first(&t, "localhost", s, sizeof s);
        assert_int_equal(second(&t, "server.test", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 0);
        sp_stop(&t);
        /* The state keeps its length: "localhost" becomes "127.0.0.1",
         * which the client does not send as SNI; the server's copy says
         * "localhost". */
        memcpy(e, s, n);
        sp_edit_export(e, n, rename_sni);
        assert_int_equal(second(&t, "127.0.0.1", e, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 1);
        sp_stop(&t);
        /* The control: the right name resumes. */
        assert_int_equal(second(&t, "localhost", s, n), 1);
        sp_free(&t);
    }
}

static void test_expired(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair t;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        config_resume(&t, tickets, 100, 1000);
        size_t n = first(&t, "localhost", s, sizeof s);
        t.now[0] += 100;
        t.now[1] += 100; /* exactly the lifetime: still fresh */
        assert_int_equal(second(&t, "localhost", s, n), 1);
        sp_stop(&t);
        t.now[0] += 1;
        t.now[1] += 1; /* the server's lifetime is over, not the client's */
        assert_int_equal(second(&t, "localhost", s, n), 0);
        /* With a ticket, its lifetime hint (the server's 100 s) already
         * stopped the client (RFC 5077 §3.3). */
        assert_int_equal(t.client->hs.offer_resume, !tickets);
        sp_stop(&t);
        /* The client's own lifetime: it stops offering. */
        t.now[0] += 1000;
        assert_int_equal(second(&t, "localhost", s, n), 0);
        assert_int_equal(t.client->hs.offer_resume, 0);
        sp_free(&t);
    }
}

/* A server that never saw the session (another cache, another ticket
 * key): a full handshake with a new session ID. */
static void test_unknown_session(void **state)
{
    (void)state;
    for (int tickets = 0; tickets < 2; tickets++) {
        sp_pair a, b;
        uint8_t s[GT_SESSION_EXPORT_MAX];
        config_resume(&a, tickets, 0, 0);
        sp_config(&b, "server-p256");
        /* Not the same DRBG stream as a's server (which would make the same
         * session ID and so "echo" the client's). */
        gt_drbg_init_seed(&b.ds, (const uint8_t *)"b", 1);
        sp_sessions(b.sc, tickets ? 0 : SID_CACHE, tickets, 0, 0);
        size_t n = first(&a, "localhost", s, sizeof s);
        assert_int_equal(second(&b, "localhost", s, n), 0);
        assert_int_equal(b.client->hs.offer_resume, 1);
        if (!tickets) assert_memory_not_equal(b.client->hs.sid, s + 6, 8);
        sp_free(&a);
        sp_free(&b);
    }
}

/* The cache is bounded: the oldest session goes first. */
static void test_cache_bounded(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[3][GT_SESSION_EXPORT_MAX];
    size_t n[3];
    sp_config(&t, "server-p256");
    sp_sessions(t.sc, 2, 0, 0, 0);
    for (int i = 0; i < 3; i++) {
        n[i] = first(&t, "localhost", s[i], sizeof s[i]);
        t.now[0]++;
        t.now[1]++;
    }
    assert_int_equal(gt_sess_cache_count(t.sc->sess_cache, t.now[1]), 2);
    assert_int_equal(second(&t, "localhost", s[0], n[0]), 0);
    sp_stop(&t);
    assert_int_equal(second(&t, "localhost", s[2], n[2]), 1);
    sp_free(&t);
}

/* A session that required no client certificate is not resumed once the
 * server requires one (the client must then authenticate in full). */
static void test_client_auth_policy_tightened(void **state)
{
    (void)state;
    sp_pair t;
    uint8_t s[GT_SESSION_EXPORT_MAX];
    sp_config(&t, "server-p256");
    assert_int_equal(tu_add_chain(t.cc, "client-p256"), 0);
    assert_int_equal(tu_add_trust(t.sc), 0);
    sp_sessions(t.sc, SID_CACHE, 0, 0, 0);
    size_t n = first(&t, "localhost", s, sizeof s);
    assert_int_equal(gt_config_set_client_auth(t.sc, GT_CLIENT_AUTH_REQUIRE), 0);
    assert_int_equal(second(&t, "localhost", s, n), 0);
    assert_int_equal(t.server->info.client_cert, 1);
    size_t n2 = sp_export(&t, s, sizeof s);
    sp_stop(&t);
    /* That session carries the client's authentication: it resumes. */
    assert_int_equal(second(&t, "localhost", s, n2), 1);
    assert_int_equal(t.server->info.client_cert, 1);
    sp_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resume_by_id),
        cmocka_unit_test(test_resume_by_ticket),
        cmocka_unit_test(test_nothing_to_resume),
        cmocka_unit_test(test_suite_refused),
        cmocka_unit_test(test_ems_dropped),
        cmocka_unit_test(test_ems_added),
        cmocka_unit_test(test_sni_refused),
        cmocka_unit_test(test_expired),
        cmocka_unit_test(test_unknown_session),
        cmocka_unit_test(test_cache_bounded),
        cmocka_unit_test(test_client_auth_policy_tightened),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
