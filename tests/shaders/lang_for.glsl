// lang_for: for loops: counting up and down, step other than one, float counter, a loop
// whose body never runs, a loop variable shadowing an outer name, a loop bound computed
// per pixel (bounded by a clamp), the loop variable out of scope after the loop.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float sum = 0.0;
    for (int i = 0; i < 8; i++) {
        sum += sin(uv.x * float(i) + time) * 0.1;
    }
    float down = 0.0;
    for (int i = 10; i > 0; i -= 3) {         // 10 7 4 1
        down += float(i) * 0.01;
    }
    float fsum = 0.0;
    for (float x = 0.0; x < 1.0; x += 0.25) {  // 0 .25 .5 .75: exact steps
        fsum += x * uv.y;
    }
    int never = 0;
    for (int i = 5; i < 5; i++) {
        never += 1;
    }
    int i = 100;                              // shadowed by each loop's i
    int n = clamp(int(uv.y * 10.0), 1, 9);
    float partial = 0.0;
    for (int i = 0; i < n; i++) {
        partial += 0.1;
    }
    return vec4(sum * 0.5 + 0.5, down + float(never), fsum * 0.5, partial + float(i) * 0.001);
}
