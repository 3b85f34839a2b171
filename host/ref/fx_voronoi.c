/* fx_voronoi (tests/shaders/fx_voronoi.glsl), as lumajit computes it. */
#include "q16.h"

typedef struct { q x, y; } vec2;


static vec2 hash2(q cellx, q celly) {
    uint32_t qx = (uint32_t)(qint(cellx) + 256), qy = (uint32_t)(qint(celly) + 256);
    uint32_t h = (qx * 1664525u) ^ (qy * 1013904223u);
    h = h * 747796405u + 2891336453u;
    h ^= h >> 15;
    h *= 2246822519u;
    h ^= h >> 13;
    vec2 r = {qdiv((q)((h & 1023u) << 16), Q(1023.0)),
              qdiv((q)(((h >> 10) & 1023u) << 16), Q(1023.0))};
    return r;
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q px = qmul(qdiv(x, sy), Q(4.0)), py = qmul(qdiv(y, sy), Q(4.0));
    q cellx = qfloor(px), celly = qfloor(py);
    q fx = qfract(px), fy = qfract(py);
    q f1 = Q(8.0), f2 = Q(8.0);
    for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
            q nx = i * ONE, ny = j * ONE;
            vec2 o = hash2(cellx + nx, celly + ny);
            q ph = qmul(t, Q(0.8));
            o.x = Q(0.5) + qmul(Q(0.4), lj_sin(ph + qmul(Q(6.28318), o.x)));
            o.y = Q(0.5) + qmul(Q(0.4), lj_sin(ph + qmul(Q(6.28318), o.y)));
            q d = qlength2(nx + o.x - fx, ny + o.y - fy);
            if (d < f1) {
                f2 = f1;
                f1 = d;
            } else if (d < f2) {
                f2 = d;
            }
        }
    }
    q border = qsmoothstep(Q(0.02), Q(0.2), f2 - f1);
    q dark = Q(1.0) - f1;
    q s = Q(0.3) + qmul(Q(0.7), border);
    out[0] = qmul(qmul(Q(0.2), dark) + qmul(qmul(Q(0.9), f1), f1), s);
    out[1] = qmul(qmul(Q(0.5), dark) + qmul(qmul(Q(0.6), f1), f1), s);
    out[2] = qmul(qmul(Q(0.9), dark) + qmul(qmul(Q(0.2), f1), f1), s);
    out[3] = Q(1.0);
}
