// lang_preproc_define: #define of object-like macros (numbers, expressions, a macro using
// another), function-like macros with one and several parameters (arguments parenthesised
// or not), a macro continued over two lines with a backslash, #undef and redefinition.
#define SCALE 6.0
#define OFFSET (SCALE * 0.5)
#define SQUARE(x) ((x) * (x))
#define MIX3(a, b, t) ((a) + ((b) - (a)) * (t))
#define NAKED(x) x * 2.0
#define WAVE(p, f) (0.5 + 0.5 * sin((p) * (f) + \
                                  time))
#define COLOUR vec3(0.9, 0.4, 0.2)

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = WAVE(uv.x, SCALE);
    float b = SQUARE(uv.y - 0.5) * 4.0;
    float c = NAKED(uv.x + 0.1);                  // uv.x + 0.1 * 2.0: no parentheses
#undef SCALE
#define SCALE 2.0
    float d = MIX3(0.2, 0.8, uv.y) * SCALE / 2.0;
    vec3 col = COLOUR * a + vec3(b, c * 0.5, d) * 0.5;
#undef COLOUR
#ifdef COLOUR
    col = vec3(1.0);
#endif
    return vec4(col, OFFSET / 3.0);               // OFFSET now sees SCALE = 2.0
}
