/* fx_tunnel (tests/shaders/fx_tunnel.glsl), as lumajit computes it. */
#include "q16.h"

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q px = qdiv(x - qmul(Q(0.5), sx), sy), py = qdiv(y - qmul(Q(0.5), sy), sy);
    q r = qlength2(px, py);
    q a = qatan2(py, px);
    q depth = qdiv(Q(0.25), r) + qmul(t, Q(0.8));
    q walls = qmul(lj_sin(qmul(depth, Q(6.0))), lj_sin(qmul(a, Q(4.0)) + qmul(t, Q(0.3))));
    q tile = qsmoothstep(-Q(0.4), Q(0.4), walls);
    q s = qsmoothstep(Q(0.0), Q(0.45), r);
    out[0] = qmul(qmix(Q(0.15), Q(0.9), tile), s);
    out[1] = qmul(qmix(Q(0.1), Q(0.5), tile), s);
    out[2] = qmul(qmix(Q(0.4), Q(0.2), tile), s);
    out[3] = Q(1.0);
}
