// lang_array_ctor: array constructors float[4](...) and float[](...) (size from the
// arguments), vec3[3](...), int[5](...), .length() of arrays (a constant, also as a loop
// bound), array initialisers for locals, an array constructed from per-pixel values.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float steps[4] = float[4](0.1, 0.4, 0.7, 1.0);
    float ramp[] = float[](0.0, 0.25, 0.5, 0.75, 1.0, 0.5);
    vec3 colours[3] = vec3[3](vec3(1.0, 0.2, 0.1), vec3(0.1, 0.8, 0.3), vec3(0.2, 0.3, 1.0));
    int counts[5] = int[5](1, 2, 3, 5, 8);
    int band = int(uv.x * float(steps.length()));       // 0..3
    int shade = int(uv.y * float(ramp.length()));       // 0..5
    vec3 col = colours[band % colours.length()] * steps[band];
    col *= 0.5 + 0.5 * ramp[shade];
    float values[5] = float[5](uv.x, uv.y, 0.5, 0.25 + 0.25 * sin(time), 0.0);
    float sum = 0.0;
    for (int i = 0; i < values.length(); i++) {
        sum += values[i];
    }
    float avg = sum / float(values.length());
    float fib = float(counts[counts.length() - 1] - counts[band]) / 8.0;
    return vec4(col, avg * 0.5 + fib * 0.5);
}
