// lang_vec3: vec3 constructors (scalar, three scalars, vec2 + float, float + vec2, from
// vec4), component access .x .y .z .r .g .b [i], arithmetic with vectors and scalars,
// component-wise * and /, compound assignment on a vec3.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 grey = vec3(0.25);
    vec3 a = vec3(uv, 0.5);
    vec3 b = vec3(0.2, uv.yx);
    vec3 c = vec3(vec4(0.1, 0.2, 0.3, 0.4));
    vec3 d = vec3(uv.x, 0.3, uv.y * 0.5);
    vec3 mixed = a * b + c - grey * d;
    vec3 scaled = mixed / vec3(1.0, 2.0, 0.5) + 0.5 * sin(time);
    scaled *= 0.8;
    scaled += vec3(0.1, 0.0, -0.1);
    scaled.g = scaled.g + a[0] * 0.25;
    float sum = scaled.x + scaled.y + scaled.z;
    return vec4(scaled.r, scaled[1], scaled.b, sum / 3.0);
}
