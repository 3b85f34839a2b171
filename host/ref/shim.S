# The reference build's main, as the frame entry calls lumajit's:
# a0..a4 = fragCoord.x, fragCoord.y, outputSize.x, outputSize.y, time;
# returns RGBA in a0..a3. It calls the C shader_main with a pointer to
# four words on its stack. Counted with the frame entry, not the shader.
    .section .text.shim, "ax"
    .globl lj_main
lj_main:
    addi sp, sp, -32
    sw ra, 28(sp)
    mv a5, sp
    call shader_main
    lw a0, 0(sp)
    lw a1, 4(sp)
    lw a2, 8(sp)
    lw a3, 12(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret
