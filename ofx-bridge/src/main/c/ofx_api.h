/*
 * The subset of the OpenFX 1.4 C API that StyleAtlas.ofx uses, declared from the OpenFX
 * specification (types, suite layouts, suite names and versions, action and property strings).
 * Layouts and strings must match the published API exactly: hosts resolve them by value.
 */
#ifndef STYLEATLAS_OFX_API_H
#define STYLEATLAS_OFX_API_H

#include <stddef.h>

#if defined(__GNUC__)
#define OFX_EXPORT __attribute__((visibility("default")))
#else
#define OFX_EXPORT
#endif

/* ---- core types ---- */
typedef int OfxStatus;
typedef double OfxTime;
typedef struct OfxPropertySetStruct *OfxPropertySetHandle;
typedef struct OfxImageEffectStruct *OfxImageEffectHandle;
typedef struct OfxImageClipStruct *OfxImageClipHandle;
typedef struct OfxImageMemoryStruct *OfxImageMemoryHandle;
typedef struct OfxParamStruct *OfxParamHandle;
typedef struct OfxParamSetStruct *OfxParamSetHandle;
typedef struct OfxMutexStruct *OfxMutexHandle;

typedef struct OfxRectI { int x1, y1, x2, y2; } OfxRectI;
typedef struct OfxRectD { double x1, y1, x2, y2; } OfxRectD;
typedef struct OfxRangeD { double min, max; } OfxRangeD;

typedef struct OfxHost {
    OfxPropertySetHandle host;
    const void *(*fetchSuite)(OfxPropertySetHandle host, const char *suiteName, int suiteVersion);
} OfxHost;

typedef OfxStatus(OfxPluginEntryPoint)(const char *action, const void *handle,
                                        OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);

typedef struct OfxPlugin {
    const char *pluginApi;
    int apiVersion;
    const char *pluginIdentifier;
    unsigned int pluginVersionMajor;
    unsigned int pluginVersionMinor;
    void (*setHost)(OfxHost *host);
    OfxPluginEntryPoint *mainEntry;
} OfxPlugin;

/* ---- status codes ---- */
#define kOfxStatOK 0
#define kOfxStatFailed ((int)1)
#define kOfxStatErrFatal ((int)2)
#define kOfxStatErrUnknown ((int)3)
#define kOfxStatErrMissingHostFeature ((int)4)
#define kOfxStatErrUnsupported ((int)5)
#define kOfxStatErrExists ((int)6)
#define kOfxStatErrFormat ((int)7)
#define kOfxStatErrMemory ((int)8)
#define kOfxStatErrBadHandle ((int)9)
#define kOfxStatErrBadIndex ((int)10)
#define kOfxStatErrValue ((int)11)
#define kOfxStatReplyYes ((int)12)
#define kOfxStatReplyNo ((int)13)
#define kOfxStatReplyDefault ((int)14)
#define kOfxStatErrImageFormat ((int)1000)

/* ---- suites ---- */
#define kOfxPropertySuite "OfxPropertySuite"
typedef struct OfxPropertySuiteV1 {
    OfxStatus (*propSetPointer)(OfxPropertySetHandle, const char *, int, void *);
    OfxStatus (*propSetString)(OfxPropertySetHandle, const char *, int, const char *);
    OfxStatus (*propSetDouble)(OfxPropertySetHandle, const char *, int, double);
    OfxStatus (*propSetInt)(OfxPropertySetHandle, const char *, int, int);
    OfxStatus (*propSetPointerN)(OfxPropertySetHandle, const char *, int, void *const *);
    OfxStatus (*propSetStringN)(OfxPropertySetHandle, const char *, int, const char *const *);
    OfxStatus (*propSetDoubleN)(OfxPropertySetHandle, const char *, int, const double *);
    OfxStatus (*propSetIntN)(OfxPropertySetHandle, const char *, int, const int *);
    OfxStatus (*propGetPointer)(OfxPropertySetHandle, const char *, int, void **);
    OfxStatus (*propGetString)(OfxPropertySetHandle, const char *, int, char **);
    OfxStatus (*propGetDouble)(OfxPropertySetHandle, const char *, int, double *);
    OfxStatus (*propGetInt)(OfxPropertySetHandle, const char *, int, int *);
    OfxStatus (*propGetPointerN)(OfxPropertySetHandle, const char *, int, void **);
    OfxStatus (*propGetStringN)(OfxPropertySetHandle, const char *, int, char **);
    OfxStatus (*propGetDoubleN)(OfxPropertySetHandle, const char *, int, double *);
    OfxStatus (*propGetIntN)(OfxPropertySetHandle, const char *, int, int *);
    OfxStatus (*propReset)(OfxPropertySetHandle, const char *);
    OfxStatus (*propGetDimension)(OfxPropertySetHandle, const char *, int *);
} OfxPropertySuiteV1;

