// lang_const_global: const globals of scalar, vector, matrix and array type, consts built
// from other consts (arithmetic, a swizzle), const locals, consts used as loop bounds and
// array sizes.
const float PI = 3.14159265;
const float TAU = 2.0 * PI;
const int COUNT = 4;
const vec3 WARM = vec3(1.0, 0.55, 0.2);
const vec3 COOL = WARM.bgr * 0.8;
const mat2 SWAP = mat2(0.0, 1.0, 1.0, 0.0);
const float LEVELS[COUNT] = float[COUNT](0.2, 0.45, 0.7, 0.95);
const float HALF_SQRT2 = 1.41421356 * 0.5;

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = SWAP * (fragCoord / outputSize);
    const float SPEED = 0.5;
    float sum = 0.0;
    for (int i = 0; i < COUNT; i++) {
        sum += sin(uv.x * TAU + float(i) + time * SPEED) * LEVELS[i];
    }
    float ring = cos(length(uv - 0.5) * TAU * 2.0);
    vec3 col = mix(COOL, WARM, 0.5 + 0.25 * sum) * (0.75 + 0.25 * ring);
    return vec4(col, HALF_SQRT2 * uv.y + LEVELS[COUNT - 1] * 0.25);
}
