// pressure: 32 values live at once and a call while they are live: spills,
// reloads, constants re-materialised, callee-saved registers across the call.
float wave(float x) {
    return 0.5 + 0.5 * sin(x * 6.0);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a0 = uv.x * 0.50 + 0.000 * time + 0.000;
    float a1 = uv.y * 0.57 + 0.010 * time + 0.013;
    float a2 = uv.x * 0.64 + 0.020 * time + 0.026;
    float a3 = uv.y * 0.71 + 0.030 * time + 0.039;
    float a4 = uv.x * 0.78 + 0.040 * time + 0.052;
    float a5 = uv.y * 0.85 + 0.000 * time + 0.065;
    float a6 = uv.x * 0.92 + 0.010 * time + 0.078;
    float a7 = uv.y * 0.99 + 0.020 * time + 0.091;
    float a8 = uv.x * 1.06 + 0.030 * time + 0.104;
    float a9 = uv.y * 1.13 + 0.040 * time + 0.117;
    float a10 = uv.x * 1.20 + 0.000 * time + 0.130;
    float a11 = uv.y * 1.27 + 0.010 * time + 0.143;
    float a12 = uv.x * 1.34 + 0.020 * time + 0.156;
    float a13 = uv.y * 1.41 + 0.030 * time + 0.169;
    float a14 = uv.x * 1.48 + 0.040 * time + 0.182;
    float a15 = uv.y * 1.55 + 0.000 * time + 0.195;
    float a16 = uv.x * 1.62 + 0.010 * time + 0.208;
    float a17 = uv.y * 1.69 + 0.020 * time + 0.221;
    float a18 = uv.x * 1.76 + 0.030 * time + 0.234;
    float a19 = uv.y * 1.83 + 0.040 * time + 0.247;
    float a20 = uv.x * 1.90 + 0.000 * time + 0.260;
    float a21 = uv.y * 1.97 + 0.010 * time + 0.273;
    float a22 = uv.x * 2.04 + 0.020 * time + 0.286;
    float a23 = uv.y * 2.11 + 0.030 * time + 0.299;
    float a24 = uv.x * 2.18 + 0.040 * time + 0.312;
    float a25 = uv.y * 2.25 + 0.000 * time + 0.325;
    float a26 = uv.x * 2.32 + 0.010 * time + 0.338;
    float a27 = uv.y * 2.39 + 0.020 * time + 0.351;
    float a28 = uv.x * 2.46 + 0.030 * time + 0.364;
    float a29 = uv.y * 2.53 + 0.040 * time + 0.377;
    float a30 = uv.x * 2.60 + 0.000 * time + 0.390;
    float a31 = uv.y * 2.67 + 0.010 * time + 0.403;
    float w = wave(uv.x + uv.y);
    float s = 0.0;
    s = s + a0 * a31 - a0 * 0.25;
    s = s + a1 * a30 - a7 * 0.25;
    s = s + a2 * a29 - a14 * 0.25;
    s = s + a3 * a28 - a21 * 0.25;
    s = s + a4 * a27 - a28 * 0.25;
    s = s + a5 * a26 - a3 * 0.25;
    s = s + a6 * a25 - a10 * 0.25;
    s = s + a7 * a24 - a17 * 0.25;
    s = s + a8 * a23 - a24 * 0.25;
    s = s + a9 * a22 - a31 * 0.25;
    s = s + a10 * a21 - a6 * 0.25;
    s = s + a11 * a20 - a13 * 0.25;
    s = s + a12 * a19 - a20 * 0.25;
    s = s + a13 * a18 - a27 * 0.25;
    s = s + a14 * a17 - a2 * 0.25;
    s = s + a15 * a16 - a9 * 0.25;
    float r = fract(s * 0.37 + w * (a3 - a28));
    float g = fract(a0 + a31 * w + a17 * 0.3);
    float b = fract(s * 0.11 - a9 * a22 + a30);
    return vec4(r, g, b, 1.0);
}
