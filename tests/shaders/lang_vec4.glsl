// lang_vec4: vec4 constructors (scalar, four scalars, vec2 + vec2, vec3 + float, float +
// vec3, vec2 + float + float, from a vec4), .xyzw and .rgba access, arithmetic, dot of
// vec4, length of vec4, returning a vec4 built in several ways.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec4 a = vec4(0.5);
    vec4 b = vec4(uv.x, uv.y, 0.25, 1.0);
    vec4 c = vec4(uv, uv.yx);
    vec4 d = vec4(vec3(uv, 0.3), 0.7);
    vec4 e = vec4(0.1, vec3(uv.y, uv.x, 0.2));
    vec4 f = vec4(uv * 0.5, 0.6, 0.2 + 0.1 * cos(time));
    vec4 g = vec4(f);
    vec4 sum = (a + b) * 0.5 - c * 0.25 + d * e + g;
    float k = dot(b, c) * 0.25 + length(e - a) * 0.5;
    sum.w = sum.w * 0.5 + k * 0.5;
    return vec4(sum.x, sum.g, sum.z * 0.8, sum.a);
}
