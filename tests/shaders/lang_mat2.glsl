// lang_mat2: mat2 constructors (diagonal mat2(s), four scalars, two column vec2s, one vec4,
// from a mat3 and a mat4), rotation by mat2 * vec2, vec2 * mat2 (the transpose), mat2 * mat2,
// scalar * mat2, reading columns m[i] and elements m[i][j].
mat2 rotation(float a) {
    float c = cos(a);
    float s = sin(a);
    return mat2(c, s, -s, c);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize - 0.5;
    mat2 r = rotation(time * 0.6 + 0.3);
    mat2 scale = mat2(1.5);
    mat2 shear = mat2(vec2(1.0, 0.0), vec2(0.4, 1.0));
    mat2 column_major = mat2(vec4(0.5, 0.25, -0.25, 0.5));
    mat2 from3 = mat2(mat3(0.9, 0.1, 7.0, -0.1, 0.9, 7.0, 7.0, 7.0, 7.0));
    mat2 from4 = mat2(mat4(0.5));
    vec2 q = r * (scale * p);
    vec2 w = p * shear;
    mat2 both = (column_major * from3) * 2.0;
    vec2 z = both * p + from4 * vec2(0.2, -0.2);
    float stripes = 0.5 + 0.5 * sin(q.x * 12.0);
    float g = 0.5 + 0.5 * cos(w.y * 10.0 + w.x * 4.0);
    float b = 0.5 + z.x + z.y * 0.5;
    float a = 0.5 + r[0][1] * 0.25 + r[1].x * 0.25 + both[1][1] * 0.1;
    return vec4(stripes, g, b, a);
}
