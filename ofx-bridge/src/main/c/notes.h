/* Each message to the user named once per pass: hosts that create an instance and a sequence per
 * frame would otherwise show the same failure or note for every frame. */
#ifndef STYLEATLAS_NOTES_H
#define STYLEATLAS_NOTES_H

/* How long a message stays "already said" after its last occurrence. */
#define NOTES_QUIET_MS 30000

/* Returns 1 when the message with this key was not said within NOTES_QUIET_MS (the caller posts it),
 * else 0; either way the key counts as said now. Thread-safe. */
int notes_first(const char *key);

/* Forgets every message (after a stylized frame: the conditions they named are over). */
void notes_clear(void);

#endif
