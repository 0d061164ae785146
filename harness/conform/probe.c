/*
 * The probe: what the target supports (suites, groups, resumption,
 * tickets, EMS, encrypt-then-MAC, renegotiation_info, client
 * authentication), learned with well-behaved handshakes before any case
 * runs. A case that needs something the probe did not find is reported
 * "not applicable" with the probe's reason instead of failing.
 */
#include "runner.h"

#include <stdio.h>
#include <string.h>

static const uint16_t all_groups[] = {GT_GROUP_X25519, GT_GROUP_P256, GT_GROUP_P384};
static const uint16_t sigalgs[] = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806,
                                   0x0401, 0x0501, 0x0601, 0x0201, 0x0203};

void gt_cf_base_cfg(const gt_cf_env *env, int target, gt_sp_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->role = target == GT_TARGET_SERVER ? 0 : 1;
    if (env->n_suites > 0) {
        memcpy(cfg->suites, env->suites, env->n_suites * 2);
        cfg->n_suites = env->n_suites;
    } else {
        for (size_t i = 0; i < gt_sp_n_suites; i++)
            cfg->suites[i] = gt_sp_suites[i].code;
        cfg->n_suites = gt_sp_n_suites;
    }
    if (env->n_groups > 0) {
        memcpy(cfg->groups, env->groups, env->n_groups * 2);
        cfg->n_groups = env->n_groups;
    } else {
        memcpy(cfg->groups, all_groups, sizeof(all_groups));
        cfg->n_groups = 3;
    }
    memcpy(cfg->sigalgs, sigalgs, sizeof(sigalgs));
    cfg->n_sigalgs = sizeof(sigalgs) / 2;
    cfg->sni = "localhost";
    cfg->ems = cfg->reneg = 1;
    cfg->client_chain = (gt_sp_chain *)&env->client_rsa;
    cfg->rsa_chain = (gt_sp_chain *)&env->rsa;
    cfg->ecdsa_chain = (gt_sp_chain *)&env->ecdsa;
}

static const gt_sp_step hs_only[] = {{.op = GT_OP_HANDSHAKE}, {0}};
static const gt_sp_step hs_resume[] = {
    {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_RECONNECT}, {.op = GT_OP_HANDSHAKE}, {0}};
static const gt_sp_step serve_only[] = {{.op = GT_OP_SERVE}, {0}};

/* --suites restricts what is probed (and so what runs). */
static int allowed(const gt_cf_env *env, uint16_t code)
{
    for (size_t i = 0; i < env->n_only; i++)
        if (env->only[i] == code) return 1;
    return env->n_only == 0;
}

static void why(gt_cf_env *env, unsigned flag, const char *prefix, const char *detail)
{
    int bit = __builtin_ctz(flag);
    snprintf(env->why_no[bit], sizeof(env->why_no[bit]), "%s%s", prefix, detail);
}

static void rsl_ok(gt_sp *sp)
{
    gt_wire_ext_record_size_limit(&sp->hello.ext, 16385);
}
static void mfl_ok(gt_sp *sp)
{
    gt_wire_ext_max_frag(&sp->hello.ext, 4);
}

/* Does the server answer a valid offer of `ext` in its ServerHello? */
static int echoed(const gt_cf_target *tg, const gt_sp_cfg *cfg, gt_sp_pre_fn add, uint16_t ext)
{
    gt_sp_step steps[] = {{.op = GT_OP_CLIENT_HELLO, .pre = add}, {.op = GT_OP_SERVER_FLIGHT}, {0}};
    gt_sp *sp;
    char err[300];
    int found = 0;
    gt_cf_play(tg, cfg, steps, NULL, &sp, err, sizeof(err));
    for (size_t i = 0; sp != NULL && i < sp->n_sh_ext; i++)
        found |= sp->sh_ext[i] == ext;
    gt_sp_free(sp);
    return found;
}

