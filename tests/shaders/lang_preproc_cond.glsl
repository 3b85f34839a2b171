// lang_preproc_cond: conditional compilation: #ifdef / #ifndef, #if with defined(),
// !defined, integer arithmetic, comparisons, && || and parentheses, #elif chains, #else,
// nested conditionals, skipped text that would not compile, __VERSION__ and __LINE__.
#define LEVEL 3
#define USE_RINGS
#define MODE (LEVEL * 2 - 1)

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 col = vec3(0.1);
#ifdef USE_RINGS
    col.r = 0.5 + 0.5 * cos(length(uv - 0.5) * 20.0 - time);
#else
    col.r = this does not compile;
#endif
#ifndef USE_STRIPES
    col.g = 0.5 + 0.5 * sin(uv.x * 10.0);
#endif
#if defined(USE_RINGS) && !defined(USE_STRIPES) && LEVEL >= 3
    col.b = 0.3;
#elif LEVEL == 3
    col.b = 0.9;
#else
    col.b = 0.0;
#endif
#if MODE == 4
    col = vec3(1.0);
#elif MODE == 5
    #if (LEVEL % 2) == 1 || defined(NOTHING)
        col.b += uv.y * 0.5;
    #else
        col.b = 0.0;
    #endif
#else
    col = vec3(0.0);
#endif
#if 0
    col = vec3(0.5);
#endif
#if LEVEL > 1 && (LEVEL << 1) == 6 && (7 / 2) == 3 && -1 < 0
    float marker = 0.75;
#else
    float marker = 0.25;
#endif
    float line = __LINE__ > 40 ? 0.25 : 0.0;          // this is line 45
    float version = __VERSION__ >= 100 ? 0.0 : 0.5;
    return vec4(col, marker + line - version);
}
