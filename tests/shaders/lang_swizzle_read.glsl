// lang_swizzle_read: swizzle reads in all three name sets (.xyzw .rgba .stpq), reversed and
// repeated components (.zyx .xxy .wwww), swizzles of swizzles (v.zyx.yx), swizzles of
// expressions and of function results, a scalar .x of a vec, a swizzle on a constructor.
vec3 tint(float t) {
    return vec3(t, 1.0 - t, 0.5);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec4 v = vec4(uv, 0.5 + 0.5 * sin(time), 0.25);
    vec3 rev = v.zyx;
    vec3 rep = v.xxy;
    vec4 wide = v.wwww;
    vec2 twice = v.zyx.yx;                  // (v.y, v.z)
    vec3 colour = v.rgb.bgr;
    vec2 tex = v.st * 0.5 + v.pq;
    float one = v.x;
    vec2 expr = (v.xy * 2.0 - 1.0).yx;
    vec3 call = tint(uv.x).zxy;
    float ctor = vec3(0.1, 0.2, 0.3).z;
    return vec4(rev.x * 0.5 + rep.z * 0.5,
                twice.x * 0.5 + colour.g * 0.25 + tex.y * 0.25,
                abs(expr.x) * 0.5 + call.y * 0.5,
                wide.y + one * 0.25 + ctor);
}
