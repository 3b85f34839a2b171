// lang_loop_return: return from inside loops: a search returning the first match, a
// return from a nested loop, a function that returns in a loop or after it, and an
// early return from main itself inside a loop.
int first_above(float v) {
    for (int i = 0; i < 10; i++) {
        if (float(i) * 0.1 + 0.05 > v) {
            return i;
        }
    }
    return 10;
}

float grid_hit(vec2 p) {
    for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
            vec2 c = vec2(float(x), float(y)) * 0.25 + 0.125;
            if (length(p - c) < 0.09) {
                return float(x + y * 4) / 15.0;
            }
        }
    }
    return -0.2;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    int idx = first_above(uv.x);
    float hit = grid_hit(uv);
    for (int i = 0; i < 5; i++) {
        if (uv.y > 0.8 && float(i) > uv.x * 4.0 + 0.1) {
            return vec4(0.2, float(i) * 0.2, 0.8, 1.0);    // top strip, leaving the loop
        }
    }
    return vec4(float(idx) / 10.0, hit + 0.2, 0.5 + 0.5 * sin(time + uv.y * 3.0), 1.0);
}
