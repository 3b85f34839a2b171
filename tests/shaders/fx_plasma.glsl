// fx_plasma (Shadertoy entry): the classic four-wave plasma: sin of x, of y, of x + y and of
// the distance to a moving centre, mapped to a phase-shifted RGB ramp.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 p = uv * 4.0 - 2.0;
    float t = iTime;
    float v = sin(p.x + t);
    v += sin((p.y + t) * 0.5);
    v += sin((p.x + p.y + t) * 0.5);
    vec2 c = p + 2.0 * vec2(sin(t / 3.0), cos(t / 2.0));
    v += sin(sqrt(dot(c, c) + 1.0) + t);
    v *= 0.5;
    vec3 col = 0.5 + 0.5 * vec3(sin(v * 3.14159), sin(v * 3.14159 + 2.094), sin(v * 3.14159 + 4.188));
    fragColor = vec4(col, 1.0);
}
