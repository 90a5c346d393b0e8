/* The effect's parameters: their description, and their values at a render time (clamped). */
#ifndef STYLEATLAS_PARAMS_H
#define STYLEATLAS_PARAMS_H

#include "json.h"
#include "shim.h"

#define PARAM_PROMPT "globalPrompt"
#define PARAM_LOCAL_PROMPT "localPrompt"
#define PARAM_MORPH_TO "morphTo"
#define PARAM_MORPH "morph"
#define PARAM_STYLE_IMAGE "styleImage"
#define PARAM_PREFIXES "prefixes"
#define PARAM_QUALITY "quality"
#define PARAM_ITERATIONS "iterations"
#define PARAM_SEED "seed"
#define PARAM_STRENGTH "strength"
#define PARAM_OUTPUT "output"
#define PARAM_MATTE_SOURCE "matteSource"
#define PARAM_BOX_TOP_LEFT "boxTopLeft"
#define PARAM_BOX_BOTTOM_RIGHT "boxBottomRight"
#define PARAM_BOX_FRAME "boxFrame"
#define PARAM_CLIP_LENGTH "clipLength"
#define PARAM_WAIT "wait"
#define PARAM_MAX_WAIT "maxWaitSeconds"
#define PARAM_LAMBDA_GLOBAL "lambdaGlobal"
#define PARAM_LAMBDA_LOCAL "lambdaLocal"
#define PARAM_LAMBDA_TEMPORAL "lambdaTemporal"
#define PARAM_LAMBDA_SPARSITY "lambdaSparsity"
#define PARAM_STYLIZE_BACKGROUND "stylizeBackground"
#define PARAM_ENGINE_ADDRESS "engineAddress"
#define PARAM_STATUS "status"

#define PROMPT_MAX_BYTES 1000
#define PATH_MAX_BYTES 4096

typedef enum OutputMode { OUTPUT_COMPOSITE, OUTPUT_FOREGROUND, OUTPUT_MATTE, OUTPUT_RECONSTRUCTION, OUTPUT_ORIGINAL } OutputMode;
typedef enum MatteSource { MATTE_CLIP, MATTE_ALPHA, MATTE_BOX } MatteSource;

typedef struct StyleParams {
    char prompt[PROMPT_MAX_BYTES + 1];
    char localPrompt[PROMPT_MAX_BYTES + 1];
    char morphTo[PROMPT_MAX_BYTES + 1];
    char styleImage[PATH_MAX_BYTES + 1];
    char engineAddress[512];
    int prefixes;
    int quality;
    int iterations;
    int seed;
    double strength;
    double morph;
    OutputMode output;
    MatteSource matteSource;
    double box[4];
    int boxFrame;
    double lambdas[4];
    int stylizeBackground;
    int wait;
    int maxWaitSeconds;
    int clipLength;
    int batchRender;  /* not a parameter: the instance is not interactive (kOfxPropIsInteractive 0) */
} StyleParams;

OfxStatus params_describe(OfxImageEffectHandle descriptor, const char *context);
/* Reads every parameter at time t, validates and clamps. */
int params_read(OfxImageEffectHandle instance, OfxTime t, StyleParams *p, Err *e);
/* Reads only the Output param (for isIdentity). */
int params_read_output(OfxImageEffectHandle instance, OfxTime t, OutputMode *out);
/* Writes the "params" object of a request. */
void params_to_json(JsonBuf *b, const StyleParams *p);
/* Shows text in the read-only Status param; ignored when the host refuses. */
void params_set_status(OfxImageEffectHandle instance, const char *text);

#endif
