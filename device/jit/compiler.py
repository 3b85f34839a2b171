# The compiler driver: parse (which builds each function's IR), allocate and
# emit each function as soon as its body ends, then link. Only one
# function's IR exists at any time; across functions the program keeps its
# code bytes, function offsets and call sites.

from .parser import Parser
from .errors import CompileError, format_error
from .emit import BackEmitter, CALL_USER
from .ir import FuncBuilder
from .workspace import Workspace
from .codebuf import CodeBuffer
from . import runtime
from . import glsl_types as T
from . import rv32 as R
from ..alloc_fast import allocate

MAIN_PARAMS = [T.make(T.K_FLOAT, 2), T.make(T.K_FLOAT, 2), T.FLOAT]
MAIN_RET = T.make(T.K_FLOAT, 4)


class Program:
    # A linked shader: position-independent code (a memoryview) whose frame
    # entry is at `entry`. `functions` lists (name, offset, bytes, spill
    # slots) and
    # `helpers` the runtime helper ids linked in, for tools.
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
    def __init__(self, ws):
        ws.code.size = 0
        self.ws = ws
        self.code = ws.code
        self.offsets = []         # function index -> program offset
        self.calls = []           # (program offset of a jal, CALL_USER/CALL_HELPER, target)
        self.helpers = set()
        self.functions = []

    def begin_function(self):
        return FuncBuilder(self.ws)

    def end_function(self, sig, fb):
        em = BackEmitter(self.ws.code_pool)
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
        self.functions.append((sig.name, start, code.size - start, fr.nslots))

    def link(self, functions):
        main = functions.get("main")
        if main is None:
            raise CompileError("no 'main' function: a shader needs "
                               "vec4 main(vec2 fragCoord, vec2 outputSize, float time)", 1, 1)
        if main.ret != MAIN_RET or main.params != MAIN_PARAMS:
            raise CompileError("main must be declared "
                               "vec4 main(vec2 fragCoord, vec2 outputSize, float time)",
                               main.pos[0], main.pos[1])
        code = self.code
        entry = code.size
        code.put(runtime.FRAME)
        code.patch32(entry + runtime.FRAME_MAIN_CALL,
                     R.j(R.JAL, R.RA, self.offsets[main.index] - entry - runtime.FRAME_MAIN_CALL))
        helper_at = {}
        for blob, entries in runtime.BLOBS:
            if any(hid in self.helpers for hid, _ in entries):
                code.align(4)
                at = code.size
                code.put(blob)
                for hid, off in entries:
                    helper_at[hid] = at + off
        for at, kind, target in self.calls:
            dest = self.offsets[target] if kind == CALL_USER else helper_at[target]
            code.patch32(at, R.j(R.JAL, R.RA, dest - at))
        return Program(code.finish(), entry, self.functions, sorted(self.helpers))


def compile_shader(source, workspace=None):
    # Compile shader source text to a linked Program; raises CompileError.
    pb = ProgramBuilder(workspace or Workspace())
    functions = Parser(source, pb).program()
    return pb.link(functions)
