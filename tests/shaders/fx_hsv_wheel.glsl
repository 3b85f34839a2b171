// fx_hsv_wheel: a rotating colour wheel: hue from atan(y, x) (continuous across its cut
// because hsv is periodic in hue), saturation from the radius, a branch-free hsv to rgb,
// a pulsing brightness and a dark rim.
vec3 hsv2rgb(vec3 c) {
    vec3 k = clamp(abs(mod(c.x * 6.0 + vec3(0.0, 4.0, 2.0), 6.0) - 3.0) - 1.0, 0.0, 1.0);
    return c.z * mix(vec3(1.0), k, c.y);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) / outputSize.y;
    float hue = atan(p.y, p.x) / 6.28318 + 0.5 + time * 0.15;
    float r = length(p);
    float saturation = smoothstep(0.0, 0.4, r);
    float value = (0.8 + 0.2 * sin(time * 3.0)) * (1.0 - smoothstep(0.42, 0.5, r));
    return vec4(hsv2rgb(vec3(hue, saturation, value)), 1.0);
}
