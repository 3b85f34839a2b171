// lang_uvec: uvec2 uvec3 uvec4 constructors (from uints, from ivecs, scalar), uvec + * ^ >>
// & with uvecs and uints, component access and writes, vec3(uvec3), a 2D integer hash on
// cells (xxhash-like mixing), compared with ==.
uvec3 mix_bits(uvec3 v) {
    v = v * 1664525u + 1013904223u;
    v.x += v.y * v.z;
    v.y += v.z * v.x;
    v.z += v.x * v.y;
    v ^= v >> 16u;
    return v;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    uvec2 cell = uvec2(ivec2(fragCoord / 4.0));
    uvec3 seed = uvec3(cell, uint(time * 4.0 + 0.5));
    uvec3 h = mix_bits(seed);
    uvec4 four = uvec4(h, 7u);
    uvec2 low = uvec2(h.xy & uvec2(255u, 4095u));
    four.w = four.w << 2;                       // 28
    uvec3 bits = (h >> uvec3(24u, 20u, 28u)) & uvec3(255u, 15u, 15u);
    vec3 col = vec3(bits) / vec3(255.0, 15.0, 15.0);
    float edge = (low == uvec2(0u)) ? 0.0 : float(four.w) / 28.0;
    return vec4(col, edge);
}
