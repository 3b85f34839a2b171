// lang_builtin_trig: radians, degrees, sin, cos, tan on floats and vectors (component-wise),
// arguments well past 2*pi and negative, tan kept away from its poles.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float angle = radians(uv.x * 720.0 - 360.0 + time * 40.0);    // -2pi .. 2pi and beyond
    vec2 angles = radians(vec2(uv.y * 540.0, -uv.x * 300.0));
    float r = 0.5 + 0.5 * sin(angle * 1.5);
    vec2 cs = cos(angles);
    float t = tan((uv.y - 0.5) * 2.2);                           // |x| < 1.1: no pole
    vec3 v = sin(vec3(uv.x, uv.y, uv.x + uv.y) * 9.0 + time);
    float back = degrees(angles.x) / 540.0;                      // uv.y again
    vec4 w = cos(vec4(angle, -angle, angle * 0.5, 2.0)) * 0.25;
    return vec4(r * 0.7 + w.x * 0.3, 0.5 + cs.x * 0.25 + cs.y * 0.25,
                0.5 + t * 0.2 + v.z * 0.1, back * 0.5 + v.x * 0.15 + w.z + 0.3);
}
