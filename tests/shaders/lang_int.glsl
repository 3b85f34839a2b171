// lang_int: int locals and literals (decimal, hex), + - * / % and unary minus,
// int(float) truncation toward zero (also of negatives), float(int), int comparisons,
// int parameters and return values.
int triangle(int i, int period) {
    int k = i % period;
    if (k < period / 2) {
        return k;
    }
    return period - k;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int x = int(fragCoord.x);
    int y = int(fragCoord.y);
    int frame = int(time * 4.0 + 0.5);           // 5 at t = 1.25, 0 at t = 0
    int hex = 0x1F;                              // 31
    int fifteen = 0xf;                           // lower-case hex digits
    int sum = x + y * 3 - frame;                 // may be negative
    int prod = (x * y) / 3;
    int rem = (x * 7 + y * 5 + frame) % 11;
    int neg = -x + 4;
    int towards_zero = int(fragCoord.x * -0.3);  // -0.15 .. -4.65 truncates to 0 .. -4
    float r = float(triangle(x + frame, 8)) / 4.0;
    float g = float(rem) / 10.0 * 0.5 + float(prod % hex) / 30.0 * 0.5;
    float b = 0.5 + float(sum) / 128.0 + float(neg) / 64.0;
    float a = float(fifteen - towards_zero) / 20.0;
    if (sum > 10 && neg <= -3) {
        r = r * 0.5;
    }
    if (prod == 4 || rem != 3 && y >= 12) {
        g = 1.0 - g;
    }
    return vec4(r, g, b, a);
}
