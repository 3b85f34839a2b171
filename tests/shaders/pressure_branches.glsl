// pressure_branches: more live values than registers across an if/else chain,
// so values meet at merges in registers on one side and stack slots on the
// other, constants re-materialise on edges and spilled values are redefined.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float v0 = uv.x * 0.30 + 0.000;
    float v1 = uv.y * 0.35 + 0.020;
    float v2 = uv.x * 0.40 + 0.040;
    float v3 = uv.y * 0.45 + 0.060;
    float v4 = uv.x * 0.50 + 0.080;
    float v5 = uv.y * 0.55 + 0.100;
    float v6 = uv.x * 0.60 + 0.120;
    float v7 = uv.y * 0.65 + 0.140;
    float v8 = uv.x * 0.70 + 0.160;
    float v9 = uv.y * 0.75 + 0.180;
    float v10 = uv.x * 0.80 + 0.200;
    float v11 = uv.y * 0.85 + 0.220;
    float v12 = uv.x * 0.90 + 0.240;
    float v13 = uv.y * 0.95 + 0.260;
    float v14 = uv.x * 1.00 + 0.280;
    float v15 = uv.y * 1.05 + 0.300;
    float v16 = uv.x * 1.10 + 0.320;
    float v17 = uv.y * 1.15 + 0.340;
    float v18 = uv.x * 1.20 + 0.360;
    float v19 = uv.y * 1.25 + 0.380;
    float v20 = uv.x * 1.30 + 0.400;
    float v21 = uv.y * 1.35 + 0.420;
    float v22 = uv.x * 1.40 + 0.440;
    float v23 = uv.y * 1.45 + 0.460;
    float v24 = uv.x * 1.50 + 0.480;
    float v25 = uv.y * 1.55 + 0.500;
    float v26 = uv.x * 1.60 + 0.520;
    float v27 = uv.y * 1.65 + 0.540;
    float v28 = uv.x * 1.70 + 0.560;
    float v29 = uv.y * 1.75 + 0.580;
    float v30 = uv.x * 1.80 + 0.600;
    float v31 = uv.y * 1.85 + 0.620;
    float v32 = uv.x * 1.90 + 0.640;
    float v33 = uv.y * 1.95 + 0.660;
    float k = 1.75;
    float acc = 0.0;
    if (uv.x < 0.3) {
        acc = v0 * v33 + v5 - v12 * k;
        v7 = v7 * 0.5 + v30;
        v20 = v21 - v2 * k;
    } else if (uv.x < 0.6) {
        float t = v1 + v2 + v3 + v4 + v5 + v6;
        acc = t * 0.1 - v31 * v32 + k;
        v9 = v10 * v11 - v29;
        if (uv.y > 0.5) {
            v20 = v19 * 2.0 - acc * 0.25;
            k = 0.5;
        }
    } else {
        acc = v8 * v13 + v14 * v15 - v16 * v17 + v18;
        v7 = v22 + v23 * v24;
    }
    float s = 0.0;
    s = s + v0 * v33 - v0 * 0.125;
    s = s + v1 * v32 - v5 * 0.125;
    s = s + v2 * v31 - v10 * 0.125;
    s = s + v3 * v30 - v15 * 0.125;
    s = s + v4 * v29 - v20 * 0.125;
    s = s + v5 * v28 - v25 * 0.125;
    s = s + v6 * v27 - v30 * 0.125;
    s = s + v7 * v26 - v1 * 0.125;
    s = s + v8 * v25 - v6 * 0.125;
    s = s + v9 * v24 - v11 * 0.125;
    s = s + v10 * v23 - v16 * 0.125;
    s = s + v11 * v22 - v21 * 0.125;
    s = s + v12 * v21 - v26 * 0.125;
    s = s + v13 * v20 - v31 * 0.125;
    s = s + v14 * v19 - v2 * 0.125;
    s = s + v15 * v18 - v7 * 0.125;
    s = s + v16 * v17 - v12 * 0.125;
    float r = fract(s * 0.21 + acc * 0.3 + k * 0.05);
    float g = fract(v7 * 0.7 + v20 * 0.3 + v9 * 0.11);
    float b = fract(acc * 0.17 - s * 0.05 + v33);
    return vec4(r, g, b, 1.0);
}
