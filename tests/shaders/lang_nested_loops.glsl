// lang_nested_loops: loops inside loops: a 2D grid loop, an inner break that leaves only
// the inner loop, an inner continue, an inner loop bound by the outer variable (triangle),
// three levels of nesting.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float best = 10.0;
    for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 3; x++) {
            vec2 c = (vec2(x, y) + 0.5) / 3.0 + 0.08 * vec2(sin(time + float(y)), cos(time + float(x)));
            best = min(best, length(uv - c));
        }
    }
    int triangle = 0;
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < i; j++) {
            triangle++;                      // 0+1+..+5 = 15
        }
    }
    int broken = 0;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 8; j++) {
            if (float(j) > uv.x * 8.0) {
                break;                       // inner loop only
            }
            if (j == 1) {
                continue;
            }
            broken++;
        }
    }
    int deep = 0;
    for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 3; b++) {
            for (int c = 0; c < 4; c++) {
                deep += (a + b + c) % 2;
            }
        }
    }
    return vec4(1.0 - best * 3.0, float(triangle) / 30.0 + float(deep) / 24.0,
                float(broken) / 32.0, 1.0);
}
