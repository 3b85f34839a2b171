/* fx_hsv_wheel (tests/shaders/fx_hsv_wheel.glsl), as lumajit computes it. */
#include "q16.h"

static inline q hsv_channel(q h6, q offset, q s, q v) {
    q k = qclamp(qabs(qmod(h6 + offset, Q(6.0)) - Q(3.0)) - Q(1.0), Q(0.0), Q(1.0));
    return qmul(v, qmix(Q(1.0), k, s));
}

static void hsv2rgb(q h, q s, q v, q *rgb) {
    q h6 = qmul(h, Q(6.0));
    rgb[0] = hsv_channel(h6, Q(0.0), s, v);
    rgb[1] = hsv_channel(h6, Q(4.0), s, v);
    rgb[2] = hsv_channel(h6, Q(2.0), s, v);
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q px = qdiv(x - qmul(Q(0.5), sx), sy), py = qdiv(y - qmul(Q(0.5), sy), sy);
    q hue = qdiv(qatan2(py, px), Q(6.28318)) + Q(0.5) + qmul(t, Q(0.15));
    q r = qlength2(px, py);
    q saturation = qsmoothstep(Q(0.0), Q(0.4), r);
    q value = qmul(Q(0.8) + qmul(Q(0.2), lj_sin(qmul(t, Q(3.0)))),
                   Q(1.0) - qsmoothstep(Q(0.42), Q(0.5), r));
    hsv2rgb(hue, saturation, value, out);
    out[3] = Q(1.0);
}
