# alloc_fast: single-pass register allocation, fused with code emission.
#
# How it works
# ------------
# One backward walk over a function's IR, last instruction first (the
# scheme of LuaJIT's lj_asm.c and of regalloc2's fastalloc). Walking
# backwards, a value's uses are met before its definition, so when an
# instruction is reached every value it reads that is still needed below
# already sits in a known place. State, per virtual register (vreg):
#
#   loc[v]  a physical register, INSLOT (live, only in its stack slot) or
#           DEAD (not needed below this point)
#   slot[v] its spill slot once it needs one
#   seg[v]  from a first backward pass (run()): how many calls whose
#           results are read come after v's last definition, and whether
#           v has more than one definition (MULTI_DEF); kept, | ir.SEG, in
#           the constant table's entries of the vregs that are not
#           constants (a byte per vreg more was 400 bytes at the Perlin
#           compile's peak), 0 when the pass did not run
#
# and per physical register the vreg it holds (`occ`), plus `fixed`, the
# argument/result registers reserved between a call and the moves that
# feed or drain it. `inslot` is the set of vregs INSLOT: with `occ`, it
# lists the live values, so that control flow (below) costs what is live,
# not what the function has.
#
# At an instruction `d = op(a, b)`:
#   1. d: if DEAD the instruction is dropped (dead code elimination for
#      free). Otherwise its register is where the result goes; the register
#      becomes free above this point. A vreg with a slot is stored to it
#      right after every definition, so its slot is valid wherever it is
#      INSLOT. In a loop, though, a definition walked before the slot was
#      made stored nothing, yet reaches the code above it around the back
#      edge: LOOP below fills such slots. At the only definition of a vreg,
#      outside loops, its slot is free above: the next vreg to spill there
#      takes it (spill slot reuse; in a loop, slots are only ever new).
#   2. a, b: a vreg already in a register is read there; otherwise it gets
#      a free register (its hint first: call/return registers, the register
#      of the move it feeds, so most moves vanish; else the result's
#      register, so that `op rd, rd, x` has its compressed form; and a
#      register the calls between its definition and here keep, when there
#      are such calls: see below). With none free, the
#      holder of another register is evicted: a constant is simply
#      re-materialised below with `li`, anything else gets a stack slot and
#      a reload `lw` placed right after this instruction. Victims are the
#      vregs numbered lowest, i.e. defined earliest: the furthest
#      definition is the cheapest to give up (Belady, backwards).
#   3. The machine instruction is emitted (emit.BackEmitter builds the code
#      from its end, so fix-up code "after" the instruction is emitted
#      before it).
#
# A call none of whose results is read is dropped with its argument moves
# (functions and helpers have no side effects in this language).
#
# Calls clobber the caller-saved registers (runtime helpers only a0-a5 and
# t0-t2). A value read after calls it was set before (seg) gets, at its last
# read, a register those calls keep if one is free: callee-saved for a
# shader function's call, t3-t5/a6/a7 or callee-saved for a helper's, so it
# stays there throughout. Failing that, a value live across the call is
# moved into a free callee-saved register after the call returns (it lives
# there above the call) or spilled. FMUL's scratch is a free register of
# x8-x15 when there is one (its shift and or then compress).
#
# Structured control flow: at a LABEL the state is recorded, as a snapshot:
# the live vregs with their locations, in vreg order. A JMP takes the
# state of its target. A conditional branch merges the fall-through state
# with the target's: values live at the target but not on the fall-through
# path are added (in the target's register when free), and where the two
# still disagree the taken edge gets a small block of moves (a parallel
# move, cycles broken through t6) before jumping on; both follow the
# target's values in vreg order, which decides registers and move order.
# Without loops every branch goes forward, so the walk meets a label before
# all the branches and jumps to it: a first pass over the IR counts them,
# the last one met drops the snapshot, and a label nothing jumps to keeps
# none. Only the labels of the constructs around the walk's position hold
# one, so the state kept is the live values times the nesting depth. The
# exception is a loop's back edge (BACK), met before the loop header
# (LOOP) it jumps to:
#   - At BACK the state at the header is chosen: the values live after the
#     loop stay where they are, and every value defined before the loop and
#     read inside it (found by scanning the loop's IR once, so nested loops
#     cost the body once per level; the scan also notes those the loop
#     sets, for LOOP) gets, in vreg order, a free register, avoiding the
#     registers calls in the loop clobber, or its stack slot.
#     Constants are only kept in a register when one is free; otherwise
#     they are rematerialised inside the loop. This state's snapshot is
#     kept until the LOOP.
#   - The body is then allocated as straight-line code, so a loop-carried
#     value read at the top and redefined at the bottom normally stays in
#     that one register (a definition hints its register to the value's
#     earlier uses).
#   - At LOOP, where the state the body needs at its top may differ from
#     the chosen one, a parallel move between the two is placed right
#     after the header label, so both the entry and the back edge run it:
#     stores first, then register moves, then loads and constants. A value
#     is stored when the body reloads it from its slot, and also when the
#     body sets it and its slot was only made while the body was walked: a
#     definition walked before that stored nothing, yet on the next trip
#     the code above it may read the slot. Then the back edge's jump,
#     emitted as a full-size placeholder, is patched to the header.
#
# Memory: arrays and call blocks ("locals", sized by the parser) sit at
# sp+0.., spill slots above them, then ra and the callee-saved registers
# used; 16-byte aligned. s11 (ir.GP) points at the frame's parameter block
# and globals for the whole program and is never allocated. The prologue and
# epilogue are built after the walk, when the frame is known; returns jump
# to the epilogue, which sits at from-end position 0, so their offsets are
# known from the start.

