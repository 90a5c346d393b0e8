#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 16

void json_init(JsonBuf *b) { memset(b, 0, sizeof(*b)); }

void json_free(JsonBuf *b) {
    free(b->data);
    memset(b, 0, sizeof(*b));
}

static void put(JsonBuf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (cap < b->len + n + 1) cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_(JsonBuf *b, const char *s) { put(b, s, strlen(s)); }

static void put_string(JsonBuf *b, const char *s) {
    put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            put(b, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            puts_(b, esc);
        } else {
            put(b, (const char *)p, 1);
        }
    }
    put(b, "\"", 1);
}

static void put_key(JsonBuf *b, const char *key) {
    if (b->needComma) put(b, ",", 1);
    put_string(b, key);
    put(b, ":", 1);
    b->needComma = 1;
}

static void put_double(JsonBuf *b, double v) {
    char num[40];
    if (!isfinite(v)) v = 0.0;
    snprintf(num, sizeof num, "%.17g", v);
    puts_(b, num);
}

void json_begin(JsonBuf *b) {
    puts_(b, "{");
    b->needComma = 0;
}

void json_end(JsonBuf *b) {
    puts_(b, "}");
    b->needComma = 1;
}

void json_key_object(JsonBuf *b, const char *key) {
    put_key(b, key);
    json_begin(b);
}

void json_key_string(JsonBuf *b, const char *key, const char *value) {
    put_key(b, key);
    put_string(b, value ? value : "");
}

void json_key_int(JsonBuf *b, const char *key, long long value) {
    char num[32];
    put_key(b, key);
    snprintf(num, sizeof num, "%lld", value);
    puts_(b, num);
}

void json_key_double(JsonBuf *b, const char *key, double value) {
    put_key(b, key);
    put_double(b, value);
}

void json_key_bool(JsonBuf *b, const char *key, int value) {
    put_key(b, key);
    puts_(b, value ? "true" : "false");
}

void json_key_null(JsonBuf *b, const char *key) {
    put_key(b, key);
    puts_(b, "null");
}

void json_key_doubles(JsonBuf *b, const char *key, const double *values, int count) {
    put_key(b, key);
    puts_(b, "[");
    for (int i = 0; i < count; i++) {
        if (i) puts_(b, ",");
        put_double(b, values[i]);
    }
    puts_(b, "]");
}

/* ---- reader ---- */

typedef struct Cursor {
    const char *p;
    const char *end;
} Cursor;

static void skip_ws(Cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int hex4(Cursor *c, unsigned *out) {
    if (c->end - c->p < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char h = c->p[i];
        v <<= 4;
        if (h >= '0' && h <= '9') v |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f') v |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') v |= (unsigned)(h - 'A' + 10);
        else return -1;
    }
    c->p += 4;
    *out = v;
    return 0;
}

/* Appends a code point as UTF-8 when it fits entirely; a full buffer drops the rest. */
static void emit_utf8(char *out, size_t cap, size_t *n, unsigned cp) {
    char u[4];
    size_t k;
    if (cp < 0x80) { u[0] = (char)cp; k = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    if (*n + k < cap) {
        memcpy(out + *n, u, k);
        *n += k;
    }
}

/* Parses a string at c->p (which is on the opening quote). out may be NULL to skip. */
static int parse_string(Cursor *c, char *out, size_t cap) {
    size_t n = 0;
    int full = 0;
    c->p++;
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '"') {
            if (out && full) {
                /* drop a multi-byte character cut by the truncation */
                size_t k = n;
                while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80) k--;
                if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
                    unsigned char lead = (unsigned char)out[k - 1];
                    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                    if (n - (k - 1) < need) n = k - 1;
                }
            }
            if (out) out[n] = '\0';
            return 0;
        }
        if (ch < 0x20) return -1;
        if (ch != '\\') {
            /* raw UTF-8 bytes: stop copying at the first byte that does not fit, then
             * back off to a character boundary at the end */
            if (out && !full) {
                if (n + 1 < cap) out[n++] = (char)ch;
                else full = 1;
            }
            continue;
        }
        if (c->p >= c->end) return -1;
        char e = *c->p++;
        unsigned cp;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (hex4(c, &cp)) return -1;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u') return -1;
                c->p += 2;
                if (hex4(c, &lo) || lo < 0xDC00 || lo > 0xDFFF) return -1;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            break;
        default: return -1;
        }
        if (out && !full) emit_utf8(out, cap, &n, cp);
    }
    return -1;
}

