// lang_float: float literal forms (1. .5 2.5e-1 1E1 0.75f), unary minus, + - * / with
// their precedence and left associativity, parentheses, float comparisons.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = 1.;
    float b = .5;
    float c = 2.5e-1;
    float d = 1E1;
    float e = 0.75f;
    float x = uv.x * d - b * 3.0 + -uv.y;          // -1.5 .. 8.5
    float y = (uv.x - uv.y) / (c + uv.y);          // denominator >= 0.25
    float z = -(-a + uv.x * 2.0) * c;
    float w = a - b - c;                           // 0.25, not 0.75
    float v = d / b / 5.0;                         // 4, not 1
    float r = 0.5 + 0.5 * sin(x * 0.7 + time);
    float g = y * 0.4 + 0.5;
    float bl = z + w + v * 0.1 + e * 0.2;
    float al = uv.x * uv.y * 4.0 - uv.y / 2.0 + 0.25;
    if (x > 4.0 * e + 0.07) {                    // 3.07: never x at a pixel centre
        bl = bl * 0.5;
    }
    return vec4(r, g, bl, al);
}
