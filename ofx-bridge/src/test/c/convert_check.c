/* The shim's pixel conversions (pixels.c) against the reference they replaced: the per-sample
 * conversion of docs/PROTOCOL.md, written out plainly below. Random host images of every depth,
 * component count and premultiplication, random windows and frames, float specials: the wire floats
 * and the written samples must be identical byte for byte.
 *
 *   convert_check                 correctness run (ShimDriversTest, sanitized build): prints "mismatches 0"
 *   convert_check bench W H REPS  timing of both at W x H, 8-bit RGBA (docs/BENCHMARKS.md, optimised build)
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pixels.h"

ShimHost g_shim; /* pixels.c's image_fetch needs it; the conversions do not */

/* ---- the reference: one sample at a time ---- */
static float ref_unit(float v) { return isnan(v) ? 0.0f : v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v; }

static float ref_load(Depth d, const unsigned char *row, int i) {
    if (d == DEPTH_BYTE) return row[i] / 255.0f;
    if (d == DEPTH_SHORT) return ((const uint16_t *)(const void *)row)[i] / 65535.0f;
    return ((const float *)(const void *)row)[i];
}

static void ref_store(Depth d, unsigned char *row, int i, float v) {
    if (d == DEPTH_BYTE) row[i] = (unsigned char)lrintf(ref_unit(v) * 255.0f);
    else if (d == DEPTH_SHORT) ((uint16_t *)(void *)row)[i] = (uint16_t)lrintf(ref_unit(v) * 65535.0f);
    else ((float *)(void *)row)[i] = v;
}

static const unsigned char *ref_row(const HostImage *img, int y) {
    return img->data + (ptrdiff_t)(y - img->bounds.y1) * img->rowBytes;
}

static void ref_to_wire(const HostImage *img, float *dst) {
    int w = image_width(img), c = img->components;
    for (int y = img->bounds.y2 - 1; y >= img->bounds.y1; y--) {
        const unsigned char *row = ref_row(img, y);
        for (int x = 0; x < w; x++, dst += 4) {
            float a = c == 4 ? ref_load(img->depth, row, x * c + 3) : 1.0f;
            for (int k = 0; k < 3; k++) {
                float v = c >= 3 ? ref_load(img->depth, row, x * c + k) : a;
                dst[k] = img->premultiplied && a > 0.0f ? v / a : v;
            }
            dst[3] = a;
        }
    }
}

static void ref_from_wire(HostImage *out, const float *src, OfxRectI frame, OfxRectI window) {
    int c = out->components, fw = frame.x2 - frame.x1;
    int x1 = window.x1 > out->bounds.x1 ? window.x1 : out->bounds.x1;
    int x2 = window.x2 < out->bounds.x2 ? window.x2 : out->bounds.x2;
    int y1 = window.y1 > out->bounds.y1 ? window.y1 : out->bounds.y1;
    int y2 = window.y2 < out->bounds.y2 ? window.y2 : out->bounds.y2;
    for (int y = y1; y < y2; y++) {
        unsigned char *row = (unsigned char *)ref_row(out, y);
        int inY = y >= frame.y1 && y < frame.y2;
        for (int x = x1; x < x2; x++) {
            int idx = (x - out->bounds.x1) * c;
            float px[4] = {0, 0, 0, 0};
            if (inY && x >= frame.x1 && x < frame.x2)
                memcpy(px, src + ((size_t)(frame.y2 - 1 - y) * fw + (size_t)(x - frame.x1)) * 4, sizeof px);
            if (c == 1) {
                ref_store(out->depth, row, idx, px[3]);
                continue;
            }
            float scale = out->premultiplied ? px[3] : 1.0f;
            for (int k = 0; k < 3; k++) ref_store(out->depth, row, idx + k, px[k] * scale);
            if (c == 4) ref_store(out->depth, row, idx + 3, px[3]);
        }
    }
}

/* ---- images ---- */
typedef struct Image {
    HostImage img;
    unsigned char *block;
    size_t bytes;
} Image;

static int sample_bytes(Depth d) { return d == DEPTH_BYTE ? 1 : d == DEPTH_SHORT ? 2 : 4; }

static void image_new(Image *im, OfxRectI bounds, Depth d, int comps, int premult, int negative, int pad) {
    int w = bounds.x2 - bounds.x1, h = bounds.y2 - bounds.y1;
    int stride = w * comps * sample_bytes(d) + pad;
    im->bytes = (size_t)stride * h;
    im->block = calloc(1, im->bytes);
    if (!im->block) abort();
    im->img = (HostImage){.data = negative ? im->block + (size_t)stride * (h - 1) : im->block,
                          .bounds = bounds,
                          .rowBytes = negative ? -stride : stride,
                          .depth = d,
                          .components = comps,
                          .premultiplied = premult};
}

