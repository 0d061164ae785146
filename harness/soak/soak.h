/* tlsgauntlet — the loopback soak test (./gauntlet soak, issue 11 §4).
 *
 * gt-soak starts gt-server (--echo) on 127.0.0.1 and drives it with many
 * concurrent clients for a bounded time. Each client thread runs one
 * scenario after another, round robin:
 *   iut-full      the IUT client (gt_conn over harness/net): full
 *                 handshake, a short echo, close_notify both ways
 *   iut-large     the same with 1 MiB echoed in 16 KiB rounds
 *   ossl-full     OpenSSL libssl as the client, full handshake and echo
 *   ossl-resume   OpenSSL offering the session of its last full handshake
 *                 (resumed when the server supports resumption; counted)
 *   abort         half a ClientHello, then the socket is closed
 *   garbage       random bytes instead of TLS: the server must close
 *   slowloris     a real ClientHello one byte every 200 ms: the server
 *                 must drop it by its handshake deadline (idle timeout)
 * A connection passes when it behaved as its scenario expects (for the
 * last three: the fault was handled, i.e. the server ended the
 * connection). The server's VmRSS is sampled every second. */
#ifndef GT_SOAK_H
#define GT_SOAK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum soak_scn {
    SCN_IUT_FULL,
    SCN_IUT_LARGE,
    SCN_OSSL_FULL,
    SCN_OSSL_RESUME,
    SCN_ABORT,
    SCN_GARBAGE,
    SCN_SLOWLORIS,
    SCN_COUNT
};

#define SOAK_MAX_CAUSES 32

typedef struct {
    const char *pki;  /* vectors/pki */
    const char *host; /* 127.0.0.1 */
    char port[16];
    int idle_s; /* the server's idle timeout */
} soak_target;

/* Per-thread results, merged at the end. */
typedef struct {
    uint64_t passed[SCN_COUNT], failed[SCN_COUNT];
    uint64_t handshakes, resumed, resume_tries, bytes;
    struct {
        char what[96];
        uint64_t n;
    } cause[SOAK_MAX_CAUSES];
    size_t n_causes;
} soak_stats;

/* Records a failure of scenario s for the given cause (aggregated). */
void soak_fail(soak_stats *st, enum soak_scn s, const char *cause);
const char *soak_scn_name(enum soak_scn s);

/* One connection of each kind; 0 passed, -1 failed (soak_fail called). */
int soak_iut(const soak_target *t, soak_stats *st, int large);
int soak_ossl(const soak_target *t, soak_stats *st, void **session, int resume);
int soak_abort(const soak_target *t, soak_stats *st);
int soak_garbage(const soak_target *t, soak_stats *st);
int soak_slowloris(const soak_target *t, soak_stats *st, int byte_ms);
void soak_iut_thread_done(void); /* frees the thread's client config */
void soak_ossl_global_init(const char *pki);
void soak_ossl_session_free(void *session);

/* A connected TCP socket to the target (blocking, with receive/send
 * timeouts of timeout_ms), or -1. */
int soak_connect(const soak_target *t, int timeout_ms);
/* The bytes of a real ClientHello record from a fresh IUT client. */
size_t soak_client_hello(const soak_target *t, uint8_t *out, size_t cap);

/* The server process (server.c). */
typedef struct {
    pid_t pid;
    char log[256]; /* its stdout+stderr */
} soak_server;
int soak_server_start(soak_server *s, const char *bin, const char *pki, int idle_s, char *port,
                      size_t pcap);
long soak_server_rss_kb(const soak_server *s); /* VmRSS, -1 if gone */
int soak_server_alive(const soak_server *s);
/* Stops it; counts the lines "ok" and "fail" it printed. */
void soak_server_stop(soak_server *s, uint64_t *ok, uint64_t *fail);

#endif
