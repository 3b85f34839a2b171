/* fx_plasma (tests/shaders/fx_plasma.glsl), as lumajit computes it. */
#include "q16.h"

#define PI_ Q(3.14159)

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q u = qdiv(x, sx), w = qdiv(y, sy);
    q px = qmul(u, Q(4.0)) - Q(2.0), py = qmul(w, Q(4.0)) - Q(2.0);
    q v = lj_sin(px + t);
    v += lj_sin(qmul(py + t, Q(0.5)));
    v += lj_sin(qmul(px + py + t, Q(0.5)));
    q cx = px + qmul(Q(2.0), lj_sin(qdiv(t, Q(3.0))));
    q cy = py + qmul(Q(2.0), lj_cos(qdiv(t, Q(2.0))));
    v += lj_sin(lj_sqrt(qdot2(cx, cy, cx, cy) + Q(1.0)) + t);
    v = qmul(v, Q(0.5));
    q a = qmul(v, PI_);
    out[0] = Q(0.5) + qmul(Q(0.5), lj_sin(a));
    out[1] = Q(0.5) + qmul(Q(0.5), lj_sin(a + Q(2.094)));
    out[2] = Q(0.5) + qmul(Q(0.5), lj_sin(a + Q(4.188)));
    out[3] = Q(1.0);
}
