#include "params.h"

#include <math.h>
#include <string.h>

#define PAGE_MAIN "pageStyleAtlas"
#define PAGE_ADVANCED "pageAdvanced"

static const char *const PREFIX_LABELS[] = {"0", "4", "8"};
static const int PREFIX_VALUES[] = {0, 4, 8};
static const char *const QUALITY_LABELS[] = {"Draft", "Standard", "Final"};
static const char *const QUALITY_WIRE[] = {"draft", "standard", "final"};
static const char *const OUTPUT_LABELS[] = {"Composite", "Foreground layer", "Matte", "Full reconstruction", "Original"};
static const char *const OUTPUT_WIRE[] = {"composite", "foreground", "matte", "reconstruction", "original"};
static const char *const MATTE_LABELS[] = {"Matte clip", "Source alpha", "Box"};
static const char *const MATTE_WIRE[] = {"clip", "alpha", "box"};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define LAMBDA_MAX 100 /* the described maximum; hosts do not clamp */

typedef struct ParamSpec {
    const char *name;
    const char *type;
    const char *label;
    const char *hint;
    int advanced;
    int animates;
    double def, min, max, def2; /* numbers; def2 is the second component of a 2D param */
    const char *const *options; /* choices */
    int optionCount;
    const char *stringMode;     /* strings */
} ParamSpec;

