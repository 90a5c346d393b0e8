#include "pixels.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static float unit(float v) { return isnan(v) ? 0.0f : v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v; }

/* Bytes per sample: the one switch on pixel depth outside the conversion loops. */
static int depth_bytes(Depth d) {
    switch (d) {
    case DEPTH_BYTE: return 1;
    case DEPTH_SHORT: return 2;
    case DEPTH_FLOAT: break;
    }
    return 4;
}

static int parse_depth(const char *s, Depth *d) {
    if (strcmp(s, kOfxBitDepthByte) == 0) *d = DEPTH_BYTE;
    else if (strcmp(s, kOfxBitDepthShort) == 0) *d = DEPTH_SHORT;
    else if (strcmp(s, kOfxBitDepthFloat) == 0) *d = DEPTH_FLOAT;
    else return -1;
    return 0;
}

static int parse_components(const char *s) {
    if (strcmp(s, kOfxImageComponentRGBA) == 0) return 4;
    if (strcmp(s, kOfxImageComponentRGB) == 0) return 3;
    if (strcmp(s, kOfxImageComponentAlpha) == 0) return 1;
    return 0;
}

int image_width(const HostImage *img) { return img->bounds.x2 - img->bounds.x1; }
int image_height(const HostImage *img) { return img->bounds.y2 - img->bounds.y1; }

int image_fetch(OfxImageClipHandle clip, OfxTime t, int optional, HostImage *img, Err *e) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    memset(img, 0, sizeof(*img));
    if (g_shim.effect->clipGetImage(clip, t, NULL, &img->handle) != kOfxStatOK || !img->handle) {
        img->handle = NULL;
        if (optional) return 0;
        err_set(e, "StyleAtlas: the host gave no image at time %g", t);
        return -1;
    }
    void *data = NULL;
    char *depth = NULL, *comps = NULL, *premult = NULL;
    ps->propGetPointer(img->handle, kOfxImagePropData, 0, &data);
    ps->propGetIntN(img->handle, kOfxImagePropBounds, 4, &img->bounds.x1);
    ps->propGetInt(img->handle, kOfxImagePropRowBytes, 0, &img->rowBytes);
    ps->propGetString(img->handle, kOfxImageEffectPropPixelDepth, 0, &depth);
    ps->propGetString(img->handle, kOfxImageEffectPropComponents, 0, &comps);
    if (ps->propGetString(img->handle, kOfxImageEffectPropPreMultiplication, 0, &premult) == kOfxStatOK && premult)
        img->premultiplied = strcmp(premult, kOfxImagePreMultiplied) == 0;
    img->data = data;
    img->components = comps ? parse_components(comps) : 0;
    int w = image_width(img), h = image_height(img);
    if (!depth || parse_depth(depth, &img->depth) || img->components == 0) {
        err_set(e, "StyleAtlas: unsupported image format (%s, %s)", depth ? depth : "no depth", comps ? comps : "no components");
    } else if (!data || w <= 0 || h <= 0 || w > 65536 || h > 65536) {
        err_set(e, "StyleAtlas: the host gave an empty or invalid image (%dx%d)", w, h);
    } else if (llabs((long long)img->rowBytes) < (long long)w * img->components * depth_bytes(img->depth)) {
        err_set(e, "StyleAtlas: the host's row bytes (%d) are too few for %d pixels of %d components", img->rowBytes, w,
                img->components);
    } else {
        return 0;
    }
    image_release(img);
    return -1;
}

void image_release(HostImage *img) {
    if (img->handle) g_shim.effect->clipReleaseImage(img->handle);
    img->handle = NULL;
}

static const unsigned char *row_at(const HostImage *img, int y) {
    return img->data + (ptrdiff_t)(y - img->bounds.y1) * img->rowBytes;
}

/* Integer samples to floats: k / max, by table (the same division, done once per value). */
static float g_byte_lut[256];
static float g_short_lut[65536];
static pthread_once_t g_lut_once = PTHREAD_ONCE_INIT;

static void lut_init(void) {
    for (int i = 0; i < 256; i++) g_byte_lut[i] = (float)i / 255.0f;
    for (int i = 0; i < 65536; i++) g_short_lut[i] = (float)i / 65535.0f;
}

