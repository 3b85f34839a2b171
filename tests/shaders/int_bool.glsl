// int_bool: int and bool locals, int + - * / and unary minus, every comparison on ints and floats, && || !, bools in if.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int stripes = 7 / 2;
    int twice = stripes * 2 - 1;
    int negative = -twice + 2;
    bool left = fragCoord.x < outputSize.x * 0.5;
    bool top = fragCoord.y >= outputSize.y * 0.5;
    bool late = time > 1.0;
    bool start = time == 0.0;
    bool diagonal = fragCoord.x <= fragCoord.y;
    int quadrant = 0;
    if (left && top) {
        quadrant = 1;
    } else if (left || late) {
        quadrant = 2;
    } else if (!diagonal) {
        quadrant = 3;
    } else {
        quadrant = 4;
    }
    float r = 0.1;
    float g = 0.1;
    float b = 0.1;
    if (quadrant == 1) {
        r = 0.9;
    } else if (quadrant != 2 && quadrant != 4) {
        b = 0.8;
    } else if (start) {
        r = 0.4;
    } else {
        g = 0.3;
    }
    if (stripes == 3 && twice > stripes && negative < 0 && negative != -2 && twice >= 5 && stripes <= 3) {
        g = 0.5;
    }
    if (!(quadrant == 2) || diagonal != late) {
        b = b + 0.1;
    }
    return vec4(r, g, b, 1.0);
}
