// The `emu` module: what a script asks of the emulator itself. mark(n)
// has the host record n with the instructions and modelled cycles counted
// so far, so a script can bracket the work it wants measured.
#include "py/runtime.h"
#include "hostcall.h"

static mp_obj_t emu_mark(mp_obj_t n) {
    host_call(HOST_MARK, mp_obj_get_int(n), 0, 0);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(emu_mark_obj, emu_mark);

static const mp_rom_map_elem_t emu_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_emu) },
    { MP_ROM_QSTR(MP_QSTR_mark), MP_ROM_PTR(&emu_mark_obj) },
};
static MP_DEFINE_CONST_DICT(emu_globals, emu_globals_table);

const mp_obj_module_t emu_module = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&emu_globals,
};
MP_REGISTER_MODULE(MP_QSTR_emu, emu_module);
