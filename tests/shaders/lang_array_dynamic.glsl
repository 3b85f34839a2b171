// lang_array_dynamic: arrays indexed by values computed per pixel, reads and writes; an
// out-of-range index made safe with clamp(i, 0, N-1) (lumajit clamps any dynamic index into
// the array, GLSL leaves it undefined, so the shader clamps for Mesa), negative index too;
// whole-array copy then a dynamic write to the copy only.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float base = 0.1 * sin(time);
    float a[4] = float[4](base, base + 0.2, base + 0.4, base + 0.6);
    int x = int(fragCoord.x) / 2;                        // 0..7: too large for half the row
    int y = int(fragCoord.y) / 3 - 2;                    // -2..3: negative at the bottom
    float far = a[clamp(x, 0, 3)];
    float low = a[clamp(y, 0, a.length() - 1)];
    int slot = int(fragCoord.y) % 4;
    float copy[4] = a;
    a[slot] = uv.x;                                      // write through a dynamic index
    float written = a[slot];
    float untouched = copy[slot] - (base + 0.2 * float(slot));   // 0: the copy kept its value
    float next = a[(slot + 1) % 4];
    return vec4(far, low + 0.3, written * 0.5 + next * 0.5, 0.5 + untouched);
}
