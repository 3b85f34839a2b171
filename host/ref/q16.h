/* Q16.16 for the gcc reference build (host/gcc_ref.py): the same
   arithmetic lumajit compiles shaders into, written in C, so that gcc -O2
   and lumajit translate the same fixed-point program.

   - Operators: + and - wrap; qmul is the 64-bit product shifted right 16
     (what lumajit's inline multiply computes).
   - Runtime helpers are lumajit's own machine code (device/jit/runtime.bin),
     linked in as lj_* functions: the same algorithms, the same cycles.
     They follow the standard calling convention for their callers (they
     clobber only a0-a5 and t0-t2).
   - Inline builtins are written as lumajit lowers them (builtins.py), e.g.
     floor clears the fraction bits and mix is a + (b - a) * t.
   - Literals: Q(x) rounds to the nearest Q16.16 value at compile time,
     as lumajit's lexer does. */

#ifndef Q16_H
#define Q16_H

#include <stdint.h>

typedef int32_t q;

#define Q(x) ((q)((x) * 65536.0 + ((x) >= 0 ? 0.5 : -0.5)))
#define ONE 65536
#define LARGEST 0x7FFFFFFF

q lj_div(q a, q b);
q lj_mod(q a, q b);
q lj_sin(q x);
q lj_cos(q x);
q lj_sqrt(q x);
q lj_atan2(q y, q x);
q lj_exp2(q x);
q lj_log2(q x);
q lj_length(q a, q b, q c, q d);

/* The product as lumajit computes it: the 64-bit product's middle word.
   Written as mul for the low word and mulh for the high one, since gcc
   otherwise keeps a nested product in 64 bits and multiplies 64 x 64; by
   a constant, as the 64-bit product, which gcc reduces itself. */
static inline q qmul(q a, q b) {
    if (__builtin_constant_p(a) || __builtin_constant_p(b))
        return (q)(((int64_t)a * b) >> 16);
    uint32_t lo = (uint32_t)a * (uint32_t)b;
    uint32_t hi = (uint32_t)(((int64_t)a * b) >> 32);
    return (q)((lo >> 16) | (hi << 16));
}
static inline q qfloor(q x) { return x & ~0xFFFF; }
static inline q qfract(q x) { return x & 0xFFFF; }
static inline q qceil(q x) { return qfloor(x + ONE - 1); }
/* int(x) for a float x truncates toward zero; float(i) of an int or uint
   shifts it into place (builtins.convert). */
static inline int32_t qint(q x) { return (x + (q)((uint32_t)(x >> 31) >> 16)) >> 16; }
static inline q qfloat(int32_t i) { return (q)((uint32_t)i << 16); }

/* a / b: constants fold; a constant divisor of +-2^k (k >= 0, as a
   Q16.16 value) is an exact shift, truncating toward zero; anything else
   calls the helper (builtins.divide, builtins.helper). */
static inline __attribute__((always_inline)) q qdiv(q a, q b) {
    if (__builtin_constant_p(a) && __builtin_constant_p(b)) {   /* folded, as lumajit does */
        int64_t n = ((int64_t)(a < 0 ? -(int64_t)a : a) << 16);
        int64_t d = b < 0 ? -(int64_t)b : b;
        int64_t v = d ? n / d : LARGEST;
        v = v > LARGEST ? LARGEST : a ? v : 0;
        return ((a < 0) == (b < 0) || (!b && a > 0)) ? (q)v : (q)-v;
    }
    if (__builtin_constant_p(b) && (b >= ONE || b <= -ONE)) {
        uint32_t d = b > 0 ? (uint32_t)b : -(uint32_t)b;
        if ((d & (d - 1)) == 0) {
            int k = __builtin_ctz(d) - 16;
            if (k) {
                a = (a + (q)(((uint32_t)(a >> 31)) >> (32 - k))) >> k;
            }
            return b > 0 ? a : -a;
        }
        if ((d & (ONE - 1)) == 0) {       /* +-n: a / n, as lumajit's builtins.divide */
            q r = a / (q)(d >> 16);
            return b > 0 ? r : -r;
        }
    }
    return lj_div(a, b);
}

/* trunc(a / d) for a constant d >= 2 that is not a power of two: a
   magic multiply and shifts, exact for every a (Granlund and Montgomery;
   Hacker's Delight 10-8, unsigned, on |a|). lumajit's builtins._mod_by
   uses the signed variant of the same method. (gcc 12 keeps a div/rem
   instruction for a division by a constant on RISC-V, at any -mtune, so
   the header does it, as lumajit does.) Every constant below folds. */
static inline __attribute__((always_inline)) q qtrunc_div_const(q a, uint32_t d) {
    int l = 32 - __builtin_clz(d);                     /* 2^(l-1) < d < 2^l */
    uint32_t m = (uint32_t)(((((uint64_t)1 << (32 + l)) + d - 1) / d) - ((uint64_t)1 << 32));
    uint32_t u = a < 0 ? -(uint32_t)a : (uint32_t)a;
    uint32_t t = (uint32_t)(((uint64_t)u * m) >> 32);
    uint32_t n = (((u - t) >> 1) + t) >> (l - 1);
    return a < 0 ? -(q)n : (q)n;
}

