// soft_circle: smoothstep, clamp, sqrt, min, max, scalar division, a pulsing radius.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) / min(outputSize.x, outputSize.y);
    float d = length(p);
    float radius = 0.3 + 0.05 * sin(time * 2.0);
    float inside = 1.0 - smoothstep(radius - 0.08, radius + 0.08, d);
    float glow = clamp(0.02 / (d * d + 0.01), 0.0, 1.0);
    float halo = sqrt(max(0.0, 1.0 - d * 2.0));
    vec3 col = vec3(1.0, 0.7, 0.3) * inside + vec3(0.2, 0.3, 0.9) * glow * halo;
    return vec4(col, 0.5 + 0.5 * inside);
}
