// lang_builtin_hyperbolic: sinh, cosh, tanh on floats and vectors, arguments in
// [-2.2, 2.2] (values up to ~4.6), with identities cosh^2 - sinh^2 = 1 visible as a flat channel.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float x = (uv.x - 0.5) * 4.0 + 0.3 * sin(time);
    float s = sinh(x);                                 // about -4.4 .. 4.4
    float c = cosh(x);
    float t = tanh((uv.y - 0.5) * 6.0);
    vec2 sv = sinh(vec2(uv.y, -uv.x));
    vec3 tv = tanh(vec3(uv, uv.x - uv.y) * 3.0);
    float identity = c * c - s * s;                    // 1 (c^2 up to ~21)
    return vec4(s * 0.05 + 0.5, 1.0 / c, t * 0.5 + 0.5 + sv.x * 0.1 + sv.y * 0.1,
                identity * 0.5 + tv.z * 0.25 + tv.x * 0.1);
}
