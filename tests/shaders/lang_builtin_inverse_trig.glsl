// lang_builtin_inverse_trig: asin, acos (inputs kept inside [-0.95, 0.95], away from the
// steep ends), atan of one argument and atan(y, x) in all four quadrants (never on the
// negative x axis, where it jumps from pi to -pi), on floats and vectors.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    float s = (uv.x - 0.5) * 1.9;
    float a = asin(s);                                // -1.25 .. 1.25
    float c = acos(s * 0.9 + 0.02 * sin(time));       // 0.4 .. 2.7
    float t1 = atan((uv.y - 0.5) * 8.0);              // one argument
    float t2 = atan(p.y, p.x);                        // -pi .. pi
    vec2 av = asin(vec2(uv.x, uv.y) * 0.9);
    vec3 atv = atan(vec3(p, 0.3), vec3(0.4, -0.3, p.x + 0.6));
    float spokes = 0.5 + 0.5 * cos(t2 * 3.0 + time);   // continuous across the cut
    return vec4(a * 0.4 + 0.5, c * 0.35, t1 * 0.3 + 0.5 + (atv.y + atv.z) * 0.05,
                spokes * 0.7 + av.x * 0.15 + av.y * 0.1 + atv.x * 0.05);
}
