// lang_mat3: mat3 constructors (diagonal mat3(2.0), nine scalars, three column vec3s, mixed
// vec2/float arguments, from a mat2 (identity padded) and from a mat4 (upper left)),
// mat3 * vec3, vec3 * mat3, mat3 * mat3, columns and elements.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 p = vec3(uv - 0.5, 1.0);
    mat3 twice = mat3(2.0);
    float c = cos(time * 0.5);
    float s = sin(time * 0.5);
    mat3 rotate = mat3(c, s, 0.0,
                       -s, c, 0.0,
                       0.0, 0.0, 1.0);
    mat3 translate = mat3(vec3(1.0, 0.0, 0.0), vec3(0.0, 1.0, 0.0), vec3(0.1, -0.2, 1.0));
    mat3 mixed = mat3(vec2(0.5, 0.1), 0.0, 0.2, vec2(0.6, 0.0), vec3(0.0, 0.0, 1.0));
    mat3 from2 = mat3(mat2(0.8, 0.3, -0.3, 0.8));
    mat3 from4 = mat3(mat4(vec4(0.3, 0.1, 0.2, 9.0), vec4(0.0, 0.4, 0.1, 9.0),
                           vec4(0.2, 0.0, 0.5, 9.0), vec4(9.0)));
    mat3 chain = translate * rotate * from2;
    vec3 q = chain * p;
    vec3 w = p * mixed;
    vec3 z = (from4 * twice) * vec3(uv, 0.5);
    float rings = 0.5 + 0.5 * cos(length(q.xy) * 14.0);
    return vec4(rings, w.x + w.y + 0.3, z.z * 0.5 + z.x * 0.25, chain[2][0] + from2[2][2] * 0.5);
}
