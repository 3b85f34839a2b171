# lumajit's compiler: GLSL subset -> RV32IMC machine code, on the device.
# Deliberately empty: `device.jit.workspace` must import without pulling in
# the compiler (see workspace.py). The API is in device.jit.compiler:
# compile_shader, Program, Workspace, CompileError; error_text.format_error
# prints an error.