/* mod(a, b), floored (the sign of b): by a constant it is inline, as
   lumajit's builtins._mod_by does it (an AND for a positive power of two,
   else a - b * trunc(a / b) fixed up); otherwise the helper. */
static inline __attribute__((always_inline)) q qmod(q a, q b) {
    if (__builtin_constant_p(b) && b > 0 && (b & (b - 1)) == 0)
        return a & (b - 1);
    if (__builtin_constant_p(b) && b != 0 && b != -b) {
        uint32_t d = b > 0 ? (uint32_t)b : -(uint32_t)b;
        q r = (d & (d - 1)) == 0 ? (q)((uint32_t)a & (d - 1)) : a - qtrunc_div_const(a, d) * (q)d;
        if (b > 0)
            return r + ((r >> 31) & (q)d);
        return (d & (d - 1)) == 0 ? (r ? r - (q)d : 0) : (r > 0 ? r - (q)d : r < 0 ? r : 0);
    }
    return lj_mod(a, b);
}

/* a * (n + m / 2^32) for a real constant (n, m): mul for the integer
   part, mulh for the rest, as builtins.times does. The constants are
   lumajit's (builtins_more.py) or computed as builtins.ratio does. */
static inline q qtimes(q a, int32_t n, int32_t m) {
    q r = m ? (q)(((int64_t)a * m) >> 32) : 0;
    return n == 1 ? a + r : n ? a * n + r : r;
}
static inline int64_t floordiv64(int64_t a, int64_t b) {   /* b > 0 */
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
/* builtins.ratio(num, den): num / den as (n, m), rounded, in integers. */
static inline int32_t ratio_n(int64_t num, int64_t den) { return (2 * num + den) / (2 * den); }
static inline int32_t ratio_m(int64_t num, int64_t den) {
    int64_t m = floordiv64((num - ratio_n(num, den) * den) * ((int64_t)1 << 33) + den, 2 * den);
    return m > LARGEST ? LARGEST : (int32_t)m;
}
#define LOG2_E 1, 1901360723
#define LN_2 1, -1317922824
#define HALF_LN_2 0, 1488522236
static inline q qabs(q x) { return x < 0 ? -x : x; }
static inline q qmin(q a, q b) { return a < b ? a : b; }
static inline q qmax(q a, q b) { return a > b ? a : b; }
static inline q qclamp(q x, q lo, q hi) { return qmin(qmax(x, lo), hi); }
static inline q qmix(q a, q b, q t) { return a + qmul(b - a, t); }
static inline q qstep(q edge, q x) { return x < edge ? 0 : ONE; }
static inline q qsign(q x) { return x > 0 ? ONE : x < 0 ? -ONE : 0; }

/* smoothstep (builtins._smoothstep): with constant edges it clamps x - e0
   and multiplies by 1 / (e1 - e0); with variable edges it divides. Then
   t * (t * (3 - 2t)). */
static inline q qsmooth_poly(q t) { return qmul(t, qmul(t, 3 * ONE - 2 * t)); }
static inline q qsmoothstep(q e0, q e1, q x) {
    q d = x - e0;
    if (__builtin_constant_p(e0) && __builtin_constant_p(e1) && e0 != e1) {
        q t;
        if (e1 > e0)
            t = qtimes(qclamp(d, 0, e1 - e0), ratio_n(ONE, e1 - e0), ratio_m(ONE, e1 - e0));
        else
            t = -qtimes(qclamp(d, e1 - e0, 0), ratio_n(ONE, e0 - e1), ratio_m(ONE, e0 - e1));
        return qsmooth_poly(t);
    }
    return qsmooth_poly(qclamp(qdiv(d, e1 - e0), 0, ONE));
}

/* exp2/log2 are helpers; exp, log and pow as builtins_more lowers them. */
static inline q qexp(q x) { return lj_exp2(qtimes(qclamp(x, -16 * ONE, 16 * ONE), LOG2_E)); }
static inline q qlog(q x) {
    q lg = lj_log2(x);
    int32_t m = -1317922824;          /* LN_2's m, the product rounded */
    return lg + (q)(((int64_t)lg * m) >> 32) + (q)((uint32_t)(lg * m) >> 31);
}
static inline q qatan2(q y, q x) { return lj_atan2(y, x); }
static inline q qatan(q x) { return lj_atan2(x, ONE); }

static inline q qdot2(q ax, q ay, q bx, q by) { return qmul(ax, bx) + qmul(ay, by); }
static inline q qdot3(q ax, q ay, q az, q bx, q by, q bz) {
    return qmul(ax, bx) + qmul(ay, by) + qmul(az, bz);
}
static inline q qlength2(q x, q y) { return lj_length(x, y, 0, 0); }
static inline q qlength3(q x, q y, q z) { return lj_length(x, y, z, 0); }

/* The entry every translation defines: the pixel at (x, y) of a frame
   sx x sy at time t, its RGBA written to out[0..3]. (lumajit's main
   returns them in a0-a3; C returns them through memory, which costs the
   reference 4 stores a pixel.) */
void shader_main(q x, q y, q sx, q sy, q t, q *out);

#endif
