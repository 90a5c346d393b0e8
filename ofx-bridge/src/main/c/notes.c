#include "notes.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "shim.h"

#define NOTES_SLOTS 32

typedef struct Note {
    uint64_t hash;
    long long lastMs;
} Note;

static pthread_mutex_t g_notes_lock = PTHREAD_MUTEX_INITIALIZER;
static Note g_notes[NOTES_SLOTS];

/* FNV-1a, 64 bits; 0 is kept for empty slots. */
static uint64_t hash_of(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h ? h : 1;
}

int notes_first(const char *key) {
    uint64_t h = hash_of(key);
    long long now = shim_now_ms();
    pthread_mutex_lock(&g_notes_lock);
    Note *slot = NULL, *oldest = &g_notes[0];
    for (int i = 0; i < NOTES_SLOTS && !slot; i++) {
        if (g_notes[i].hash == h) slot = &g_notes[i];
        else if (g_notes[i].lastMs < oldest->lastMs) oldest = &g_notes[i];
    }
    int first = !slot || now - slot->lastMs >= NOTES_QUIET_MS;
    if (!slot) slot = oldest;
    slot->hash = h;
    slot->lastMs = now;
    pthread_mutex_unlock(&g_notes_lock);
    return first;
}

void notes_clear(void) {
    pthread_mutex_lock(&g_notes_lock);
    memset(g_notes, 0, sizeof g_notes);
    pthread_mutex_unlock(&g_notes_lock);
}
