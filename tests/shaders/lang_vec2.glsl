// lang_vec2: vec2 constructors (scalar, two scalars, from vec3/vec4 by truncation, from
// vec2), component access .x .y [0] [1], vec2 + - * / with vectors and scalars both sides,
// unary minus, == != on whole vectors.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 one = vec2(1.0);
    vec2 p = vec2(uv.x, uv.y * 0.5 + 0.25);
    vec2 q = vec2(vec3(uv.yx, 9.0));
    vec2 r = vec2(vec4(0.25, 0.75, 5.0, 6.0));
    vec2 copy = vec2(p);
    vec2 s = (p + q) * 0.5 - r * 0.25 + 0.125;
    vec2 t = 2.0 * s / vec2(2.0, 4.0) + one / 4.0;
    vec2 u = -t + one;
    u[0] += 0.1 * sin(time);
    float c = copy.x * u[1] + q[0] * q.y;
    float same = (copy == p) ? 1.0 : 0.0;
    float different = (q != vec2(uv.y, uv.x)) ? 0.0 : 0.5;
    return vec4(u.x, t.y, c, same * 0.5 + different);
}