#define kOfxImageEffectSuite "OfxImageEffectSuite"
typedef struct OfxImageEffectSuiteV1 {
    OfxStatus (*getPropertySet)(OfxImageEffectHandle, OfxPropertySetHandle *);
    OfxStatus (*getParamSet)(OfxImageEffectHandle, OfxParamSetHandle *);
    OfxStatus (*clipDefine)(OfxImageEffectHandle, const char *, OfxPropertySetHandle *);
    OfxStatus (*clipGetHandle)(OfxImageEffectHandle, const char *, OfxImageClipHandle *,
                               OfxPropertySetHandle *);
    OfxStatus (*clipGetPropertySet)(OfxImageClipHandle, OfxPropertySetHandle *);
    OfxStatus (*clipGetImage)(OfxImageClipHandle, OfxTime, const OfxRectD *, OfxPropertySetHandle *);
    OfxStatus (*clipReleaseImage)(OfxPropertySetHandle);
    OfxStatus (*clipGetRegionOfDefinition)(OfxImageClipHandle, OfxTime, OfxRectD *);
    int (*abort)(OfxImageEffectHandle);
    OfxStatus (*imageMemoryAlloc)(OfxImageEffectHandle, size_t, OfxImageMemoryHandle *);
    OfxStatus (*imageMemoryFree)(OfxImageMemoryHandle);
    OfxStatus (*imageMemoryLock)(OfxImageMemoryHandle, void **);
    OfxStatus (*imageMemoryUnlock)(OfxImageMemoryHandle);
} OfxImageEffectSuiteV1;

#define kOfxParameterSuite "OfxParameterSuite"
typedef struct OfxParameterSuiteV1 {
    OfxStatus (*paramDefine)(OfxParamSetHandle, const char *, const char *, OfxPropertySetHandle *);
    OfxStatus (*paramGetHandle)(OfxParamSetHandle, const char *, OfxParamHandle *, OfxPropertySetHandle *);
    OfxStatus (*paramSetGetPropertySet)(OfxParamSetHandle, OfxPropertySetHandle *);
    OfxStatus (*paramGetPropertySet)(OfxParamHandle, OfxPropertySetHandle *);
    OfxStatus (*paramGetValue)(OfxParamHandle, ...);
    OfxStatus (*paramGetValueAtTime)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetDerivative)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetIntegral)(OfxParamHandle, OfxTime, OfxTime, ...);
    OfxStatus (*paramSetValue)(OfxParamHandle, ...);
    OfxStatus (*paramSetValueAtTime)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetNumKeys)(OfxParamHandle, unsigned int *);
    OfxStatus (*paramGetKeyTime)(OfxParamHandle, unsigned int, OfxTime *);
    OfxStatus (*paramGetKeyIndex)(OfxParamHandle, OfxTime, int, int *);
    OfxStatus (*paramDeleteKey)(OfxParamHandle, OfxTime);
    OfxStatus (*paramDeleteAllKeys)(OfxParamHandle);
    OfxStatus (*paramCopy)(OfxParamHandle, OfxParamHandle, OfxTime, const OfxRangeD *);
    OfxStatus (*paramEditBegin)(OfxParamSetHandle, const char *);
    OfxStatus (*paramEditEnd)(OfxParamSetHandle);
} OfxParameterSuiteV1;

#define kOfxMemorySuite "OfxMemorySuite"
typedef struct OfxMemorySuiteV1 {
    OfxStatus (*memoryAlloc)(void *, size_t, void **);
    OfxStatus (*memoryFree)(void *);
} OfxMemorySuiteV1;

