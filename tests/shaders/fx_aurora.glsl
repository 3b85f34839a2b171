// fx_aurora (Shadertoy entry): northern lights: curtains from layered sine bands whose
// height wavers along x, stacked in a loop with fading strength and shifting hue, over a
// night-sky gradient; uses iTime and iResolution declared by the shader itself.
uniform float iTime;
uniform vec3 iResolution;

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec3 col = mix(vec3(0.0, 0.02, 0.06), vec3(0.02, 0.05, 0.15), uv.y);
    for (int layer = 0; layer < 4; layer++) {
        float k = float(layer);
        float centre = 0.55 + 0.12 * sin(uv.x * (3.0 + k) + iTime * (0.5 + 0.2 * k) + k * 1.7)
                     + 0.05 * sin(uv.x * 11.0 - iTime * 1.3 + k);
        float band = exp(-abs(uv.y - centre) * (9.0 + k * 3.0));
        vec3 tint = mix(vec3(0.1, 0.9, 0.5), vec3(0.6, 0.2, 0.9), k / 3.0);
        col += tint * band * (0.7 - 0.12 * k);
    }
    fragColor = vec4(col, 1.0);
}
