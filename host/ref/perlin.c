/* perlin (../shared/bench/lp2025-test-perlin.glsl, LightPlayer's main),
   as lumajit computes it. */
#include "q16.h"

static q hash(q px, q py) {
    q h = qdot2(px, py, Q(12.9898), Q(78.233));
    h = qmod(h, Q(1000.0));
    return qfract(qmul(lj_sin(h), Q(10000.0)));
}

static q smoothf(q t) {
    return qmul(qmul(t, t), Q(3.0) - qmul(Q(2.0), t));
}

static q perlin_noise(q px, q py) {
    q ix = qfloor(px), iy = qfloor(py);
    q fx = qfract(px), fy = qfract(py);

    q a = hash(ix, iy);
    q b = hash(ix + Q(1.0), iy + Q(0.0));
    q c = hash(ix + Q(0.0), iy + Q(1.0));
    q d = hash(ix + Q(1.0), iy + Q(1.0));

    q grad_ax = lj_cos(qmul(a, Q(6.28318))), grad_ay = lj_sin(qmul(a, Q(6.28318)));
    q grad_bx = lj_cos(qmul(b, Q(6.28318))), grad_by = lj_sin(qmul(b, Q(6.28318)));
    q grad_cx = lj_cos(qmul(c, Q(6.28318))), grad_cy = lj_sin(qmul(c, Q(6.28318)));
    q grad_dx = lj_cos(qmul(d, Q(6.28318))), grad_dy = lj_sin(qmul(d, Q(6.28318)));

    q dist_ax = fx, dist_ay = fy;
    q dist_bx = fx - Q(1.0), dist_by = fy - Q(0.0);
    q dist_cx = fx - Q(0.0), dist_cy = fy - Q(1.0);
    q dist_dx = fx - Q(1.0), dist_dy = fy - Q(1.0);

    q dot_a = qdot2(grad_ax, grad_ay, dist_ax, dist_ay);
    q dot_b = qdot2(grad_bx, grad_by, dist_bx, dist_by);
    q dot_c = qdot2(grad_cx, grad_cy, dist_cx, dist_cy);
    q dot_d = qdot2(grad_dx, grad_dy, dist_dx, dist_dy);

    q u = smoothf(fx);
    q v = smoothf(fy);

    q x1 = qmix(dot_a, dot_b, u);
    q x2 = qmix(dot_c, dot_d, u);
    q result = qmix(x1, x2, v);

    return qmul(result, Q(0.5)) + Q(0.5);
}

/* rgb written to out[0..2] */
static void hsv_to_rgb(q h, q s, q v, q *rgb) {
    q c = qmul(v, s);
    q x = qmul(c, Q(1.0) - qabs(qmod(qmul(h, Q(6.0)), Q(2.0)) - Q(1.0)));
    q m = v - c;

    if (h < qdiv(Q(1.0), Q(6.0))) {
        rgb[0] = v; rgb[1] = m + x; rgb[2] = m;
    } else if (h < qdiv(Q(2.0), Q(6.0))) {
        rgb[0] = m + x; rgb[1] = v; rgb[2] = m;
    } else if (h < qdiv(Q(3.0), Q(6.0))) {
        rgb[0] = m; rgb[1] = v; rgb[2] = m + x;
    } else if (h < qdiv(Q(4.0), Q(6.0))) {
        rgb[0] = m; rgb[1] = m + x; rgb[2] = v;
    } else if (h < qdiv(Q(5.0), Q(6.0))) {
        rgb[0] = m + x; rgb[1] = m; rgb[2] = v;
    } else {
        rgb[0] = v; rgb[1] = m; rgb[2] = m + x;
    }
}

void shader_main(q x, q y, q sx, q sy, q t, q *out) {
    q centerx = qmul(sx, Q(0.5)), centery = qmul(sy, Q(0.5));
    q dirx = x - centerx, diry = y - centery;
    q uvx = qdiv(x, sx), uvy = qdiv(y, sy);

    q minZoom = Q(1.0);
    q maxZoom = Q(8.0);
    q zoomSpeed = Q(0.5);
    q zoom = minZoom + qmul(qmul(maxZoom - minZoom, Q(0.5)), lj_sin(qmul(t, zoomSpeed)) + Q(1.0));

    q noise = perlin_noise(qmul(uvx, zoom), qmul(uvy, zoom));

    q cosNoise = lj_cos(qmul(noise, Q(6.28318)));
    q hue = qmul(cosNoise + Q(1.0), Q(0.5));

    q maxDist = qlength2(qmul(sx, Q(0.5)), qmul(sy, Q(0.5)));
    q dist = qdiv(qlength2(dirx, diry), maxDist);

    dist = qmin(dist, Q(1.0));

    q value = Q(1.0) - qmul(dist, Q(0.5));

    q rgb[3];
    hsv_to_rgb(hue, Q(1.0), value, rgb);

    out[0] = qmax(Q(0.0), qmin(Q(1.0), rgb[0]));
    out[1] = qmax(Q(0.0), qmin(Q(1.0), rgb[1]));
    out[2] = qmax(Q(0.0), qmin(Q(1.0), rgb[2]));
    out[3] = Q(1.0);
}
