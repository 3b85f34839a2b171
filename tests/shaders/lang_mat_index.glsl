// lang_mat_index: matrix columns and elements as lvalues and rvalues: m[i] = vec, m[i][j] = s,
// m[i].y = s, m[i] += vec, m[i].xz swizzles, a column read with a dynamic (loop) index,
// and element reads with dynamic indices.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    mat3 m = mat3(1.0);
    m[0] = vec3(uv.x, 0.2, 0.1);
    m[1][1] = uv.y;
    m[2].z = 0.5 + 0.25 * sin(time);
    m[1] += vec3(0.1, 0.0, 0.3);
    m[2].xy = m[0].zy;
    mat2 n = mat2(0.0);
    n[1][0] = 0.75;
    n[0] = m[1].xz;
    vec3 total = vec3(0.0);
    for (int i = 0; i < 3; i++) {
        total += m[i] * float(i + 1) * 0.2;
    }
    int row = int(fragCoord.x) % 3;
    int col = int(fragCoord.y) % 2;
    float picked = m[col][row] + n[col][row % 2];
    return vec4(total.x, total.y + n[1][0] * 0.2, total.z, picked * 0.5);
}
