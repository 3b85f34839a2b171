/* fx_kaleidoscope (tests/shaders/fx_kaleidoscope.glsl), as lumajit computes it. */
#include "q16.h"

static void palette(q t, q *col) {
    col[0] = Q(0.5) + qmul(Q(0.5), lj_cos(qmul(Q(6.28318), t + Q(0.0))));
    col[1] = Q(0.5) + qmul(Q(0.5), lj_cos(qmul(Q(6.28318), t + Q(0.33))));
    col[2] = Q(0.5) + qmul(Q(0.5), lj_cos(qmul(Q(6.28318), t + Q(0.67))));
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q px = qdiv(x - qmul(Q(0.5), sx), sy), py = qdiv(y - qmul(Q(0.5), sy), sy);
    q r = qlength2(px, py);
    q a = qatan2(py, px);
    const q SEGMENT = qdiv(Q(6.28318), Q(6.0));
    a = qabs(qmod(a, SEGMENT) - qmul(Q(0.5), SEGMENT));
    q qx = qmul(r, lj_cos(a)), qy = qmul(r, lj_sin(a));
    qx += qmul(Q(0.1), lj_sin(qmul(t, Q(0.7))));
    qy += qmul(Q(0.05), t);
    q pattern = qmul(lj_sin(qmul(qx, Q(14.0)) + t), lj_cos(qmul(qy, Q(20.0)) - qmul(t, Q(0.5))));
    palette(qmul(pattern, Q(0.3)) + r + qmul(t, Q(0.1)), out);
    q s = qmul(Q(1.0) - qsmoothstep(Q(0.3), Q(0.55), r), Q(0.8)) + Q(0.2);
    out[0] = qmul(out[0], s);
    out[1] = qmul(out[1], s);
    out[2] = qmul(out[2], s);
    out[3] = Q(1.0);
}
