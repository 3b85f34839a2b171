// Differential regression (host/fuzz_diff.py, seed 1 program 5 (and seed 2 program 80;
// shrunk): a swizzle repeating a letter, of a vector kept in memory (an array element,
// a mutable global), is an internal error: TypeError: 'NoneType' object is not iterable
// (expr.values, via parser.declaration -> coerce).. It failed as `passes now`; fixed in
// 6695dbb.
// size 4x4, times 0.5 1.75
// expect t=0.5: 800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff
// expect t=1.75: 800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff800400400fff
vec3 g = vec3(0.5, 0.25, 0.125);

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 a[2] = vec2[2](vec2(0.5), vec2(0.25));
    vec3 w = a[0].xxy;
    vec3 v = g.yxx;
    return vec4(w.z, v.x, w.x * v.z, 1.0);
}
