// lang_swizzle_write: swizzle writes c.rg = ..., c.zx = ... (order matters), c.b = ...,
// compound swizzle writes (v.xy += ..., v.yz *= ...), writes to a swizzle of an array
// element and of a struct member, an out parameter passed as a swizzle.
struct Pair {
    vec3 a;
};

void fill(out vec2 target, float x) {
    target = vec2(x, 1.0 - x);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec4 c = vec4(0.0);
    c.rg = uv;
    c.zx = vec2(0.9, uv.y * 0.5);          // z = 0.9, x = uv.y / 2
    c.b = c.b * (0.75 + 0.25 * sin(time));
    c.a = 1.0;
    vec3 v = vec3(0.2, 0.4, 0.6);
    v.xy += uv.yx * 0.5;
    v.yz *= vec2(0.5, uv.x);
    v.zyx = v.xyz;                         // reverse in place
    vec3 arr[2];
    arr[0] = vec3(0.0);
    arr[1] = vec3(1.0);
    arr[1].gb = uv;
    Pair p = Pair(vec3(0.0));
    p.a.xz = vec2(uv.x, 0.3);
    vec3 o = vec3(0.0);
    fill(o.zy, uv.y);
    return vec4(c.r * 0.5 + v.x * 0.5, c.g * 0.5 + arr[1].g * 0.25 + o.z * 0.25,
                c.b * 0.5 + v.z * 0.25 + p.a.z, c.a * 0.5 + o.y * 0.25 + p.a.x * 0.25);
}