static const ParamSpec SPECS[] = {
    {PARAM_PROMPT, kOfxParamTypeString, "Global prompt",
     "What the object should become, e.g. \"a swan made of gold\". May be keyframed; the value at each frame is used.",
     0, 1, 0, 0, 0, 0, NULL, 0, kOfxParamStringIsMultiLine},
    {PARAM_LOCAL_PROMPT, kOfxParamTypeString, "Local prompt",
     "Text for the close-up (local) views of the object. Empty uses the global prompt.", 0, 1, 0, 0, 0, 0, NULL, 0,
     kOfxParamStringIsMultiLine},
    {PARAM_MORPH_TO, kOfxParamTypeString, "Morph to",
     "A second prompt the look blends towards as Morph goes from 0 to 1 (blended in atlas space, so every "
     "in-between frame stays consistent). Empty: no morph.", 0, 1, 0, 0, 0, 0, NULL, 0, kOfxParamStringIsMultiLine},
    {PARAM_MORPH, kOfxParamTypeDouble, "Morph",
     "0 = the Global prompt's look, 1 = the Morph to prompt's look. Animate it (hosts interpolate it between "
     "keys) for a transition.", 0, 1, 0, 0, 1, 0, NULL, 0, NULL},
    {PARAM_STYLE_IMAGE, kOfxParamTypeString, "Style image",
     "Optional reference image for the style, as a path on the engine's machine.", 0, 0, 0, 0, 0, 0, NULL, 0,
     kOfxParamStringIsFilePath},
    {PARAM_PREFIXES, kOfxParamTypeChoice, "Prefix augmentation",
     "Number of text prefixes (\"a photo of\", ...) added to the prompt during training: 0, 4 or 8.", 0, 0, 1, 0, 0, 0,
     PREFIX_LABELS, COUNT(PREFIX_LABELS), NULL},
    {PARAM_QUALITY, kOfxParamTypeChoice, "Quality",
     "Training preset: Draft is fast for previews, Final is slow and sharp.", 0, 0, 1, 0, 0, 0, QUALITY_LABELS,
     COUNT(QUALITY_LABELS), NULL},
    {PARAM_ITERATIONS, kOfxParamTypeInteger, "Iterations override",
     "Stylization iterations; 0 uses the Quality preset.", 0, 0, 0, 0, 100000, 0, NULL, 0, NULL},
    {PARAM_SEED, kOfxParamTypeInteger, "Seed", "Random seed; the same seed and settings give the same result.", 0, 0,
     0, 0, 2147483647, 0, NULL, 0, NULL},
    {PARAM_STRENGTH, kOfxParamTypeDouble, "Strength",
     "Blend between the original (0) and the stylized (1) foreground colour. Animatable.", 0, 1, 1, 0, 1, 0, NULL, 0,
     NULL},
    {PARAM_OUTPUT, kOfxParamTypeChoice, "Output",
     "Composite: stylized object over the background. Foreground layer: the object alone with alpha. Matte: the "
     "object's opacity. Full reconstruction: the decomposition rendered back. Original: pass the source through.",
     0, 0, OUTPUT_COMPOSITE, 0, 0, 0, OUTPUT_LABELS, COUNT(OUTPUT_LABELS), NULL},
    {PARAM_MATTE_SOURCE, kOfxParamTypeChoice, "Matte source",
     "Where the object's matte comes from: the Matte clip (General context), the source's alpha, or the box below.",
     0, 0, MATTE_ALPHA, 0, 0, 0, MATTE_LABELS, COUNT(MATTE_LABELS), NULL},
    {PARAM_BOX_TOP_LEFT, kOfxParamTypeDouble2D, "Box top left",
     "Top-left corner of the object's box, in normalised image coordinates (0..1, origin top left).", 0, 0, 0.25, 0,
     1, 0.25, NULL, 0, NULL},
    {PARAM_BOX_BOTTOM_RIGHT, kOfxParamTypeDouble2D, "Box bottom right",
     "Bottom-right corner of the object's box, in normalised image coordinates (0..1, origin top left).", 0, 0, 0.75,
     0, 1, 0.75, NULL, 0, NULL},
    {PARAM_BOX_FRAME, kOfxParamTypeInteger, "Box frame",
     "The frame (0 = the first of the clip) the box is drawn on: draw it where the whole object is in view.", 0, 0,
     0, 0, 1000000, 0, NULL, 0, NULL},
    {PARAM_CLIP_LENGTH, kOfxParamTypeInteger, "Clip length",
     "Number of frames in the clip, for hosts that do not tell it. 0: detect (the clip is complete when rendering "
     "restarts at frame 0).", 0, 0, 0, 0, 1000000, 0, NULL, 0, NULL},
    {PARAM_WAIT, kOfxParamTypeBoolean, "Wait for result",
     "Render-queue mode: each render waits until the stylized frame is ready (bounded by Max wait) instead of "
     "returning the original frame while the engine works.", 0, 0, 0, 0, 1, 0, NULL, 0, NULL},
    {PARAM_MAX_WAIT, kOfxParamTypeInteger, "Max wait (s)",
     "Longest time one render waits for the engine when Wait for result is on; then the render fails.", 0, 0, 3600,
     1, 86400, 0, NULL, 0, NULL},
    {PARAM_STATUS, kOfxParamTypeString, "Status", "What the engine is doing, e.g. \"decomposing 43%\". Read-only.", 0,
     0, 0, 0, 0, 0, NULL, 0, kOfxParamStringIsLabel},
    {PARAM_LAMBDA_GLOBAL, kOfxParamTypeDouble, "Global loss weight", "Weight of the global CLIP loss (λ global).", 1,
     0, 1, 0, LAMBDA_MAX, 0, NULL, 0, NULL},
    {PARAM_LAMBDA_LOCAL, kOfxParamTypeDouble, "Local loss weight", "Weight of the local CLIP loss (λ local).", 1, 0, 1,
     0, LAMBDA_MAX, 0, NULL, 0, NULL},
    {PARAM_LAMBDA_TEMPORAL, kOfxParamTypeDouble, "Temporal loss weight",
     "Weight of the temporal triplet loss (λ temporal).", 1, 0, 1, 0, LAMBDA_MAX, 0, NULL, 0, NULL},
    {PARAM_LAMBDA_SPARSITY, kOfxParamTypeDouble, "Sparsity loss weight",
     "Weight of the sparsity loss on the edit (λ sparsity).", 1, 0, 0.5, 0, LAMBDA_MAX, 0, NULL, 0, NULL},
    {PARAM_STYLIZE_BACKGROUND, kOfxParamTypeBoolean, "Stylize background",
     "Also stylize the background atlas with the prompt.", 1, 0, 0, 0, 1, 0, NULL, 0, NULL},
    {PARAM_ENGINE_ADDRESS, kOfxParamTypeString, "Engine address",
     "\"local\" (the engine on this machine, started if needed), \"unix:/path/to/engine.sock\", or "
     "\"tcp:host:port\" for a remote engine (token from STYLEATLAS_ENGINE_TOKEN or the engine's token file).",
     1, 0, 0, 0, 0, 0, NULL, 0, kOfxParamStringIsSingleLine},
};
#define SPEC_COUNT COUNT(SPECS)

/* ---- describe ---- */

