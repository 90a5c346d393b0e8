#define _GNU_SOURCE
#include "transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define ENV_SOCKET "STYLEATLAS_ENGINE_SOCKET"
#define ADDRESS_LOCAL "local"
#define PREFIX_UNIX "unix:"
#define PREFIX_TCP "tcp:"
#define SOCKET_FILE "engine.sock"
#define POLL_SLICE_MS 50

int transport_runtime_dir(char *out, size_t len) {
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    int n = xdg && *xdg ? snprintf(out, len, "%s/styleatlas", xdg)
                        : snprintf(out, len, "/tmp/styleatlas-%u", (unsigned)getuid());
    return n > 0 && (size_t)n < len ? 0 : -1;
}

static int set_path(EngineAddress *out, const char *path, Err *e) {
    if (strlen(path) >= sizeof out->path) {
        err_set(e, "StyleAtlas: the engine socket path is too long (%zu bytes, at most %zu): %s",
                strlen(path), sizeof out->path - 1, path);
        return -1;
    }
    strcpy(out->path, path);
    return 0;
}

int transport_resolve(const char *param, EngineAddress *out, Err *e) {
    memset(out, 0, sizeof(*out));
    if (!param || !*param || strcmp(param, ADDRESS_LOCAL) == 0) {
        const char *env = getenv(ENV_SOCKET);
        if (env && *env) return set_path(out, env, e);
        char dir[256], path[300];
        if (transport_runtime_dir(dir, sizeof dir)) {
            err_set(e, "StyleAtlas: cannot name the engine's runtime folder (XDG_RUNTIME_DIR too long)");
            return -1;
        }
        snprintf(path, sizeof path, "%s/%s", dir, SOCKET_FILE);
        return set_path(out, path, e);
    }
    if (strncmp(param, PREFIX_UNIX, strlen(PREFIX_UNIX)) == 0) return set_path(out, param + strlen(PREFIX_UNIX), e);
    if (strncmp(param, PREFIX_TCP, strlen(PREFIX_TCP)) == 0) {
        const char *hostPort = param + strlen(PREFIX_TCP);
        const char *colon = strrchr(hostPort, ':');
        size_t hostLen = colon ? (size_t)(colon - hostPort) : 0;
        if (!colon || hostLen == 0 || hostLen >= sizeof out->host || strlen(colon + 1) == 0 ||
            strlen(colon + 1) >= sizeof out->port || strspn(colon + 1, "0123456789") != strlen(colon + 1)) {
            err_set(e, "StyleAtlas: Engine address \"%s\" is not tcp:HOST:PORT", param);
            return -1;
        }
        out->tcp = 1;
        memcpy(out->host, hostPort, hostLen);
        strcpy(out->port, colon + 1);
        return 0;
    }
    err_set(e, "StyleAtlas: Engine address \"%s\" must be \"local\", \"unix:/path\" or \"tcp:host:port\"", param);
    return -1;
}

static int wait_fd(int fd, short events, long long deadlineMs, const Cancel *cancel, Err *e, const char *what) {
    for (;;) {
        long long left = deadlineMs - shim_now_ms();
        if (left <= 0) {
            err_set(e, "StyleAtlas: the engine did not answer in time (timed out %s)", what);
            return -1;
        }
        if (cancel_requested(cancel)) {
            err_set(e, "StyleAtlas: render aborted by the host while %s", what);
            return -1;
        }
        struct pollfd p = {.fd = fd, .events = events};
        int r = poll(&p, 1, (int)(left < POLL_SLICE_MS ? left : POLL_SLICE_MS));
        if (r > 0) return 0;
        if (r < 0 && errno != EINTR) {
            err_set(e, "StyleAtlas: waiting for the engine failed: %s", strerror(errno));
            return -1;
        }
    }
}

/*
 * Refuses an engine socket that another user listens on (one planted in a shared folder, or reached through a
 * re-pointed link): the kernel's record of the listening process's user must be ours, before a byte is sent.
 */
static ConnResult check_peer_owner(const EngineAddress *a, Conn *c, Err *e) {
    struct ucred peer;
    socklen_t len = sizeof peer;
    if (getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 || len != sizeof peer) {
        int code = errno;
        conn_close(c);
        err_set(e, "StyleAtlas: cannot verify who owns the engine socket %s (%s); nothing was sent", a->path,
                strerror(code));
        return CONN_FAILED;
    }
    if (peer.uid != getuid()) {
        conn_close(c);
        err_set(e, "StyleAtlas: the engine socket %s belongs to user id %u, not to you (%u); nothing was sent. "
                   "Another user may have planted it: remove it, or set XDG_RUNTIME_DIR to a private folder",
                a->path, (unsigned)peer.uid, (unsigned)getuid());
        return CONN_FAILED;
    }
    return CONN_OK;
}