#define kOfxMultiThreadSuite "OfxMultiThreadSuite"
typedef OfxStatus(OfxThreadFunctionV1)(unsigned int threadIndex, unsigned int threadMax, void *customArg);
typedef struct OfxMultiThreadSuiteV1 {
    OfxStatus (*multiThread)(OfxThreadFunctionV1 *, unsigned int, void *);
    OfxStatus (*multiThreadNumCPUs)(unsigned int *);
    OfxStatus (*multiThreadIndex)(unsigned int *);
    int (*multiThreadIsSpawnedThread)(void);
    OfxStatus (*mutexCreate)(OfxMutexHandle *, int);
    OfxStatus (*mutexDestroy)(const OfxMutexHandle);
    OfxStatus (*mutexLock)(const OfxMutexHandle);
    OfxStatus (*mutexUnLock)(const OfxMutexHandle);
    OfxStatus (*mutexTryLock)(const OfxMutexHandle);
} OfxMultiThreadSuiteV1;

#define kOfxMessageSuite "OfxMessageSuite"
typedef struct OfxMessageSuiteV1 {
    OfxStatus (*message)(void *, const char *, const char *, const char *, ...);
} OfxMessageSuiteV1;

#define kOfxProgressSuite "OfxProgressSuite"
typedef struct OfxProgressSuiteV1 {
    OfxStatus (*progressStart)(void *, const char *);
    OfxStatus (*progressUpdate)(void *, double);
    OfxStatus (*progressEnd)(void *);
} OfxProgressSuiteV1;

/* ---- plug-in API ---- */
#define kOfxImageEffectPluginApi "OfxImageEffectPluginAPI"
#define kOfxImageEffectPluginApiVersion 1

/* ---- actions ---- */
#define kOfxActionLoad "OfxActionLoad"
#define kOfxActionUnload "OfxActionUnload"
#define kOfxActionDescribe "OfxActionDescribe"
#define kOfxActionCreateInstance "OfxActionCreateInstance"
#define kOfxActionDestroyInstance "OfxActionDestroyInstance"
#define kOfxActionInstanceChanged "OfxActionInstanceChanged"
#define kOfxActionBeginInstanceChanged "OfxActionBeginInstanceChanged"
#define kOfxActionEndInstanceChanged "OfxActionEndInstanceChanged"
#define kOfxActionPurgeCaches "OfxActionPurgeCaches"
#define kOfxImageEffectActionDescribeInContext "OfxImageEffectActionDescribeInContext"
#define kOfxImageEffectActionGetClipPreferences "OfxImageEffectActionGetClipPreferences"
#define kOfxImageEffectActionGetRegionOfDefinition "OfxImageEffectActionGetRegionOfDefinition"
#define kOfxImageEffectActionIsIdentity "OfxImageEffectActionIsIdentity"
#define kOfxImageEffectActionRender "OfxImageEffectActionRender"
#define kOfxImageEffectActionBeginSequenceRender "OfxImageEffectActionBeginSequenceRender"
#define kOfxImageEffectActionEndSequenceRender "OfxImageEffectActionEndSequenceRender"

/* ---- properties ---- */
#define kOfxPropName "OfxPropName"
#define kOfxPropLabel "OfxPropLabel"
#define kOfxPropTime "OfxPropTime"
#define kOfxPropType "OfxPropType"
#define kOfxPropInstanceData "OfxPropInstanceData"
#define kOfxPropIsInteractive "OfxPropIsInteractive"
#define kOfxPropPluginDescription "OfxPropPluginDescription"
#define kOfxImageEffectPluginPropGrouping "OfxImageEffectPluginPropGrouping"
#define kOfxImageEffectPropContext "OfxImageEffectPropContext"
#define kOfxImageEffectPropSupportedContexts "OfxImageEffectPropSupportedContexts"
#define kOfxImageEffectPropSupportedPixelDepths "OfxImageEffectPropSupportedPixelDepths"
#define kOfxImageEffectPropSupportedComponents "OfxImageEffectPropSupportedComponents"
#define kOfxImageEffectPropTemporalClipAccess "OfxImageEffectPropTemporalClipAccess"
#define kOfxImageEffectPropSupportsTiles "OfxImageEffectPropSupportsTiles"
#define kOfxImageEffectPropSupportsMultiResolution "OfxImageEffectPropSupportsMultiResolution"
#define kOfxImageEffectPropSupportsMultipleClipDepths "OfxImageEffectPropSupportsMultipleClipDepths"
#define kOfxImageEffectPluginPropSingleInstance "OfxImageEffectPluginPropSingleInstance"
#define kOfxImageEffectPluginRenderThreadSafety "OfxImageEffectPluginRenderThreadSafety"
#define kOfxImageEffectRenderFullySafe "OfxImageEffectRenderFullySafe"
#define kOfxImageEffectPluginPropHostFrameThreading "OfxImageEffectPluginPropHostFrameThreading"
#define kOfxImageEffectPropFrameRange "OfxImageEffectPropFrameRange"
#define kOfxImageEffectPropRenderWindow "OfxImageEffectPropRenderWindow"
#define kOfxImageEffectPropRegionOfDefinition "OfxImageEffectPropRegionOfDefinition"
#define kOfxImageEffectPropPixelDepth "OfxImageEffectPropPixelDepth"
#define kOfxImageEffectPropComponents "OfxImageEffectPropComponents"
#define kOfxImageEffectPropPreMultiplication "OfxImageEffectPropPreMultiplication"
#define kOfxImageClipPropOptional "OfxImageClipPropOptional"
#define kOfxImageClipPropIsMask "OfxImageClipPropIsMask"
#define kOfxImageClipPropConnected "OfxImageClipPropConnected"
#define kOfxImagePropData "OfxImagePropData"
#define kOfxImagePropBounds "OfxImagePropBounds"
#define kOfxImagePropRowBytes "OfxImagePropRowBytes"
#define kOfxImageClipPropComponentsPrefix "OfxImageClipPropComponents_"
#define kOfxImageClipPropDepthPrefix "OfxImageClipPropDepth_"