from .compat import const
from array import array
from .jit import ir
from .jit.ir import VREG0
from .jit import rv32 as R
from .jit import emit as E

DEAD = const(255)
INSLOT = const(254)
NO_SLOT = const(255)
MULTI_DEF = const(0x4000)  # seg: the vreg has more than one definition

# Allocation order: x8-x15 first (compressed encodings), a0/a1 late
# (argument/result registers), callee-saved last (they cost a save).
# s11 (ir.GP) is never handed out: it holds the parameter block's address
# for the fuel checks on loops' back edges and for the globals.
ORDER = bytes((R.A5, R.A4, R.A3, R.A2, R.A1, R.A0, R.T0, R.T1, R.T2, R.T3, R.T4, R.T5, R.A6, R.A7,
               R.S0, R.S1, R.S2, R.S3, R.S4, R.S5, R.S6, R.S7, R.S8, R.S9, R.S10))
CALLEE_SAVED = bytes((R.S0, R.S1, R.S2, R.S3, R.S4, R.S5, R.S6, R.S7, R.S8, R.S9, R.S10,
                      R.S11))


def _mask(regs):
    m = 0
    for r in regs:
        m |= 1 << r
    return m


CALL_CLOBBER = _mask((R.T0, R.T1, R.T2, R.T3, R.T4, R.T5, R.T6, R.A0, R.A1, R.A2, R.A3,
                      R.A4, R.A5, R.A6, R.A7))
HELPER_CLOBBER = _mask((R.T0, R.T1, R.T2, R.A0, R.A1, R.A2, R.A3, R.A4, R.A5))
CALLEE_MASK = _mask(CALLEE_SAVED)


class AllocError(Exception):
    pass


class Frame:
    # What the prologue/epilogue need once the walk is done.
    def __init__(self, nslots, saved, has_call, local_words):
        self.nslots = nslots
        self.locals = local_words   # below the spill slots
        self.saved = saved          # callee-saved registers to preserve, in order
        self.has_call = has_call
        words = local_words + nslots + len(saved) + (1 if has_call else 0)
        self.size = (words * 4 + 15) & ~15


