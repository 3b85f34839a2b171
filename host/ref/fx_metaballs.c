/* fx_metaballs (tests/shaders/fx_metaballs.glsl), as lumajit computes it. */
#include "q16.h"

static const q CENTRES[5][2] = {
    {Q(0.3), Q(0.3)}, {Q(0.7), Q(0.35)}, {Q(0.5), Q(0.7)}, {Q(0.2), Q(0.75)}, {Q(0.8), Q(0.8)},
};
static const q TINTS[5][3] = {
    {Q(1.0), Q(0.3), Q(0.2)}, {Q(0.2), Q(0.9), Q(0.4)}, {Q(0.3), Q(0.4), Q(1.0)},
    {Q(1.0), Q(0.8), Q(0.2)}, {Q(0.8), Q(0.3), Q(0.9)},
};

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q uvx = qdiv(x, sx), uvy = qdiv(y, sy);
    q field = 0;
    q tr = 0, tg = 0, tb = 0;
    for (int i = 0; i < 5; i++) {
        q phase = qmul(i * ONE, Q(1.3));
        q cx = CENTRES[i][0] + qmul(Q(0.15), lj_sin(qmul(t, Q(0.9)) + phase));
        q cy = CENTRES[i][1] + qmul(Q(0.15), lj_cos(qmul(t, Q(0.7)) + qmul(phase, Q(1.7))));
        q dx = uvx - cx, dy = uvy - cy;
        q f = qdiv(Q(0.012), qdot2(dx, dy, dx, dy) + Q(0.006));
        field += f;
        tr += qmul(TINTS[i][0], f);
        tg += qmul(TINTS[i][1], f);
        tb += qmul(TINTS[i][2], f);
    }
    q cr = qdiv(tr, field), cg = qdiv(tg, field), cb = qdiv(tb, field);
    q body = qsmoothstep(Q(0.9), Q(1.4), field);
    q glow = qmul(qsmoothstep(Q(0.2), Q(0.9), field), Q(0.35));
    q rest = Q(1.0) - body;
    out[0] = qmul(cr, body) + qmul(qmul(Q(0.3), glow), rest);
    out[1] = qmul(cg, body) + qmul(qmul(Q(0.5), glow), rest);
    out[2] = qmul(cb, body) + qmul(qmul(Q(1.0), glow), rest);
    out[3] = Q(1.0);
}
