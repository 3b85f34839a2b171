// lang_builtin_geometry: length and distance (vec2, vec3, float), dot (vec2, vec3, vec4),
// cross of vec3, normalize (of vectors far from zero), on a lit sphere-like bump.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    float r = length(p);
    float d = distance(uv, vec2(0.3 + 0.1 * sin(time), 0.7));
    float d1 = distance(uv.x, 0.6);                         // |uv.x - 0.6|
    float l1 = length(-0.25);
    vec3 n = normalize(vec3(p * 1.5, 0.6));                 // z >= 0.6: never short
    vec3 light = normalize(vec3(0.4, 0.5, 0.8));
    float diffuse = max(dot(n, light), 0.0);
    vec3 tangent = cross(n, vec3(0.0, 1.0, 0.0));
    vec3 c = cross(vec3(uv, 0.2), vec3(0.3, 0.1, uv.x));
    float d4 = dot(vec4(uv, 0.5, 0.25), vec4(0.5, 0.25, uv.yx));
    float d2 = dot(p, vec2(1.0, -1.0));
    return vec4(diffuse * 0.8 + r * 0.2, d * 0.6 + d1 * 0.4 + l1 * 0.2,
                abs(tangent.x) * 0.5 + c.z + 0.2, d4 + d2 * 0.5 + 0.2);
}
