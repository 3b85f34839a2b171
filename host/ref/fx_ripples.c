/* fx_ripples (tests/shaders/fx_ripples.glsl), as lumajit computes it. */
#include "q16.h"

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    /* uv.x is never read: lumajit drops its division, and gcc would too
       if it could see that lj_div has no side effects, so it is left out. */
    q uvy = qdiv(y, sy);
    q px = qdiv(x - qmul(Q(0.5), sx), sy), py = qdiv(y - qmul(Q(0.5), sy), sy);
    q height = 0;
    for (int i = 0; i < 3; i++) {
        q fi = i * ONE;
        q srcx = qmul(Q(0.3), lj_cos(qmul(fi, Q(2.1)) + Q(0.5)));
        q srcy = qmul(Q(0.3), lj_sin(qmul(fi, Q(2.1)) + Q(0.5)));
        q d = qlength2(px - srcx, py - srcy);
        height += qdiv(lj_sin(qmul(d, Q(28.0)) - qmul(t, Q(4.0)) + fi), Q(1.0) + qmul(d, Q(8.0)));
    }
    q m = uvy + qmul(height, Q(0.2));
    q light = Q(0.5) + qmul(Q(0.5), height);
    q s = Q(0.6) + qmul(Q(0.6), light);
    out[0] = qmul(qmix(Q(0.0), Q(0.1), m), s);
    out[1] = qmul(qmix(Q(0.2), Q(0.6), m), s);
    out[2] = qmul(qmix(Q(0.4), Q(0.8), m), s);
    out[3] = Q(1.0);
}
