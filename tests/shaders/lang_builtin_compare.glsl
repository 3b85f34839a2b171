// lang_builtin_compare: the vector relational builtins lessThan, lessThanEqual,
// greaterThan, greaterThanEqual, equal, notEqual on vec, ivec and uvec arguments, and any,
// all, not on their bvec results.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 v = vec3(uv, 0.53 + 0.4 * sin(time));       // 0.53: never a tie with 0.5
    vec3 edge = vec3(0.4, 0.6, 0.5);
    bvec3 lt = lessThan(v, edge);
    bvec3 le = lessThanEqual(v, vec3(0.5));
    bvec3 gt = greaterThan(v.zxy, edge);
    bvec3 ge = greaterThanEqual(v, v.yzx);
    ivec2 cell = ivec2(fragCoord) / 4;
    bvec2 eq = equal(cell, ivec2(1, 2));
    bvec2 ne = notEqual(cell, ivec2(2));
    bvec2 uq = lessThan(uvec2(cell), uvec2(2u, 3u));
    float r = float(any(lt)) * 0.3 + float(all(le)) * 0.3 + float(gt.x) * 0.4;
    float g = float(all(not(ge))) * 0.5 + float(ge.y) * 0.3 + float(eq.x) * 0.2;
    float b = float(any(eq)) * 0.3 + float(all(ne)) * 0.4 + float(not(uq).y) * 0.3;
    vec3 counts = vec3(lt) + vec3(gt);
    return vec4(r, g, b, (counts.x + counts.y + counts.z) / 6.0 + 0.25);
}
