// The guest's only way out: `ecall` with the call number in a7 and up to
// three arguments in a0-a2; the host (host/rv32_micropython.py, which has
// the same numbers) does the work in a unicorn hook and puts the result in
// a0. Failures come back as -errno.
#ifndef LUMAJIT_HOSTCALL_H
#define LUMAJIT_HOSTCALL_H

#include <stdint.h>

enum {
    HOST_WRITE = 1,     // (buf, len): to the run's stdout
    HOST_EXIT = 2,      // (status): never returns
    HOST_OPEN = 3,      // (path): handle, read-only
    HOST_READ = 4,      // (handle, buf, len): bytes read, 0 at the end
    HOST_SEEK = 5,      // (handle, offset, whence): the new position
    HOST_CLOSE = 6,     // (handle)
    HOST_STAT = 7,      // (path): 0 missing, 1 directory, 2 file
    HOST_MARK = 8,      // (n): the host records n with its counts so far
    HOST_LAYOUT = 9,    // (struct host_layout *): filled in by the host
};

// Where the host put the heap and stack, and the script to run.
struct host_layout {
    uint32_t heap_start;
    uint32_t heap_bytes;
    uint32_t stack_top;
    uint32_t stack_bytes;
    char script[256];
};

static inline intptr_t host_call(intptr_t n, intptr_t a0, intptr_t a1, intptr_t a2) {
    register intptr_t r0 __asm__ ("a0") = a0;
    register intptr_t r1 __asm__ ("a1") = a1;
    register intptr_t r2 __asm__ ("a2") = a2;
    register intptr_t r7 __asm__ ("a7") = n;
    __asm__ volatile ("ecall" : "+r" (r0) : "r" (r1), "r" (r2), "r" (r7) : "memory");
    return r0;
}

#endif
