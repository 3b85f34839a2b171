// fx_kaleidoscope (Shadertoy entry): polar coordinates folded into six mirrored segments
// (mod then abs: continuous at every fold and at atan's cut), a moving pattern inside the
// segment and a cosine palette.
vec3 palette(float t) {
    return 0.5 + 0.5 * cos(6.28318 * (t + vec3(0.0, 0.33, 0.67)));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    float r = length(p);
    float a = atan(p.y, p.x);
    const float SEGMENT = 6.28318 / 6.0;
    a = abs(mod(a, SEGMENT) - 0.5 * SEGMENT);
    vec2 q = r * vec2(cos(a), sin(a));
    q += vec2(0.1 * sin(iTime * 0.7), 0.05 * iTime);
    float pattern = sin(q.x * 14.0 + iTime) * cos(q.y * 20.0 - iTime * 0.5);
    vec3 col = palette(pattern * 0.3 + r + iTime * 0.1);
    col *= (1.0 - smoothstep(0.3, 0.55, r)) * 0.8 + 0.2;
    fragColor = vec4(col, 1.0);
}
