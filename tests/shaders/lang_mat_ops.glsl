// lang_mat_ops: component-wise matrix + and -, scalar * matrix and matrix / scalar,
// matrixCompMult, unary minus on a matrix, compound *= on a matrix (by a matrix and by a
// scalar), += on a matrix, == on matrices.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    mat2 a = mat2(uv.x, uv.y, 0.5, 0.25 + 0.25 * sin(time));
    mat2 b = mat2(0.5, -0.25, 0.75, 1.0);
    mat2 sum = a + b;
    mat2 diff = a - b * 0.5;
    mat2 prod = matrixCompMult(a, b);
    mat2 neg = -diff;
    mat2 halved = sum / 2.0;
    mat3 m = mat3(uv.x, 0.0, 0.0, 0.0, uv.y, 0.0, 0.1, 0.2, 1.0);
    m *= mat3(0.5);
    m += mat3(0.25);
    mat2 acc = a;
    acc *= b;
    acc *= 0.5;
    float equal = (b == mat2(0.5, -0.25, 0.75, 1.0)) ? 0.25 : 0.0;
    float r = sum[0][0] * 0.5 + prod[1][0];
    float g = neg[1][1] + 1.0 - halved[0][1];
    float bl = m[0][0] + m[2][1] + acc[1][0];
    return vec4(r, g, bl, 0.5 + equal + acc[0][1]);
}
