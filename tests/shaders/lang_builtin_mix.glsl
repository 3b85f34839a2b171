// lang_builtin_mix: mix with a float and a vector factor, mix with a bool (float
// operands) and a bvec selector (picks, not blends), step (scalar and vector edges),
// smoothstep (scalar and vector edges; edges never on a sample).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 a = vec3(0.9, 0.2, 0.1);
    vec3 b = vec3(0.1, 0.3, 0.9);
    vec3 blend = mix(a, b, uv.x);
    vec3 per = mix(a, b, vec3(uv.y, uv.x, 0.5 + 0.5 * sin(time)));
    float f = mix(0.2, 0.8, uv.y);
    float one = mix(0.25, 0.75, uv.x < 0.6);                 // bool selector on floats
    vec3 picked = mix(a, b, bvec3(uv.y > 0.5));            // bvec selector: b or a
    vec2 sel = mix(vec2(0.0), vec2(1.0), bvec2(uv.x > 0.3, uv.y < 0.7));
    float st = step(0.45, uv.x);
    vec2 stv = step(vec2(0.3, 0.6), uv);
    float sm = smoothstep(0.2, 0.8, uv.y);
    vec3 smv = smoothstep(vec3(0.1), vec3(0.5, 0.7, 0.9), vec3(uv, uv.x * uv.y));
    return vec4(blend.r * 0.4 + per.r * 0.3 + picked.r * 0.3,
                blend.g * 0.3 + f * 0.2 + one * 0.2 + sel.x * 0.15 + stv.y * 0.15,
                per.b * 0.3 + sm * 0.4 + st * 0.15 + sel.y * 0.15,
                smv.x * 0.3 + smv.y * 0.3 + smv.z * 0.2 + stv.x * 0.2);
}
