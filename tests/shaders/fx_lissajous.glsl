// fx_lissajous (Shadertoy entry): a glowing Lissajous curve sampled at 24 points in a loop,
// each point a soft glow whose colour walks around the palette; the figure turns with time.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    vec3 col = vec3(0.0);
    for (int i = 0; i < 24; i++) {
        float s = float(i) / 24.0 * 6.28318;
        vec2 at = 0.38 * vec2(sin(3.0 * s + iTime * 0.6), sin(2.0 * s));
        vec2 d = (p - at) * 10.0;
        float glow = 0.15 / (dot(d, d) + 0.15);
        col += glow * (0.5 + 0.5 * cos(s + vec3(0.0, 2.094, 4.188)));
    }
    fragColor = vec4(col * 0.9, 1.0);
}
