// lang_bool: bool locals, true/false, == != on bools, ! && || ^^, bool(float), bool(int),
// float(bool), int(bool), bool parameters and return values.
bool inside(vec2 p, float r) {
    return dot(p, p) < r * r;
}

bool differ(bool a, bool b) {
    return a != b;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    bool left = uv.x < 0.5;
    bool low = uv.y < 0.3 + 0.1 * sin(time);
    bool disc = inside(uv - vec2(0.5), 0.3);
    bool yes = true;
    bool no = false;
    int column = int(fragCoord.x);
    bool odd = bool(column - 2 * (column / 2));
    bool nonzero = bool(uv.x - 0.5);          // true everywhere: uv.x is never 0.5
    bool zero = bool(0.0);
    float r = float(left) * 0.6 + float(disc ^^ low) * 0.4;
    float g = float(differ(left, low)) * 0.5 + float(odd == yes) * 0.25 + 0.25 * float(!disc);
    int n = int(left) + int(low) + int(disc) + int(no) + int(nonzero) + int(zero);
    float b = float(n) / 4.0;
    bool all_three = left && low && disc;
    bool any_two = (left && low) || (low && disc) || (left && disc);
    float a = all_three ? 1.0 : (any_two ? 0.75 : 0.5);
    return vec4(r, g, b, a);
}
