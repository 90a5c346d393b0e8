/* The describe and describeInContext actions: identity, contexts, depths, clips and params. */
#ifndef STYLEATLAS_DESCRIBE_H
#define STYLEATLAS_DESCRIBE_H

#include "shim.h"

OfxStatus describe_action(OfxImageEffectHandle descriptor);
OfxStatus describe_in_context_action(OfxImageEffectHandle descriptor, OfxPropertySetHandle inArgs);

#endif
