# Names that exist in GLSL but not on an LED board (textures, derivatives,
# doubles, Shadertoy inputs lumajit does not provide...): the parser
# reports them by name instead of as unknown. Imported only on the way to
# such an error, so the list costs no resident memory.

NAMES = ("texture", "texture2D", "textureLod", "texelFetch", "textureSize", "textureGrad",
         "textureProj", "texture2DLod", "textureCube", "sampler2D", "sampler3D",
         "samplerCube", "dFdx", "dFdy", "fwidth", "iChannel0", "iChannel1", "iChannel2",
         "iChannel3", "iChannelResolution", "iChannelTime", "iDate", "iSampleRate",
         "iTimeDelta", "iFrameRate", "gl_FragCoord", "gl_FragColor", "double", "dvec2",
         "dvec3", "dvec4", "floatBitsToInt", "floatBitsToUint", "intBitsToFloat",
         "uintBitsToFloat", "packUnorm2x16", "unpackUnorm2x16", "packHalf2x16",
         "unpackHalf2x16", "isnan", "isinf")
