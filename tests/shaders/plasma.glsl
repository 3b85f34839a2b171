// plasma: sums of sin and cos of coordinates and time, dot, vec3 + float, float * vec3, a swizzle-built vec2, float / vec2.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord * (1.0 / outputSize);
    vec2 q = vec2(uv.y, uv.x) - vec2(0.5, 0.5);
    float v = sin(uv.x * 10.0 + time)
            + sin(uv.y * 8.0 - time * 1.3)
            + sin(dot(uv, vec2(4.0, 5.0)) + time * 0.7)
            + cos(sqrt(dot(q, q)) * 12.0 - time);
    vec3 col = 0.5 * vec3(sin(v * 3.14159), cos(v * 3.14159), sin(v * 1.5 + 2.0)) + 0.5;
    return vec4(col, 1.0);
}
