/* Small JSON support for the bridge protocol: a growable writer, and a reader for the flat
 * reply headers (top-level strings, numbers and booleans; nested values are validated and skipped). */
#ifndef STYLEATLAS_JSON_H
#define STYLEATLAS_JSON_H

#include <stddef.h>

typedef struct JsonBuf {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* out of memory: every later append is ignored */
    int needComma;
} JsonBuf;

void json_init(JsonBuf *b);
void json_free(JsonBuf *b);
void json_begin(JsonBuf *b);               /* "{" */
void json_end(JsonBuf *b);                 /* "}" */
void json_key_object(JsonBuf *b, const char *key); /* "key":{ */
void json_key_string(JsonBuf *b, const char *key, const char *value);
void json_key_int(JsonBuf *b, const char *key, long long value);
void json_key_double(JsonBuf *b, const char *key, double value);
void json_key_bool(JsonBuf *b, const char *key, int value);
void json_key_null(JsonBuf *b, const char *key);
void json_key_doubles(JsonBuf *b, const char *key, const double *values, int count);

#define JSON_MAX_FIELDS 24
#define JSON_MAX_TEXT 1024

typedef enum JsonKind { JSON_ABSENT, JSON_STRING, JSON_NUMBER, JSON_BOOL, JSON_NULL, JSON_NESTED } JsonKind;

typedef struct JsonField {
    char key[32];
    JsonKind kind;
    char text[JSON_MAX_TEXT]; /* strings, decoded to UTF-8 and truncated at a character boundary */
    double number;
} JsonField;

typedef struct JsonObject {
    int count;
    JsonField fields[JSON_MAX_FIELDS];
} JsonObject;

/* Parses one JSON object. Returns 0, or -1 when the text is not a valid JSON object. */
int json_parse_object(const char *text, size_t len, JsonObject *out);
const JsonField *json_get(const JsonObject *o, const char *key, JsonKind kind);

#endif
