// lang_logic: && || ^^ ! on bools; short circuit: the right operand of && / || runs only
// when needed, so its side effect (k++, a call writing a global) shows exactly when it
// was evaluated; ^^ always evaluates both; precedence of ! && ^^ ||.
int seen = 0;

bool note(bool v) {
    seen += 1;
    return v;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = uv.x;
    int k = 0;
    if (a > 0.5 || (k++ > 2)) {             // k++ only for the left half
        a += 0.1;
    }
    int j = 10;
    bool right = uv.x > 0.4 && (j-- < 100);  // j-- only when uv.x > 0.4
    bool either = uv.y < 0.3 || note(uv.x < 0.7);
    bool both = uv.y > 0.6 && note(uv.x > 0.2);
    bool one = (uv.x > 0.5) ^^ note(uv.y > 0.5);
    bool mixed = !right && either ^^ both || one;   // ((!right && either) ^^ both) || one
    float t = 0.5 + 0.5 * sin(time);
    bool timed = t > 0.6 && uv.x < t;
    return vec4(a * 0.5 + float(k) * 0.4 + float(right) * 0.1,
                float(j) * 0.05 + float(mixed) * 0.5 - 0.2,
                float(seen) * 0.3,
                float(either) * 0.25 + float(both) * 0.25 + float(timed) * 0.5);
}
