// lang_mat4: mat4 constructors (diagonal mat4(s), sixteen scalars, four column vec4s, from
// a mat3 (identity padded) and a mat2), mat4 * vec4, vec4 * mat4, mat4 * mat4, a 4x4 colour
// matrix applied to a gradient, columns and elements.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec4 colour = vec4(uv.x, uv.y, 0.5 + 0.5 * sin(time), 1.0);
    mat4 dim = mat4(0.8);
    mat4 swap = mat4(0.0, 1.0, 0.0, 0.0,
                     0.0, 0.0, 1.0, 0.0,
                     1.0, 0.0, 0.0, 0.0,
                     0.0, 0.0, 0.0, 1.0);
    mat4 lift = mat4(vec4(1.0, 0.0, 0.0, 0.0), vec4(0.0, 1.0, 0.0, 0.0),
                     vec4(0.0, 0.0, 1.0, 0.0), vec4(0.1, 0.05, -0.1, 1.0));
    mat4 from3 = mat4(mat3(0.6, 0.2, 0.2, 0.2, 0.6, 0.2, 0.2, 0.2, 0.6));
    mat4 from2 = mat4(mat2(0.5, 0.5, -0.5, 0.5));
    mat4 combined = lift * dim * swap;
    vec4 a = combined * colour;
    vec4 b = colour * from3;
    vec4 c = from2 * vec4(uv, 0.3, 1.0);
    vec4 result = a * 0.5 + b * 0.3 + c * 0.2;
    result.a = combined[3][3] * 0.5 + from3[3].w * 0.25 + from2[2][2] * 0.25 * uv.x;
    return result;
}
