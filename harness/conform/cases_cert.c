#include "conform.h"
void gt_cf_cases_cert(void) {}