static ConnResult open_unix(const EngineAddress *a, Conn *c, Err *e) {
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, a->path, strlen(a->path) + 1);
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        err_set(e, "StyleAtlas: cannot create a socket: %s", strerror(errno));
        return CONN_FAILED;
    }
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) == 0) return check_peer_owner(a, c, e);
    int code = errno;
    conn_close(c);
    err_set(e, "StyleAtlas: no engine answers at %s (%s)", a->path, strerror(code));
    return code == ENOENT || code == ECONNREFUSED ? CONN_NOBODY : CONN_FAILED;
}

static ConnResult open_tcp(const EngineAddress *a, int timeoutMs, Conn *c, Err *e) {
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(a->host, a->port, &hints, &res);
    if (gai != 0) {
        err_set(e, "StyleAtlas: cannot resolve engine host %s: %s", a->host, gai_strerror(gai));
        return CONN_FAILED;
    }
    ConnResult result = CONN_FAILED;
    err_set(e, "StyleAtlas: cannot connect to the engine at %s:%s", a->host, a->port);
    for (struct addrinfo *ai = res; ai && result != CONN_OK; ai = ai->ai_next) {
        c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (c->fd < 0) continue;
        int r = connect(c->fd, ai->ai_addr, ai->ai_addrlen);
        if (r != 0 && errno == EINPROGRESS &&
            wait_fd(c->fd, POLLOUT, shim_now_ms() + timeoutMs, NULL, e, "connecting") == 0) {
            int soerr = 0;
            socklen_t l = sizeof soerr;
            getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &l);
            r = soerr ? -1 : 0;
            if (soerr) err_set(e, "StyleAtlas: cannot connect to the engine at %s:%s: %s", a->host, a->port, strerror(soerr));
        }
        if (r == 0) {
            fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
            result = CONN_OK;
        } else {
            conn_close(c);
        }
    }
    freeaddrinfo(res);
    return result;
}

ConnResult conn_open(const EngineAddress *a, int timeoutMs, Conn *c, Err *e) {
    c->fd = -1;
    return a->tcp ? open_tcp(a, timeoutMs, c, e) : open_unix(a, c, e);
}

void conn_close(Conn *c) {
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
}

static int send_all(Conn *c, const void *data, size_t n, long long deadlineMs, const Cancel *cancel, Err *e) {
    const char *p = data;
    while (n > 0) {
        if (wait_fd(c->fd, POLLOUT, deadlineMs, cancel, e, "sending")) return -1;
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (w <= 0) {
            err_set(e, "StyleAtlas: the engine closed the connection while receiving a request (%s)",
                    w < 0 ? strerror(errno) : "closed");
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int conn_send(Conn *c, const char *header, size_t headerLen, const void *const *parts, const size_t *sizes,
              int count, long long deadlineMs, const Cancel *cancel, Err *e) {
    unsigned char len[4] = {(unsigned char)(headerLen >> 24), (unsigned char)(headerLen >> 16),
                            (unsigned char)(headerLen >> 8), (unsigned char)headerLen};
    if (headerLen == 0 || headerLen > TRANSPORT_MAX_HEADER) {
        err_set(e, "StyleAtlas: request header of %zu bytes exceeds the protocol's limit", headerLen);
        return -1;
    }
    if (send_all(c, len, 4, deadlineMs, cancel, e) || send_all(c, header, headerLen, deadlineMs, cancel, e)) return -1;
    for (int i = 0; i < count; i++) {
        if (send_all(c, parts[i], sizes[i], deadlineMs, cancel, e)) return -1;
    }
    return 0;
}

int conn_recv_bytes(Conn *c, void *dst, size_t n, long long deadlineMs, const Cancel *cancel, Err *e) {
    char *p = dst;
    while (n > 0) {
        if (wait_fd(c->fd, POLLIN, deadlineMs, cancel, e, "waiting for its reply")) return -1;
        ssize_t r = recv(c->fd, p, n, MSG_DONTWAIT);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (r <= 0) {
            err_set(e, "StyleAtlas: the engine closed the connection before it replied (%s); see the engine log",
                    r < 0 ? strerror(errno) : "end of stream");
            return -1;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int conn_recv_header(Conn *c, char **header, size_t *len, long long deadlineMs, const Cancel *cancel, Err *e) {
    unsigned char raw[4];
    *header = NULL;
    if (conn_recv_bytes(c, raw, 4, deadlineMs, cancel, e)) return -1;
    uint32_t n = ((uint32_t)raw[0] << 24) | ((uint32_t)raw[1] << 16) | ((uint32_t)raw[2] << 8) | raw[3];
    if (n == 0 || n > TRANSPORT_MAX_HEADER) {
        err_set(e, "StyleAtlas: malformed reply from the engine (header length %u)", (unsigned)n);
        return -1;
    }
    char *h = malloc(n + 1);
    if (!h) {
        err_set(e, "StyleAtlas: out of memory reading the engine's reply");
        return -1;
    }
    if (conn_recv_bytes(c, h, n, deadlineMs, cancel, e)) {
        free(h);
        return -1;
    }
    h[n] = '\0';
    *header = h;
    *len = n;
    return 0;
}
