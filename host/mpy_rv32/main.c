// The interpreter's entry. The host has mapped a heap and a stack and named
// the script; main initialises MicroPython over them, runs the script and
// exits with its status: 0, 1 after an uncaught exception (its traceback
// printed first), or the value given to sys.exit.
#include "py/compile.h"
#include "py/cstack.h"
#include "py/gc.h"
#include "py/mphal.h"
#include "py/runtime.h"
#include "shared/runtime/gchelper.h"
#include "hostcall.h"

static struct host_layout layout;

static int exit_status(mp_obj_t exc) {
    if (!mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(exc)),
        MP_OBJ_FROM_PTR(&mp_type_SystemExit))) {
        mp_obj_print_exception(&mp_plat_print, exc);
        return 1;
    }
    mp_obj_t value = mp_obj_exception_get_value(exc);
    mp_int_t status = 0;
    if (value != mp_const_none && !mp_obj_get_int_maybe(value, &status)) {
        status = 1;
    }
    return status;
}

static int run_script(const char *path) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_lexer_t *lex = mp_lexer_new_from_file(qstr_from_str(path));
        qstr source_name = lex->source_name;
        mp_store_global(MP_QSTR___file__, MP_OBJ_NEW_QSTR(source_name));
        mp_parse_tree_t tree = mp_parse(lex, MP_PARSE_FILE_INPUT);
        mp_call_function_0(mp_compile(&tree, source_name, false));
        nlr_pop();
        return 0;
    }
    return exit_status(MP_OBJ_FROM_PTR(nlr.ret_val));
}

int main(void) {
    host_call(HOST_LAYOUT, (intptr_t)&layout, 0, 0);
    mp_cstack_init_with_top((void *)layout.stack_top, layout.stack_bytes);
    gc_init((void *)layout.heap_start, (void *)(layout.heap_start + layout.heap_bytes));
    mp_init();
    int status = run_script(layout.script);
    mp_deinit();
    host_call(HOST_EXIT, status, 0, 0);
    return status;
}

void gc_collect(void) {
    gc_collect_start();
    gc_helper_collect_regs_and_stack();
    gc_collect_end();
}

// An exception with no handler left: only start-up (mp_init on a heap too
// small for it) can get here.
void nlr_jump_fail(void *val) {
    mp_hal_stdout_tx_str("FATAL: uncaught exception outside the script (heap too small?)\n");
    host_call(HOST_EXIT, 134, 0, 0);
    for (;;) {
    }
}
