// fx_palette (Shadertoy entry): Inigo Quilez's cosine palette a + b * cos(2 pi (c t + d)),
// two palettes blended, indexed by rings, angle-free waves and time.
vec3 palette(float t, vec3 a, vec3 b, vec3 c, vec3 d) {
    return a + b * cos(6.28318 * (c * t + d));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    float t = length(p) * 1.5 + 0.2 * sin(p.x * 6.0 + iTime) + iTime * 0.2;
    vec3 warm = palette(t, vec3(0.5), vec3(0.5), vec3(1.0), vec3(0.0, 0.1, 0.2));
    vec3 cool = palette(t, vec3(0.5), vec3(0.5), vec3(1.0, 1.0, 0.5), vec3(0.8, 0.9, 0.3));
    vec3 col = mix(warm, cool, smoothstep(0.2, 0.8, uv.x));
    col *= 0.8 + 0.2 * cos(p.y * 9.0 - iTime * 2.0);
    fragColor = vec4(col, 1.0);
}
