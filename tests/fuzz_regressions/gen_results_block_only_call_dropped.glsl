// Differential regression (host/fuzz_diff.py, seed 4 program 203; shrunk): a call whose
// results past the 8th word are the only ones read (s.n of a 21-word struct) is dropped
// as dead code when the program has no mutable global (no ir.KEEP): the words read from
// the block are garbage (0 here, 0.75 expected).. It failed as `pixels: t=0.5 x=0 y=0
// g: lumajit 0.00000, Mesa 0.75000`; fixed in 6695dbb.
// size 4x4, times 0.5 1.75
// expect t=0.5: 400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff
// expect t=1.75: 400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff400bff800fff
struct S {
    ivec2 a;
    ivec2 b;
    mat4 m;
    int n;
};

S f(vec4 p, vec4 q) {
    return S(ivec2(1), ivec2(2), mat4(0.5), 3);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    S s = f(vec4(fragCoord, 0.0, 1.0), vec4(0.5));
    return vec4(0.25, float(s.n) * 0.25, 0.5, 1.0);
}
