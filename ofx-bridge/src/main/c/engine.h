/* One request/reply exchange with the engine host, per docs/PROTOCOL.md. */
#ifndef STYLEATLAS_ENGINE_H
#define STYLEATLAS_ENGINE_H

#include "json.h"
#include "transport.h"

#define ENGINE_PROTOCOL 1
/* Slack on top of the engine's own waitMs before the shim gives up on a reply. */
#define ENGINE_REPLY_SLACK_MS 5000
#define ENGINE_CONNECT_MS 3000

typedef struct EngineRequest {
    const EngineAddress *address;
    const char *header;            /* JSON header, with "id" equal to id */
    size_t headerLen;
    long long id;
    const void *parts[2];          /* TCP inline payload parts (image, matte) */
    size_t sizes[2];
    int partCount;
    void *replyPayload;            /* TCP: where the reply's payload goes */
    size_t replyPayloadBytes;      /* TCP: the payload size expected, or 0 */
    int waitMs;
    int mayStartEngine;            /* start the local engine when none listens (renders, not UI actions) */
    const Cancel *cancel;
} EngineRequest;

long long engine_next_id(void);

/* Sends the request and parses the reply. An "error" reply, a broken connection, a timeout or a
 * malformed reply all return -1 with a user-readable message. */
int engine_exchange(const EngineRequest *r, JsonObject *reply, Err *e);

#endif
