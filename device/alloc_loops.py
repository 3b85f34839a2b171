# alloc_fast's rule for loops (described at the top of alloc_fast.py),
# imported at the first loop a function has, and the loops' fuel checks.
#
# Fuel: the renderer puts a frame's fuel in the parameter block
# (device/jit/frame.py); every back edge spends 1 plus the calls the body
# makes (the LOOP's third field, counted by the parser with their callees'
# calls) plus 1 per 16 IR instructions of the body. When none is left the
# loop calls the frame entry's fuel exit with the loop's line in t6 (never
# returning: the frame ends there). In program order:
#
#   lw t6, P_FUEL(gp); addi t6, t6, -cost; sw t6, P_FUEL(gp)
#   bge t6, zero, header        (was the back edge's jump)
#   li t6, line; jal ra, fuel
#
# 3 cycles per trip more than the plain jump, and t6 is free there: the
# allocator never hands it out. A header beyond the branch's reach (4 KB)
# gets the check beside it instead (loop_header).

from .compat import const
from .jit import ir
from .jit.ir import VREG0
from .jit import rv32 as R
from .jit.emit import CALL_HELPER
from .alloc_fast import (DEAD, INSLOT, NO_SLOT, CALL_CLOBBER, HELPER_CLOBBER, AllocError)

_P_FUEL = const(36)     # frame.P_FUEL (checked equal by tests/test_fuel.py)


# Per IR op, which fields it reads as operands: 1 = a, 2 = b, 4 = d.
_READS = bytearray(ir.MEMO + 1)
for _op in range(ir.MV, ir.ABS + 1):
    _READS[_op] = 1 if ir.is_itype(_op) or _op == ir.MV or _op == ir.ABS else 3
for _op in range(ir.BEQ, ir.BGEU + 1):
    _READS[_op] = 3
_READS[ir.LWI] = 1
_READS[ir.SWI] = 5


def _insn(fb, j):
    c = fb.chunks[j // ir.CHUNK_INSNS]
    k = (j % ir.CHUNK_INSNS) * 4
    return c[k], c[k + 1], c[k + 2], c[k + 3]


def back_edge(al, label, at, here, line):
    # The state at the loop header (see the top of alloc_fast.py); `here`
    # is the IR index of this BACK, `at` that of its LOOP.
    fb = al.fb
    first = _insn(fb, at)[2]
    carried = set()        # the vregs from before the loop read in it
    redefined = set()      # the vregs from before the loop set in it
    clobber = 0
    for j in range(at + 1, here):
        op, d, a, b = _insn(fb, j)
        if op == ir.CALL:
            clobber |= CALL_CLOBBER
        elif op == ir.HCALL:
            clobber |= HELPER_CLOBBER
        elif (ir.LI <= op <= ir.ABS or op == ir.LWI) and VREG0 <= d < first:
            redefined.add(d)
        reads = _READS[op]
        if reads & 1 and VREG0 <= a < first:
            carried.add(a)
        if reads & 2 and VREG0 <= b < first:
            carried.add(b)
        if reads & 4 and VREG0 <= d < first:
            carried.add(d)
    loc = al.loc
    for v in sorted(carried):     # registers are handed out in vreg order
        i = v - VREG0
        if loc[i] != DEAD:
            continue              # live after the loop: it stays where it is
        h = fb.ws.hints[i]
        r = al.free_reg(h, clobber)
        if r < 0:
            r = al.free_reg(h)
        if r >= 0:
            al.assign(v, r)
        elif fb.const_of(v) is None:
            al.get_slot(v)
            al.assign(v, INSLOT)
    em = al.em
    _fuel_exit(em, line)
    jump = em.back_jump()
    # 1, the calls in the body, and 1 per 16 IR instructions of it: a body
    # of thousands of lines is a long trip without a call.
    cost = min(1 + _insn(fb, at)[3] + (here - at) // 16, 2048)
    em.seq(R.i(R.LW, R.T6, ir.GP, _P_FUEL), em.addi_form(R.T6, R.T6, -cost),
           R.s(R.SW, R.T6, ir.GP, _P_FUEL))
    al.loops[label] = (al.snapshot(), jump, al.nslots, redefined, line)


def _fuel_exit(em, line):
    em.call(CALL_HELPER, ir.H_FUEL)
    em.li(R.T6, line)


def loop_header(al, label):
    state, jump, nslots, redefined, line = al.loops.pop(label)
    moves = []
    stores = []
    j = 0
    for e in al.snapshot():       # the state the body needs at its top
        v = e >> 8
        tl = e & 255
        # v's loc in the chosen state, whose snapshot is in vreg order too.
        while j < len(state) and state[j] >> 8 < v:
            j += 1
        bl = state[j] & 255 if j < len(state) and state[j] >> 8 == v else DEAD
        i = v - VREG0
        s = al.slot[i]
        if tl == INSLOT or (bl < 32 and v in redefined and s != NO_SLOT and s >= nslots):
            # The body reloads v from its slot, or it sets v and v got its
            # slot while the body was walked: a definition walked before
            # that stored nothing, so the slot is filled here.
            if bl == DEAD:
                raise AllocError("v%d is live into loop %d but never set" % (v, label))
            if bl != INSLOT:
                stores.append((s, bl))
        if tl == bl or tl == INSLOT:
            continue
        if bl == INSLOT:
            moves.append((tl, "s", s))
        elif bl != DEAD:
            moves.append((tl, "r", bl))
        else:
            c = al.fb.const_of(v)
            if c is None:
                raise AllocError("v%d is live into loop %d but never set" % (v, label))
            moves.append((tl, "c", c))
    al.emit_moves(moves, stores)
    em = al.em
    head = em.pos()
    if jump - head >= -2048:
        em.patch(jump, R.b(R.BGE, R.T6, R.ZERO, (jump - head) * 2))
    else:
        # Out of the branch's reach: the back edge jumps to a check just
        # above the header, which the way in from above jumps over.
        _fuel_exit(em, line)
        em.ins(R.b(R.BGE, R.T6, R.ZERO, (em.pos() + 2 - head) * 2))
        check = em.pos()
        em.jump(head)
        em.patch(jump, R.j(R.JAL, 0, (jump - check) * 2))
    al.restore(state)
