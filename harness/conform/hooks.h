/* Helpers for case hooks: the case being run is the peer's user pointer,
 * and its `arg` parameterises a shared hook. */
#ifndef GT_CONFORM_HOOKS_H
#define GT_CONFORM_HOOKS_H

#include "conform.h"

#define CASE_OF(sp)  ((const gt_cf_case *)(sp)->user)
#define CASE_ARG(sp) (CASE_OF(sp)->arg)

#endif
