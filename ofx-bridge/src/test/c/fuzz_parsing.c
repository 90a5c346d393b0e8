/*
 * Bounded random-input driver for the shim's parsing, run under AddressSanitizer and UBSan: the reply
 * header parser (json_parse_object, fed random bytes, mutations of valid replies and deep nesting), the
 * Engine address parameter (transport_resolve), and the JSON writer round trip of random parameter strings
 * (what the shim sends for a prompt). Any memory error aborts the run (ASan); a round trip that changes a
 * string is reported and fails it.
 *
 * Usage: fuzz_parsing SECONDS [SEED]   prints "inputs tried N, crashes 0" on success.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "transport.h"

static uint64_t g_state;

static uint64_t next(void) { /* splitmix64 */
    uint64_t z = (g_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t below(size_t n) { return n ? (size_t)(next() % n) : 0; }

static const char *SEEDS[] = {
    "{\"type\":\"frame\",\"id\":7,\"status\":\"ready\",\"payloadBytes\":1024,\"progress\":0.5}",
    "{\"type\":\"error\",\"id\":1,\"code\":\"bad-input\",\"message\":\"prompt: \\u00e9\\ud83d\\ude00 too long\"}",
    "{\"type\":\"pending\",\"id\":2,\"stage\":\"decomposing\",\"progress\":4.3e-1,\"extra\":{\"a\":[1,2,{\"b\":null}]}}",
    "{\"type\":\"hello\",\"protocol\":1,\"ok\":true,\"no\":false,\"n\":null,\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
    "{}",
};
static const char ALPHABET[] = "{}[]\":,\\ntfrue0123456789.eE+-\\u00ffabc \t\n";

/* One input: random bytes, a mutated seed, or a deeply nested value. */
static size_t make_input(char *buf, size_t cap) {
    size_t kind = below(4), n = 0;
    if (kind == 0) {
        n = below(cap);
        for (size_t i = 0; i < n; i++) buf[i] = (char)next();
    } else if (kind == 1) {
        n = below(cap);
        for (size_t i = 0; i < n; i++) buf[i] = ALPHABET[below(sizeof ALPHABET - 1)];
    } else if (kind == 2) {
        const char *s = SEEDS[below(sizeof SEEDS / sizeof *SEEDS)];
        n = strlen(s);
        memcpy(buf, s, n);
        for (size_t m = below(8) + 1; m > 0 && n > 0; m--) {
            size_t at = below(n), op = below(3);
            if (op == 0) buf[at] = (char)next();
            else if (op == 1 && n + 1 < cap) { memmove(buf + at + 1, buf + at, n - at); buf[at] = ALPHABET[below(sizeof ALPHABET - 1)]; n++; }
            else { memmove(buf + at, buf + at + 1, n - at - 1); n--; }
        }
        if (below(4) == 0) n = below(n + 1); /* truncated */
    } else {
        size_t depth = below(cap / 2 - 16);
        n = (size_t)snprintf(buf, cap, "{\"k\":");
        for (size_t i = 0; i < depth && n < cap - 8; i++) buf[n++] = below(2) ? '[' : '{';
        buf[n++] = '1';
    }
    return n;
}

/* A random string of printable ASCII, control characters and multi-byte UTF-8. */
static size_t random_text(char *out, size_t cap) {
    static const char *PIECES[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "é", "€", "😀", "{", "}"};
    size_t n = 0, count = below(64);
    for (size_t i = 0; i < count; i++) {
        const char *p = PIECES[below(sizeof PIECES / sizeof *PIECES)];
        size_t l = strlen(p);
        if (n + l + 1 >= cap) break;
        memcpy(out + n, p, l);
        n += l;
    }
    out[n] = '\0';
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_parsing SECONDS [SEED]\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    g_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    long long end = shim_now_ms() + (long long)(seconds * 1000);
    long long tried = 0, parsed = 0;
    enum { CAP = 4096 };
    static JsonObject obj;
    while (shim_now_ms() < end) {
        for (int batch = 0; batch < 256; batch++, tried++) {
            /* Exactly sized heap copies, so ASan sees any read past the input. */
            char tmp[CAP];
            size_t n = make_input(tmp, CAP);
            char *in = malloc(n ? n : 1);
            memcpy(in, tmp, n);
            if (json_parse_object(in, n, &obj) == 0) {
                parsed++;
                for (int i = 0; i < obj.count; i++) json_get(&obj, obj.fields[i].key, obj.fields[i].kind);
            }
            free(in);

            char param[300];
            size_t pl = below(4) == 0 ? random_text(param, sizeof param) : make_input(param, sizeof param - 1);
            param[pl] = '\0';
            static const char *PREFIXES[] = {"", "unix:", "tcp:", "tcp:h:", "local"};
            char address[400];
            snprintf(address, sizeof address, "%s%s", PREFIXES[below(5)], param);
            EngineAddress a;
            Err e;
            transport_resolve(address, &a, &e);

            char text[512];
            random_text(text, sizeof text);
            JsonBuf b;
            json_init(&b);
            json_begin(&b);
            json_key_string(&b, "prompt", text);
            json_key_double(&b, "strength", (double)(int64_t)next() / 1e9);
            json_end(&b);
            if (b.failed || json_parse_object(b.data, b.len, &obj) != 0) {
                fprintf(stderr, "the writer produced JSON the reader refuses: %.*s\n", (int)b.len, b.data);
                return 1;
            }
            const JsonField *f = json_get(&obj, "prompt", JSON_STRING);
            if (!f || strcmp(f->text, text) != 0) {
                fprintf(stderr, "prompt changed in a round trip: \"%s\" -> \"%s\"\n", text, f ? f->text : "(none)");
                return 1;
            }
            json_free(&b);
        }
    }
    printf("inputs tried %lld (%lld valid objects) in %.1f s, crashes 0\n", tried, parsed, seconds);
    return 0;
}
