# The compiler driver: parse (which builds each function's IR), allocate and
# emit each function as soon as its body ends, then link. Only one
# function's IR exists at any time; across functions the program keeps its
# code bytes, function offsets and call sites.

from .parser import Parser, MAIN_TEXT, MAIN_IMAGE_TEXT
from .errors import CompileError
from .emit import BackEmitter, CALL_USER, CALL_HELPER
from .ir import H_FUEL
from .workspace import Workspace
from . import runtime
from . import rv32 as R
from ..alloc_fast import allocate, Frame


class Program:
    # A linked shader: position-independent code (a memoryview) whose frame
    # entry is at `entry`. For tools: `functions` lists (name, offset, bytes,
    # spill slots, words of locals below them) and `helpers` the runtime
    # helper ids linked in. `globals`
    # is the initial image of the words after the parameter block
    # (frame.GLOBALS), empty when it has none. (The heap a compile takes is
    # measured from outside: python -m host profile.)
    def __init__(self, code, entry, functions, helpers_used, globals_):
        self.code = code
        self.entry = entry
        self.functions = functions
        self.helpers = helpers_used
        self.globals = globals_


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
        self.ncalls = 0           # call sites packed in ws.calls (see add_call)
        self.offsets = []         # function index -> program offset
        self.helpers = set()
        self.functions = []
        self.pending = None       # a tail jump to a shader function, not yet placed

    def end_function(self, sig, fb):
        self.ws.stage = "allocate"
        em = BackEmitter(self.ws.code_pool)
        fr = allocate(fb, em)
        fb.release()
        # A tail call: the body ends with a call whose results it returns
        # as they are (at from-end position 2, the moves after it gone), and
        # the callee reads nothing of this frame (no locals: no argument
        # block). The epilogue then runs first and the call becomes a jump,
        # `j f`, the callee returning to this function's caller; with no
        # other call, ra is not even saved. Not when a return elsewhere
        # jumps to the epilogue: it would reach the jump instead. Nor a
        # loop's fuel exit (alloc_loops.py): the loop's exit branch goes
        # past it to the epilogue.
        tail = None
        if not fr.locals and not em.jumps_to_end:
            for call in em.calls:
                if call[0] == 2 and not (call[1] == CALL_HELPER and call[2] == H_FUEL):
                    tail = call
        if tail and len(em.calls) == 1:
            fr = Frame(fr.nslots, fr.saved, False, fr.locals)
        pro, epi = prologue_epilogue(fr)
        self.place_pending(sig.index)
        code = self.code
        start = code.size
        code.put(pro)
        body_start = code.size
        em.copy_forward(code)
        n = em.pos()
        if tail:
            code.size -= 4                  # the jal, put back as a jump below
            code.put(epi[:-2])              # all but the c.jr ra
        for call in em.calls:
            pos, kind, target = call
            if call is tail:
                # The jump waits: if the callee is the next function
                # compiled, it starts right here and needs none.
                self.pending = (kind, target)
            else:
                self.add_call(body_start + 2 * (n - pos), kind, target)
            if kind != CALL_USER:
                self.helpers.add(target)
        if not tail:
            code.put(epi)
        offsets = self.offsets
        while len(offsets) <= sig.index:
            offsets.append(0)
        offsets[sig.index] = start
        self.functions.append((sig.name, start, code.size - start, fr.nslots, fr.locals))

    def place_pending(self, index):
        # The pending tail jump, unless the function placed next (index;
        # -1 at link) is its target.
        if self.pending is None:
            return
        kind, target = self.pending
        self.pending = None
        if kind == CALL_USER and target == index:
            return
        code = self.code
        code.put(b"\x6f\0\0\0")               # jal zero, <patched at link time>
        self.add_call(code.size - 4, kind, target, True)
        name, start, size, nslots, local_words = self.functions[-1]
        self.functions[-1] = (name, start, size + 4, nslots, local_words)

    def add_call(self, at, kind, target, tail=False):
        # One int per call site: program offset of the jal (even: its bit 0
        # says a tail call, a jal to zero), CALL_USER or CALL_HELPER, and
        # the function index or helper id.
        ws = self.ws
        if self.ncalls == len(ws.calls):
            ws.grow_calls()
        ws.calls[self.ncalls] = ((at | tail) << 12) | (kind << 11) | target
        self.ncalls += 1

    # Linking, in small steps: on MicroPython a method with many locals
    # takes its frame from the heap, which is fullest at this point.

    def link(self, main_index, global_words):
        self.place_pending(-1)
        entry = self.place_frame_entry(main_index)
        helper_at = self.place_helpers()
        helper_at[H_FUEL] = entry + runtime.FRAME_FUEL
        self.patch_calls(helper_at)
        image = bytearray(4 * len(global_words))
        for i in range(len(global_words)):
            w = global_words[i] & 0xFFFFFFFF
            for k in range(4):
                image[4 * i + k] = (w >> (8 * k)) & 0xFF
        return Program(self.code.finish(), entry, self.functions, sorted(self.helpers),
                       bytes(image))

    def place_frame_entry(self, main_index):
        code = self.code
        entry = code.size
        code.put(runtime.read(runtime.FRAME))
        call = entry + runtime.FRAME_MAIN_CALL
        code.patch32(call, R.j(R.JAL, R.RA, self.offsets[main_index] - call))
        return entry

    def place_helpers(self):
        # Copy in the blobs of the helpers used; returns helper id -> offset.
        # The code buffer grows once, to its final size (with room for the
        # alignment), and each blob is read from the file straight into it:
        # no copy of a blob is ever in the heap.
        code = self.code
        used = [b for b in runtime.blobs() if any(hid in self.helpers for hid, _ in b[1])]
        end = code.size
        code.reserve(sum(span[1] + 3 for span, _ in used))
        code.size = end
        helper_at = {}
        for span, entries in used:
            code.align(4)
            at = code.reserve(span[1])
            runtime.read(span, memoryview(code.buf)[at:at + span[1]])
            for hid, off in entries:
                helper_at[hid] = at + off
        return helper_at

    def patch_calls(self, helper_at):
        calls = self.ws.calls
        for i in range(self.ncalls):
            at = calls[i] >> 12
            link = R.ZERO if at & 1 else R.RA
            at &= ~1
            dest = helper_at if calls[i] & 0x800 else self.offsets
            self.code.patch32(at, R.j(R.JAL, link, dest[calls[i] & 0x7FF] - at))