static int parse_value(Cursor *c, JsonField *f, int depth);

static int parse_container(Cursor *c, int depth) {
    char close = *c->p == '{' ? '}' : ']';
    int object = close == '}';
    if (depth > JSON_MAX_DEPTH) return -1;
    c->p++;
    skip_ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return 0;
    }
    for (;;) {
        skip_ws(c);
        if (object) {
            if (c->p >= c->end || *c->p != '"' || parse_string(c, NULL, 0)) return -1;
            skip_ws(c);
            if (c->p >= c->end || *c->p != ':') return -1;
            c->p++;
        }
        if (parse_value(c, NULL, depth + 1)) return -1;
        skip_ws(c);
        if (c->p >= c->end) return -1;
        if (*c->p == ',') { c->p++; continue; }
        if (*c->p == close) { c->p++; return 0; }
        return -1;
    }
}

static int parse_literal(Cursor *c, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || strncmp(c->p, word, n) != 0) return -1;
    c->p += n;
    return 0;
}

static int parse_number(Cursor *c, double *out) {
    char buf[64];
    size_t n = 0;
    while (c->p < c->end && n + 1 < sizeof buf && strchr("+-0123456789.eE", *c->p)) buf[n++] = *c->p++;
    buf[n] = '\0';
    char *stop;
    if (n == 0) return -1;
    *out = strtod(buf, &stop);
    return *stop == '\0' ? 0 : -1;
}

static int parse_value(Cursor *c, JsonField *f, int depth) {
    JsonField scratch;
    if (!f) f = &scratch;
    skip_ws(c);
    if (c->p >= c->end) return -1;
    switch (*c->p) {
    case '"': f->kind = JSON_STRING; return parse_string(c, f == &scratch ? NULL : f->text, JSON_MAX_TEXT);
    case '{':
    case '[': f->kind = JSON_NESTED; return parse_container(c, depth);
    case 't': f->kind = JSON_BOOL; f->number = 1; return parse_literal(c, "true");
    case 'f': f->kind = JSON_BOOL; f->number = 0; return parse_literal(c, "false");
    case 'n': f->kind = JSON_NULL; return parse_literal(c, "null");
    default: f->kind = JSON_NUMBER; return parse_number(c, &f->number);
    }
}

int json_parse_object(const char *text, size_t len, JsonObject *out) {
    Cursor c = {text, text + len};
    memset(out, 0, sizeof(*out));
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{') return -1;
    c.p++;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}') {
        c.p++;
    } else {
        for (;;) {
            JsonField skipped;
            JsonField *f = out->count < JSON_MAX_FIELDS ? &out->fields[out->count] : &skipped;
            skip_ws(&c);
            if (c.p >= c.end || *c.p != '"' || parse_string(&c, f->key, sizeof f->key)) return -1;
            skip_ws(&c);
            if (c.p >= c.end || *c.p != ':') return -1;
            c.p++;
            if (parse_value(&c, f, 1)) return -1;
            if (f != &skipped) out->count++;
            skip_ws(&c);
            if (c.p >= c.end) return -1;
            if (*c.p == ',') { c.p++; continue; }
            if (*c.p == '}') { c.p++; break; }
            return -1;
        }
    }
    skip_ws(&c);
    return c.p == c.end ? 0 : -1;
}

const JsonField *json_get(const JsonObject *o, const char *key, JsonKind kind) {
    for (int i = 0; i < o->count; i++) {
        if (strcmp(o->fields[i].key, key) == 0) return o->fields[i].kind == kind ? &o->fields[i] : NULL;
    }
    return NULL;
}
