// lang_bvec: bvec2 bvec3 bvec4 constructors (scalar, components, from vectors of numbers),
// component access, vec3(bvec3) conversion, any all not, == on bvecs.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    bvec2 upper = bvec2(uv.x > 0.5, uv.y > 0.5);
    bvec3 three = bvec3(upper, uv.x + uv.y > 0.8 + 0.2 * sin(time));
    bvec4 four = bvec4(three.zyx, true);
    bvec2 from_numbers = bvec2(vec2(floor(uv * 3.0)));   // zero -> false
    bvec3 same = bvec3(false);
    bvec2 flipped = not(upper);
    vec3 col = vec3(three) * 0.5 + vec3(four.xy, flipped.y) * 0.3;
    if (any(from_numbers)) {
        col.b += 0.2;
    }
    if (all(four.yzw)) {
        col.r += 0.2;
    }
    if (three == bvec3(true, false, true) || !any(same)) {
        col.g += 0.1;
    }
    return vec4(col, 1.0);
}
