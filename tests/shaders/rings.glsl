// rings: length, sin, abs, vec2 - vec2, vec2 * float, unary minus on a vec3, and out-of-range output that must be clamped.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - outputSize * 0.5) / outputSize.y;
    float d = length(p);
    float wave = sin(d * 14.0 - time * 3.0);
    float band = abs(wave);
    vec3 tint = vec3(0.2, 0.6, 1.0) * band * 1.4;
    vec3 col = tint + -vec3(d * 0.6);
    return vec4(col, 1.0);
}
