// lpfx_fbm_worley: fractal simplex noise (lpfx_fbm, 4 octaves, as LightPlayer's rainbow calls it) warps 2-D cellular noise (lpfx_worley), 3-D cells shift the hue through an rgb2hsv / hsv2rgb round trip.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize.y * 4.0;
    float warp = lpfx_fbm(p * 0.5 + vec2(time * 0.25, 0.0), 4, 7u);
    // worley is the squared distance to the nearest feature point, minus 1.
    float cells = lpfx_worley(p + warp * 1.5, 3u);
    float edge = smoothstep(-1.0, -0.4, cells);
    vec3 base = mix(vec3(0.1, 0.3, 0.8), vec3(1.0, 0.7, 0.2), edge);
    vec3 hsv = lpfx_rgb2hsv(base);
    float shift = lpfx_worley(vec3(p * 0.75, time * 0.25), 5u) + 1.0;
    hsv.x = fract(hsv.x + 0.2 * shift);
    return vec4(lpfx_hsv2rgb(hsv), 1.0);
}
