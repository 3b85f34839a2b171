/* rainbow (../shared/bench/lp2025-rainbow.glsl), as lumajit computes it,
   with the LightPlayer library functions it calls (device/jit/lpfx.glsl):
   lpfx_psrdnoise (2-D), lpfx_psrd_corner (2-D), lpfx_psrd_permute,
   lpfx_hsv2rgb (vec3), lpfx_hue2rgb, lpfx_saturate (vec3).

   int and uint values are plain 32-bit integers, as lumajit keeps them;
   float(i) is i << 16 and int(f) truncates toward zero (builtins.convert).

   Left out, as lumajit leaves them out: the shader's worley_demo and
   fbm_demo (never called), and the values main and prsd_demo compute but
   never use (main's `pan`, prsd_demo's `gradientMag`, `textureDetail`,
   `saturation`): lumajit's register allocator drops dead code, helper
   calls included (alloc_fast.call), so their sin, length and smoothstep
   are never executed; a C programmer would delete them too (-Wall). */
#include "q16.h"

/* ---- library: colour ---------------------------------------------------- */

/* lpfx_saturate(vec3) is clamp(v, 0.0, 1.0) per component. */
static inline q lpfx_saturate(q x) { return qclamp(x, 0, Q(1.0)); }

static void lpfx_hue2rgb(q hue, q *r, q *g, q *b) {
    q h = qmul(hue, Q(6.0));
    *r = lpfx_saturate(qabs(h - Q(3.0)) - Q(1.0));
    *g = lpfx_saturate(Q(2.0) - qabs(h - Q(2.0)));
    *b = lpfx_saturate(Q(2.0) - qabs(h - Q(4.0)));
}

static void lpfx_hsv2rgb(q hx, q hy, q hz, q *r, q *g, q *b) {
    q cr, cg, cb;
    lpfx_hue2rgb(hx, &cr, &cg, &cb);
    *r = qmul(qmul(cr - Q(1.0), hy) + Q(1.0), hz);
    *g = qmul(qmul(cg - Q(1.0), hy) + Q(1.0), hz);
    *b = qmul(qmul(cb - Q(1.0), hy) + Q(1.0), hz);
}

/* ---- library: psrdnoise (2-D) -------------------------------------------- */

static int32_t lpfx_psrd_permute(int32_t x) {
    int32_t m = (x + 73984) % 289;
    return (m * 34 + 10) * m % 289;
}

/* inout vec2 gradient: *gx, *gy. */
static q lpfx_psrd_corner(q dx, q dy, q lx, q ly, q alpha, q *gx, q *gy) {
    q w = Q(0.8) - qdot2(dx, dy, dx, dy);
    if (w <= 0)
        return 0;
    int32_t u = (qint(lx) + 73984) % 289;
    int32_t h = lpfx_psrd_permute((u * 51 + 2) * u + qint(ly));
    q psi = qmul(qmul(qfloat(h), Q(19.15392)), Q(0.00390625)) + alpha;
    q cx = lj_cos(psi), cy = lj_sin(psi);
    q w2 = qmul(w, w);
    q gd = qdot2(cx, cy, dx, dy);
    q w4 = qmul(w2, w2);
    q k = qmul(qmul(qmul(Q(8.0), w2), w), gd);
    *gx += qmul(cx, w4) - qmul(dx, k);
    *gy += qmul(cy, w4) - qmul(dy, k);
    return qmul(qmul(w2, w2), gd);
}

static q lpfx_psrdnoise_seed(q xx, q xy, q px, q py, q alpha, q *gradx, q *grady,
                             uint32_t seed) {
    q uvx = xx + qmul(xy, Q(0.5)), uvy = xy;
    q i0x = qfloor(uvx), i0y = qfloor(uvy);
    q f0x = uvx - i0x, f0y = uvy - i0y;
    q o1x, o1y;
    if (f0x >= f0y) {
        o1x = Q(1.0);
        o1y = 0;
    } else {
        o1x = 0;
        o1y = Q(1.0);
    }
    q i1x = i0x + o1x, i1y = i0y + o1y;
    q i2x = i0x + Q(1.0), i2y = i0y + Q(1.0);
    q v0x = i0x - qmul(i0y, Q(0.5)), v0y = i0y;
    q v1x = v0x + o1x - qmul(o1y, Q(0.5)), v1y = v0y + o1y;
    q v2x = v0x + Q(0.5), v2y = v0y + Q(1.0);
    if (px > 0 || py > 0) {
        q xw0 = v0x, xw1 = v1x, xw2 = v2x;
        q yw0 = v0y, yw1 = v1y, yw2 = v2y;
        if (px > 0) {
            xw0 = qmod(xw0, px);
            xw1 = qmod(xw1, px);
            xw2 = qmod(xw2, px);
        }
        if (py > 0) {
            yw0 = qmod(yw0, py);
            yw1 = qmod(yw1, py);
            yw2 = qmod(yw2, py);
        }
        q iu0 = qfloor(xw0 + qmul(Q(0.5), yw0) + Q(0.5));
        q iu1 = qfloor(xw1 + qmul(Q(0.5), yw1) + Q(0.5));
        q iu2 = qfloor(xw2 + qmul(Q(0.5), yw2) + Q(0.5));
        q iv0 = qfloor(yw0 + Q(0.5));
        q iv1 = qfloor(yw1 + Q(0.5));
        q iv2 = qfloor(yw2 + Q(0.5));
        i0x = iu0; i0y = iv0;
        i1x = iu1; i1y = iv1;
        i2x = iu2; i2y = iv2;
    }
    q sx = qfloat(seed % 289u), sy = qfloat(seed / 289u % 289u);
    q gx = 0, gy = 0;
    q n = lpfx_psrd_corner(xx - v0x, xy - v0y, i0x + sx, i0y + sy, alpha, &gx, &gy);
    n += lpfx_psrd_corner(xx - v1x, xy - v1y, i1x + sx, i1y + sy, alpha, &gx, &gy);
    n += lpfx_psrd_corner(xx - v2x, xy - v2y, i2x + sx, i2y + sy, alpha, &gx, &gy);
    *gradx = qmul(Q(10.9), gx);
    *grady = qmul(Q(10.9), gy);
    return qmul(Q(10.9), n);
}

static q lpfx_psrdnoise(q xx, q xy, q px, q py, q alpha, q *gradx, q *grady) {
    return lpfx_psrdnoise_seed(xx, xy, px, py, alpha, gradx, grady, 0u);
}

/* ---- the shader ---------------------------------------------------------- */

static void prsd_demo(q sx, q sy, q t, q *out) {
    q gx, gy;
    q noise = lpfx_psrdnoise(sx, sy, 0, 0, t, &gx, &gy);
    q hue = qdiv(lj_cos(qmul(noise, Q(3.1415)) + t), Q(2.0)) + Q(.5);
    q angle = qdiv(qatan2(gy, gx), qmul(Q(2.0), Q(3.14159))) + Q(0.5);
    q r, g, b;
    lpfx_hsv2rgb(qmod(qmul(t, Q(0.1)) + qdiv(hue, Q(3.0)), Q(1.0)), Q(1.0), angle, &r, &g, &b);
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = Q(1.0);
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q scale = qmix(Q(.04), Q(.06), qmul(Q(0.5), lj_sin(qmul(t, Q(.7))) + Q(1.0)));
    q cx = qmul(sx, Q(0.5)), cy = qmul(sy, Q(0.5));
    q dx = x - cx, dy = y - cy;
    prsd_demo(cx + qmul(dx, scale), cy + qmul(dy, scale), t, out);
}
