// fx_tunnel (Shadertoy entry): the polar "tunnel": depth 1/r and angle as texture
// coordinates scrolling with time, a soft procedural checker on the walls (periodic in the
// angle, so atan's cut does not show) and fog towards the centre.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    float r = length(p);                                  // >= 0.044 at a pixel centre
    float a = atan(p.y, p.x);
    float depth = 0.25 / r + iTime * 0.8;
    float walls = sin(depth * 6.0) * sin(a * 4.0 + iTime * 0.3);
    float tile = smoothstep(-0.4, 0.4, walls);
    vec3 col = mix(vec3(0.15, 0.1, 0.4), vec3(0.9, 0.5, 0.2), tile);
    col *= smoothstep(0.0, 0.45, r);
    fragColor = vec4(col, 1.0);
}
