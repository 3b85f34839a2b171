// lang_builtin_mod: mod (float and vector, scalar and vector divisor, negative dividends),
// modf (integer part through an out parameter, float and vector), min, max, clamp (float,
// vector with scalar and vector bounds, int).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float x = (uv.x - 0.5) * 5.0 + 0.07;                  // -2.27 .. 2.41
    float m = mod(x, 1.5);                                 // mod of negatives: x - 1.5 * floor(x / 1.5)
    vec2 mv = mod(uv * 3.1 + time * 0.1, vec2(0.7, 1.1));
    vec3 ms = mod(vec3(uv, -uv.x) * 2.3, 0.9);
    float whole;
    float part = modf(x + 3.0, whole);
    vec2 wholes;
    vec2 parts = modf(uv * 4.3, wholes);
    float lo = min(uv.x, uv.y);
    float hi = max(uv.x, 1.0 - uv.y);
    vec3 mn = min(vec3(uv, 0.5), vec3(0.4));
    vec2 mx = max(uv, vec2(0.3, 0.6));
    float cl = clamp(x, -1.0, 1.0);
    vec3 clv = clamp(vec3(uv, sin(time)) * 1.4 - 0.2, 0.0, 1.0);
    vec2 clb = clamp(uv, vec2(0.2, 0.1), vec2(0.7, 0.9));
    int ci = clamp(int(fragCoord.x) - 4, 0, 7);
    return vec4(m / 1.5 * 0.5 + mv.x * 0.5 + ms.z * 0.1,
                part * 0.4 + whole / 10.0 + parts.y * 0.2 + wholes.x * 0.05,
                lo * 0.5 + hi * 0.3 + mn.x * 0.2 + mx.y * 0.1,
                (cl + 1.0) * 0.2 + clv.z * 0.2 + clb.x * 0.2 + float(ci) * 0.03);
}
