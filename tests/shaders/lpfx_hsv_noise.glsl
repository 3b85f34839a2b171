// lpfx_hsv_noise: LightPlayer's simplex noise in 1-D, 2-D and 3-D with seeds, coloured through its HSV conversion (lpfx_snoise, lpfx_hsv2rgb vec4 form, lpfx_saturate).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize.y * 3.0;
    // Hue drifts through 3-D noise along time; snoise(vec3) stays within +-0.81.
    float hue = lpfx_snoise(vec3(p, time * 0.25), 1u) * 0.5 + 0.5;
    float saturation = 0.7 + 0.3 * lpfx_snoise(p.x * 2.0 + time, 3u);
    float detail = lpfx_snoise(p * 4.0 + vec2(time * 0.5, 0.0), 2u);
    float value = lpfx_saturate(0.75 + 0.3 * detail);
    return lpfx_hsv2rgb(vec4(hue, saturation, value, 1.0));
}
