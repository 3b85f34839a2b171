// lang_implicit_conv: implicit int -> float conversions of GLSL (desktop, and lumajit):
// float f = 3; x / 2 with float x; vec2 * 2; int literals as float arguments (mix(0, 1, x),
// pow(x, 2)); int variables in float expressions; an int argument to a float parameter.
float halve(float x) {
    return x * 0.5;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float three = 3;
    float half_x = uv.x / 2;
    vec2 doubled = uv * 2;
    int k = int(fragCoord.y) % 4;
    float blend = mix(0, 1, uv.y);
    float square = pow(uv.x + 0.5, 2);
    float scaled = k * 0.25 + half_x;
    vec3 v = vec3(1, 0, 1) * 0.5;
    float c = clamp(sin(uv.x * three + time) + 1, 0, 2) * halve(1);
    return vec4(half_x + doubled.y * 0.25, blend * 0.5 + square * 0.25,
                scaled * 0.5 + v.x * 0.25, c);
}