static void describe_numbers(OfxPropertySetHandle props, const ParamSpec *s) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    if (strcmp(s->type, kOfxParamTypeDouble) == 0 || strcmp(s->type, kOfxParamTypeDouble2D) == 0) {
        int dims = strcmp(s->type, kOfxParamTypeDouble2D) == 0 ? 2 : 1;
        for (int i = 0; i < dims; i++) {
            ps->propSetDouble(props, kOfxParamPropDefault, i, i ? s->def2 : s->def);
            ps->propSetDouble(props, kOfxParamPropMin, i, s->min);
            ps->propSetDouble(props, kOfxParamPropMax, i, s->max);
            ps->propSetDouble(props, kOfxParamPropDisplayMin, i, s->min);
            ps->propSetDouble(props, kOfxParamPropDisplayMax, i, s->max);
        }
        ps->propSetString(props, kOfxParamPropDoubleType, 0, kOfxParamDoubleTypePlain);
    } else {
        ps->propSetInt(props, kOfxParamPropDefault, 0, (int)s->def);
        if (strcmp(s->type, kOfxParamTypeInteger) == 0) {
            ps->propSetInt(props, kOfxParamPropMin, 0, (int)s->min);
            ps->propSetInt(props, kOfxParamPropMax, 0, (int)s->max);
            ps->propSetInt(props, kOfxParamPropDisplayMin, 0, (int)s->min);
            ps->propSetInt(props, kOfxParamPropDisplayMax, 0, (int)s->max);
        }
    }
}

static OfxStatus describe_one(OfxParamSetHandle set, const ParamSpec *s, int defaultOverride) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    OfxPropertySetHandle props;
    OfxStatus st = g_shim.param->paramDefine(set, s->type, s->name, &props);
    if (st != kOfxStatOK) return st;
    ps->propSetString(props, kOfxPropLabel, 0, s->label);
    ps->propSetString(props, kOfxParamPropHint, 0, s->hint);
    ps->propSetInt(props, kOfxParamPropAnimates, 0, s->animates);
    if (s->options) {
        for (int i = 0; i < s->optionCount; i++) ps->propSetString(props, kOfxParamPropChoiceOption, i, s->options[i]);
    }
    if (s->stringMode) {
        ps->propSetString(props, kOfxParamPropStringMode, 0, s->stringMode);
        ps->propSetString(props, kOfxParamPropDefault, 0, strcmp(s->name, PARAM_ENGINE_ADDRESS) == 0 ? "local" : "");
        if (strcmp(s->stringMode, kOfxParamStringIsFilePath) == 0)
            ps->propSetInt(props, kOfxParamPropStringFilePathExists, 0, 1);
        if (strcmp(s->stringMode, kOfxParamStringIsLabel) == 0) {
            ps->propSetInt(props, kOfxParamPropEnabled, 0, 0);
            ps->propSetInt(props, kOfxParamPropPersistant, 0, 0);
            ps->propSetInt(props, kOfxParamPropEvaluateOnChange, 0, 0);
        }
    } else {
        describe_numbers(props, s);
        if (defaultOverride >= 0) ps->propSetInt(props, kOfxParamPropDefault, 0, defaultOverride);
    }
    return kOfxStatOK;
}

static OfxStatus describe_page(OfxParamSetHandle set, const char *name, const char *label, int advanced) {
    OfxPropertySetHandle props;
    OfxStatus st = g_shim.param->paramDefine(set, kOfxParamTypePage, name, &props);
    if (st != kOfxStatOK) return st;
    g_shim.prop->propSetString(props, kOfxPropLabel, 0, label);
    int child = 0;
    for (int i = 0; i < SPEC_COUNT; i++) {
        if (SPECS[i].advanced == advanced) g_shim.prop->propSetString(props, kOfxParamPropPageChild, child++, SPECS[i].name);
    }
    return kOfxStatOK;
}

OfxStatus params_describe(OfxImageEffectHandle descriptor, const char *context) {
    OfxParamSetHandle set;
    OfxStatus st = g_shim.effect->getParamSet(descriptor, &set);
    int general = strcmp(context, kOfxImageEffectContextGeneral) == 0;
    for (int i = 0; st == kOfxStatOK && i < SPEC_COUNT; i++) {
        int override = strcmp(SPECS[i].name, PARAM_MATTE_SOURCE) == 0 && general ? MATTE_CLIP : -1;
        st = describe_one(set, &SPECS[i], override);
    }
    if (st == kOfxStatOK) st = describe_page(set, PAGE_MAIN, "StyleAtlas", 0);
    if (st == kOfxStatOK) st = describe_page(set, PAGE_ADVANCED, "Advanced", 1);
    return st;
}

