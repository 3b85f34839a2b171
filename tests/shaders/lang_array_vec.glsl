// lang_array_vec: arrays of vectors (vec3 a[3], vec2 a[4]) and of ints: element swizzles
// a[i].yz, writes to one component a[i].x = ..., a[i] += vec, component of a dynamically
// indexed element, a global const array of vec3.
const vec3 BASE[3] = vec3[3](vec3(0.9, 0.3, 0.2), vec3(0.2, 0.8, 0.4), vec3(0.3, 0.4, 0.9));

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec3 pal[3];
    for (int i = 0; i < 3; i++) {
        pal[i] = BASE[i] * (0.75 + 0.25 * sin(time + float(i)));
    }
    pal[1].x = uv.x;
    pal[2].yz = pal[0].zy * 0.5 + uv.y * 0.5;
    pal[0] += vec3(0.05);
    vec2 pts[4];
    pts[0] = vec2(0.2, 0.2);
    pts[1] = vec2(0.8, 0.3);
    pts[2] = vec2(0.5, 0.8);
    pts[3] = pts[0].yx + vec2(0.1, 0.5);
    float nearest = 10.0;
    for (int i = 0; i < 4; i++) {
        float d = length(uv - pts[i]);
        nearest = min(nearest, d);
    }
    int band = int(uv.y * 3.0);
    vec3 col = pal[band] * (1.0 - nearest);
    return vec4(col, pal[band].y);
}
