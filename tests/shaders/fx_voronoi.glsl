// fx_voronoi (Shadertoy entry): cellular noise with nested loops over the 3x3 neighbour
// cells, a uint hash giving each cell an animated feature point, F1 and F2 distances, and
// colour from F1 and the smooth border F2 - F1 (no per-cell colour: cell identity jumps at
// borders, distances do not).
vec2 hash2(vec2 cell) {
    uvec2 q = uvec2(ivec2(cell) + 256);
    uint h = (q.x * 1664525u) ^ (q.y * 1013904223u);
    h = h * 747796405u + 2891336453u;
    h ^= h >> 15u;
    h *= 2246822519u;
    h ^= h >> 13u;
    return vec2(float(h & 1023u), float((h >> 10u) & 1023u)) / 1023.0;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = fragCoord / iResolution.y * 4.0;
    vec2 cell = floor(p);
    vec2 f = fract(p);
    float f1 = 8.0;
    float f2 = 8.0;
    for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
            vec2 n = vec2(float(i), float(j));
            vec2 o = hash2(cell + n);
            o = 0.5 + 0.4 * sin(iTime * 0.8 + 6.28318 * o);
            float d = length(n + o - f);
            if (d < f1) {
                f2 = f1;
                f1 = d;
            } else if (d < f2) {
                f2 = d;
            }
        }
    }
    float border = smoothstep(0.02, 0.2, f2 - f1);
    vec3 col = vec3(0.2, 0.5, 0.9) * (1.0 - f1) + vec3(0.9, 0.6, 0.2) * f1 * f1;
    col *= 0.3 + 0.7 * border;
    fragColor = vec4(col, 1.0);
}
