// py/modsys.c includes this extmod header unconditionally, but the
// MicroPython source package we build from ships no extmod/. Nothing this
// port uses needs its definitions (mpconfigport.h names the board, so
// sys.implementation does not fall back to MICROPY_PLATFORM_*).
