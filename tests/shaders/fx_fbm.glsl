// fx_fbm: fractal Brownian motion of value noise (integer hash, quintic fade) with a loop
// of five octaves, each rotated by a mat2 and shifted, then a two-step domain warp and a
// colour mix: the "clouds" every LED artist writes.
float hash(ivec2 cell) {
    int n = cell.x * 157 + cell.y * 113;
    n = (n << 13) ^ n;
    n = n * (n * n * 15731 + 789221) + 1376312589;
    return float((n >> 8) & 4095) / 4095.0;
}

float noise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    vec2 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    ivec2 c = ivec2(i);
    float a = hash(c);
    float b = hash(c + ivec2(1, 0));
    float d = hash(c + ivec2(0, 1));
    float e = hash(c + ivec2(1, 1));
    return mix(mix(a, b, u.x), mix(d, e, u.x), u.y);
}

float fbm(vec2 p) {
    const mat2 turn = mat2(0.8, 0.6, -0.6, 0.8);
    float sum = 0.0;
    float amplitude = 0.5;
    for (int i = 0; i < 5; i++) {
        sum += amplitude * noise(p);
        p = turn * p * 2.0 + vec2(1.7, 9.2);
        amplitude *= 0.5;
    }
    return sum;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize.y * 3.0 + vec2(5.0, 5.0);
    vec2 warp = vec2(fbm(p + vec2(0.0, time * 0.2)), fbm(p + vec2(5.2, 1.3)));
    float f = fbm(p + 2.0 * warp + vec2(time * 0.1, 0.0));
    vec3 col = mix(vec3(0.1, 0.2, 0.4), vec3(0.9, 0.8, 0.6), clamp(f * 1.5 - 0.2, 0.0, 1.0));
    col = mix(col, vec3(0.6, 0.2, 0.3), clamp(warp.x * warp.y * 2.0, 0.0, 1.0));
    return vec4(col, 1.0);
}
