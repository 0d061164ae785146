/* tlsgauntlet — AFL++ driver: persistent mode with shared-memory test cases.
 *
 * Built only with afl-clang-fast (the __AFL_* macros come from it). One
 * forked process runs many inputs (__AFL_LOOP), each read from the shared
 * buffer AFL++ fills (__AFL_FUZZ_TESTCASE_BUF), so an execution costs a
 * function call, not a fork+exec. Given file or directory arguments it
 * replays them instead (the same as driver/replay.c), which is how a
 * reproducer found by AFL++ is re-run with the very binary that found it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);
int fz_replay_main(int argc, char **argv);

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
    if (argc > 1) return fz_replay_main(argc, argv);
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    /* deferred fork server: start after the one-time initialisation */
    __AFL_INIT();
    const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(100000)) {
        size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
        LLVMFuzzerTestOneInput(buf, len);
    }
    return 0;
}
