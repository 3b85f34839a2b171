// Found by mutation fuzzing (seed 11, mutant 18272: a loop's closing brace
// repeated). sin(time) is hoisted into a per-frame memo block. The
// allocator's first pass dropped the block because nothing kept reads z, so
// it did not count the block's branches. The walk saw z as live (values stay
// live around a loop), emitted the block, and met a branch to a label it
// had no state for (KeyError: 1).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float z = sin(time);
    for (int i = 0; i < 3;) { z * 2.0; }
}
