// Entry from the host, which loads the ELF into fresh zeroed memory (so
// .bss needs no clearing) and sets sp to the top of the stack it mapped.
// gp serves linker relaxation of small-data accesses; tp points at the TLS
// block, where picolibc keeps errno.
    .section .text.start
    .global _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la tp, __tls_base
    call main
1:  j 1b
