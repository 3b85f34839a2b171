/* fx_fire (tests/shaders/fx_fire.glsl), as lumajit computes it. */
#include "q16.h"


static q hash(q cellx, q celly) {
    uint32_t qx = (uint32_t)(qint(cellx) + 1024), qy = (uint32_t)(qint(celly) + 1024);
    uint32_t h = (qx * 1597334677u) ^ (qy * 3812015801u);
    h = h * 747796405u + 2891336453u;
    h ^= h >> 16;
    return qdiv((q)((h & 4095u) << 16), Q(4095.0));
}

static q noise(q px, q py) {
    q ix = qfloor(px), iy = qfloor(py);
    q fx = qfract(px), fy = qfract(py);
    q ux = qmul(qmul(fx, fx), Q(3.0) - qmul(Q(2.0), fx));
    q uy = qmul(qmul(fy, fy), Q(3.0) - qmul(Q(2.0), fy));
    q a = hash(ix, iy);
    q b = hash(ix + Q(1.0), iy + Q(0.0));
    q c = hash(ix + Q(0.0), iy + Q(1.0));
    q d = hash(ix + Q(1.0), iy + Q(1.0));
    return qmix(qmix(a, b, ux), qmix(c, d, ux), uy);
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q uvx = qdiv(x, sx), uvy = qdiv(y, sy);
    q qx = qmul(uvx, Q(4.0)), qy = qmul(uvy, Q(3.0)) - qmul(t, Q(1.7));
    q n = Q(0.0);
    q amplitude = Q(0.5);
    for (int i = 0; i < 4; i++) {
        n += qmul(amplitude, noise(qx, qy));
        qx = qmul(qx, Q(2.0)) + Q(0.3);
        qy = qmul(qy, Q(2.0)) + -Q(0.7);
        amplitude = qmul(amplitude, Q(0.5));
    }
    q flame = qmul(n, Q(1.6)) - qmul(uvy, Q(1.2)) + Q(0.15);
    flame = qclamp(flame, Q(0.0), Q(1.0));
    q r = qmul(flame, Q(1.6));
    q g = qmul(qmul(flame, flame), Q(1.3));
    q b = qmul(qmul(qmul(qmul(flame, flame), flame), flame), Q(0.9));
    out[0] = qclamp(r, Q(0.0), Q(1.0));
    out[1] = qclamp(g, Q(0.0), Q(1.0));
    out[2] = qclamp(b, Q(0.0), Q(1.0));
    out[3] = Q(1.0);
}
