/* The case registry and scripts shared by several families. */
#include "conform.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gt_cf_case **cases;
static size_t n_cases, cap_cases;

void gt_cf_add(const gt_cf_case *c)
{
    for (size_t i = 0; i < n_cases; i++)
        if (strcmp(cases[i]->id, c->id) == 0) {
            fprintf(stderr, "gt-conform: duplicate case id %s\n", c->id);
            abort();
        }
    if (n_cases == cap_cases) {
        cap_cases = cap_cases ? cap_cases * 2 : 256;
        cases = realloc(cases, cap_cases * sizeof(*cases));
        if (cases == NULL) abort();
    }
    cases[n_cases++] = c;
}

size_t gt_cf_count(void)
{
    return n_cases;
}

const gt_cf_case *gt_cf_get(size_t i)
{
    return i < n_cases ? cases[i] : NULL;
}

gt_cf_case *gt_cf_new(const gt_cf_case *tmpl)
{
    gt_cf_case *c = malloc(sizeof(*c));
    if (c == NULL) abort();
    *c = *tmpl;
    return c;
}

gt_sp_step *gt_cf_steps(const gt_sp_step *s, size_t n)
{
    gt_sp_step *p = calloc(n + 1, sizeof(*p));
    if (p == NULL) abort();
    memcpy(p, s, n * sizeof(*p));
    return p;
}

const gt_sp_step gt_cf_full_handshake_app[] = {
    {.op = GT_OP_HANDSHAKE}, {.op = GT_OP_APP}, {.op = GT_OP_EXPECT_APP}, {0}};

static struct {
    char file[64];
    gt_sp_chain chain;
    int ok;
} chains[32];
static size_t n_chains;
static pthread_mutex_t chains_mu = PTHREAD_MUTEX_INITIALIZER;

gt_sp_chain *gt_cf_chain(const gt_cf_env *env, const char *file)
{
    char a[1024], k[1024];
    gt_sp_chain *out = NULL;
    pthread_mutex_lock(&chains_mu);
    for (size_t i = 0; i < n_chains && out == NULL; i++)
        if (strcmp(chains[i].file, file) == 0) out = chains[i].ok ? &chains[i].chain : NULL;
    if (out == NULL && n_chains < 32) {
        snprintf(a, sizeof(a), "%s/%s", env->conform_dir, file);
        snprintf(k, sizeof(k), "%s/bad-leaf.key", env->conform_dir);
        snprintf(chains[n_chains].file, sizeof(chains[0].file), "%s", file);
        chains[n_chains].ok = gt_sp_chain_load(&chains[n_chains].chain, a, k) == 0;
        if (!chains[n_chains].ok) fprintf(stderr, "gt-conform: cannot load %s\n", a);
        out = chains[n_chains].ok ? &chains[n_chains].chain : NULL;
        n_chains++;
    }
    pthread_mutex_unlock(&chains_mu);
    return out;
}
