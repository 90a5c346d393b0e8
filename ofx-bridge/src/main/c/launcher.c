#define _GNU_SOURCE
#include "launcher.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
/* The launcher runs detached (sh backgrounds it and exits), with the socket path we will poll,
 * and its output appended to the engine log. */
#define SPAWN_SCRIPT "STYLEATLAS_ENGINE_SOCKET=\"$1\" exec \"$0\" </dev/null >>\"$2\" 2>&1 &"

extern char **environ;

static pthread_mutex_t g_launch_lock = PTHREAD_MUTEX_INITIALIZER;
static long long g_launched_at_ms = -1;
static char g_launched[PATH_MAX];

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

static int spawn_launcher(const char *launcher, const char *socketPath, const char *logPath, Err *e) {
    char *argv[] = {"sh", "-c", SPAWN_SCRIPT, (char *)launcher, (char *)socketPath, (char *)logPath, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (rc != 0) {
        err_set(e, "StyleAtlas: cannot start the engine launcher %s: %s", launcher, strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return 0;
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
    mkdir(dir, 0700);
    snprintf(logPath, sizeof logPath, "%s/%s", dir, LOG_NAME);

    pthread_mutex_lock(&g_launch_lock);
    long long now = shim_now_ms();
    int spawned = 0;
    if (g_launched_at_ms < 0 || now - g_launched_at_ms > (long long)bound * 1000 || strcmp(g_launched, launcher) != 0) {
        if (spawn_launcher(launcher, a->path, logPath, e)) {
            pthread_mutex_unlock(&g_launch_lock);
            return -1;
        }
        g_launched_at_ms = now;
        snprintf(g_launched, sizeof g_launched, "%s", launcher);
        spawned = 1;
    }
    long long deadline = g_launched_at_ms + (long long)bound * 1000;
    pthread_mutex_unlock(&g_launch_lock);
    if (spawned) fprintf(stderr, "StyleAtlas: started the engine with %s (log: %s)\n", launcher, logPath);

    while (shim_now_ms() < deadline) {
        if (cancel_requested(cancel)) {
            err_set(e, "StyleAtlas: render aborted by the host while the engine was starting");
            return -1;
        }
        Err ignored;
        if (conn_open(a, RETRY_MS, c, &ignored) == CONN_OK) return 0;
        usleep(RETRY_MS * 1000);
    }
    err_set(e, "StyleAtlas: started the engine with %s, but it did not listen at %s within %d s; see %s",
            launcher, a->path, bound, logPath);
    return -1;
}
