/* The Wycheproof handler table, generated from wycheproof_registry.def so
 * that registering a handler is one line there (see wycheproof.h). */
#include "wycheproof.h"

const wy_handler wy_handlers[] = {
#define WY_HANDLER(schema, fn) {schema, #fn, fn},
#include "wycheproof_registry.def"
#undef WY_HANDLER
    {NULL, NULL, NULL},
};
