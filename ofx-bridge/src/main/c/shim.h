/* Shared state and helpers of the StyleAtlas.ofx shim. */
#ifndef STYLEATLAS_SHIM_H
#define STYLEATLAS_SHIM_H

#include "ofx_api.h"

#define SHIM_PLUGIN_ID "org.styleatlas.TextStylize"
#define SHIM_VERSION_MAJOR 0
#define SHIM_VERSION_MINOR 1
#define SHIM_CLIENT_NAME "StyleAtlas.ofx 0.1"
#define SHIM_MATTE_CLIP "Matte"

/* The host's suites, fetched on load. Only the property, image-effect and parameter suites are
 * required; the others are NULL when the host lacks them. */
typedef struct ShimHost {
    OfxHost *host;
    const OfxPropertySuiteV1 *prop;
    const OfxImageEffectSuiteV1 *effect;
    const OfxParameterSuiteV1 *param;
    const OfxMemorySuiteV1 *memory;
    const OfxMessageSuiteV1 *message;
    const OfxProgressSuiteV1 *progress;
    const OfxMultiThreadSuiteV1 *thread;
} ShimHost;

extern ShimHost g_shim;

/* A failure on its way to the host: the user-visible text. */
typedef struct Err {
    char text[768];
} Err;

void err_set(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Returns nonzero when the host asked to abort the render of this instance. */
typedef struct Cancel {
    int (*check)(void *ctx);
    void *ctx;
} Cancel;

int cancel_requested(const Cancel *c);

/* Posts an error through the message suite (on stderr when the host has none). */
void shim_post_error(OfxImageEffectHandle effect, const char *text);
void shim_post_log(OfxImageEffectHandle effect, const char *text);

/* Monotonic milliseconds. */
long long shim_now_ms(void);

#endif
