// fx_fire (Shadertoy entry): rising flames from value noise (uint lattice hash, smooth
// interpolation) summed over octaves in a loop, shaped by height and mapped through a
// black-red-yellow-white ramp.
float hash(vec2 cell) {
    uvec2 q = uvec2(ivec2(cell) + 1024);
    uint h = q.x * 1597334677u ^ q.y * 3812015801u;
    h = h * 747796405u + 2891336453u;
    h ^= h >> 16u;
    return float(h & 4095u) / 4095.0;
}

float noise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    float a = hash(i);
    float b = hash(i + vec2(1.0, 0.0));
    float c = hash(i + vec2(0.0, 1.0));
    float d = hash(i + vec2(1.0, 1.0));
    return mix(mix(a, b, u.x), mix(c, d, u.x), u.y);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 q = vec2(uv.x * 4.0, uv.y * 3.0 - iTime * 1.7);
    float n = 0.0;
    float amplitude = 0.5;
    for (int i = 0; i < 4; i++) {
        n += amplitude * noise(q);
        q = q * 2.0 + vec2(0.3, -0.7);
        amplitude *= 0.5;
    }
    float flame = n * 1.6 - uv.y * 1.2 + 0.15;
    flame = clamp(flame, 0.0, 1.0);
    vec3 col = vec3(flame * 1.6, flame * flame * 1.3, flame * flame * flame * flame * 0.9);
    fragColor = vec4(clamp(col, 0.0, 1.0), 1.0);
}