/* ---- values ---- */

static OfxParamHandle handle(OfxImageEffectHandle instance, const char *name, Err *e) {
    OfxParamSetHandle set;
    OfxParamHandle h = NULL;
    if (g_shim.effect->getParamSet(instance, &set) != kOfxStatOK ||
        g_shim.param->paramGetHandle(set, name, &h, NULL) != kOfxStatOK || !h) {
        if (e) err_set(e, "StyleAtlas: the host has no parameter \"%s\"", name);
        return NULL;
    }
    return h;
}

/* Copies at most cap-1 bytes, cutting only at a UTF-8 character boundary. */
static void copy_utf8(char *dst, size_t cap, const char *src) {
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
    }
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Reads a param's value at t into a (and b for 2D params); hosts read as many pointers as the type has. */
static int value_at(OfxImageEffectHandle inst, const char *name, OfxTime t, void *a, void *b, Err *e) {
    OfxParamHandle h = handle(inst, name, e);
    if (!h) return -1;
    if (g_shim.param->paramGetValueAtTime(h, t, a, b) != kOfxStatOK) {
        if (e) err_set(e, "StyleAtlas: cannot read parameter \"%s\"", name);
        return -1;
    }
    return 0;
}

static int get_string(OfxImageEffectHandle inst, const char *name, OfxTime t, char *dst, size_t cap, Err *e) {
    char *value = NULL;
    if (value_at(inst, name, t, &value, NULL, e)) return -1;
    copy_utf8(dst, cap, value);
    return 0;
}

static int get_int(OfxImageEffectHandle inst, const char *name, OfxTime t, int lo, int hi, int *out, Err *e) {
    int v = 0;
    if (value_at(inst, name, t, &v, NULL, e)) return -1;
    *out = v < lo ? lo : v > hi ? hi : v;
    return 0;
}

static double clamp_double(double v, double lo, double hi, double fallback) {
    if (!isfinite(v)) return fallback;
    return v < lo ? lo : v > hi ? hi : v;
}

static int get_double(OfxImageEffectHandle inst, const char *name, OfxTime t, double lo, double hi, double *out, Err *e) {
    double v = 0;
    if (value_at(inst, name, t, &v, NULL, e)) return -1;
    *out = clamp_double(v, lo, hi, lo);
    return 0;
}

static int get_double2(OfxImageEffectHandle inst, const char *name, OfxTime t, double *x, double *y, Err *e) {
    double vx = 0, vy = 0;
    if (value_at(inst, name, t, &vx, &vy, e)) return -1;
    *x = clamp_double(vx, 0, 1, 0);
    *y = clamp_double(vy, 0, 1, 0);
    return 0;
}

int params_read_output(OfxImageEffectHandle instance, OfxTime t, OutputMode *out) {
    int v;
    if (get_int(instance, PARAM_OUTPUT, t, 0, COUNT(OUTPUT_WIRE) - 1, &v, NULL)) return -1;
    *out = (OutputMode)v;
    return 0;
}

