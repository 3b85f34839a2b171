// lang_if_else: if without braces, if/else with single statements, the dangling else
// (binds to the nearest if), long else-if chains, empty statements and empty blocks,
// conditions with side effects, nested ifs assigning different variables.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float r = 0.0;
    float g = 0.0;
    float b = 0.0;
    if (uv.x > 0.5) r = 0.8;
    if (uv.y > 0.5) g = 0.6; else g = 0.2;
    if (uv.x > 0.25)
        if (uv.y > 0.75)
            b = 0.9;
        else                                  // belongs to the inner if
            b = 0.4;
    float band;
    float x = uv.x + 0.1 * sin(time);
    if (x < 0.2) band = 0.1;
    else if (x < 0.4) band = 0.3;
    else if (x < 0.6) band = 0.5;
    else if (x < 0.8) band = 0.7;
    else band = 0.9;
    ;
    {}
    if (uv.y < 0.1) {
    } else {
        r += 0.1;
    }
    int k = 0;
    if ((k = int(fragCoord.y) % 3) == 1) {
        b += 0.05;
    }
    return vec4(r + band * 0.2, g, b, 0.5 + float(k) * 0.2);
}
