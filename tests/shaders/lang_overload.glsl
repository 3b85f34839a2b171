// lang_overload: functions overloaded by parameter types and counts (float, vec2, vec3,
// int, two floats), calls resolved by argument type (also among overloads calling each
// other); an int argument picks the int overload, not the float one.
float shade(float x) {
    return 0.5 + 0.5 * sin(x * 6.0);
}

float shade(vec2 p) {
    return shade(p.x) * shade(p.y + 0.3);
}

float shade(vec3 p) {
    return (p.x + p.y + p.z) / 3.0;
}

float shade(int i) {
    return float(i % 4) * 0.25;
}

float shade(float x, float y) {
    return x * 0.25 + y * 0.75;
}

vec3 tone(vec3 c, float k) {
    return c * k;
}

vec3 tone(vec3 c, vec3 k) {
    return c * k + 0.1;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = shade(uv.x + time * 0.2);
    float b = shade(uv);
    float c = shade(vec3(uv, 0.5));
    float d = shade(int(fragCoord.x) + int(fragCoord.y));
    float e = shade(uv.y, a);
    vec3 col = tone(vec3(a, b, c), 0.8) + tone(vec3(d), vec3(0.1, 0.2, 0.3));
    return vec4(col, e);
}
