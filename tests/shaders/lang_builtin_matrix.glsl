// lang_builtin_matrix: matrixCompMult, outerProduct (vec2 x vec2, vec3 x vec3), transpose,
// determinant and inverse of mat2, mat3 and mat4 (all well conditioned: determinants far
// from 0, so inverse amplifies no rounding).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float c = cos(time * 0.7);
    float s = sin(time * 0.7);
    mat2 rot = mat2(c, s, -s, c) * (1.0 + uv.x * 0.5);
    mat2 inv2 = inverse(rot);
    vec2 back = inv2 * (rot * uv);                         // uv again
    float det2 = determinant(rot);                         // (1 + uv.x / 2)^2
    mat3 m3 = mat3(1.0 + uv.y, 0.2, 0.1,
                   0.1, 1.5, uv.x * 0.5,
                   0.0, 0.3, 1.2);
    float det3 = determinant(m3);
    mat3 inv3 = inverse(m3);
    mat3 t3 = transpose(m3);
    mat3 op3 = outerProduct(vec3(uv, 1.0), vec3(0.5, 0.25, uv.y));
    mat2 op2 = outerProduct(uv, vec2(1.0, -1.0));
    mat4 m4 = mat4(2.0);
    m4[3] = vec4(uv, 0.5, 1.0);
    m4[0][1] = 0.3;
    mat4 inv4 = inverse(m4);
    float det4 = determinant(m4);                          // 8
    mat3 cm = matrixCompMult(m3, t3);
    vec3 probe = inv3 * (m3 * vec3(0.2, 0.5, 0.8));        // (0.2, 0.5, 0.8)
    return vec4(back.x * 0.5 + det2 * 0.2 + op2[1][0] * 0.2,
                det3 * 0.3 + inv3[1][1] * 0.3 + t3[0][1] * 0.5,
                probe.z * 0.5 + op3[2][1] * 0.3 + cm[1][2] * 0.5,
                det4 / 16.0 + inv4[3][0] * 0.5 + inv4[1][1] * 0.2 + 0.3);
}
