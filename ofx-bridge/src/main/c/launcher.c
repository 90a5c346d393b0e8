#define _GNU_SOURCE
#include "launcher.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ENV_LAUNCHER "STYLEATLAS_ENGINE_LAUNCHER"
#define ENV_START_SECONDS "STYLEATLAS_ENGINE_START_SECONDS"
#define LAUNCHER_NAME "styleatlas-engine"
#define LOG_NAME "engine.log"
#define DEFAULT_START_SECONDS 30
#define MAX_START_SECONDS 600
#define RETRY_MS 100
/* Beside the socket: the shims' start lock (flock), the host's own lock (fcntl, docs/HOST.md), and the
 * launcher's exit status of one start. */
#define START_LOCK_SUFFIX ".start-lock"
#define HOST_LOCK_SUFFIX ".lock"
#define STATUS_SUFFIX ".launch-%ld-%ld"
/* A start that failed is not tried again for this long (unless a host is starting meanwhile): the rest
 * of a render pass fails at once instead of waiting out the bound on every frame. */
#define FAILURE_MEMORY_MS 60000
#define LOG_TAIL_BYTES 400
/* The launcher runs detached (a backgrounded subshell), with the socket path we will poll and its output
 * appended to the engine log; the subshell writes the launcher's exit status to $3 when it ends (a
 * launcher that exits 0 may have left a daemon, or found a host already running). */
#define SPAWN_SCRIPT                                                                                         \
    "( STYLEATLAS_ENGINE_SOCKET=\"$1\" \"$0\" </dev/null >>\"$2\" 2>&1; echo $? >\"$3.tmp\"; mv \"$3.tmp\" " \
    "\"$3\" ) </dev/null >/dev/null 2>&1 &"

extern char **environ;

/* The last failed start, per process (a batch host renders a pass in one process). */
typedef struct Failure {
    long long atMs;
    char socket[sizeof(((EngineAddress *)0)->path)];
    char launcher[PATH_MAX];
    char text[sizeof(((Err *)0)->text)];
} Failure;

static pthread_mutex_t g_failure_lock = PTHREAD_MUTEX_INITIALIZER;
static Failure g_failure = {.atMs = -1};
static atomic_long g_spawns;

static int start_seconds(void) {
    const char *env = getenv(ENV_START_SECONDS);
    int s = env ? atoi(env) : DEFAULT_START_SECONDS;
    return s < 1 ? 1 : s > MAX_START_SECONDS ? MAX_START_SECONDS : s;
}

/* <bundle>/Contents/Linux-x86-64/StyleAtlas.ofx -> <bundle>/Contents/Resources/styleatlas-engine */
static int launcher_path(char *out, size_t len) {
    const char *env = getenv(ENV_LAUNCHER);
    if (env && *env) return snprintf(out, len, "%s", env) < (int)len ? 0 : -1;
    Dl_info info;
    if (!dladdr((void *)launcher_path, &info) || !info.dli_fname) return -1;
    char self[PATH_MAX];
    if (snprintf(self, sizeof self, "%s", info.dli_fname) >= (int)sizeof self) return -1;
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(self, '/');
        if (!slash) return -1;
        *slash = '\0';
    }
    return snprintf(out, len, "%s/Resources/%s", self, LAUNCHER_NAME) < (int)len ? 0 : -1;
}

/* Copies the remembered failure of this start into e when it is recent; returns 1 then. */
static int recent_failure(const EngineAddress *a, const char *launcher, Err *e) {
    pthread_mutex_lock(&g_failure_lock);
    int hit = g_failure.atMs >= 0 && shim_now_ms() - g_failure.atMs < FAILURE_MEMORY_MS &&
              strcmp(g_failure.socket, a->path) == 0 && strcmp(g_failure.launcher, launcher) == 0;
    if (hit) snprintf(e->text, sizeof e->text, "%s", g_failure.text);
    pthread_mutex_unlock(&g_failure_lock);
    return hit;
}

