/* Starts the local engine through the launcher in the bundle's Resources, and waits for it with a bound. */
#ifndef STYLEATLAS_LAUNCHER_H
#define STYLEATLAS_LAUNCHER_H

#include "transport.h"

/* Starts the engine (once per process and bound) and waits until it accepts on a->path.
 * On success c is connected. */
int launcher_start_and_connect(const EngineAddress *a, Conn *c, const Cancel *cancel, Err *e);

#endif
