/*
 * The plug-in refuses an engine socket another user listens on, before it sends a byte (#19.2): a child
 * process takes another user id ("nobody") and listens; conn_open must fail naming that user, and the child
 * must receive nothing. A socket of our own user connects. Exit 0 pass, 1 fail, 77 skip (not root).
 *
 * Usage: peer_owner_check FOLDER   (a folder the other user may create a socket in)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "transport.h"

#define OTHER_UID 65534

/* Listens at path as uid (when not -1); reports the bytes one client sent through the pipe. */
static pid_t listener(const char *path, int uid, int ready[2], int report[2]) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    if (uid >= 0 && (setgid(uid) != 0 || setuid(uid) != 0)) _exit(77);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 4) != 0) _exit(3);
    char one = 1;
    if (write(ready[1], &one, 1) != 1) _exit(3);
    int c = accept(s, NULL, NULL);
    long total = 0;
    char buf[4096];
    ssize_t r;
    while (c >= 0 && (r = read(c, buf, sizeof buf)) > 0) total += r;
    if (write(report[1], &total, sizeof total) != sizeof total) _exit(3);
    _exit(0);
}

/* Connects to a listener of uid; returns the conn_open result and the bytes the listener received. */
static int attempt(const char *dir, const char *name, int uid, long *received, Err *e) {
    char path[108];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    int ready[2], report[2];
    if (pipe(ready) || pipe(report)) return 99;
    pid_t pid = listener(path, uid, ready, report);
    char one;
    if (read(ready[0], &one, 1) != 1) {
        int status;
        waitpid(pid, &status, 0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 77 ? 77 : 98;
    }
    EngineAddress a = {0};
    snprintf(a.path, sizeof a.path, "%s", path);
    Conn c;
    ConnResult r = conn_open(&a, 2000, &c, e);
    if (r == CONN_OK) {
        const char hello[] = "hello";
        if (send(c.fd, hello, sizeof hello, MSG_NOSIGNAL) < 0) perror("send");
    }
    conn_close(&c);
    if (read(report[0], received, sizeof *received) != sizeof *received) *received = -1;
    waitpid(pid, NULL, 0);
    unlink(path);
    return r;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    if (getuid() != 0) {
        printf("skipped: listening as another user needs root\n");
        return 77;
    }
    Err e = {{0}};
    long received = 0;
    int r = attempt(argv[1], "other.sock", OTHER_UID, &received, &e);
    if (r == 77) {
        printf("skipped: cannot take user id %d here\n", OTHER_UID);
        return 77;
    }
    char expect[64];
    snprintf(expect, sizeof expect, "belongs to user id %d", OTHER_UID);
    if (r != CONN_FAILED || !strstr(e.text, expect) || received != 0) {
        printf("FAIL: another user's socket: result %d, %ld bytes received, message: %s\n", r, received, e.text);
        return 1;
    }
    printf("another user's socket refused: %s\n", e.text);
    r = attempt(argv[1], "own.sock", -1, &received, &e);
    if (r != CONN_OK || received != 6) {
        printf("FAIL: own socket: result %d, %ld bytes received, message: %s\n", r, received, e.text);
        return 1;
    }
    printf("own socket accepted\n");
    return 0;
}
