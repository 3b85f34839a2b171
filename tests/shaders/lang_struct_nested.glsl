// lang_struct_nested: a struct member of struct type, nested constructors, chained member
// access and writes (s.inner.v.x = ...), structs as in/out/inout parameters and as return
// values, a function that builds and returns a struct.
struct Frame {
    vec2 origin;
    float scale;
};

struct Shape {
    Frame frame;
    vec3 colour;
    float softness;
};

Shape make_shape(vec2 origin, float scale, vec3 colour) {
    return Shape(Frame(origin, scale), colour, 0.1);
}

float coverage(Shape s, vec2 p) {
    vec2 local = (p - s.frame.origin) / s.frame.scale;
    return 1.0 - smoothstep(1.0 - s.softness, 1.0 + s.softness, length(local));
}

void grow(inout Shape s, float amount) {
    s.frame.scale += amount;
    s.colour *= 0.9;
}

void split(Shape s, out Frame f, out vec3 c) {
    f = s.frame;
    c = s.colour.zxy;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    Shape a = make_shape(vec2(0.35, 0.5), 0.25, vec3(1.0, 0.4, 0.1));
    Shape b = a;
    b.frame.origin.x = 0.65 + 0.1 * sin(time);
    b.softness = 0.3;
    grow(b, 0.05);
    Frame f;
    vec3 c;
    split(b, f, c);
    float ca = coverage(a, uv);
    float cb = coverage(b, uv);
    vec3 col = a.colour * ca + c * cb;
    return vec4(col, f.scale + f.origin.y * 0.5);
}
