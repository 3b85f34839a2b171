// lang_break_continue: break and continue in for, while and do-while loops; continue in a
// for loop still runs the increment; break leaves only the innermost loop; a break under a
// condition that depends on the pixel.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float odd_sum = 0.0;
    for (int i = 0; i < 10; i++) {
        if (i % 2 == 0) {
            continue;                       // i++ still runs
        }
        odd_sum += float(i) * 0.02;         // 1 3 5 7 9
    }
    int stop = 0;
    for (int i = 0; i < 16; i++) {
        if (float(i) > uv.x * 12.0 + 0.3) {
            break;
        }
        stop = i;
    }
    int w = 0;
    float acc = 0.0;
    while (w < 12) {
        w++;
        if (w == 3 || w == 5) {
            continue;
        }
        acc += uv.y * 0.1;
        if (acc > 0.45 + 0.1 * sin(time)) {
            break;
        }
    }
    int d = 0;
    int skipped = 0;
    do {
        d++;
        if (d < 4) {
            skipped++;
            continue;                       // jumps to the condition
        }
    } while (d < 6);
    return vec4(odd_sum, float(stop) / 12.0, acc + float(w) * 0.02, float(d + skipped) / 10.0);
}
