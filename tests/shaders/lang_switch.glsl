// lang_switch: switch on an int with case labels, break, fallthrough from one case into
// the next, default in the middle, an empty fallthrough chain (case 5: case 6:), a
// switch on a computed expression, a switch inside a loop (break leaves the switch only).
vec3 colour_of(int k) {
    vec3 c = vec3(0.0);
    switch (k) {
    case 0:
        c = vec3(1.0, 0.0, 0.0);
        break;
    case 1:
        c.g = 0.5;                  // falls through into case 2
    case 2:
        c.b = 0.8;
        break;
    default:
        c = vec3(0.3);
        break;
    case 5:
    case 6:
        c = vec3(0.9, 0.9, 0.1);
    }
    return c;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int x = int(fragCoord.x) / 2;               // 0..7
    int y = int(fragCoord.y) / 4;
    vec3 col = colour_of(x);
    int acc = 0;
    for (int i = 0; i < 4; i++) {
        switch ((i + y) % 3) {
        case 0:
            acc += 1;
            break;                              // the switch, not the loop
        case 1:
            acc += 10;
        default:
            acc += 100;
        }
    }
    float level = 0.0;
    switch (int(time * 4.0 + 0.5)) {
    case 0:
        level = 0.25;
        break;
    case 5:
        level = 0.75;
        break;
    }
    return vec4(col, float(acc) / 400.0 + level * 0.25);
}
