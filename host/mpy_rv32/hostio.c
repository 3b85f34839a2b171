// POSIX-style file calls and stdout over host calls. MicroPython's own file
// reader (MICROPY_READER_POSIX, used by import) calls open/read/close, and
// hostfile.c builds Python file objects on the same four.
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "py/mphal.h"
#include "hostcall.h"

static int posix_result(intptr_t r) {
    if (r < 0) {
        errno = -r;
        return -1;
    }
    return r;
}

int open(const char *path, int flags, ...) {
    if ((flags & O_ACCMODE) != O_RDONLY) {
        errno = EROFS;      // the host serves its files read-only
        return -1;
    }
    return posix_result(host_call(HOST_OPEN, (intptr_t)path, 0, 0));
}

ssize_t read(int fd, void *buf, size_t len) {
    return posix_result(host_call(HOST_READ, fd, (intptr_t)buf, len));
}

off_t lseek(int fd, off_t offset, int whence) {
    return posix_result(host_call(HOST_SEEK, fd, offset, whence));
}

int close(int fd) {
    return posix_result(host_call(HOST_CLOSE, fd, 0, 0));
}

mp_uint_t mp_hal_stdout_tx_strn(const char *str, size_t len) {
    host_call(HOST_WRITE, (intptr_t)str, len, 0);
    return len;
}

// The host's stdout is a file, not a terminal: newlines stay as they are.
void mp_hal_stdout_tx_strn_cooked(const char *str, size_t len) {
    mp_hal_stdout_tx_strn(str, len);
}

void mp_hal_stdout_tx_str(const char *str) {
    mp_hal_stdout_tx_strn(str, strlen(str));
}
