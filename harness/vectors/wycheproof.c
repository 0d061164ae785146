/* Wycheproof JSON loader: parses a file, dispatches each test to the handler
 * registered for the file's "schema" (wycheproof_registry.def), and turns
 * what the IUT did into a verdict with one policy for all handlers (the
 * valid / invalid / acceptable rules are in wycheproof.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wycheproof.h"

static const char *result_name[] = {"valid", "invalid", "acceptable"};

/* cJSON does not keep positions, so the line of a test is found in the text
 * by its "tcId": N (first occurrence), for messages about malformed tests. */
static unsigned line_of(const char *text, const char *at)
{
    unsigned line = 1;
    for (const char *p = text; p < at && *p; p++)
        line += *p == '\n';
    return line;
}

static unsigned tc_line(const char *text, long tc_id)
{
    for (const char *p = strstr(text, "\"tcId\""); p; p = strstr(p + 6, "\"tcId\"")) {
        const char *q = p + 6;
        while (isspace((unsigned char)*q))
            q++;
        if (*q != ':') continue;
        char *end;
        if (strtol(q + 1, &end, 10) == tc_id) return line_of(text, p);
    }
    return 0;
}

static int parse_result(const char *s, enum wy_result *out)
{
    for (int i = 0; i < 3; i++) {
        if (s && strcmp(s, result_name[i]) == 0) {
            *out = (enum wy_result)i;
            return 0;
        }
    }
    return -1;
}

static void test_reset(wy_test *t)
{
    for (unsigned i = 0; i < t->nbufs; i++)
        vec_buf_free(&t->bufs[i]);
    t->nbufs = 0;
    t->detail[0] = t->unsupported[0] = t->expect_reason[0] = 0;
    t->bad = 0;
}

/* Maps (expected result, IUT outcome) to pass/fail/skip; see wycheproof.h. */
static void judge(wy_test *t, int outcome, const char *id)
{
    vec_run *r = t->run;
    enum wy_result want = t->expect;
    if (outcome == WY_UNSUPPORTED) {
        if (want == WY_INVALID) {
            vec_note(r, id, "invalid case refused by the API (%s): pass", t->unsupported);
            vec_pass(r, id);
        } else {
            vec_skip(r, id, t->unsupported[0] ? t->unsupported : "unsupported by the IUT");
        }
        return;
    }
    int accepted = outcome == WY_OK;
    const char *did = accepted                 ? "accepted"
                      : outcome == WY_MISMATCH ? "produced different output"
                                               : "rejected";
    if (want == WY_ACCEPTABLE) {
        vec_note(r, id, "acceptable case: IUT %s%s%s", did, t->detail[0] ? ": " : "", t->detail);
        vec_pass(r, id);
        return;
    }
    if (t->result == WY_ACCEPTABLE)
        vec_note(r, id, "acceptable case judged as %s (%s)", result_name[want], t->expect_reason);
    if ((want == WY_VALID) == accepted) {
        vec_pass(r, id);
        return;
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(t->test, "comment");
    vec_fail(r, id, "expected %s, IUT %s%s%s [%s]", result_name[want], did,
             t->detail[0] ? ": " : "", t->detail,
             cJSON_IsString(c) && c->valuestring[0] ? c->valuestring : "no comment");
}

static int run_test(wy_test *t, const char *schema, const char *text)
{
    char id[48];
    const cJSON *tc = cJSON_GetObjectItemCaseSensitive(t->test, "tcId");
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(t->test, "result");
    if (!cJSON_IsNumber(tc)) return vec_malformed(t->run, 0, "a test without a numeric tcId");
    t->tc_id = (long)tc->valuedouble;
    snprintf(id, sizeof id, "tcId %ld", t->tc_id);
    if (parse_result(cJSON_IsString(res) ? res->valuestring : NULL, &t->result) != 0)
        return vec_malformed(t->run, tc_line(text, t->tc_id),
                             "tcId %ld: result is not valid/invalid/acceptable", t->tc_id);
    int outcome = WY_NEXT;
    for (const wy_handler *h = wy_handlers; h->schema && outcome == WY_NEXT; h++) {
        if (strcmp(h->schema, schema) != 0) continue;
        test_reset(t);
        t->expect = t->result;
        outcome = h->run(t);
    }
    if (outcome == WY_BAD || t->bad) {
        int rc = vec_malformed(t->run, tc_line(text, t->tc_id), "tcId %ld: %s", t->tc_id,
                               t->detail[0] ? t->detail : "malformed test");
        test_reset(t);
        return rc;
    }
    if (outcome == WY_NEXT)
        vec_skip(t->run, id, "no handler for this test group");
    else
        judge(t, outcome, id);
    test_reset(t);
    return 0;
}

static int run_groups(vec_run *r, const cJSON *root, const cJSON *groups, const char *schema,
                      const char *text)
{
    wy_test t;
    memset(&t, 0, sizeof t);
    t.root = root;
    t.run = r;
    t.algorithm = wy_str(root, "algorithm");
    const cJSON *g;
    cJSON_ArrayForEach(g, groups)
    {
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        if (!cJSON_IsObject(g) || !cJSON_IsArray(tests))
            return vec_malformed(r, 0, "a testGroup without a \"tests\" array");
        t.group = g;
        cJSON_ArrayForEach(t.test, tests)
        {
            if (!cJSON_IsObject(t.test)) return vec_malformed(r, 0, "a test that is not an object");
            if (run_test(&t, schema, text) != 0) return VEC_MALFORMED;
        }
    }
    return 0;
}

static int has_handler(const char *schema)
{
    for (const wy_handler *h = wy_handlers; h->schema; h++) {
        if (strcmp(h->schema, schema) == 0) return 1;
    }
    return 0;
}

static void skip_all(vec_run *r, const cJSON *groups, const char *reason)
{
    const cJSON *g, *tc;
    cJSON_ArrayForEach(g, groups)
    {
        cJSON_ArrayForEach(tc, cJSON_GetObjectItemCaseSensitive(g, "tests"))
        {
            vec_skip(r, "file", reason);
        }
    }
}

static int run_doc(vec_run *r, const cJSON *root, const char *text)
{
    if (!cJSON_IsObject(root)) return vec_malformed(r, 1, "JSON top level is not an object");
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(root, "testGroups");
    const char *schema = wy_str(root, "schema");
    if (!groups &&
        (cJSON_HasObjectItem(root, "definitions") || cJSON_HasObjectItem(root, "$schema"))) {
        r->ignored = "a JSON Schema document, not test vectors";
        return 0;
    }
    if (!cJSON_IsArray(groups))
        return vec_malformed(r, 1, "no \"testGroups\" array (not a Wycheproof test file?)");
    if (!schema) return vec_malformed(r, 1, "no top-level \"schema\" string");
    if (!has_handler(schema)) {
        char why[160];
        snprintf(why, sizeof why, "no handler for schema %s", schema);
        skip_all(r, groups, why);
        return 0;
    }
    return run_groups(r, root, groups, schema, text);
}

int wy_run_file(vec_run *r, const char *path)
{
    size_t len;
    char *text = vec_read_file(path, &len);
    if (!text) return vec_malformed(r, 0, "cannot read file");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    int rc;
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        if (!at || at < text || at > text + len) at = text + len;
        rc = vec_malformed(r, line_of(text, at), "invalid JSON (truncated or bad syntax)");
    } else {
        rc = run_doc(r, root, text);
    }
    cJSON_Delete(root);
    free(text);
    return rc;
}

