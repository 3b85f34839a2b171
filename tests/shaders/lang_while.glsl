// lang_while: while loops (condition first: may run zero times) and do-while loops (body
// first: runs at least once), loops driven by a float value converging per pixel, a
// while(true) left by break, counters as results.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float x = uv.x * 4.0 + 0.1;                 // halve until below 0.5
    int halvings = 0;
    while (x >= 0.5) {
        x *= 0.5;
        halvings++;
    }
    int zero_runs = 0;
    while (uv.y > 2.0) {
        zero_runs++;
    }
    int once = 0;
    do {
        once++;
    } while (uv.y > 2.0);
    float y = uv.y;
    int steps = 0;
    do {
        y = y * 1.5 + 0.05;
        steps++;
    } while (y < 1.0 && steps < 12);
    int spins = 0;
    while (true) {
        spins++;
        if (float(spins) > 2.0 + 2.0 * sin(time) * uv.x + 1.5) {
            break;
        }
    }
    return vec4(float(halvings) / 4.0 + x * 0.3, float(steps) / 8.0,
                float(spins) / 6.0, float(once + zero_runs) * 0.5 + y * 0.2);
}
