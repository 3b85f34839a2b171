// MicroPython for a bare RV32IMC core under unicorn, configured like the
// ESP32-C3 port (ports/esp32/mpconfigport.h, 1.24+) wherever it changes
// heap use or interpreter speed: same feature level, object layout, number
// and long-int formats, emitters and error reporting. Left out: what needs
// an OS, a VFS or hardware (threads and the GIL, machine, network, os,
// time, the extmod modules, which this source package does not ship).
#include <stdint.h>
#include <alloca.h>

#define MICROPY_CONFIG_ROM_LEVEL            (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)
#define MICROPY_HW_BOARD_NAME               "lumajit emulated C3"
#define MICROPY_HW_MCU_NAME                 "RV32IMC"
#define MICROPY_PY_SYS_PLATFORM             "rv32-unicorn"

// As esp32: 32-bit words, pointers and small ints tagged in the low bit;
// native NLR (nlrrv32.c) on RISC-V.
#define MICROPY_OBJ_REPR                    (MICROPY_OBJ_REPR_A)
#define MICROPY_ALLOC_PATH_MAX              (128)

// As esp32 on the C3: .mpy files load, native and viper code included
// (compiled by mpy-cross -march=rv32imc, or at run time).
#define MICROPY_PERSISTENT_CODE_LOAD        (1)
#define MICROPY_EMIT_RV32                   (1)

#define MICROPY_OPT_COMPUTED_GOTO           (1)
#define MICROPY_ENABLE_GC                   (1)
#define MICROPY_STACK_CHECK_MARGIN          (1024)
#define MICROPY_ENABLE_EMERGENCY_EXCEPTION_BUF (1)
#define MICROPY_LONGINT_IMPL                (MICROPY_LONGINT_IMPL_MPZ)
#define MICROPY_ERROR_REPORTING             (MICROPY_ERROR_REPORTING_NORMAL)
#define MICROPY_WARNINGS                    (1)
#define MICROPY_FLOAT_IMPL                  (MICROPY_FLOAT_IMPL_FLOAT)
#define MICROPY_USE_INTERNAL_ERRNO          (0)
#define MICROPY_USE_INTERNAL_PRINTF         (0)
#define MICROPY_SCHEDULER_DEPTH             (8)
#define MICROPY_PY_STR_BYTES_CMP_WARN       (1)
#define MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS (1)

// Files come from the host (hostio.c, hostfile.c) rather than a VFS;
// import reads them with MicroPython's POSIX reader.
#define MICROPY_READER_POSIX                (1)

// No console input, no Ctrl-C, no REPL: a run is one script.
#define MICROPY_PY_BUILTINS_INPUT           (0)
#define MICROPY_PY_SYS_STDFILES             (0)
#define MICROPY_KBD_EXCEPTION               (0)
#define MICROPY_HELPER_REPL                 (0)
#define MICROPY_PY_IO_FILEIO                (0)
// The extmod modules are not in the source package (the parser would
// otherwise refer to uctypes for its constant folding).
#define MICROPY_PY_UCTYPES                  (0)

#define MP_SSIZE_MAX                        (0x7fffffff)
#define MP_STATE_PORT                       MP_STATE_VM
#define MICROPY_MAKE_POINTER_CALLABLE(p)    ((void *)((uintptr_t)(p)))

typedef long mp_off_t;
#include <sys/types.h>
