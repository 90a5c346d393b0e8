#include "describe.h"

#include <string.h>

#include "params.h"

#define PLUGIN_LABEL "StyleAtlas"
#define PLUGIN_GROUPING "Stylize"
#define PLUGIN_DESCRIPTION                                                                                            \
    "Text-driven, temporally consistent stylization of a video object: the clip is decomposed into layered neural " \
    "atlases and the foreground atlas is restyled from a prompt. Needs the StyleAtlas engine."

static const char *const CONTEXTS[] = {kOfxImageEffectContextFilter, kOfxImageEffectContextGeneral};
static const char *const DEPTHS[] = {kOfxBitDepthByte, kOfxBitDepthShort, kOfxBitDepthFloat};
static const char *const COLOUR_COMPONENTS[] = {kOfxImageComponentRGBA, kOfxImageComponentRGB};
static const char *const MATTE_COMPONENTS[] = {kOfxImageComponentAlpha, kOfxImageComponentRGBA, kOfxImageComponentRGB};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void set_strings(OfxPropertySetHandle props, const char *name, const char *const *values, int count) {
    for (int i = 0; i < count; i++) g_shim.prop->propSetString(props, name, i, values[i]);
}

OfxStatus describe_action(OfxImageEffectHandle descriptor) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    OfxPropertySetHandle props;
    if (g_shim.effect->getPropertySet(descriptor, &props) != kOfxStatOK) return kOfxStatErrBadHandle;
    ps->propSetString(props, kOfxPropLabel, 0, PLUGIN_LABEL);
    ps->propSetString(props, kOfxImageEffectPluginPropGrouping, 0, PLUGIN_GROUPING);
    ps->propSetString(props, kOfxPropPluginDescription, 0, PLUGIN_DESCRIPTION);
    set_strings(props, kOfxImageEffectPropSupportedContexts, CONTEXTS, COUNT(CONTEXTS));
    set_strings(props, kOfxImageEffectPropSupportedPixelDepths, DEPTHS, COUNT(DEPTHS));
    ps->propSetInt(props, kOfxImageEffectPropTemporalClipAccess, 0, 1);
    ps->propSetInt(props, kOfxImageEffectPropSupportsTiles, 0, 0);
    ps->propSetInt(props, kOfxImageEffectPropSupportsMultiResolution, 0, 0);
    ps->propSetInt(props, kOfxImageEffectPropSupportsMultipleClipDepths, 0, 0);
    ps->propSetInt(props, kOfxImageEffectPluginPropSingleInstance, 0, 0);
    ps->propSetInt(props, kOfxImageEffectPluginPropHostFrameThreading, 0, 0);
    ps->propSetString(props, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderFullySafe);
    return kOfxStatOK;
}

static OfxStatus define_clip(OfxImageEffectHandle descriptor, const char *name, const char *const *components,
                             int count, int optional, int mask) {
    OfxPropertySetHandle props;
    OfxStatus st = g_shim.effect->clipDefine(descriptor, name, &props);
    if (st != kOfxStatOK) return st;
    set_strings(props, kOfxImageEffectPropSupportedComponents, components, count);
    g_shim.prop->propSetInt(props, kOfxImageEffectPropTemporalClipAccess, 0, strcmp(name, kOfxImageEffectOutputClipName) != 0);
    g_shim.prop->propSetInt(props, kOfxImageEffectPropSupportsTiles, 0, 0);
    g_shim.prop->propSetInt(props, kOfxImageClipPropOptional, 0, optional);
    g_shim.prop->propSetInt(props, kOfxImageClipPropIsMask, 0, mask);
    return kOfxStatOK;
}

OfxStatus describe_in_context_action(OfxImageEffectHandle descriptor, OfxPropertySetHandle inArgs) {
    char *context = NULL;
    if (g_shim.prop->propGetString(inArgs, kOfxImageEffectPropContext, 0, &context) != kOfxStatOK || !context)
        return kOfxStatErrValue;
    int general = strcmp(context, kOfxImageEffectContextGeneral) == 0;
    if (!general && strcmp(context, kOfxImageEffectContextFilter) != 0) return kOfxStatErrUnsupported;
    OfxStatus st = define_clip(descriptor, kOfxImageEffectSimpleSourceClipName, COLOUR_COMPONENTS,
                               COUNT(COLOUR_COMPONENTS), 0, 0);
    if (st == kOfxStatOK && general)
        st = define_clip(descriptor, SHIM_MATTE_CLIP, MATTE_COMPONENTS, COUNT(MATTE_COMPONENTS), 1, 1);
    if (st == kOfxStatOK)
        st = define_clip(descriptor, kOfxImageEffectOutputClipName, COLOUR_COMPONENTS, COUNT(COLOUR_COMPONENTS), 0, 0);
    return st == kOfxStatOK ? params_describe(descriptor, context) : st;
}
