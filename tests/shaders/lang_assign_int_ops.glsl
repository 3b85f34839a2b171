// lang_assign_int_ops: the integer assignment operators %= <<= >>= &= |= ^= (and += -= *=
// /= on ints), on int, ivec and uint operands, with int and vector right-hand sides.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int x = int(fragCoord.x);
    int y = int(fragCoord.y);
    int a = x * 5 + y;
    a %= 7;
    int b = x;
    b <<= 2;
    b >>= 1;                      // 2 * x
    int c = y;
    c &= 6;
    c |= 1;
    c ^= x & 3;
    int d = x + 3;
    d *= y + 1;
    d /= 4;
    d -= 2;
    d += int(time * 4.0 + 0.5);
    ivec2 e = ivec2(x, y);
    e <<= 1;
    e %= ivec2(5, 7);
    e ^= ivec2(3);
    uint u = uint(x * 16 + y);
    u *= 2654435761u;
    u ^= u >> 15u;
    u &= 255u;
    return vec4(float(a) / 6.0 * 0.5 + float(b) / 60.0,
                float(c) / 7.0,
                float(d % 16) / 15.0 * 0.5 + float(e.x + e.y) / 24.0,
                float(u) / 255.0);
}