static int probe_server(const gt_cf_target *tg, gt_cf_env *env)
{
    gt_sp_cfg cfg;
    gt_sp *sp;
    char err[300];
    gt_cf_base_cfg(env, GT_TARGET_SERVER, &cfg);
    if (gt_cf_play(tg, &cfg, hs_only, NULL, &sp, err, sizeof(err)) != GT_OBS_COMPLETED) {
        fprintf(stderr, "gt-conform: probe: a plain handshake with the target failed: %s\n", err);
        gt_sp_free(sp);
        return -1;
    }
    env->ems = sp->ems;
    env->client_auth = sp->cert_requested;
    gt_sp_free(sp);
    for (size_t i = 0; i < gt_sp_n_suites; i++) {
        if (!allowed(env, gt_sp_suites[i].code)) continue;
        cfg.suites[0] = gt_sp_suites[i].code;
        cfg.n_suites = 1;
        if (gt_cf_play(tg, &cfg, hs_only, NULL, NULL, err, sizeof(err)) == GT_OBS_COMPLETED)
            env->suites[env->n_suites++] = gt_sp_suites[i].code;
    }
    /* ECDHE_RSA first: an ECDSA certificate's curve must itself be among
     * the offered groups (RFC 8422 §5.3), which would hide the others. */
    uint16_t ecdhe = 0;
    for (size_t i = 0; i < env->n_suites && !ecdhe; i++)
        if (gt_sp_suite_by_code(env->suites[i])->kx == GT_KX_ECDHE_RSA) ecdhe = env->suites[i];
    for (size_t i = 0; i < env->n_suites && !ecdhe; i++)
        if (gt_sp_suite_by_code(env->suites[i])->kx != GT_KX_RSA) ecdhe = env->suites[i];
    for (size_t i = 0; i < 3 && ecdhe; i++) {
        cfg.suites[0] = ecdhe;
        cfg.groups[0] = all_groups[i];
        cfg.n_groups = 1;
        if (gt_cf_play(tg, &cfg, hs_only, NULL, NULL, err, sizeof(err)) == GT_OBS_COMPLETED)
            env->groups[env->n_groups++] = all_groups[i];
    }
    gt_cf_base_cfg(env, GT_TARGET_SERVER, &cfg);
    if (gt_cf_play(tg, &cfg, hs_resume, NULL, &sp, err, sizeof(err)) == GT_OBS_COMPLETED)
        env->resume_id = sp->resumed;
    else
        why(env, GT_CF_RESUME_ID, "session-id resumption probe: ", err);
    gt_sp_free(sp);
    cfg.tickets = 1;
    if (gt_cf_play(tg, &cfg, hs_resume, NULL, &sp, err, sizeof(err)) == GT_OBS_COMPLETED)
        env->tickets = sp->resumed && sp->session.ticket.n > 0;
    gt_sp_free(sp);
    cfg.tickets = 0;
    for (size_t i = 0; i < env->n_suites; i++) {
        if (!gt_sp_is_cbc(gt_sp_suite_by_code(env->suites[i]))) continue;
        cfg.suites[0] = env->suites[i];
        cfg.n_suites = 1;
        cfg.etm = 1;
        if (gt_cf_play(tg, &cfg, hs_only, NULL, &sp, err, sizeof(err)) == GT_OBS_COMPLETED)
            env->etm = sp->etm;
        gt_sp_free(sp);
        break;
    }
    env->reneg = 1; /* the peer checks renegotiation_info in every ServerHello */
    gt_cf_base_cfg(env, GT_TARGET_SERVER, &cfg);
    env->rsl = echoed(tg, &cfg, rsl_ok, GT_EXT_RECORD_SIZE_LIMIT);
    env->mfl = echoed(tg, &cfg, mfl_ok, GT_EXT_MAX_FRAGMENT_LENGTH);
    return 0;
}

static int probe_client(const gt_cf_target *tg, gt_cf_env *env)
{
    gt_sp_cfg cfg;
    gt_sp *sp;
    char err[300];
    gt_cf_base_cfg(env, GT_TARGET_CLIENT, &cfg);
    int obs = gt_cf_play(tg, &cfg, serve_only, NULL, &sp, err, sizeof(err));
    if (sp == NULL || sp->n_client_suites == 0) {
        fprintf(stderr, "gt-conform: probe: no ClientHello from the client: %s\n", err);
        gt_sp_free(sp);
        return -1;
    }
    if (obs != GT_OBS_COMPLETED)
        fprintf(stderr, "gt-conform: probe: note: the probe handshake did not complete: %s\n", err);
    for (size_t i = 0; i < gt_sp_n_suites; i++)
        for (size_t j = 0; j < sp->n_client_suites; j++)
            if (sp->client_suites[j] == gt_sp_suites[i].code && allowed(env, sp->client_suites[j]))
                env->suites[env->n_suites++] = gt_sp_suites[i].code;
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < sp->n_client_groups; j++)
            if (sp->client_groups[j] == all_groups[i]) env->groups[env->n_groups++] = all_groups[i];
    env->ems = sp->client_ems;
    env->etm = sp->client_etm;
    env->tickets = sp->client_ticket;
    env->reneg = sp->client_reneg;
    gt_sp_free(sp);
    return 0;
}

int gt_cf_probe(const gt_cf_target *tg, gt_cf_env *env)
{
    int rc = env->target == GT_TARGET_SERVER ? probe_server(tg, env) : probe_client(tg, env);
    if (rc != 0) return rc;
    if (!env->resume_id && env->why_no[__builtin_ctz(GT_CF_RESUME_ID)][0] == '\0')
        why(env, GT_CF_RESUME_ID, "", "the target did not resume a session by id");
    why(env, GT_CF_TICKET, "", "the target did not resume with a session ticket");
    why(env, GT_CF_EMS, "", "the target did not negotiate extended_master_secret");
    why(env, GT_CF_ETM, "", "the target did not negotiate encrypt_then_mac");
    why(env, GT_CF_CLIENT_AUTH, "", "the target server does not request a client certificate");
    why(env, GT_CF_NO_CLIENT_AUTH, "", "the target server requires client certificates");
    why(env, GT_CF_CBC, "", "the target supports no CBC suite");
    why(env, GT_CF_RSA_KX, "", "the target supports no RSA key exchange suite");
    why(env, GT_CF_ECDHE, "", "the target supports no ECDHE suite");
    why(env, GT_CF_AEAD, "", "the target supports no AEAD suite");
    why(env, GT_CF_RSA_AUTH, "", "the target supports no RSA-authenticated suite");
    why(env, GT_CF_RENEG, "", "the target does not support secure renegotiation");
    why(env, GT_CF_RSL, "", "the target does not negotiate record_size_limit (RFC 8449)");
    why(env, GT_CF_MFL, "", "the target does not negotiate max_fragment_length (RFC 6066)");
    return 0;
}
