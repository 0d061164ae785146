/* The case registry and scripts shared by several families. */
#include "conform.h"

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
