/* Constant-time check (ctgrind style) for the secret-handling steps of the
 * handshake (tls/handshake), each run on its own, as the handshake runs it
 * (a whole handshake legitimately branches on public values derived from
 * secrets, so the secret steps are tested directly):
 *   - ECDHE (kex.c): gt_kex_keygen with RNG output marked undefined, then
 *     gt_kex_shared with the peer's public share, for x25519, P-256 and
 *     P-384 — the private value and the premaster secret stay undefined;
 *   - the ServerKeyExchange signature (server.c, gt_server_sign_ske) with
 *     the configured ECDSA private key and the RNG marked undefined;
 *   - the Finished check (finished.c, RFC 5246 §7.4.9): verify_data from
 *     an undefined master secret, compared with the received value by
 *     gt_ct_memeq — only the verdict is made defined.
 * The EC code's declassify hook points at VALGRIND_MAKE_MEM_DEFINED as in
 * ct_ec.c (values such as a signature's r that are public by design). */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "core/ct.h"
#include "handshake/hs.h"
#include "handshake/suites.h"
#include "util/pipe.h"
#include "util/testutil.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

extern void (*gt_ec_declassify_hook)(const void *p, size_t n);

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "ct_handshake: %s\n", what);
        failures++;
    }
}

static void declassify(const void *p, size_t n)
{
    PUBLIC(p, n);
}

/* Deterministic bytes that Valgrind treats as secret. */
static int secret_rng(void *ctx, uint8_t *out, size_t n)
{
    uint64_t *seed = ctx;
    tu_fill(out, n, (*seed)++);
    SECRET(out, n);
    return 0;
}

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return TU_FIXED_TIME;
}

static gt_conn *conn(gt_config *cfg, uint64_t *seed, gt_role role)
{
    gt_config_set_rng(cfg, secret_rng, seed);
    gt_config_set_clock(cfg, fixed_clock, NULL);
    gt_conn *c = gt_conn_new(cfg, role, role == GT_ROLE_CLIENT ? "localhost" : NULL);
    check(c != NULL, "gt_conn_new");
    return c;
}

/* Both sides' keygen, then both shared secrets, which must agree. */
static void run_kex(uint16_t group, uint64_t *seed)
{
    gt_config *cfg = gt_config_new(NULL);
    gt_conn *a = conn(cfg, seed, GT_ROLE_SERVER), *b = conn(cfg, seed, GT_ROLE_SERVER);
    uint8_t pa[48], pb[48];
    size_t la = 0, lb = 0;
    a->hs.group = b->hs.group = gt_group_info_get(group);
    int e1 = gt_kex_keygen(a), e2 = gt_kex_keygen(b);
    PUBLIC(&e1, sizeof e1);
    PUBLIC(&e2, sizeof e2);
    check(e1 == 0 && e2 == 0, "kex keygen");
    /* the public shares go on the wire */
    PUBLIC(a->hs.ecdhe_pub, a->hs.ecdhe_pub_len);
    PUBLIC(b->hs.ecdhe_pub, b->hs.ecdhe_pub_len);
    e1 = gt_kex_shared(a, b->hs.ecdhe_pub, b->hs.ecdhe_pub_len, pa, &la);
    e2 = gt_kex_shared(b, a->hs.ecdhe_pub, a->hs.ecdhe_pub_len, pb, &lb);
    PUBLIC(&e1, sizeof e1);
    PUBLIC(&e2, sizeof e2);
    check(e1 == 0 && e2 == 0, "kex shared");
    int same = la == lb && gt_ct_memeq(pa, pb, la);
    PUBLIC(&same, sizeof same);
    check(same, "premaster secrets differ");
    gt_conn_free(a);
    gt_conn_free(b);
    gt_config_free(cfg);
}

/* The ServerKeyExchange signature with the server's configured key. */
static void run_ske_sign(const char *leaf, uint16_t sigalg, uint64_t *seed)
{
    gt_config *cfg = gt_config_new(NULL);
    check(tu_add_chain(cfg, leaf) == 0, "add chain");
    gt_conn *c = conn(cfg, seed, GT_ROLE_SERVER);
    gt_chain *ch = &cfg->chains[0];
    SECRET(ch->key.ec_priv.p, ch->key.ec_priv.len);
    c->hs.chain = ch;
    c->hs.sigalg = sigalg;
    uint8_t params[69], sig[160];
    size_t sig_len = 0;
    tu_fill(params, sizeof params, 5);
    int e = gt_server_sign_ske(c, params, sizeof params, sig, sizeof sig, &sig_len);
    PUBLIC(&e, sizeof e);
    check(e == 0, "SKE signature");
    PUBLIC(&sig_len, sizeof sig_len);
    PUBLIC(sig, sig_len); /* it goes on the wire */
    PUBLIC(ch->key.ec_priv.p, ch->key.ec_priv.len);
    gt_conn_free(c);
    gt_config_free(cfg);
}

/* verify_data from a secret master secret, checked against a received one
 * (right and wrong); only the verdict becomes defined. */
static void run_finished(void)
{
    uint8_t ms[48], th[48], want[12], got[12];
    const gt_hash *hashes[] = {&gt_hash_sha256, &gt_hash_sha384};
    for (size_t h = 0; h < 2; h++) {
        for (int sender = 0; sender < 2; sender++) {
            tu_fill(ms, sizeof ms, 77 + h);
            tu_fill(th, sizeof th, 78);
            SECRET(ms, sizeof ms);
            int e = gt_ks_finished(hashes[h], ms, (gt_role)sender, th, hashes[h]->out_len, want);
            PUBLIC(&e, sizeof e);
            check(e == 0, "finished");
            /* the received verify_data: the right one, then one bit off */
            memcpy(got, want, 12);
            PUBLIC(got, 12);
            for (int bad = 0; bad < 2; bad++) {
                got[11] ^= (uint8_t)bad;
                int eq = gt_ct_memeq(got, want, 12);
                PUBLIC(&eq, sizeof eq);
                check(eq == !bad, "Finished verdict");
            }
        }
    }
}

int main(void)
{
    uint64_t seed = 1;
    gt_ec_declassify_hook = declassify;
    if (gt_group_available(GT_GROUP_X25519)) run_kex(GT_GROUP_X25519, &seed);
    run_kex(GT_GROUP_SECP256R1, &seed);
    run_kex(GT_GROUP_SECP384R1, &seed);
    run_ske_sign("server-p256", 0x0403, &seed); /* ecdsa_secp256r1_sha256 */
    run_ske_sign("server-p384", 0x0503, &seed); /* ecdsa_secp384r1_sha384 */
    run_finished();
    if (failures) fprintf(stderr, "ct_handshake: %d failures\n", failures);
    return failures ? 1 : 0;
}