/* One sample of a row as a float: by table for integer depths. */
static inline float sample(const unsigned char *row, Depth d, int i) {
    switch (d) {
    case DEPTH_BYTE: return g_byte_lut[row[i]];
    case DEPTH_SHORT: return g_short_lut[((const uint16_t *)(const void *)row)[i]];
    case DEPTH_FLOAT: break;
    }
    return ((const float *)(const void *)row)[i];
}

/* One host row as wire RGBA. The depth, components and premultiplication are constants at each
 * call site below, so the compiler emits one tight loop per format. */
static inline void row_to_wire(const unsigned char *row, int w, Depth d, int c, int premult, float *dst) {
    if (d == DEPTH_FLOAT && c == 4 && !premult) {
        memcpy(dst, row, (size_t)w * 4 * sizeof(float));
        return;
    }
    for (int x = 0; x < w; x++, dst += 4) {
        float a = c == 4 ? sample(row, d, x * c + 3) : 1.0f;
        for (int k = 0; k < 3; k++) {
            float v = c >= 3 ? sample(row, d, x * c + k) : a;
            dst[k] = premult && a > 0.0f ? v / a : v;
        }
        dst[3] = a;
    }
}

#define ROW_TO_WIRE_FOR(D)                                                                                             \
    do {                                                                                                               \
        if (c == 4 && premult) row_to_wire(row, w, D, 4, 1, dst);                                                      \
        else if (c == 4) row_to_wire(row, w, D, 4, 0, dst);                                                            \
        else if (c == 3) row_to_wire(row, w, D, 3, 0, dst);                                                            \
        else row_to_wire(row, w, D, 1, 0, dst);                                                                        \
    } while (0)

void image_to_wire(const HostImage *img, float *dst) {
    pthread_once(&g_lut_once, lut_init);
    int w = image_width(img), c = img->components, premult = img->premultiplied && c == 4;
    for (int y = img->bounds.y2 - 1; y >= img->bounds.y1; y--, dst += (size_t)w * 4) {
        const unsigned char *row = row_at(img, y);
        switch (img->depth) {
        case DEPTH_BYTE: ROW_TO_WIRE_FOR(DEPTH_BYTE); break;
        case DEPTH_SHORT: ROW_TO_WIRE_FOR(DEPTH_SHORT); break;
        case DEPTH_FLOAT: ROW_TO_WIRE_FOR(DEPTH_FLOAT); break;
        }
    }
}

void image_to_wire_matte(const HostImage *img, OfxRectI frame, float *dst) {
    pthread_once(&g_lut_once, lut_init);
    int c = img->components, channel = c == 4 ? 3 : 0;
    for (int y = frame.y2 - 1; y >= frame.y1; y--) {
        int inY = y >= img->bounds.y1 && y < img->bounds.y2;
        const unsigned char *row = inY ? row_at(img, y) : NULL;
        for (int x = frame.x1; x < frame.x2; x++) {
            int inside = inY && x >= img->bounds.x1 && x < img->bounds.x2;
            *dst++ = inside ? unit(sample(row, img->depth, (x - img->bounds.x1) * c + channel)) : 0.0f;
        }
    }
}

/* A wire value as an integer sample of max M: rint(clamp(v, 0, 1) · M), NaN as 0 — lrintf's value.
 * The comparisons fail for NaN (as in unit()); adding and subtracting 2^23 rounds a float in
 * [0, 2^23) to an integer in the current rounding mode (half to even by default), exactly as lrintf
 * does, and unlike lrintf it lets the compiler convert four or eight samples per instruction. */
#define ROUNDING_MAGIC 8388608.0f
static inline int to_integer(float v, float max) {
    v = v > 0.0f ? v : 0.0f;
    v = v < 1.0f ? v : 1.0f;
    return (int)((v * max + ROUNDING_MAGIC) - ROUNDING_MAGIC);
}

/* Straight RGBA wire samples to 8-bit or 16-bit samples, one to one (n samples). */
static void samples_to_bytes(const float *restrict src, unsigned char *restrict dst, size_t n) {
    for (size_t i = 0; i < n; i++) dst[i] = (unsigned char)to_integer(src[i], 255.0f);
}

static void samples_to_shorts(const float *restrict src, uint16_t *restrict dst, size_t n) {
    for (size_t i = 0; i < n; i++) dst[i] = (uint16_t)to_integer(src[i], 65535.0f);
}

/* The pixels [x1, x2) of one output row from wire RGBA src (the same pixels of the wire's row). As
 * for row_to_wire, the format is constant at each call site. */
