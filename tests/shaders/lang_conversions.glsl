// lang_conversions: explicit constructor conversions between scalar and vector types:
// int(bool), float(bool), bool(int), uint(float), float(uint), int(uint), uint(int),
// ivec3(bvec3), vec2(bvec2), bvec2(ivec2), uvec2(vec2), ivec2(uvec2), vec4(ivec4),
// and a vector built from a single bool.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    bool left = uv.x < 0.5;
    int li = int(left);
    float lf = float(!left);
    bool odd = bool(int(fragCoord.y) % 2);
    uint u = uint(uv.x * 40.0 + 3.0 * time + 0.3);        // truncated; never an integer here
    float fu = float(u) / 44.0;
    int iu = int(u) - 20;
    uint back = uint(iu + 20);
    ivec3 ib = ivec3(bvec3(left, odd, uv.y > 0.3));
    vec2 fb = vec2(bvec2(odd, uv.y < 0.6));
    bvec2 bi = bvec2(ivec2(fragCoord) % 3);
    uvec2 uf = uvec2(uv * 9.0);
    ivec2 iu2 = ivec2(uf) - 4;
    vec4 f4 = vec4(ivec4(ib, iu2.x));
    vec3 all_b = vec3(true);
    return vec4(float(li) * 0.3 + lf * 0.2 + fu * 0.5,
                float(ib.y + ib.z) * 0.25 + fb.x * 0.25 + fb.y * 0.25,
                float(bi.x) * 0.2 + float(bi.y) * 0.2 + float(iu2.y) * 0.1 + 0.3,
                f4.w * 0.05 + 0.5 + float(back) / 100.0 * 0.2 + all_b.z * 0.1 - f4.x * 0.2);
}