static const float SPECIALS[] = {NAN, -INFINITY, -1.0f, -0.0f, 0.0f, 1e-8f, 0.5f / 255, 2.5f / 255,
                                 0.5f, 1.0f - 1e-7f, 1.0f, 1.0000001f, 2.0f, INFINITY};

static float random_float(void) {
    int r = rand() % 8;
    if (r == 0) return SPECIALS[rand() % (int)(sizeof SPECIALS / sizeof SPECIALS[0])];
    if (r == 1) return (float)(rand() % 256) / 255.0f + (float)(rand() % 3 - 1) * 0.5f / 255.0f;
    return (float)rand() / (float)RAND_MAX * 1.2f - 0.1f;
}

static void fill_random(Image *im) {
    for (size_t i = 0; i < im->bytes; i++) im->block[i] = (unsigned char)rand();
    if (im->img.depth == DEPTH_FLOAT) {
        float *f = (float *)(void *)im->block;
        for (size_t i = 0; i < im->bytes / 4; i++) f[i] = random_float();
    }
}

static OfxRectI random_rect(int span) {
    int x1 = rand() % span - span / 4, y1 = rand() % span - span / 4;
    return (OfxRectI){x1, y1, x1 + 1 + rand() % span, y1 + 1 + rand() % span};
}

/* One random case; returns the number of differing bytes (wire and output). */
static long check_case(void) {
    Depth d = (Depth)(rand() % 3);
    int comps = (int[]){1, 3, 4}[rand() % 3];
    OfxRectI frame = random_rect(40);
    Image src, a, b;
    image_new(&src, frame, d, comps, comps == 4 && rand() % 2, rand() % 2, rand() % 3 * 4);
    fill_random(&src);
    size_t n = (size_t)image_width(&src.img) * image_height(&src.img) * 4;
    float *w1 = malloc(n * sizeof(float)), *w2 = malloc(n * sizeof(float));
    if (!w1 || !w2) abort();
    image_to_wire(&src.img, w1);
    ref_to_wire(&src.img, w2);
    long bad = memcmp(w1, w2, n * sizeof(float)) != 0;
    /* the engine's answer: random floats with specials, on the same frame */
    for (size_t i = 0; i < n; i++) w1[i] = random_float();
    OfxRectI outBounds = random_rect(40), window = random_rect(40);
    int premult = rand() % 2, negative = rand() % 2, pad = rand() % 3 * 4;
    Depth od = (Depth)(rand() % 3);
    int oc = (int[]){1, 3, 4}[rand() % 3];
    image_new(&a, outBounds, od, oc, premult, negative, pad);
    image_new(&b, outBounds, od, oc, premult, negative, pad);
    memset(a.block, 0x5a, a.bytes); /* pixels outside the window must stay untouched */
    memset(b.block, 0x5a, b.bytes);
    image_from_wire(&a.img, w1, frame, window);
    ref_from_wire(&b.img, w1, frame, window);
    for (size_t i = 0; i < a.bytes; i++) bad += a.block[i] != b.block[i];
    free(w1);
    free(w2);
    free(src.block);
    free(a.block);
    free(b.block);
    return bad;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, by_value);
    return v[n / 2];
}

/* 8-bit RGBA W x H (negative row bytes, as the harness's images): both conversions, alternately. */
static int bench(int w, int h, int reps) {
    Image src, out;
    OfxRectI frame = {0, 0, w, h};
    image_new(&src, frame, DEPTH_BYTE, 4, 0, 1, 8);
    image_new(&out, frame, DEPTH_BYTE, 4, 0, 1, 8);
    fill_random(&src);
    size_t n = (size_t)w * h * 4;
    float *wire = malloc(n * sizeof(float));
    if (!wire) abort();
    memset(wire, 0, n * sizeof(float));
    double *t[4];
    for (int k = 0; k < 4; k++) t[k] = malloc((size_t)reps * sizeof(double));
    for (int r = 0; r < reps; r++) {
        double s0 = now_ms();
        ref_to_wire(&src.img, wire);
        double s1 = now_ms();
        image_to_wire(&src.img, wire);
        double s2 = now_ms();
        ref_from_wire(&out.img, wire, frame, frame);
        double s3 = now_ms();
        image_from_wire(&out.img, wire, frame, frame);
        double s4 = now_ms();
        t[0][r] = s1 - s0, t[1][r] = s2 - s1, t[2][r] = s3 - s2, t[3][r] = s4 - s3;
    }
    printf("%dx%d 8-bit RGBA, median of %d: to wire %.2f ms (reference) / %.2f ms (shim); from wire %.2f ms "
           "(reference) / %.2f ms (shim)\n",
           w, h, reps, median(t[0], reps), median(t[1], reps), median(t[2], reps), median(t[3], reps));
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 5 && strcmp(argv[1], "bench") == 0) return bench(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
    srand(12345);
    long bad = 0;
    int cases = 3000;
    for (int i = 0; i < cases; i++) bad += check_case();
    printf("cases %d mismatches %ld\n", cases, bad);
    return bad != 0;
}
