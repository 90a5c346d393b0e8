#include "pixels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef float (*LoadFn)(const unsigned char *row, int index);
typedef void (*StoreFn)(unsigned char *row, int index, float v);

static float load_byte(const unsigned char *row, int i) { return row[i] / 255.0f; }
static float load_short(const unsigned char *row, int i) { return ((const uint16_t *)(const void *)row)[i] / 65535.0f; }
static float load_float(const unsigned char *row, int i) { return ((const float *)(const void *)row)[i]; }

static float unit(float v) { return isnan(v) ? 0.0f : v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v; }
static void store_byte(unsigned char *row, int i, float v) { row[i] = (unsigned char)lrintf(unit(v) * 255.0f); }
static void store_short(unsigned char *row, int i, float v) {
    ((uint16_t *)(void *)row)[i] = (uint16_t)lrintf(unit(v) * 65535.0f);
}
static void store_float(unsigned char *row, int i, float v) { ((float *)(void *)row)[i] = v; }

typedef struct DepthOps {
    LoadFn load;
    StoreFn store;
    int bytes; /* per sample */
} DepthOps;

/* The one switch on pixel depth. */
static DepthOps ops_for(Depth d) {
    switch (d) {
    case DEPTH_BYTE: return (DepthOps){load_byte, store_byte, 1};
    case DEPTH_SHORT: return (DepthOps){load_short, store_short, 2};
    case DEPTH_FLOAT: break;
    }
    return (DepthOps){load_float, store_float, 4};
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
    } else if (llabs((long long)img->rowBytes) < (long long)w * img->components * ops_for(img->depth).bytes) {
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

void image_to_wire(const HostImage *img, float *dst) {
    DepthOps ops = ops_for(img->depth);
    int w = image_width(img), c = img->components;
    for (int y = img->bounds.y2 - 1; y >= img->bounds.y1; y--) {
        const unsigned char *row = row_at(img, y);
        for (int x = 0; x < w; x++, dst += 4) {
            float a = c == 4 ? ops.load(row, x * c + 3) : 1.0f;
            for (int k = 0; k < 3; k++) {
                float v = c >= 3 ? ops.load(row, x * c + k) : a;
                dst[k] = img->premultiplied && a > 0.0f ? v / a : v;
            }
            dst[3] = a;
        }
    }
}

void image_to_wire_matte(const HostImage *img, OfxRectI frame, float *dst) {
    DepthOps ops = ops_for(img->depth);
    int c = img->components, channel = c == 4 ? 3 : 0;
    for (int y = frame.y2 - 1; y >= frame.y1; y--) {
        int inY = y >= img->bounds.y1 && y < img->bounds.y2;
        const unsigned char *row = inY ? row_at(img, y) : NULL;
        for (int x = frame.x1; x < frame.x2; x++) {
            int inside = inY && x >= img->bounds.x1 && x < img->bounds.x2;
            *dst++ = inside ? unit(ops.load(row, (x - img->bounds.x1) * c + channel)) : 0.0f;
        }
    }
}

void image_from_wire(HostImage *out, const float *src, OfxRectI frame, OfxRectI window) {
    DepthOps ops = ops_for(out->depth);
    int c = out->components, fw = frame.x2 - frame.x1;
    int x1 = window.x1 > out->bounds.x1 ? window.x1 : out->bounds.x1;
    int x2 = window.x2 < out->bounds.x2 ? window.x2 : out->bounds.x2;
    int y1 = window.y1 > out->bounds.y1 ? window.y1 : out->bounds.y1;
    int y2 = window.y2 < out->bounds.y2 ? window.y2 : out->bounds.y2;
    for (int y = y1; y < y2; y++) {
        unsigned char *row = (unsigned char *)row_at(out, y);
        int inY = y >= frame.y1 && y < frame.y2;
        for (int x = x1; x < x2; x++) {
            int idx = (x - out->bounds.x1) * c;
            float px[4] = {0, 0, 0, 0};
            if (inY && x >= frame.x1 && x < frame.x2) {
                memcpy(px, src + ((size_t)(frame.y2 - 1 - y) * fw + (size_t)(x - frame.x1)) * 4, sizeof px);
            }
            if (c == 1) {
                ops.store(row, idx, px[3]);
                continue;
            }
            float scale = out->premultiplied ? px[3] : 1.0f;
            for (int k = 0; k < 3; k++) ops.store(row, idx + k, px[k] * scale);
            if (c == 4) ops.store(row, idx + 3, px[3]);
        }
    }
}