static void remember_failure(const EngineAddress *a, const char *launcher, const Err *e) {
    pthread_mutex_lock(&g_failure_lock);
    g_failure.atMs = shim_now_ms();
    snprintf(g_failure.socket, sizeof g_failure.socket, "%s", a->path);
    snprintf(g_failure.launcher, sizeof g_failure.launcher, "%s", launcher);
    snprintf(g_failure.text, sizeof g_failure.text, "%s", e->text);
    pthread_mutex_unlock(&g_failure_lock);
}

static void forget_failure(void) {
    pthread_mutex_lock(&g_failure_lock);
    g_failure.atMs = -1;
    pthread_mutex_unlock(&g_failure_lock);
}

/* Whether another process holds the host's lock beside the socket: a host runs or is starting there. */
static int host_lock_held(const char *socketPath) {
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s%s", socketPath, HOST_LOCK_SUFFIX) >= (int)sizeof path) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    int held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return held;
}

/* The shims' start lock: one start at a time per socket, across threads and processes. Returns the
 * locked descriptor, -1 when the lock file cannot be made (the start goes on unserialised), or -2 when
 * the deadline passed or an engine answered meanwhile (then *c is connected). */
static int take_start_lock(const EngineAddress *a, long long boundMs, Conn *c, const Cancel *cancel, Err *e) {
    long long deadline = shim_now_ms() + boundMs;
    int extended = 0;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s%s", a->path, START_LOCK_SUFFIX) >= (int)sizeof path) return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
        Err ignored;
        if (conn_open(a, RETRY_MS, c, &ignored) == CONN_OK) {
            close(fd);
            return -2;
        }
        if (!extended && shim_now_ms() >= deadline && host_lock_held(a->path)) {
            extended = 1; /* a host is starting there: give it one more bound */
            deadline += boundMs;
        }
        if (cancel_requested(cancel) || shim_now_ms() >= deadline) {
            err_set(e, "StyleAtlas: another render is starting the engine at %s, and it did not listen in time",
                    a->path);
            close(fd);
            return -2;
        }
        usleep(RETRY_MS * 1000);
    }
}

