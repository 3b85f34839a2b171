// lang_ivec: ivec2 ivec3 ivec4 constructors (scalar, components, from vec by truncation,
// from smaller ivecs), component access and writes, + - * / % on ivecs and with ints,
// vec3(ivec3) conversion, == on ivecs.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    ivec2 cell = ivec2(fragCoord / 4.0);                 // 0..3 each
    ivec2 pixel = ivec2(fragCoord);
    ivec3 three = ivec3(cell, int(time * 4.0 + 0.5));
    ivec4 four = ivec4(pixel, cell.yx);
    ivec2 twos = ivec2(2);
    ivec3 sum = three + ivec3(1, 2, 3) * 2;
    ivec2 quot = pixel / twos;                           // non-negative: truncation is exact
    ivec4 rem = four % 5;
    ivec3 neg = -three + 7;
    neg.y = neg.y * 2;
    four.w += 1;
    vec3 f = vec3(sum) / vec3(10.0, 12.0, 16.0);
    float q = float(quot.x + quot.y) / 14.0;
    float m = float(rem.x + rem.y + rem.z + rem.w) / 16.0;
    float e = (cell == ivec2(1, 2)) ? 0.5 : 0.0;
    float n = float(neg.x + neg.y + neg.z + four.w) / 40.0;
    return vec4(f.x * 0.5 + q * 0.5, f.y * 0.5 + m * 0.5, f.z * 0.5 + n, 0.5 + e);
}
