/* Instance actions other than render: lifetime, clip preferences, region of definition, identity,
 * sequence render, and instanceChanged. */
#ifndef STYLEATLAS_INSTANCE_H
#define STYLEATLAS_INSTANCE_H

#include "shim.h"

OfxStatus instance_create(OfxImageEffectHandle instance);
OfxStatus instance_destroy(OfxImageEffectHandle instance);
OfxStatus instance_clip_preferences(OfxImageEffectHandle instance, OfxPropertySetHandle outArgs);
OfxStatus instance_region_of_definition(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs,
                                        OfxPropertySetHandle outArgs);
OfxStatus instance_is_identity(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);
OfxStatus instance_begin_sequence(OfxImageEffectHandle instance);
OfxStatus instance_end_sequence(OfxImageEffectHandle instance);
OfxStatus instance_changed(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs);

#endif
