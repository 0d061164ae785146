/* The conformance runner's internals: targets, instances, results. */
#ifndef GT_CONFORM_RUNNER_H
#define GT_CONFORM_RUNNER_H

#include "conform.h"

#include <sys/types.h>

enum { GT_MODE_SERVER, GT_MODE_SERVER_CMD, GT_MODE_CLIENT_CMD, GT_MODE_INPROC };

typedef struct {
    int mode;
    char host[64];
    int port;
    const char *cmd;
    int timeout_ms;
    int verbose;
    int iut_role;        /* GT_MODE_INPROC: the role the IUT plays */
    int iut_client_auth; /* GT_MODE_INPROC: the server requires client certificates */
} gt_cf_target;

/* The in-process IUT (inproc.c, built when the engine exists). */
int gt_cf_inproc_init(const char *pki, char *err, size_t n);
int gt_cf_inproc_open(int role, int client_auth, gt_conform_transport *tr);

/* A live connection to the target for one case: a transport and, for the
 * command modes, the process behind it. */
typedef struct {
    gt_conform_transport t;
    pid_t pid;
    int lfd; /* client-cmd: our listening socket (for reconnects) */
    int fd;
    int timeout_ms;
} gt_cf_conn;

int gt_cf_open(const gt_cf_target *tg, gt_cf_conn *c, char *err, size_t n);
void gt_cf_close(gt_cf_conn *c);

enum { GT_R_PASS, GT_R_FAIL, GT_R_SKIP };

typedef struct {
    const gt_cf_case *c;
    char name[160]; /* id, or id@suite / id@group */
    uint16_t suite, group;
    int result;
    char detail[400];
    double ms;
} gt_cf_inst;

/* Configuration for one run of a script against the target. */
void gt_cf_base_cfg(const gt_cf_env *env, int target, gt_sp_cfg *cfg);
/* Runs one script with cfg; returns the observation, the peer in *out
 * (caller frees) when out != NULL. */
int gt_cf_play(const gt_cf_target *tg, const gt_sp_cfg *cfg, const gt_sp_step *steps, void *user,
               gt_sp **out, char *err, size_t n);

int gt_cf_probe(const gt_cf_target *tg, gt_cf_env *env);
size_t gt_cf_expand(const gt_cf_env *env, const char *filter, gt_cf_inst **out);
void gt_cf_run_all(const gt_cf_target *tg, const gt_cf_env *env, gt_cf_inst *in, size_t n,
                   int jobs);
int gt_cf_write_junit(const char *path, const gt_cf_inst *in, size_t n);
int gt_cf_write_json(const char *path, const gt_cf_inst *in, size_t n, const gt_cf_env *env);

#endif
