// lang_builtin_sqrt: sqrt and inversesqrt (arguments well above 0), abs and sign on floats,
// ints and vectors (sign of a value never 0 at a pixel centre).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    float r = sqrt(dot(p, p) * 2.0);
    float inv = inversesqrt(uv.y * 3.0 + 0.5);            // 1 / sqrt(0.6 .. 3.5)
    vec2 sv = sqrt(vec2(uv.x, 1.0 - uv.y));
    vec3 iv = inversesqrt(vec3(uv + 0.3, 1.0));
    float ab = abs(p.x) + abs(p.y);
    vec3 av = abs(vec3(p, sin(time)));
    float sg = sign(p.x) * 0.25 + sign(p.y) * 0.15;
    vec2 sgv = sign(p - vec2(0.2, -0.1));                 // never 0: pixel centres are off both
    int ai = abs(int(fragCoord.x) - 7);
    int si = sign(int(fragCoord.y) - 8);
    return vec4(r * 0.7 + sv.x * 0.3, inv * 0.6 + iv.x * 0.2 + sgv.x * 0.1 + 0.1,
                ab + av.z * 0.2 + float(ai) * 0.02, 0.5 + sg + float(si) * 0.1 + sgv.y * 0.1 + iv.z * 0.05);
}
