// lang_incdec: ++ and -- prefix and postfix with their values (x++ yields the old value,
// ++x the new), on float, int, a vector component, a vector, an array element with a
// dynamic index, and in a loop condition.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    int i = int(fragCoord.x) % 4;
    int old = i++;                  // old = i0, i = i0 + 1
    int now = ++i;                  // i0 + 2
    int back = i--;                 // i0 + 2, i = i0 + 1
    int down = --i;                 // i0
    float f = uv.y;
    float f_old = f++;
    float f_new = --f;              // uv.y again
    vec3 v = vec3(uv, 0.25);
    v.x++;
    vec3 w = v++;                   // every component
    --v.z;
    float a[3] = float[3](0.1, 0.2, 0.3);
    int k = int(fragCoord.y) % 3;
    a[k]++;
    float picked = a[k]--;
    int count = 0;
    int n = 3 + int(time);
    while (n-- > 0) {
        count++;
    }
    return vec4(float(old + now + back + down) / 20.0,
                f_old * 0.5 + f_new * 0.25,
                (w.x - 1.0) * 0.5 + (v.z + 1.0) * 0.5,
                picked * 0.5 + a[k] * 0.25 + float(count) * 0.05);
}
