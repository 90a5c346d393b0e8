#define _GNU_SOURCE
#include "engine.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "launcher.h"

#define ENV_TOKEN "STYLEATLAS_ENGINE_TOKEN"
#define TOKEN_FILE "engine.token"
#define TOKEN_MAX 256

static atomic_llong g_next_id;

long long engine_next_id(void) { return atomic_fetch_add(&g_next_id, 1) + 1; }

static int read_token(char *out, size_t len, Err *e) {
    const char *env = getenv(ENV_TOKEN);
    if (env && *env) {
        if (snprintf(out, len, "%s", env) < (int)len) return 0;
        err_set(e, "StyleAtlas: %s is longer than %zu bytes", ENV_TOKEN, len - 1);
        return -1;
    }
    char dir[256], path[300];
    if (transport_runtime_dir(dir, sizeof dir)) {
        err_set(e, "StyleAtlas: cannot name the engine's runtime folder (XDG_RUNTIME_DIR too long) to read its token");
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, TOKEN_FILE);
    FILE *f = fopen(path, "r");
    if (!f) {
        err_set(e, "StyleAtlas: a TCP engine needs a token: set %s or copy the engine's token file to %s", ENV_TOKEN, path);
        return -1;
    }
    size_t n = fread(out, 1, len - 1, f);
    fclose(f);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r' || out[n - 1] == ' ')) n--;
    out[n] = '\0';
    return 0;
}

/* Receives one reply header and checks its framing, JSON, id and error status. */
static int receive_reply(Conn *c, long long id, long long deadline, const Cancel *cancel, JsonObject *reply, Err *e) {
    char *header;
    size_t len;
    if (conn_recv_header(c, &header, &len, deadline, cancel, e)) return -1;
    int bad = json_parse_object(header, len, reply);
    free(header);
    const JsonField *type = bad ? NULL : json_get(reply, "type", JSON_STRING);
    const JsonField *rid = bad ? NULL : json_get(reply, "id", JSON_NUMBER);
    if (!type) {
        err_set(e, "StyleAtlas: malformed reply from the engine (not a JSON object with a \"type\")");
        return -1;
    }
    if (strcmp(type->text, "error") == 0) {
        const JsonField *code = json_get(reply, "code", JSON_STRING);
        const JsonField *msg = json_get(reply, "message", JSON_STRING);
        err_set(e, "StyleAtlas engine error (%s): %s", code ? code->text : "unknown", msg ? msg->text : "no message");
        return -1;
    }
    if (!rid || (long long)rid->number != id) {
        err_set(e, "StyleAtlas: malformed reply from the engine (reply id does not match request %lld)", id);
        return -1;
    }
    return 0;
}

static int hello(Conn *c, const Cancel *cancel, Err *e) {
    char token[TOKEN_MAX];
    if (read_token(token, sizeof token, e)) return -1;
    long long id = engine_next_id();
    JsonBuf b;
    json_init(&b);
    json_begin(&b);
    json_key_string(&b, "type", "hello");
    json_key_int(&b, "id", id);
    json_key_int(&b, "protocol", ENGINE_PROTOCOL);
    json_key_string(&b, "client", SHIM_CLIENT_NAME);
    json_key_string(&b, "token", token);
    json_end(&b);
    long long deadline = shim_now_ms() + ENGINE_CONNECT_MS;
    JsonObject reply;
    int rc = b.failed ? -1 : conn_send(c, b.data, b.len, NULL, NULL, 0, deadline, cancel, e);
    json_free(&b);
    return rc ? rc : receive_reply(c, id, deadline, cancel, &reply, e);
}

static int connect_engine(const EngineAddress *a, int mayStart, Conn *c, const Cancel *cancel, Err *e) {
    ConnResult r = conn_open(a, ENGINE_CONNECT_MS, c, e);
    if (r == CONN_NOBODY && mayStart) return launcher_start_and_connect(a, c, cancel, e);
    if (r != CONN_OK) return -1;
    return a->tcp ? hello(c, cancel, e) : 0;
}

int engine_exchange(const EngineRequest *r, JsonObject *reply, Err *e) {
    Conn c;
    if (connect_engine(r->address, r->mayStartEngine, &c, r->cancel, e)) return -1;
    long long deadline = shim_now_ms() + r->waitMs + ENGINE_REPLY_SLACK_MS;
    int rc = conn_send(&c, r->header, r->headerLen, r->parts, r->sizes, r->partCount, deadline, r->cancel, e);
    if (rc == 0) rc = receive_reply(&c, r->id, deadline, r->cancel, reply, e);
    if (rc == 0 && r->address->tcp) {
        const JsonField *payload = json_get(reply, "payloadBytes", JSON_NUMBER);
        size_t bytes = payload ? (size_t)payload->number : 0;
        if (bytes != r->replyPayloadBytes) {
            err_set(e, "StyleAtlas: malformed reply from the engine (payload of %zu bytes, expected %zu)", bytes,
                    r->replyPayloadBytes);
            rc = -1;
        } else if (bytes > 0) {
            rc = conn_recv_bytes(&c, r->replyPayload, bytes, deadline, r->cancel, e);
        }
    }
    conn_close(&c);
    return rc;
}