def compile_shader(source, workspace=None):
    # Compile shader source text to a linked Program; raises CompileError.
    ws = workspace or Workspace()
    # source: str, or bytes checked here to be UTF-8, so that a bad upload
    # is an error at 1:1 and not an exception wherever a name is decoded.
    # The compiler reads UTF-8 bytes; on MicroPython neither conversion
    # copies the text.
    ws.stage = "preprocess"
    if not isinstance(source, str):
        try:
            source = str(source, "utf-8")
        except UnicodeError:
            raise CompileError("the shader is not UTF-8 text", 1, 1)
    pragmas = None
    if "#" in source:
        from .preproc import preprocess
        pragmas = []
        source = preprocess(source, pragmas)
    pb = ProgramBuilder(ws)
    p = Parser(source.encode(), pb)
    if pragmas and "lumajit saturate" in pragmas:
        p.saturate = True
    pooled = len(ws.ir_pool)
    try:
        p.program()
        entry = p.entry()
        if entry is None:
            raise CompileError("no 'main' function: a shader needs " + MAIN_TEXT
                               + " or " + MAIN_IMAGE_TEXT, 1, 1)
        if p.mutable:
            from . import shader_globals
            entry = shader_globals.pixel_wrapper(p, entry)
    except Exception:       # MemoryError included, on MicroPython too
        # The function being compiled gives its IR chunks back to the
        # workspace (within the pool list's capacity: no allocation), and
        # the pool keeps no more than it had: a failed compile leaves the
        # heap as it found it.
        if p.fb is not None:
            p.fb.release()
        del ws.ir_pool[pooled:]
        raise
    ws.stage = "link"
    return pb.link(entry.index, p.global_words)
