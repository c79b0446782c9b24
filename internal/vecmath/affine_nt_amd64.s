//go:build amd64 && goexperiment.simd

#include "textflag.h"

// func affineNTAVX2(dst, x *float32, n int, a, b float32)
//
// dst[i] = a·x[i] + b for n elements (n a positive multiple of 8, dst
// 32-byte aligned), written with non-temporal stores: the output goes
// straight to memory without first reading its cache lines (no
// read-for-ownership), which saves a third of the memory traffic of a
// large output. simd/archsimd has no non-temporal store, hence assembly.
TEXT ·affineNTAVX2(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	MOVQ         x+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSS a+24(FP), Y0
	VBROADCASTSS b+28(FP), Y1

loop:
	VMOVUPS     (SI), Y2
	VFMADD213PS Y1, Y0, Y2 // Y2 = Y0·Y2 + Y1
	VMOVNTPS    Y2, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         loop
	SFENCE
	VZEROUPPER
	RET
