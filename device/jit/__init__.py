# lumajit's compiler: GLSL subset -> RV32IMC machine code, on the device.
from .compiler import compile_shader, Program
from .errors import CompileError, format_error
