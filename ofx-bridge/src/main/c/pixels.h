/* Host images and the wire's pixel convention: RGBA float32, straight alpha, top row first. */
#ifndef STYLEATLAS_PIXELS_H
#define STYLEATLAS_PIXELS_H

#include "shim.h"

typedef enum Depth { DEPTH_BYTE, DEPTH_SHORT, DEPTH_FLOAT } Depth;

typedef struct HostImage {
    OfxPropertySetHandle handle;
    unsigned char *data;   /* pixel (bounds.x1, bounds.y1) */
    OfxRectI bounds;
    int rowBytes;          /* negative for images stored top row first */
    Depth depth;
    int components;        /* 1 (alpha), 3 (RGB) or 4 (RGBA) */
    int premultiplied;
} HostImage;

/* Fetches an image from a clip; *img->handle is NULL (and 0 returned) when the clip has none at t
 * and optional is set. */
int image_fetch(OfxImageClipHandle clip, OfxTime t, int optional, HostImage *img, Err *e);
void image_release(HostImage *img);
int image_width(const HostImage *img);
int image_height(const HostImage *img);

/* The whole image as wire RGBA (width·height·4 floats). */
void image_to_wire(const HostImage *img, float *dst);
/* One matte channel sampled on frame (the source's bounds), 0 outside the matte image. */
void image_to_wire_matte(const HostImage *img, OfxRectI frame, float *dst);
/* Writes the window of out from wire RGBA laid out on frame; pixels outside frame become 0. */
void image_from_wire(HostImage *out, const float *src, OfxRectI frame, OfxRectI window);

#endif