static int spawn_launcher(const char *launcher, const char *socketPath, const char *logPath, const char *statusPath,
                          Err *e) {
    char *argv[] = {"sh", "-c", SPAWN_SCRIPT, (char *)launcher, (char *)socketPath, (char *)logPath,
                    (char *)statusPath, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (rc != 0) {
        err_set(e, "StyleAtlas: cannot start the engine launcher %s: %s", launcher, strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    atomic_fetch_add(&g_spawns, 1);
    fprintf(stderr, "StyleAtlas: started the engine with %s (log: %s)\n", launcher, logPath);
    return 0;
}

/* The launcher's exit code once it ended, else -1. */
static int launcher_exit_code(const char *statusPath) {
    FILE *f = fopen(statusPath, "r");
    if (!f) return -1;
    int code = -1;
    if (fscanf(f, "%d", &code) != 1) code = -1;
    fclose(f);
    return code;
}

/* The last non-empty line of the engine log (for the message when the launcher failed), or "". */
static void log_tail(const char *logPath, char *out, size_t len) {
    out[0] = '\0';
    FILE *f = fopen(logPath, "r");
    if (!f) return;
    char buf[LOG_TAIL_BYTES + 1];
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        fseek(f, size > LOG_TAIL_BYTES ? size - LOG_TAIL_BYTES : 0, SEEK_SET);
    }
    size_t n = fread(buf, 1, LOG_TAIL_BYTES, f);
    fclose(f);
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) buf[--n] = '\0';
    char *line = strrchr(buf, '\n');
    snprintf(out, len, "%s", line ? line + 1 : buf);
}

/* Waits until the engine listens. A launcher that exits non-zero ends the wait at once; at the bound,
 * a host that holds its lock (it runs or is starting, e.g. "already runs") gets one more bound. */
static int wait_listening(const EngineAddress *a, const char *launcher, const char *logPath, const char *statusPath,
                          int bound, Conn *c, const Cancel *cancel, Err *e) {
    long long deadline = shim_now_ms() + (long long)bound * 1000;
    int extended = 0;
    for (;;) {
        if (cancel_requested(cancel)) {
            err_set(e, "StyleAtlas: render aborted by the host while the engine was starting");
            return 1;
        }
        Err ignored;
        if (conn_open(a, RETRY_MS, c, &ignored) == CONN_OK) return 0;
        int code = statusPath ? launcher_exit_code(statusPath) : -1;
        if (code > 0) {
            char tail[LOG_TAIL_BYTES + 1];
            log_tail(logPath, tail, sizeof tail);
            err_set(e, "StyleAtlas: the engine launcher %s exited with code %d before the engine listened at %s; "
                       "see %s%s%s",
                    launcher, code, a->path, logPath, *tail ? ": " : "", tail);
            return -1;
        }
        if (shim_now_ms() >= deadline) {
            if (!extended && host_lock_held(a->path)) {
                extended = 1;
                deadline += (long long)bound * 1000;
                continue;
            }
            err_set(e, "StyleAtlas: started the engine with %s, but it did not listen at %s within %d s; see %s",
                    launcher, a->path, bound * (extended + 1), logPath);
            return -1;
        }
        usleep(RETRY_MS * 1000);
    }
}

/* Under the start lock: connect if an engine came up meanwhile, wait for a host that is starting, or
 * spawn the launcher and wait for it. */
static int start_locked(const EngineAddress *a, const char *launcher, const char *logPath, int bound, Conn *c,
                        const Cancel *cancel, Err *e) {
    Err ignored;
    if (conn_open(a, RETRY_MS, c, &ignored) == CONN_OK) return 0;
    if (host_lock_held(a->path)) return wait_listening(a, launcher, logPath, NULL, bound, c, cancel, e);
    if (recent_failure(a, launcher, e)) return 1;
    char statusPath[PATH_MAX];
    if (snprintf(statusPath, sizeof statusPath, "%s" STATUS_SUFFIX, a->path, (long)getpid(),
                 atomic_load(&g_spawns)) >= (int)sizeof statusPath) {
        err_set(e, "StyleAtlas: the engine socket path is too long to start an engine beside it: %s", a->path);
        return -1;
    }
    unlink(statusPath);
    if (spawn_launcher(launcher, a->path, logPath, statusPath, e)) return -1;
    int rc = wait_listening(a, launcher, logPath, statusPath, bound, c, cancel, e);
    if (launcher_exit_code(statusPath) >= 0) unlink(statusPath);
    return rc;
}

int launcher_start_and_connect(const EngineAddress *a, Conn *c, const Cancel *cancel, Err *e) {
    char launcher[PATH_MAX], dir[256], logPath[300];
    int bound = start_seconds();
    if (transport_runtime_dir(dir, sizeof dir) || launcher_path(launcher, sizeof launcher)) {
        err_set(e, "StyleAtlas: no engine runs at %s, and the launcher's path cannot be formed", a->path);
        return -1;
    }
    if (access(launcher, X_OK) != 0) {
        err_set(e, "StyleAtlas: no engine runs at %s, and there is no engine launcher at %s. Start the engine "
                   "(styleatlas serve) or reinstall the bundle with its engine (see docs/OFX.md).",
                a->path, launcher);
        return -1;
    }
    if (!host_lock_held(a->path) && recent_failure(a, launcher, e)) return -1;
    mkdir(dir, 0700);
    snprintf(logPath, sizeof logPath, "%s/%s", dir, LOG_NAME);

    int lock = take_start_lock(a, (long long)bound * 1000, c, cancel, e);
    if (lock == -2) return c->fd >= 0 ? 0 : -1;
    int rc = start_locked(a, launcher, logPath, bound, c, cancel, e);
    if (rc < 0) remember_failure(a, launcher, e);
    if (rc == 0) forget_failure();
    if (lock >= 0) close(lock); /* releases the flock */
    return rc == 0 ? 0 : -1;
}
