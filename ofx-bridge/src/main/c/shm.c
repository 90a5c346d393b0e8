#define _GNU_SOURCE
#include "shm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* At most this many idle segments, and this many bytes, wait in the pool (two 1080p render
 * segments are ~150 MB; a 4K one is ~300 MB). */
#define POOL_SEGMENTS 4
#define POOL_BYTES ((size_t)640 << 20)
#define SHM_DIR "/dev/shm"
#define NAME_PREFIX "styleatlas-"
/* A segment of a dead process is swept only when it is at least this old (seconds). */
#define STALE_SECONDS 60

static atomic_uint g_sequence;
static pthread_mutex_t g_pool_lock = PTHREAD_MUTEX_INITIALIZER;
static Segment g_pool[POOL_SEGMENTS];
static pid_t g_pool_pid; /* the process that filled the pool: a forked child neither uses nor unlinks it */

int segment_create(Segment *s, size_t size, Err *e) {
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof s->name, "/styleatlas-%d-%u", (int)getpid(), atomic_fetch_add(&g_sequence, 1) + 1);
    int fd = shm_open(s->name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_set(e, "StyleAtlas: cannot create shared memory %s: %s", s->name, strerror(errno));
        s->name[0] = '\0';
        return -1;
    }
    if (ftruncate(fd, (off_t)size) != 0) {
        err_set(e, "StyleAtlas: cannot size shared memory %s to %zu bytes: %s", s->name, size, strerror(errno));
        close(fd);
        segment_destroy(s);
        return -1;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        err_set(e, "StyleAtlas: cannot map shared memory %s: %s", s->name, strerror(errno));
        segment_destroy(s);
        return -1;
    }
    s->base = p;
    s->size = size;
    return 0;
}

void segment_destroy(Segment *s) {
    if (s->base) munmap(s->base, s->size);
    if (s->name[0]) shm_unlink(s->name);
    memset(s, 0, sizeof(*s));
}

/* Called with the lock held: forgets (without unlinking) a pool inherited through fork. */
static int pool_is_ours(void) {
    pid_t me = getpid();
    if (g_pool_pid == me) return 1;
    for (int i = 0; i < POOL_SEGMENTS; i++) {
        if (g_pool[i].base) munmap(g_pool[i].base, g_pool[i].size);
        memset(&g_pool[i], 0, sizeof g_pool[i]);
    }
    g_pool_pid = me;
    return 0;
}

int segment_acquire(Segment *s, size_t size, Err *e) {
    pthread_mutex_lock(&g_pool_lock);
    if (pool_is_ours()) {
        for (int i = 0; i < POOL_SEGMENTS; i++) {
            if (g_pool[i].base && g_pool[i].size == size) {
                *s = g_pool[i];
                memset(&g_pool[i], 0, sizeof g_pool[i]);
                pthread_mutex_unlock(&g_pool_lock);
                return 0;
            }
        }
    }
    pthread_mutex_unlock(&g_pool_lock);
    return segment_create(s, size, e);
}

void segment_release(Segment *s) {
    if (!s->base) {
        segment_destroy(s);
        return;
    }
    pthread_mutex_lock(&g_pool_lock);
    pool_is_ours();
    size_t held = 0;
    int free_slot = -1;
    for (int i = 0; i < POOL_SEGMENTS; i++) {
        held += g_pool[i].size;
        if (!g_pool[i].base && free_slot < 0) free_slot = i;
    }
    if (free_slot >= 0 && held + s->size <= POOL_BYTES) {
        g_pool[free_slot] = *s;
        memset(s, 0, sizeof(*s));
    }
    pthread_mutex_unlock(&g_pool_lock);
    if (s->base) segment_destroy(s);
}

void segment_pool_drain(void) {
    pthread_mutex_lock(&g_pool_lock);
    if (pool_is_ours()) {
        for (int i = 0; i < POOL_SEGMENTS; i++) segment_destroy(&g_pool[i]);
    }
    pthread_mutex_unlock(&g_pool_lock);
}

/* The process's idle segments go when the plug-in's library is unloaded or the process exits. */
__attribute__((destructor)) static void drain_at_exit(void) { segment_pool_drain(); }

void segment_sweep_stale(void) {
    DIR *d = opendir(SHM_DIR);
    if (!d) return;
    struct dirent *ent;
    time_t now = time(NULL);
    while ((ent = readdir(d)) != NULL) {
        int pid = 0, used = 0;
        unsigned sequence = 0;
        if (strncmp(ent->d_name, NAME_PREFIX, strlen(NAME_PREFIX)) != 0 ||
            sscanf(ent->d_name, NAME_PREFIX "%d-%u%n", &pid, &sequence, &used) != 2 || ent->d_name[used] != '\0' ||
            pid <= 0 || pid == (int)getpid())
            continue;
        char path[sizeof SHM_DIR + 256];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", SHM_DIR, ent->d_name);
        if (stat(path, &st) != 0 || st.st_uid != getuid() || now - st.st_mtime < STALE_SECONDS) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* its process lives (or is not ours to ask) */
        char name[sizeof SHM_DIR + 256];
        snprintf(name, sizeof name, "/%s", ent->d_name);
        shm_unlink(name);
    }
    closedir(d);
}
