// fx_ripples (Shadertoy entry): concentric waves from three drops (a loop over sources),
// damped with distance, summed, then used to offset a gradient and light it.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    float height = 0.0;
    for (int i = 0; i < 3; i++) {
        float fi = float(i);
        vec2 source = 0.3 * vec2(cos(fi * 2.1 + 0.5), sin(fi * 2.1 + 0.5));
        float d = length(p - source);
        height += sin(d * 28.0 - iTime * 4.0 + fi) / (1.0 + d * 8.0);
    }
    vec3 water = mix(vec3(0.0, 0.2, 0.4), vec3(0.1, 0.6, 0.8), uv.y + height * 0.2);
    float light = 0.5 + 0.5 * height;
    fragColor = vec4(water * (0.6 + 0.6 * light), 1.0);
}