static inline void row_from_wire(unsigned char *row, const float *src, int n, Depth d, int c, int premult) {
    if (c == 4 && !premult) { /* the wire's layout: one sample for one sample */
        size_t count = (size_t)n * 4;
        if (d == DEPTH_BYTE) samples_to_bytes(src, row, count);
        else if (d == DEPTH_SHORT) samples_to_shorts(src, (uint16_t *)(void *)row, count);
        else memcpy(row, src, count * sizeof(float));
        return;
    }
    for (int x = 0; x < n; x++, src += 4) {
        float scale = premult ? src[3] : 1.0f;
        for (int k = 0; k < c; k++) {
            float v = c == 1 ? src[3] : k < 3 ? src[k] * scale : src[3];
            int i = x * c + k;
            switch (d) {
            case DEPTH_BYTE: row[i] = (unsigned char)to_integer(v, 255.0f); break;
            case DEPTH_SHORT: ((uint16_t *)(void *)row)[i] = (uint16_t)to_integer(v, 65535.0f); break;
            case DEPTH_FLOAT: ((float *)(void *)row)[i] = v; break;
            }
        }
    }
}

#define ROW_FROM_WIRE_FOR(D)                                                                                           \
    do {                                                                                                               \
        if (c == 4 && premult) row_from_wire(at, src, n, D, 4, 1);                                                     \
        else if (c == 4) row_from_wire(at, src, n, D, 4, 0);                                                           \
        else if (c == 3 && premult) row_from_wire(at, src, n, D, 3, 1);                                                \
        else if (c == 3) row_from_wire(at, src, n, D, 3, 0);                                                           \
        else row_from_wire(at, src, n, D, 1, 0);                                                                       \
    } while (0)

/* Converts n wire pixels into the output row at pixel index x (from the image's left edge). */
static void span_from_wire(HostImage *out, unsigned char *row, int x, const float *src, int n) {
    int c = out->components, premult = out->premultiplied; /* colour × alpha, as the host declares */
    unsigned char *at = row + (size_t)x * c * depth_bytes(out->depth);
    switch (out->depth) {
    case DEPTH_BYTE: ROW_FROM_WIRE_FOR(DEPTH_BYTE); break;
    case DEPTH_SHORT: ROW_FROM_WIRE_FOR(DEPTH_SHORT); break;
    case DEPTH_FLOAT: ROW_FROM_WIRE_FOR(DEPTH_FLOAT); break;
    }
}

/* Pixels of the output outside the wire's frame become 0 (transparent black at every depth). */
static void span_zero(const HostImage *out, unsigned char *row, int x, int n) {
    if (n <= 0) return;
    size_t px = (size_t)out->components * depth_bytes(out->depth);
    memset(row + (size_t)x * px, 0, (size_t)n * px);
}

void image_from_wire(HostImage *out, const float *src, OfxRectI frame, OfxRectI window) {
    int fw = frame.x2 - frame.x1;
    int x1 = window.x1 > out->bounds.x1 ? window.x1 : out->bounds.x1;
    int x2 = window.x2 < out->bounds.x2 ? window.x2 : out->bounds.x2;
    int y1 = window.y1 > out->bounds.y1 ? window.y1 : out->bounds.y1;
    int y2 = window.y2 < out->bounds.y2 ? window.y2 : out->bounds.y2;
    if (x2 <= x1) return;
    /* [in1, in2): the columns of the window that the frame covers (empty when it covers none). */
    int in1 = frame.x1 > x1 ? frame.x1 : x1;
    int in2 = frame.x2 < x2 ? frame.x2 : x2;
    if (in2 < in1) in2 = in1 = x2;
    for (int y = y1; y < y2; y++) {
        unsigned char *row = (unsigned char *)row_at(out, y);
        int ox = x1 - out->bounds.x1;
        if (y < frame.y1 || y >= frame.y2) {
            span_zero(out, row, ox, x2 - x1);
            continue;
        }
        const float *wireRow = src + (size_t)(frame.y2 - 1 - y) * fw * 4;
        span_zero(out, row, ox, in1 - x1);
        if (in2 > in1) span_from_wire(out, row, in1 - out->bounds.x1, wireRow + (size_t)(in1 - frame.x1) * 4, in2 - in1);
        span_zero(out, row, in2 - out->bounds.x1, x2 - in2);
    }
}
