// renameat2(RENAME_EXCHANGE): swaps two paths in one step (Linux 3.15+,
// glibc 2.28+). Declared here because Swift's Glibc module is built
// without _GNU_SOURCE; the run folder uses it to swap a finished run in.
#ifndef QINDEX_CFILESWAP_H
#define QINDEX_CFILESWAP_H

#if defined(__linux__)
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
static inline int qindex_exchange(const char *a, const char *b) {
    return renameat2(-100 /* AT_FDCWD */, a, -100, b, 1u << 1 /* RENAME_EXCHANGE */);
}
#else
#include <errno.h>
static inline int qindex_exchange(const char *a, const char *b) { (void)a; (void)b; errno = 38; /* ENOSYS */ return -1; }
#endif

#endif