#define kOfxImageEffectContextFilter "OfxImageEffectContextFilter"
#define kOfxImageEffectContextGeneral "OfxImageEffectContextGeneral"
#define kOfxImageEffectSimpleSourceClipName "Source"
#define kOfxImageEffectOutputClipName "Output"

#define kOfxBitDepthByte "OfxBitDepthByte"
#define kOfxBitDepthShort "OfxBitDepthShort"
#define kOfxBitDepthFloat "OfxBitDepthFloat"
#define kOfxImageComponentRGBA "OfxImageComponentRGBA"
#define kOfxImageComponentRGB "OfxImageComponentRGB"
#define kOfxImageComponentAlpha "OfxImageComponentAlpha"
#define kOfxImagePreMultiplied "OfxImageAlphaPremultiplied"
#define kOfxImageOpaque "OfxImageOpaque"

#define kOfxImageEffectHostPropIsBackground "OfxImageEffectHostPropIsBackground"

/* ---- parameters ---- */
#define kOfxParamTypeInteger "OfxParamTypeInteger"
#define kOfxParamTypeDouble "OfxParamTypeDouble"
#define kOfxParamTypeBoolean "OfxParamTypeBoolean"
#define kOfxParamTypeChoice "OfxParamTypeChoice"
#define kOfxParamTypeString "OfxParamTypeString"
#define kOfxParamTypeDouble2D "OfxParamTypeDouble2D"
#define kOfxParamTypePage "OfxParamTypePage"

#define kOfxParamPropHint "OfxParamPropHint"
#define kOfxParamPropDefault "OfxParamPropDefault"
#define kOfxParamPropMin "OfxParamPropMin"
#define kOfxParamPropMax "OfxParamPropMax"
#define kOfxParamPropDisplayMin "OfxParamPropDisplayMin"
#define kOfxParamPropDisplayMax "OfxParamPropDisplayMax"
#define kOfxParamPropAnimates "OfxParamPropAnimates"
#define kOfxParamPropEnabled "OfxParamPropEnabled"
#define kOfxParamPropPersistant "OfxParamPropPersistant"
#define kOfxParamPropEvaluateOnChange "OfxParamPropEvaluateOnChange"
#define kOfxParamPropChoiceOption "OfxParamPropChoiceOption"
#define kOfxParamPropStringMode "OfxParamPropStringMode"
#define kOfxParamPropStringFilePathExists "OfxParamPropStringFilePathExists"
#define kOfxParamPropPageChild "OfxParamPropPageChild"
#define kOfxParamPropDoubleType "OfxParamPropDoubleType"
#define kOfxParamStringIsSingleLine "OfxParamStringIsSingleLine"
#define kOfxParamStringIsMultiLine "OfxParamStringIsMultiLine"
#define kOfxParamStringIsFilePath "OfxParamStringIsFilePath"
#define kOfxParamStringIsLabel "OfxParamStringIsLabel"
#define kOfxParamDoubleTypePlain "OfxParamDoubleTypePlain"

/* ---- messages ---- */
#define kOfxMessageError "OfxMessageError"
#define kOfxMessageLog "OfxMessageLog"

#endif
