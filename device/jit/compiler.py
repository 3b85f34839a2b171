# The compiler driver: parse (which builds each function's IR), allocate and
# emit each function as soon as its body ends, then link. Only one
# function's IR exists at any time; across functions the program keeps its
# code bytes, function offsets and call sites.

from .parser import Parser
from .errors import CompileError
from .emit import BackEmitter, CALL_USER
from .ir import FuncBuilder
from .codebuf import CodeBuffer
from .asm import Asm
from . import frame
from . import helpers
from . import glsl_types as T
from . import rv32 as R
from ..alloc_fast import allocate

MAIN_PARAMS = [T.make(T.K_FLOAT, 2), T.make(T.K_FLOAT, 2), T.FLOAT]
MAIN_RET = T.make(T.K_FLOAT, 4)


class Program:
    # A linked shader: position-independent code (a memoryview) whose frame
    # entry is at `entry`. `functions` lists (name, offset, bytes) for tools.
    def __init__(self, code, entry, functions, helpers_used):
        self.code = code
        self.entry = entry
        self.functions = functions
        self.helpers = helpers_used


def _words(insns):
    out = bytearray()
    for w in insns:
        out.extend(w.to_bytes(R.size(w), "little"))
    return out


def prologue_epilogue(fr):
    # Frame layout: spill slots from sp+0, saved registers at the top.
    if fr.size == 0:
        return b"", _words((R.cr(R.C_JR, R.RA, 0),))
    regs = ([R.RA] if fr.has_call else []) + fr.saved
    size = fr.size
    grow = R.addi16sp(-size) if size <= 512 else R.i(R.ADDI, R.SP, R.SP, -size)
    shrink = R.addi16sp(size) if size < 512 else R.i(R.ADDI, R.SP, R.SP, size)
    offs = [size - 4 * (i + 1) for i in range(len(regs))]
    pro = [grow] + [R.swsp(regs[i], offs[i]) if offs[i] < 256 else R.s(R.SW, regs[i], R.SP, offs[i])
                    for i in range(len(regs))]
    epi = [R.lwsp(regs[i], offs[i]) if offs[i] < 256 else R.i(R.LW, regs[i], R.SP, offs[i])
           for i in range(len(regs))] + [shrink, R.cr(R.C_JR, R.RA, 0)]
    return _words(pro), _words(epi)


class ProgramBuilder:
    # The parser's back end: compiles each function as it ends, then links.
    def __init__(self):
        self.code = CodeBuffer()
        self.ir_pool = []         # spare IR chunks
        self.code_pool = []       # spare emitter chunks
        self.offsets = []         # function index -> program offset
        self.calls = []           # (program offset of a jal, CALL_USER/CALL_HELPER, target)
        self.helpers = set()
        self.functions = []

    def begin_function(self):
        return FuncBuilder(self.ir_pool)

    def end_function(self, sig, fb):
        em = BackEmitter(self.code_pool)
        fr = allocate(fb, em)
        fb.release()
        pro, epi = prologue_epilogue(fr)
        code = self.code
        start = code.size
        code.put(pro)
        body_start = code.size
        em.copy_forward(code)
        code.put(epi)
        n = em.pos()
        for pos, kind, target in em.calls:
            self.calls.append((body_start + 2 * (n - pos), kind, target))
            if kind != CALL_USER:
                self.helpers.add(target)
        self.offsets.append(start)
        self.functions.append((sig.name, start, code.size - start))

    def link(self, functions):
        main = functions.get("main")
        if main is None:
            raise CompileError("no 'main' function: a shader needs "
                               "vec4 main(vec2 fragCoord, vec2 outputSize, float time)", 1, 1)
        if main.ret != MAIN_RET or main.params != MAIN_PARAMS:
            raise CompileError("main must be declared "
                               "vec4 main(vec2 fragCoord, vec2 outputSize, float time)",
                               main.pos[0], main.pos[1])
        a = Asm(self.code)
        a.define("main", self.offsets[main.index])
        entry = frame.emit(a)
        helpers.emit(a, self.helpers)
        a.resolve()
        for at, kind, target in self.calls:
            dest = self.offsets[target] if kind == CALL_USER else a.labels[helpers.NAMES[target]]
            self.code.patch32(at, R.j(R.JAL, R.RA, dest - at))
        used = [helpers.NAMES[h] for h in sorted(self.helpers)]
        return Program(self.code.finish(), entry, self.functions, used)


def compile_shader(source):
    # Compile shader source text to a linked Program; raises CompileError.
    pb = ProgramBuilder()
    functions = Parser(source, pb).program()
    return pb.link(functions)
