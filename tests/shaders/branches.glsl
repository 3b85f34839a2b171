// branches: if/else merging different register states, variables assigned in
// some branches only, nested ifs, early returns inside branches, bools.
float band(float x, float lo, float hi) {
    if (x < lo) {
        return 0.0;
    }
    if (x > hi) {
        return 1.0;
    }
    return (x - lo) / (hi - lo);
}

vec3 pick(float t, vec3 a, vec3 b) {
    vec3 c = b.zxy;
    vec3 r = a;
    float k = t * 3.0;
    if (k > 2.0) {
        r = c;
        k = k - 2.0;
    } else if (k > 1.0) {
        vec3 m = mix(b, c, 0.5);
        r = mix(b, m, k - 1.0);
    } else {
        r = mix(a, b, k);
        k = 1.0 - k;
    }
    return r * (0.75 + 0.25 * k);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float d = length(uv - vec2(0.5));
    bool inside = d < 0.35;
    bool upper = uv.y > 0.5 + 0.1 * sin(time);
    vec3 col = vec3(0.0);
    float glow = band(d, 0.3, 0.5);
    if (inside && upper) {
        col = pick(uv.x, vec3(1.0, 0.2, 0.1), vec3(0.9, 0.9, 0.1));
    } else if (inside) {
        col = pick(uv.y, vec3(0.1, 0.2, 0.9), vec3(0.6, 0.1, 0.8));
        if (uv.x > 0.5) {
            col = col.zyx;
        }
    } else {
        if (!upper || glow > 0.5) {
            col = vec3(glow * 0.5, glow * 0.25, 0.1);
        }
    }
    return vec4(col, 1.0 - glow * 0.5);
}
