#include "conform.h"
void gt_cf_cases_alert(void) {}