void wy_list(void)
{
    for (const wy_handler *h = wy_handlers; h->schema; h++)
        printf("wycheproof schema %-40s -> %s\n", h->schema, h->name);
}

/* ---- helpers for handlers (contract in wycheproof.h) ---- */

static const uint8_t *hex_field(wy_test *t, const cJSON *obj, const char *name, size_t *len,
                                int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        if (required) {
            t->bad = 1;
            wy_detail(t, "missing field \"%s\"", name);
        }
        return NULL;
    }
    if (!cJSON_IsString(v) || t->nbufs == WY_MAX_BUFS) {
        t->bad = 1;
        wy_detail(t, "field \"%s\" is not a hex string", name);
        return NULL;
    }
    vec_buf *b = &t->bufs[t->nbufs++];
    if (vec_unhex(b, v->valuestring, strlen(v->valuestring)) != 0) {
        t->bad = 1;
        wy_detail(t, "field \"%s\": odd-length or non-hex value", name);
        return NULL;
    }
    *len = b->n;
    return b->p;
}

const uint8_t *wy_hex(wy_test *t, const cJSON *obj, const char *name, size_t *len)
{
    return hex_field(t, obj, name, len, 1);
}

const uint8_t *wy_hex_opt(wy_test *t, const cJSON *obj, const char *name, size_t *len)
{
    return hex_field(t, obj, name, len, 0);
}

long wy_int(wy_test *t, const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e9) {
        t->bad = 1;
        wy_detail(t, "missing or bad integer field \"%s\"", name);
        return -1;
    }
    return (long)v->valuedouble;
}

const char *wy_str(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int wy_has_flag(const wy_test *t, const char *flag)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(t->test, "flags"))
    {
        if (cJSON_IsString(f) && strcmp(f->valuestring, flag) == 0) return 1;
    }
    return 0;
}

void wy_detail(wy_test *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->detail, sizeof t->detail, fmt, ap);
    va_end(ap);
}

int wy_unsupported(wy_test *t, const char *reason)
{
    snprintf(t->unsupported, sizeof t->unsupported, "%s", reason);
    return WY_UNSUPPORTED;
}

void wy_expect(wy_test *t, enum wy_result as, const char *reason)
{
    if (t->result != WY_ACCEPTABLE) return; /* only acceptable cases can be re-judged */
    t->expect = as;
    snprintf(t->expect_reason, sizeof t->expect_reason, "%s", reason);
}

void wy_diff(wy_test *t, const char *what, const uint8_t *got, const uint8_t *want, size_t n)
{
    char g[100], w[100];
    wy_detail(t, "%s: got %s, want %s", what, vec_hex(g, sizeof g, got, n),
              vec_hex(w, sizeof w, want, n));
}
