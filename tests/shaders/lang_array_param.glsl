// lang_array_param: arrays as function parameters (sized, passed by value: writes in the
// callee do not reach the caller; a dynamic index inside the callee), a constructed array
// passed straight to a function, .length() of a parameter, and an array return type
// (float[4] f()).
float[4] ladder(float base) {
    return float[4](base, base + 0.2, base + 0.4, base + 0.6);
}

float average(float values[5]) {
    float sum = 0.0;
    for (int i = 0; i < values.length(); i++) {
        sum += values[i];
    }
    return sum / float(values.length());
}

float poke(float values[4], int i) {
    values[i] = 5.0;                    // the caller's copy is untouched
    return values[0] + values[3];
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a[4] = ladder(0.1 * sin(time) + uv.y * 0.2);
    int slot = int(fragCoord.x) % 4;
    float before = a[0] + a[3];
    float poked = poke(a, slot);
    float untouched = a[0] + a[3] - before;              // 0 unless the callee aliased
    float avg = average(float[5](uv.x, uv.y, 0.5, a[1], 0.0));
    return vec4(a[slot], avg, poked * 0.1, 0.5 + untouched);
}
