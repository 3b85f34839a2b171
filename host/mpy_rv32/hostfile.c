// What Python sees of the host's files: open() giving read-only file
// objects (text or binary), and the stat that import uses to find modules.
// A file object is a handle plus MicroPython's stream protocol, which
// supplies read, readline, seek, tell, close, `with` and line iteration.
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "py/builtin.h"
#include "py/mperrno.h"
#include "py/runtime.h"
#include "py/stream.h"
#include "hostcall.h"

typedef struct _hostfile_obj_t {
    mp_obj_base_t base;
    int fd;             // -1 once closed
} hostfile_obj_t;

static mp_uint_t hostfile_read(mp_obj_t self_in, void *buf, mp_uint_t size, int *errcode) {
    hostfile_obj_t *self = MP_OBJ_TO_PTR(self_in);
    ssize_t n = read(self->fd, buf, size);
    if (n < 0) {
        *errcode = errno;
        return MP_STREAM_ERROR;
    }
    return n;
}

static mp_uint_t hostfile_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode) {
    hostfile_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (request == MP_STREAM_SEEK) {
        struct mp_stream_seek_t *s = (struct mp_stream_seek_t *)arg;
        off_t at = lseek(self->fd, s->offset, s->whence);
        if (at < 0) {
            *errcode = errno;
            return MP_STREAM_ERROR;
        }
        s->offset = at;
        return 0;
    }
    if (request == MP_STREAM_CLOSE) {
        if (self->fd >= 0) {
            close(self->fd);
            self->fd = -1;
        }
        return 0;
    }
    *errcode = MP_EINVAL;
    return MP_STREAM_ERROR;
}

static const mp_rom_map_elem_t hostfile_locals_table[] = {
    { MP_ROM_QSTR(MP_QSTR_read), MP_ROM_PTR(&mp_stream_read_obj) },
    { MP_ROM_QSTR(MP_QSTR_readinto), MP_ROM_PTR(&mp_stream_readinto_obj) },
    { MP_ROM_QSTR(MP_QSTR_readline), MP_ROM_PTR(&mp_stream_unbuffered_readline_obj) },
    { MP_ROM_QSTR(MP_QSTR_seek), MP_ROM_PTR(&mp_stream_seek_obj) },
    { MP_ROM_QSTR(MP_QSTR_tell), MP_ROM_PTR(&mp_stream_tell_obj) },
    { MP_ROM_QSTR(MP_QSTR_close), MP_ROM_PTR(&mp_stream_close_obj) },
    { MP_ROM_QSTR(MP_QSTR___del__), MP_ROM_PTR(&mp_stream_close_obj) },
    { MP_ROM_QSTR(MP_QSTR___enter__), MP_ROM_PTR(&mp_identity_obj) },
    { MP_ROM_QSTR(MP_QSTR___exit__), MP_ROM_PTR(&mp_stream___exit___obj) },
};
static MP_DEFINE_CONST_DICT(hostfile_locals_dict, hostfile_locals_table);

static const mp_stream_p_t hostfile_binary_p = {
    .read = hostfile_read,
    .ioctl = hostfile_ioctl,
};

static const mp_stream_p_t hostfile_text_p = {
    .read = hostfile_read,
    .ioctl = hostfile_ioctl,
    .is_text = true,
};

static MP_DEFINE_CONST_OBJ_TYPE(
    hostfile_fileio_type,
    MP_QSTR_FileIO,
    MP_TYPE_FLAG_ITER_IS_STREAM,
    protocol, &hostfile_binary_p,
    locals_dict, &hostfile_locals_dict
    );

static MP_DEFINE_CONST_OBJ_TYPE(
    hostfile_textio_type,
    MP_QSTR_TextIOWrapper,
    MP_TYPE_FLAG_ITER_IS_STREAM,
    protocol, &hostfile_text_p,
    locals_dict, &hostfile_locals_dict
    );

// open(path, mode="r"): modes r, rt and rb; anything else is refused, as
// the host's files are read-only.
static mp_obj_t hostfile_open(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    if (n_args > 2 || kw_args->used) {
        mp_raise_TypeError(MP_ERROR_TEXT("open(path, mode) only"));
    }
    const char *path = mp_obj_str_get_str(args[0]);
    const char *mode = n_args > 1 ? mp_obj_str_get_str(args[1]) : "r";
    const mp_obj_type_t *type = &hostfile_textio_type;
    for (; *mode; mode++) {
        if (*mode == 'b') {
            type = &hostfile_fileio_type;
        } else if (*mode != 'r' && *mode != 't') {
            mp_raise_OSError(MP_EROFS);
        }
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        mp_raise_OSError_with_filename(errno, path);
    }
    // With a finaliser, like the VFS files of the esp32 port: a file
    // dropped unclosed is closed by the GC.
    hostfile_obj_t *self = mp_obj_malloc_with_finaliser(hostfile_obj_t, type);
    self->fd = fd;
    return MP_OBJ_FROM_PTR(self);
}
MP_DEFINE_CONST_FUN_OBJ_KW(mp_builtin_open_obj, 1, hostfile_open);

mp_import_stat_t mp_import_stat(const char *path) {
    return (mp_import_stat_t)host_call(HOST_STAT, (intptr_t)path, 0, 0);
}