int params_read(OfxImageEffectHandle inst, OfxTime t, StyleParams *p, Err *e) {
    int prefix, output, matte;
    memset(p, 0, sizeof(*p));
    if (get_string(inst, PARAM_PROMPT, t, p->prompt, sizeof p->prompt, e) ||
        get_string(inst, PARAM_LOCAL_PROMPT, t, p->localPrompt, sizeof p->localPrompt, e) ||
        get_string(inst, PARAM_MORPH_TO, t, p->morphTo, sizeof p->morphTo, e) ||
        get_double(inst, PARAM_MORPH, t, 0, 1, &p->morph, e) ||
        get_string(inst, PARAM_STYLE_IMAGE, t, p->styleImage, sizeof p->styleImage, e) ||
        get_string(inst, PARAM_ENGINE_ADDRESS, t, p->engineAddress, sizeof p->engineAddress, e) ||
        get_int(inst, PARAM_PREFIXES, t, 0, COUNT(PREFIX_VALUES) - 1, &prefix, e) ||
        get_int(inst, PARAM_QUALITY, t, 0, COUNT(QUALITY_WIRE) - 1, &p->quality, e) ||
        get_int(inst, PARAM_ITERATIONS, t, 0, 100000, &p->iterations, e) ||
        get_int(inst, PARAM_SEED, t, 0, 2147483647, &p->seed, e) ||
        get_double(inst, PARAM_STRENGTH, t, 0, 1, &p->strength, e) ||
        get_int(inst, PARAM_OUTPUT, t, 0, COUNT(OUTPUT_WIRE) - 1, &output, e) ||
        get_int(inst, PARAM_MATTE_SOURCE, t, 0, COUNT(MATTE_WIRE) - 1, &matte, e) ||
        get_double2(inst, PARAM_BOX_TOP_LEFT, t, &p->box[0], &p->box[1], e) ||
        get_double2(inst, PARAM_BOX_BOTTOM_RIGHT, t, &p->box[2], &p->box[3], e) ||
        get_int(inst, PARAM_BOX_FRAME, t, 0, 1000000, &p->boxFrame, e) ||
        get_int(inst, PARAM_CLIP_LENGTH, t, 0, 1000000, &p->clipLength, e) ||
        get_int(inst, PARAM_WAIT, t, 0, 1, &p->wait, e) ||
        get_int(inst, PARAM_MAX_WAIT, t, 1, 86400, &p->maxWaitSeconds, e) ||
        get_double(inst, PARAM_LAMBDA_GLOBAL, t, 0, LAMBDA_MAX, &p->lambdas[0], e) ||
        get_double(inst, PARAM_LAMBDA_LOCAL, t, 0, LAMBDA_MAX, &p->lambdas[1], e) ||
        get_double(inst, PARAM_LAMBDA_TEMPORAL, t, 0, LAMBDA_MAX, &p->lambdas[2], e) ||
        get_double(inst, PARAM_LAMBDA_SPARSITY, t, 0, LAMBDA_MAX, &p->lambdas[3], e) ||
        get_int(inst, PARAM_STYLIZE_BACKGROUND, t, 0, 1, &p->stylizeBackground, e)) {
        return -1;
    }
    p->prefixes = PREFIX_VALUES[prefix];
    p->output = (OutputMode)output;
    p->matteSource = (MatteSource)matte;
    for (int axis = 0; axis < 2; axis++) {
        if (p->box[axis] > p->box[axis + 2]) {
            double swap = p->box[axis];
            p->box[axis] = p->box[axis + 2];
            p->box[axis + 2] = swap;
        }
    }
    return 0;
}

void params_to_json(JsonBuf *b, const StyleParams *p) {
    json_key_object(b, "params");
    json_key_string(b, "prompt", p->prompt);
    json_key_string(b, "localPrompt", p->localPrompt);
    json_key_string(b, "morphTo", p->morphTo);
    json_key_double(b, "morph", p->morph);
    json_key_string(b, "styleImage", p->styleImage);
    json_key_int(b, "prefixes", p->prefixes);
    json_key_string(b, "quality", QUALITY_WIRE[p->quality]);
    json_key_int(b, "iterations", p->iterations);
    json_key_int(b, "seed", p->seed);
    json_key_double(b, "strength", p->strength);
    json_key_string(b, "output", OUTPUT_WIRE[p->output]);
    json_key_string(b, "matteSource", MATTE_WIRE[p->matteSource]);
    json_key_doubles(b, "box", p->box, 4);
    json_key_int(b, "boxFrame", p->boxFrame);
    json_key_double(b, "lambdaGlobal", p->lambdas[0]);
    json_key_double(b, "lambdaLocal", p->lambdas[1]);
    json_key_double(b, "lambdaTemporal", p->lambdas[2]);
    json_key_double(b, "lambdaSparsity", p->lambdas[3]);
    json_key_bool(b, "stylizeBackground", p->stylizeBackground);
    json_key_bool(b, "wait", p->wait);
    json_key_int(b, "maxWaitSeconds", p->maxWaitSeconds);
    json_end(b);
}

void params_set_status(OfxImageEffectHandle instance, const char *text) {
    OfxParamHandle h = handle(instance, PARAM_STATUS, NULL);
    if (h) g_shim.param->paramSetValue(h, text);
}
