// lang_builtin_exp: pow, exp, log, exp2, log2 on floats and vectors, with arguments kept
// where fixed point can follow float (pow of 0.2..1.2, exp of -4..2, logs of 0.2..4).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float base = uv.x + 0.2;                            // 0.23 .. 1.17
    float p = pow(base, 2.2 + 0.5 * sin(time));
    float e = exp(uv.y * 6.0 - 4.0);                    // 0.02 .. 6.5
    float l = log(uv.x * 3.5 + 0.3);                    // log(0.4 .. 3.7)
    float e2 = exp2(-uv.y * 3.0);
    float l2 = log2(uv.y * 3.0 + 0.5);                  // log2(0.6 .. 3.4)
    vec2 pv = pow(vec2(uv), vec2(0.5, 1.5));
    vec3 ev = exp(-vec3(uv, 0.5) * 2.0);
    return vec4(p * 0.7 + pv.x * 0.3, e * 0.15 + ev.x * 0.3, l * 0.3 + 0.4 + pv.y * 0.2,
                e2 * 0.5 + l2 * 0.2 + 0.1 + ev.z * 0.1);
}
