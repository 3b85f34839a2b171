// fx_starfield: particles as an array of structs filled from an integer hash in a loop
// (position, drift speed, size, colour), drifting sideways on a smooth periodic path,
// drawn as soft glows added together; a faint gradient sky.
struct Star {
    vec2 position;
    float speed;
    float size;
    vec3 colour;
};

float unit(uint seed) {
    uint h = seed * 747796405u + 2891336453u;
    h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
    h = (h >> 22u) ^ h;
    return float(h & 1023u) / 1023.0;
}

Star make_star(int i) {
    uint s = uint(i) * 4u;
    Star star;
    star.position = vec2(unit(s), unit(s + 1u));
    star.speed = 0.5 + unit(s + 2u);
    star.size = 0.08 + 0.15 * unit(s + 3u);     // glow size in (uv * 10)^2 units
    star.colour = mix(vec3(0.6, 0.7, 1.0), vec3(1.0, 0.85, 0.6), unit(s + 2u));
    return star;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    Star stars[12];
    for (int i = 0; i < 12; i++) {
        stars[i] = make_star(i);
    }
    vec3 col = vec3(0.02, 0.02, 0.08) + vec3(0.0, 0.0, 0.1) * uv.y;
    for (int i = 0; i < 12; i++) {
        Star s = stars[i];
        vec2 at = s.position + vec2(0.12 * sin(time * s.speed + float(i)), 0.05 * cos(time * s.speed));
        vec2 d = (uv - at) * 10.0;              // tens of uv: d^2 keeps its precision
        col += s.colour * s.size / (dot(d, d) + s.size);
    }
    return vec4(col, 1.0);
}
