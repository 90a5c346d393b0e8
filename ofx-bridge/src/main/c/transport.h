/* Connections to the engine host: Unix domain socket (local) or TCP (remote), with the protocol's
 * framing (uint32 big-endian header length, JSON header, optional payload) and bounded waits. */
#ifndef STYLEATLAS_TRANSPORT_H
#define STYLEATLAS_TRANSPORT_H

#include <stddef.h>

#include "shim.h"

#define TRANSPORT_MAX_HEADER 65536

typedef struct EngineAddress {
    int tcp;
    char path[108];  /* Unix socket path (sun_path size) */
    char host[256];  /* TCP host */
    char port[16];   /* TCP port */
} EngineAddress;

/* Folder of the engine's socket, token and log: $XDG_RUNTIME_DIR/styleatlas or /tmp/styleatlas-$UID. */
int transport_runtime_dir(char *out, size_t len);

/* Resolves the Engine address param: "" or "local" (env STYLEATLAS_ENGINE_SOCKET, else the
 * runtime folder's engine.sock), "unix:/path", or "tcp:host:port". */
int transport_resolve(const char *param, EngineAddress *out, Err *e);

typedef struct Conn {
    int fd;
} Conn;

typedef enum ConnResult { CONN_OK = 0, CONN_FAILED = -1, CONN_NOBODY = -2 } ConnResult;

/* Connects within timeoutMs. CONN_NOBODY means no engine listens at a local address. */
ConnResult conn_open(const EngineAddress *a, int timeoutMs, Conn *c, Err *e);
void conn_close(Conn *c);

/* Sends a header and then the payload parts, all before deadlineMs (monotonic). */
int conn_send(Conn *c, const char *header, size_t headerLen, const void *const *parts,
              const size_t *sizes, int count, long long deadlineMs, const Cancel *cancel, Err *e);

/* Receives one header (NUL-terminated, at most TRANSPORT_MAX_HEADER bytes) before deadlineMs.
 * *header is malloc'ed; the caller frees it. */
int conn_recv_header(Conn *c, char **header, size_t *len, long long deadlineMs, const Cancel *cancel, Err *e);
int conn_recv_bytes(Conn *c, void *dst, size_t n, long long deadlineMs, const Cancel *cancel, Err *e);

#endif
