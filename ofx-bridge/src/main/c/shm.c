#define _GNU_SOURCE
#include "shm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static atomic_uint g_sequence;

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
