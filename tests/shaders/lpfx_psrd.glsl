// lpfx_psrd: Gustavson & McEwan's flow noise (lpfx_psrdnoise): 2-D tiled exactly once across the image, its analytic gradient (out parameter) as lighting, a seeded 3-D layer rotating twice as fast.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize * vec2(6.0, 4.0);
    vec2 gradient;
    float n = lpfx_psrdnoise(p, vec2(6.0, 4.0), time, gradient);
    vec3 gradient3;
    float m = lpfx_psrdnoise(vec3(p * 1.5, time * 0.5), vec3(0.0), time * 2.0, gradient3, 11u);
    float light = lpfx_saturate(0.65 + 0.07 * dot(gradient, vec2(0.6, 0.8)));
    float hue = 0.55 + 0.2 * n;
    float saturation = 0.6 + 0.3 * m;
    return vec4(lpfx_hsv2rgb(vec3(hue, saturation, light)), 1.0);
}