class FastAlloc:
    def __init__(self, fb, em):
        self.fb = fb
        self.em = em
        self.loc = loc = fb.ws.loc        # per-vreg tables live in the Workspace
        self.slot = slot = fb.ws.slot
        self.hints = fb.ws.hints          # read directly: no call per use
        self.seg = fb.ws.const_at
        for i in range(fb.nv - VREG0):
            loc[i] = DEAD
            slot[i] = NO_SLOT
        self.inslot = set()    # the vregs whose loc is INSLOT
        self.occ = array("H", range(32))    # vreg held by each register, 0 = none
        for r in range(32):
            self.occ[r] = 0
        self.fixed = 0
        self.pinned = 0
        self.used_callee = 0
        self.nslots = 0
        self.labels = {}       # label -> (snapshot, position), until its last reference
        self.dead_args = 0     # argument moves still to drop for a dropped call
        self.has_call = False  # a call was emitted: ra needs saving
        self.base = 4 * fb.locals   # spill slot 0's offset from sp
        self.loops = {}        # header label -> what back_edge() leaves for loop_header()
        self.skipping = False  # inside a dropped memo block (walk)
        self.free_slots = []   # spill slots no value needs above the walk

    # ---- registers --------------------------------------------------------------

    def free_reg(self, prefer, avoid=0):
        # A register is free when no vreg occupies it and it is neither
        # fixed, pinned nor avoided: the mask computed once.
        occ = self.occ
        avoid |= self.fixed | self.pinned
        if prefer < 32 and prefer != R.T6 and prefer != 0 and occ[prefer] == 0 \
                and not (avoid >> prefer) & 1 and prefer in ORDER:
            return prefer
        for r in ORDER:
            if occ[r] == 0 and not (avoid >> r) & 1:
                return r
        return -1

    def assign(self, v, r):
        # v is in r above this point: a register, or INSLOT.
        i = v - VREG0
        if r == INSLOT:
            self.inslot.add(v)
        else:
            self.occ[r] = v
            if self.loc[i] == INSLOT:
                self.inslot.remove(v)
        self.loc[i] = r
        if (CALLEE_MASK >> r) & 1:
            self.used_callee |= 1 << r

    def get_slot(self, v):
        s = self.slot[v - VREG0]
        if s == NO_SLOT:
            if self.free_slots and not self.loops:
                s = self.free_slots.pop()
            else:
                s = self.nslots
                if s >= NO_SLOT:
                    raise AllocError("too many spilled values")
                self.nslots += 1
            self.slot[v - VREG0] = s
        return s

    def spill(self, r):
        # Give up register r above this point; below, its vreg is restored.
        v = self.occ[r]
        self.occ[r] = 0
        c = self.fb.const_of(v)
        if c is not None:
            self.em.li(r, c)
            self.loc[v - VREG0] = DEAD
        else:
            self.em.lw_sp(r, self.base + 4 * self.get_slot(v))
            self.assign(v, INSLOT)

    def evict(self):
        # Free the register whose vreg was defined earliest.
        best = -1
        for r in ORDER:
            v = self.occ[r]
            if v and not ((self.pinned | self.fixed) >> r) & 1 and (best < 0 or v < self.occ[best]):
                best = r
        if best < 0:
            raise AllocError("no register can be freed")
        self.spill(best)
        return best

    def relocate(self, r, avoid):
        # Register r is needed here: its vreg moves elsewhere above this point.
        v = self.occ[r]
        if self.fb.const_of(v) is None:
            r2 = self.free_reg(self.hints[v - VREG0], avoid | (1 << r))
            if r2 >= 0:
                self.em.mv(r, r2)
                self.occ[r] = 0
                self.assign(v, r2)
                return
        self.spill(r)

    def use(self, x, prefer=255):
        if x < VREG0:
            return x
        r = self.loc[x - VREG0]
        if r >= 32:
            h = self.hints[x - VREG0]
            if h >= 32:
                h = prefer
            k = self.ncalls
            s = self.seg[x - VREG0]
            avoid = 0
            # Read here, set before calls above: a register they keep, so
            # that no move after each of them is needed (see call()); not
            # for a constant, made again after them instead.
            if s >= ir.SEG and k < s & 0xFF:
                s &= 0xFF
                calls = self.calls
                while k < s:
                    avoid |= CALL_CLOBBER if calls[k] & 1 else HELPER_CLOBBER
                    k += 1
            r = self.free_reg(h, avoid)
            if r < 0 and avoid:
                r = self.free_reg(h)
            if r < 0:
                r = self.evict()
            self.assign(x, r)
        self.pinned |= 1 << r
        return r

    def define(self, d):
        # The register receiving d's value here, or -1 when d is dead.
        i = d - VREG0
        r = self.loc[i]
        if r == DEAD:
            return -1
        if r == INSLOT:
            r = self.free_reg(self.hints[i])
            if r < 0:
                r = self.evict()
            self.inslot.remove(d)
        else:
            self.occ[r] = 0
            if self.hints[i] == ir.NO_HINT:
                # Earlier uses of a variable defined again here prefer the
                # same register: a loop-carried value then keeps one.
                self.hints[i] = r
        self.loc[i] = DEAD
        s = self.slot[i]
        if s != NO_SLOT:
            self.em.sw_sp(r, self.base + 4 * s)
            if self.seg[i] & (ir.SEG | MULTI_DEF) == ir.SEG and not self.loops:
                # Its only definition: above, no one needs the slot (not
                # in a loop, where the header's stores count on slot
                # numbers growing while the body is walked).
                self.free_slots.append(s)
                self.slot[i] = NO_SLOT
        return r

    # ---- the walk ----------------------------------------------------------------

    def run(self):
        fb = self.fb
        n = fb.n
        # One backward pass first, for three things. The branches and jumps
        # to each label, counted down by target(). The calls whose results
        # are read, last first: IR index << 1, | 1 for a shader function's
        # (an unused call, and what only it reads, are dropped below:
        # whether a vreg is read by what stays is marked 0 in slot while the
        # pass runs, flow-insensitively). And per vreg, how many of those
        # calls come after its last definition (seg): read after more calls
        # than that, it lives across the others, and use() gives it a
        # register they keep.
        self.refs = refs = array("H", bytes(2 * fb.nlabels))
        self.calls = calls = []
        self.ncalls = 0         # calls[ncalls] is the nearest call above the walk: as
                                # many calls are below
        if fb.ncalls:
            need = self.slot
            seg = self.seg
            moves = True       # the argument or return value moves met are kept
            result = False     # the call above has a result read
            skip = False
            nseg = 0           # len(calls), up to 126
            for ci in range(len(fb.chunks) - 1, -1, -1):
                c = fb.chunks[ci]
                for k in range(4 * min(n - ci * ir.CHUNK_INSNS, ir.CHUNK_INSNS) - 4, -1, -4):
                    op = c[k]
                    d = c[k + 1]
                    if skip:
                        # Branches still count: in a loop the walk may find
                        # a result live (loop values stay live to the end)
                        # and emit the block after all.
                        skip = op != ir.MEMO or d != 0
                        if ir.BEQ <= op <= ir.JMP:
                            refs[d] += 1
                    elif op <= ir.ABS or op == ir.LWI:
                        a = c[k + 2]
                        if d >= VREG0:
                            if seg[d - VREG0] == 0:
                                seg[d - VREG0] = ir.SEG | nseg
                            elif seg[d - VREG0] >= ir.SEG:
                                seg[d - VREG0] |= MULTI_DEF
                            if need[d - VREG0]:
                                continue               # nothing kept reads it
                            if op == ir.MV and 0 < a < VREG0:
                                result = True          # a call's result (or a parameter)
                                continue
                        elif not moves:
                            continue                   # an unused call's argument
                        if a >= VREG0:
                            need[a - VREG0] = 0
                        if ir.ADD <= op <= ir.REMU or ir.FMUL <= op <= ir.MAX:
                            if c[k + 3] >= VREG0:
                                need[c[k + 3] - VREG0] = 0
                    elif ir.BEQ <= op <= ir.JMP:
                        refs[d] += 1
                        if op != ir.JMP:
                            if c[k + 2] >= VREG0:
                                need[c[k + 2] - VREG0] = 0
                            if c[k + 3] >= VREG0:
                                need[c[k + 3] - VREG0] = 0
                    elif op == ir.SWI:
                        if d >= VREG0:
                            need[d - VREG0] = 0
                        if c[k + 2] >= VREG0:
                            need[c[k + 2] - VREG0] = 0
                    elif op == ir.CALL or op == ir.HCALL:
                        moves = result or c[k + 3] & ir.KEEP
                        if moves:
                            calls.append((ci * ir.CHUNK_INSNS + k // 4) << 1 | (op == ir.CALL))
                            if nseg < 126:
                                nseg += 1
                        result = False
                    elif op == ir.RET:
                        moves = True
                    elif op == ir.MEMO and d:
                        skip = True
                        for v in range(d, d + c[k + 2]):
                            if not need[v - VREG0]:
                                skip = False
            for i in range(fb.nv - VREG0):
                need[i] = NO_SLOT
        else:
            # No call: only the labels' counts (seg stays unset).
            for ci in range(len(fb.chunks)):
                c = fb.chunks[ci]
                for k in range(0, 4 * min(n - ci * ir.CHUNK_INSNS, ir.CHUNK_INSNS), 4):
                    if ir.BEQ <= c[k] <= ir.JMP:      # the branches, then JMP
                        refs[c[k + 1]] += 1
        for ci in range(len(fb.chunks) - 1, -1, -1):
            self.walk(ci, (n - ci * ir.CHUNK_INSNS if ci == len(fb.chunks) - 1
                           else ir.CHUNK_INSNS))
        live = self.snapshot()
        if live:
            raise AllocError("v%d is used before it is defined" % (live[0] >> 8))
        saved = [r for r in CALLEE_SAVED if (self.used_callee >> r) & 1]
        return Frame(self.nslots, saved, self.has_call, self.fb.locals)

    def walk(self, ci, count):
        # The instructions of IR chunk ci, last first.
        em = self.em
        code = self.fb.chunks[ci]
        skipping = self.skipping
        for i in range(count * 4 - 4, -1, -4):
            op = code[i]
            if skipping:
                # A per-frame memo block whose results nothing reads: up to
                # its start marker, nothing is emitted (see MEMO below).
                skipping = op != ir.MEMO or code[i + 1] != 0
                if op == ir.CALL or op == ir.HCALL:
                    self.pass_call(ci * ir.CHUNK_INSNS + i // 4)
                continue
            d = code[i + 1]
            a = code[i + 2]
            b = code[i + 3]
            self.pinned = 0
            if op == ir.LABEL:
                if self.refs[d]:     # nothing jumps to it: no state to keep
                    self.labels[d] = (self.snapshot(), em.pos())
            elif op == ir.JMP:
                state, target = self.target(d)
                self.restore(state)
                em.jump(target)
            elif op == ir.RET:
                self.restore(())
                em.jump(0)
                self.fixed = _mask(range(R.A0, R.A0 + a))
            elif ir.BEQ <= op <= ir.BGEU:       # ir.is_branch(op), inline
                self.branch(op, d, a, b)
            elif op == ir.CALL or op == ir.HCALL:
                self.call(op, d, a, b)
                self.pass_call(ci * ir.CHUNK_INSNS + i // 4)
            elif op == ir.MV:
                self.move(d, a)
            elif op == ir.SWI:
                rv = self.use(d)
                em.sw(rv, self.use(a), b)
            elif op == ir.BACK or op == ir.LOOP:
                from . import alloc_loops
                if op == ir.BACK:
                    alloc_loops.back_edge(self, d, a, ci * ir.CHUNK_INSNS + i // 4, b)
                else:
                    alloc_loops.loop_header(self, d)
            elif op == ir.MEMO:
                # The end of a memo block (builtins.hoist): its stores to
                # the globals would keep it alive, so it goes as a whole
                # when none of its results is read below, like an unused
                # call.
                loc = self.loc
                skipping = d != 0
                for v in range(d, d + a):
                    if loc[v - VREG0] != DEAD:
                        skipping = False
            else:
                rd = self.define(d)
                if rd < 0:
                    continue
                if op == ir.LI:
                    em.li(rd, self.fb.const_of(d))
                elif op == ir.LWI:
                    em.lw(rd, self.use(a), b)
                elif ir.ADDI <= op <= ir.SRAI:  # ir.is_itype(op), inline
                    # An operand read for the last time here prefers rd:
                    # `op rd, rd, x` has the compressed forms.
                    em.alui(op, rd, self.use(a, rd), b)
                elif op == ir.ABS:
                    ra = self.use(a, rd)
                    em.abs_(rd, ra, self.scratch(rd, ra))
                else:
                    ra = self.use(a, rd)
                    rb = self.use(b, rd if ra != rd and op != ir.SUB else 255)
                    if op == ir.FMUL:
                        em.fmul(rd, ra, rb, self.scratch(rd, rd))
                    elif op == ir.MIN or op == ir.MAX:
                        em.minmax(op, rd, ra, rb)
                    else:
                        em.alu(op, rd, ra, rb)
        self.skipping = skipping

    def move(self, d, a):
        em = self.em
        if d < VREG0:
            if self.dead_args:
                self.dead_args -= 1
                return
            # Argument or return value into its fixed register.
            self.fixed &= ~(1 << d)
            em.mv(d, self.use(a, d))
            return
        rd = self.define(d)
        if rd < 0:
            return
        if a < VREG0:
            # Parameter or call result read from its fixed register; a value
            # living in that register below moves out of its way.
            if a != 0:
                if self.occ[a]:
                    # Not into rd: the fix-up runs after this move, when rd
                    # already holds d.
                    self.relocate(a, 1 << rd)
                self.fixed |= 1 << a
            em.mv(rd, a)
            return
        em.mv(rd, self.use(a, rd))

    def snapshot(self):
        # The state: each live vreg with its loc, packed as v << 8 | loc (a
        # small int, no object of its own), in vreg order, the order merges
        # and loop headers handle values in.
        s = list(self.inslot)
        for v in self.occ:
            if v:
                s.append(v)
        s.sort()
        loc = self.loc
        for j in range(len(s)):
            s[j] = s[j] << 8 | loc[s[j] - VREG0]
        return s

    def restore(self, state):
        # Make a snapshot the current state.
        loc = self.loc
        for v in self.inslot:
            loc[v - VREG0] = DEAD
        self.inslot.clear()
        occ = self.occ
        for r in range(32):
            if occ[r]:
                loc[occ[r] - VREG0] = DEAD
                occ[r] = 0
        for e in state:
            self.assign(e >> 8, e & 255)

    def target(self, label):
        # The snapshot and position of a branch's or jump's label. Every
        # reference is met after the label (they go forward), so the last
        # one drops the snapshot.
        t = self.labels[label]
        refs = self.refs
        refs[label] -= 1
        if not refs[label]:
            del self.labels[label]
        return t

    def scratch(self, rd, ra):
        # A free register of x8-x15 for FMUL's or ABS's scratch (their
        # shift, or and sub then compress), t6 when there is none. Free:
        # no value lives in it across this instruction, and it is not an
        # operand (pinned), rd or ra.
        for r in (R.A5, R.A4, R.A3, R.A2, R.A1, R.A0):
            if not self.occ[r] and r != rd and r != ra and \
                    not ((self.fixed | self.pinned) >> r) & 1:
                return r
        return R.T6

    def pass_call(self, at):
        # The walk is at IR index `at`, a call: the nearest above is further.
        calls = self.calls
        while self.ncalls < len(calls) and calls[self.ncalls] >> 1 >= at:
            self.ncalls += 1

    def call(self, op, target, nargs, nres):
        keep = nres & ir.KEEP
        nres &= ~ir.KEEP
        results = _mask(range(R.A0, R.A0 + nres))
        if not self.fixed & results and not keep:
            # Nothing reads a result: the call and its argument moves go.
            self.dead_args = nargs
            return
        self.fixed &= ~results
        clobber = CALL_CLOBBER if op == ir.CALL else HELPER_CLOBBER
        for r in range(32):
            if (clobber >> r) & 1 and self.occ[r]:
                self.relocate(r, clobber)
        self.em.call(E.CALL_USER if op == ir.CALL else E.CALL_HELPER, target)
        self.has_call = True
        self.fixed |= _mask(range(R.A0, R.A0 + nargs))

    def branch(self, op, label, a, b):
        state, target = self.target(label)
        # Operands first, in the fall-through state: a reload caused by an
        # eviction here lands on the fall-through path, which the merge
        # below then knows about.
        ra = self.use(a)
        rb = self.use(b)
        moves = self.merge(state)
        em = self.em
        if not moves:
            em.branch(op, ra, rb, target)
            return
        skip = em.pos()
        em.jump(target, force=False)
        self.emit_moves(moves)
        em.branch(op ^ 1, ra, rb, skip)          # the opposite branch (ir.py)

    def merge(self, state):
        # Make the current state serve the target too; return the moves the
        # taken edge needs: (dst register, "r"/"s"/"c", source register /
        # slot / constant).
        moves = []
        loc = self.loc
        for e in state:
            v = e >> 8
            tl = e & 255
            i = v - VREG0
            fl = loc[i]
            if fl == DEAD:
                if tl == INSLOT:
                    self.assign(v, INSLOT)
                elif self.occ[tl] == 0 and not ((self.fixed | self.pinned) >> tl) & 1:
                    self.assign(v, tl)
                else:
                    c = self.fb.const_of(v)
                    r = self.free_reg(self.hints[i]) if c is None else -1
                    if c is not None:
                        moves.append((tl, "c", c))
                    elif r >= 0:
                        self.assign(v, r)
                        moves.append((tl, "r", r))
                    else:
                        self.assign(v, INSLOT)
                        moves.append((tl, "s", self.get_slot(v)))
            elif fl == INSLOT:
                if tl != INSLOT:
                    moves.append((tl, "s", self.slot[i]))
            elif tl != INSLOT and tl != fl:
                moves.append((tl, "r", fl))
        return moves

    def emit_moves(self, moves, stores=()):
        # Sequentialise the parallel move in program order, then emit it
        # backwards. Stores first and register moves next (their sources
        # are still intact), then loads and constants, which read no
        # register.
        reg = [(d, s) for d, k, s in moves if k == "r"]
        order = []
        while reg:
            for j in range(len(reg)):
                d = reg[j][0]
                if not any(s == d for _, s in reg):
                    order.append(reg.pop(j))
                    break
            else:
                d = reg[0][0]
                order.append((R.T6, d))
                reg = [(dd, R.T6 if s == d else s) for dd, s in reg]
        em = self.em
        for d, k, s in moves:
            if k == "s":
                em.lw_sp(d, self.base + 4 * s)
            elif k == "c":
                em.li(d, s)
        for j in range(len(order) - 1, -1, -1):
            em.mv(order[j][0], order[j][1])
        for slot, r in stores:
            em.sw_sp(r, self.base + 4 * slot)


def allocate(fb, em):
    # Allocate registers for one function's IR and emit its body into em.
    return FastAlloc(fb, em).run()
