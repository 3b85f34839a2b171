// lang_int_bits: the bitwise int operators & | ^ ~ << >>, including >> of a negative
// number (GLSL extends the sign), mixed with + and %, precedence of shifts and masks.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int x = int(fragCoord.x);
    int y = int(fragCoord.y);
    int t = int(time * 4.0 + 0.5);
    int both = x & y;
    int either = x | (y << 1);
    int differ = (x ^ y) + t;
    int inverted = ~x;                  // -x - 1
    int halved = inverted >> 1;         // arithmetic shift: -1 .. -8
    int shifted = (x << 4) >> 2;        // 4 * x
    int mixed = x & 3 | y << 2 & 12;    // & binds tighter than |, << tighter than &
    int parity = (x ^ y ^ t) & 1;
    float r = float(both) / 15.0;
    float g = float(differ & 15) / 15.0 * 0.75 + float(parity) * 0.25;
    float b = float(-halved) / 16.0 + float(shifted & 12) / 24.0;
    float a = float(either % 32) / 62.0 + float(mixed) / 30.0;
    return vec4(r, g, b, a);
}
