// lang_scope: block scopes: a name redeclared in an inner block shadows the outer one only
// inside it; sibling blocks declare the same name independently; a local shadows a global
// and a function parameter's name; variables declared in if bodies and loop bodies are
// fresh each time through (initialisers run again).
float level = 0.9;

float shadow_param(float x) {
    float y = x;
    {
        float x = 0.25;                  // hides the parameter here only
        y += x;
    }
    return y + x;                        // the parameter again
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = uv.x;
    {
        float a = 0.5;                   // inner a
        a += 0.1;
    }
    float level = uv.y * 0.5;            // hides the global in main
    if (uv.y > 0.5) {
        float t = 0.3;
        a += t;
    } else {
        float t = 0.1 * sin(time);
        a += t;
    }
    float total = 0.0;
    for (int i = 0; i < 3; i++) {
        float fresh = 0.1;               // reinitialised every iteration
        fresh += float(i) * 0.1;
        total += fresh;                  // 0.1 + 0.2 + 0.3
    }
    return vec4(a, level + shadow_param(uv.x) * 0.25, total, 1.0);
}
