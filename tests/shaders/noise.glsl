// noise: Perlin-style gradient noise with a hash that is exact in both Q16.16 and float32 (floor, fract, mix, dot, cos, sin, vector mod/abs/clamp/mix, hsv).
// Every constant in `hash` is a multiple of 1/256 and cells are whole numbers, so q has at
// most 8 fractional bits and q * q at most 16: each product and sum is exact in both Q16.16
// and float32. Unlike fract(sin(x) * 43758.5) the hash does not amplify rounding, and it is
// used as an angle, so a fract that wraps from 0.999 to 0.0 still gives the same gradient.
float hash(vec2 cell) {
    float q = fract(cell.x * 0.48046875 + cell.y * 0.82421875);
    return fract(q * q * 37.0 + q * 11.0 + cell.y * 0.30078125);
}

vec2 gradient(vec2 cell) {
    float angle = hash(cell) * 6.28318;
    return vec2(cos(angle), sin(angle));
}

float fade(float t) {
    return t * t * (3.0 - 2.0 * t);
}

float gradient_noise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    float a = dot(gradient(i), f);
    float b = dot(gradient(i + vec2(1.0, 0.0)), f - vec2(1.0, 0.0));
    float c = dot(gradient(i + vec2(0.0, 1.0)), f - vec2(0.0, 1.0));
    float d = dot(gradient(i + vec2(1.0, 1.0)), f - vec2(1.0, 1.0));
    float u = fade(f.x);
    float v = fade(f.y);
    return mix(mix(a, b, u), mix(c, d, u), v);
}

vec3 hsv_to_rgb(vec3 hsv) {
    vec3 k = mod(vec3(hsv.x * 6.0) + vec3(0.0, 4.0, 2.0), vec3(6.0));
    vec3 rgb = clamp(abs(k - vec3(3.0)) - vec3(1.0), vec3(0.0), vec3(1.0));
    return hsv.z * mix(vec3(1.0), rgb, vec3(hsv.y));
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize.y * 4.0 + vec2(time * 0.375, time * -0.25);
    float n = gradient_noise(p) * 1.2 + 0.5;
    vec3 rgb = hsv_to_rgb(vec3(n, 0.8, 0.9));
    return vec4(rgb, 1.0);
}
