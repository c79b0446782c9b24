// SSE2 kernels: the vector tier for x86-64 CPUs without AVX2.
//
// This is the one place the project writes assembly. SSE2 is part of
// every amd64 CPU, but simd/archsimd emits VEX-encoded (AVX) instructions
// even for four-lane vectors, and Go compiles no loop to packed SSE
// instructions by itself; without this file such a CPU would run the
// scalar kernels, whose exp is three times slower than this file's
// (BenchmarkExpKernels). Only SSE and SSE2 instructions appear here: no
// VEX encoding, no FMA. SSE2 has no instruction that packs the lanes a
// mask selects: atLeastSSE2 stores its passing lanes one at a time, and
// AppendSplit, whose input is short, keeps its scalar kernel.
//
// Every kernel takes slices whose length is a multiple of 16 (the Go
// side guarantees it) and handles four XMM vectors per step
// (atLeastSSE2: sixteen per branch). A legacy SSE instruction faults on a
// memory operand that is not 16-byte aligned, so slices are read with
// MOVUPS into registers, and only the aligned constant table (sse2K) is
// used as a memory operand.

#include "go_asm.h"
#include "textflag.h"

// The constants, addressed through R8 = sse2K.
#define LO sse2Consts_lo(R8)
#define HI sse2Consts_hi(R8)
#define LOG2E sse2Consts_log2e(R8)
#define MAGIC sse2Consts_magic(R8)
#define BIAS sse2Consts_bias(R8)
#define LN2HI sse2Consts_ln2Hi(R8)
#define LN2LO sse2Consts_ln2Lo(R8)
#define P0 sse2Consts_p0(R8)
#define P1 sse2Consts_p1(R8)
#define P2 sse2Consts_p2(R8)
#define P3 sse2Consts_p3(R8)
#define P4 sse2Consts_p4(R8)
#define P5 sse2Consts_p5(R8)
#define ONE sse2Consts_one(R8)
#define NINF sse2Consts_ninf(R8)

// ARG2 loads two vectors of x from off(SI) into v0 and v1 as
// v = (x − c)·a (X9 = c, X8 = a) and sets y0, y1 to the lanes kept,
// expMin ≤ v: false for NaN.
#define ARG2(off, v0, y0, v1, y1) \
	MOVUPS off(SI), v0; MOVUPS off+16(SI), v1; \
	SUBPS X9, v0; SUBPS X9, v1; \
	MULPS X8, v0; MULPS X8, v1; \
	MOVAPS LO, y0; MOVAPS LO, y1; \
	CMPPS v0, y0, $2; CMPPS v1, y1, $2

// EXP2 is the Cephes arithmetic of exp.go's constants on two vectors at
// once, operation for operation as the tests' scalar expStoreCephes does
// it, so that a lane gives its float32 result: v holds the argument and
// y the lanes kept on entry, and y holds eᵛ = 2ⁿ·(y·r² + r + 1) on exit,
// with n = round(v·log₂e) (by adding and subtracting 1.5·2²³),
// r = v − n·ln 2 and y the polynomial P(r); t and e are scratch. It
// zeroes the dropped lanes of v before the arithmetic and of 2ⁿ before
// the product, so that these lanes give exactly 0 with no subnormal or
// NaN along the way. 2ⁿ is the bits of t = v·log₂e + 1.5·2²³, whose low
// mantissa bits hold n, shifted left 23 places and added to the exponent
// bits of 1. Adding 1.5·2²³ + 127 instead, as exp8 does, would save that
// integer addition, but that odd constant rounds a tie v·log₂e = k + ½
// the other way from the scalar reference.
#define EXP2(v0, t0, e0, y0, v1, t1, e1, y1) \
	ANDPS y0, v0; ANDPS y1, v1; \
	MOVAPS v0, t0; MOVAPS v1, t1; \
	MULPS LOG2E, t0; MULPS LOG2E, t1; \
	ADDPS MAGIC, t0; ADDPS MAGIC, t1; \
	MOVAPS t0, e0; MOVAPS t1, e1; \
	PSLLL $23, e0; PSLLL $23, e1; \
	PADDL BIAS, e0; PADDL BIAS, e1; \
	ANDPS y0, e0; ANDPS y1, e1; \
	SUBPS MAGIC, t0; SUBPS MAGIC, t1; \
	MOVAPS t0, y0; MOVAPS t1, y1; \
	MULPS LN2HI, y0; MULPS LN2HI, y1; \
	SUBPS y0, v0; SUBPS y1, v1; \
	MULPS LN2LO, t0; MULPS LN2LO, t1; \
	SUBPS t0, v0; SUBPS t1, v1; \
	MOVAPS v0, y0; MOVAPS v1, y1; \
	MULPS P0, y0; MULPS P0, y1; \
	ADDPS P1, y0; ADDPS P1, y1; \
	MULPS v0, y0; MULPS v1, y1; \
	ADDPS P2, y0; ADDPS P2, y1; \
	MULPS v0, y0; MULPS v1, y1; \
	ADDPS P3, y0; ADDPS P3, y1; \
	MULPS v0, y0; MULPS v1, y1; \
	ADDPS P4, y0; ADDPS P4, y1; \
	MULPS v0, y0; MULPS v1, y1; \
	ADDPS P5, y0; ADDPS P5, y1; \
	MOVAPS v0, t0; MOVAPS v1, t1; \
	MULPS v0, t0; MULPS v1, t1; \
	MULPS t0, y0; MULPS t1, y1; \
	ADDPS v0, y0; ADDPS v1, y1; \
	ADDPS ONE, y0; ADDPS ONE, y1; \
	MULPS e0, y0; MULPS e1, y1

// STORE2 stores y0, y1 at off(DI) and adds them to the sums X10, X11.
#define STORE2(off, y0, y1) \
	MOVUPS y0, off(DI); MOVUPS y1, off+16(DI); \
	ADDPS y0, X10; ADDPS y1, X11

// HSUM leaves the sum of the lanes of X10 and X11 in the low lane of X0.
#define HSUM \
	ADDPS X11, X10; \
	MOVHLPS X10, X0; \
	ADDPS X10, X0; \
	PSHUFD $1, X0, X1; \
	ADDSS X1, X0

// HMAX leaves the largest lane of X12 in the low lane of X12.
#define HMAX \
	MOVHLPS X12, X13; \
	MAXPS X13, X12; \
	PSHUFD $1, X12, X13; \
	MAXSS X13, X12

// BCAST broadcasts the float32 at arg into all four lanes of x.
#define BCAST(arg, x) \
	MOVSS arg, x; \
	SHUFPS $0, x, x

// func expStoreSSE2(dst, x []float32, a, c float32) float32
TEXT ·expStoreSSE2(SB), NOSPLIT, $0-60
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ ·sse2K(SB), R8
	BCAST(a+48(FP), X8)
	BCAST(c+52(FP), X9)
	XORPS X10, X10
	XORPS X11, X11
	TESTQ CX, CX
	JZ    done

loop:
	ARG2(0, X0, X3, X4, X7)
	MINPS HI, X0
	MINPS HI, X4
	EXP2(X0, X1, X2, X3, X4, X5, X6, X7)
	STORE2(0, X3, X7)
	ARG2(32, X0, X3, X4, X7)
	MINPS HI, X0
	MINPS HI, X4
	EXP2(X0, X1, X2, X3, X4, X5, X6, X7)
	STORE2(32, X3, X7)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $16, CX
	JNZ  loop

done:
	HSUM
	MOVSS X0, ret+56(FP)
	RET

// NEXTMAX2 takes the max of the two vectors of next at off(R9) into X12,
// through X13, one after the other: expStoreMaxSSE2 and nextMaxSSE2 share
// it so that they reduce next by the same steps.
#define NEXTMAX2(off) \
	MOVUPS off(R9), X13; MAXPS X13, X12; \
	MOVUPS off+16(R9), X13; MAXPS X13, X12

// func expStoreMaxSSE2(dst, x, next []float32, a, c float32) (float32, float32)
//
// The max of next runs in X12, loaded through X13: c ≥ max x, so the
// arguments need no clamp above.
TEXT ·expStoreMaxSSE2(SB), NOSPLIT, $0-88
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ next_base+48(FP), R9
	MOVQ ·sse2K(SB), R8
	BCAST(a+72(FP), X8)
	BCAST(c+76(FP), X9)
	XORPS X10, X10
	XORPS X11, X11
	TESTQ CX, CX
	JZ    empty
	MOVUPS (R9), X12

loop:
	NEXTMAX2(0)
	ARG2(0, X0, X3, X4, X7)
	EXP2(X0, X1, X2, X3, X4, X5, X6, X7)
	STORE2(0, X3, X7)
	NEXTMAX2(32)
	ARG2(32, X0, X3, X4, X7)
	EXP2(X0, X1, X2, X3, X4, X5, X6, X7)
	STORE2(32, X3, X7)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R9
	SUBQ $16, CX
	JNZ  loop

	HSUM
	MOVSS X0, ret+80(FP)
	HMAX
	MOVSS X12, ret1+84(FP)
	RET

empty:
	MOVL $0, ret+80(FP)
	MOVL $0xff800000, ret1+84(FP) // −Inf
	RET

// func nextMaxSSE2(next []float32) float32
//
// The max of next exactly as expStoreMaxSSE2 takes it (X12 from the
// first vector, NEXTMAX2, HMAX), so that a NaN in next shows or not
// alike: BlockMax stands in for expStoreMaxSSE2's max with it.
TEXT ·nextMaxSSE2(SB), NOSPLIT, $0-28
	MOVQ next_base+0(FP), R9
	MOVQ next_len+8(FP), CX
	TESTQ CX, CX
	JZ    empty
	MOVUPS (R9), X12

loop:
	NEXTMAX2(0)
	NEXTMAX2(32)
	ADDQ $64, R9
	SUBQ $16, CX
	JNZ  loop

	HMAX
	MOVSS X12, ret+24(FP)
	RET

empty:
	MOVL $0xff800000, ret+24(FP) // −Inf
	RET

// MAX4 loads four vectors from off(SI) into X4–X7 and takes their max
// into X0–X3.
#define MAX4(off) \
	MOVUPS off(SI), X4; MOVUPS off+16(SI), X5; \
	MOVUPS off+32(SI), X6; MOVUPS off+48(SI), X7; \
	MAXPS X4, X0; MAXPS X5, X1; MAXPS X6, X2; MAXPS X7, X3

// MAXINIT sets X0–X3 to the first vector of x (at SI); MAXDONE leaves
// the max of their lanes in the low lane of X12.
#define MAXINIT \
	MOVUPS (SI), X0; MOVAPS X0, X1; MOVAPS X0, X2; MOVAPS X0, X3

#define MAXDONE \
	MAXPS X1, X0; MAXPS X3, X2; \
	MAXPS X2, X0; MOVAPS X0, X12; \
	HMAX

// func maxSSE2(x []float32) float32
TEXT ·maxSSE2(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	TESTQ CX, CX
	JZ    empty
	MAXINIT

loop:
	MAX4(0)
	ADDQ $64, SI
	SUBQ $16, CX
	JNZ  loop

	MAXDONE
	MOVSS X12, ret+24(FP)
	RET

empty:
	MOVL $0xff800000, ret+24(FP) // −Inf
	RET

// func maxSumSSE2(x []float32) (float32, float32)
//
// Four running maxima (X0–X3) and four running sums (X8–X11), so that
// no instruction waits for the one before it on the same register.
TEXT ·maxSumSSE2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	XORPS X8, X8
	XORPS X9, X9
	XORPS X10, X10
	XORPS X11, X11
	TESTQ CX, CX
	JZ    empty
	MAXINIT

loop:
	MAX4(0)
	ADDPS X4, X8
	ADDPS X5, X9
	ADDPS X6, X10
	ADDPS X7, X11
	ADDQ  $64, SI
	SUBQ  $16, CX
	JNZ   loop

	MAXDONE
	MOVSS X12, ret+24(FP)
	ADDPS X8, X10
	ADDPS X9, X11
	HSUM
	MOVSS X0, ret1+28(FP)
	RET

empty:
	MOVL $0xff800000, ret+24(FP) // −Inf
	MOVL $0, ret1+28(FP)
	RET

// func scaleSSE2(x []float32, s float32)
TEXT ·scaleSSE2(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	BCAST(s+24(FP), X8)
	TESTQ CX, CX
	JZ    done

loop:
	MOVUPS (SI), X0
	MOVUPS 16(SI), X1
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	MULPS  X8, X0
	MULPS  X8, X1
	MULPS  X8, X2
	MULPS  X8, X3
	MOVUPS X0, (SI)
	MOVUPS X1, 16(SI)
	MOVUPS X2, 32(SI)
	MOVUPS X3, 48(SI)
	ADDQ   $64, SI
	SUBQ   $16, CX
	JNZ    loop

done:
	RET

// SHIFTSCALE sets x to (x − c)·a + d (X9 = c, X8 = a, X10 = d): the
// order of shiftScaleScalar's operations, unfused.
#define SHIFTSCALE(x) \
	SUBPS X9, x; MULPS X8, x; ADDPS X10, x

// func shiftScaleSSE2(dst, x []float32, a, c, d float32)
TEXT ·shiftScaleSSE2(SB), NOSPLIT, $0-60
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	BCAST(a+48(FP), X8)
	BCAST(c+52(FP), X9)
	BCAST(d+56(FP), X10)
	TESTQ CX, CX
	JZ    done

loop:
	MOVUPS (SI), X0
	MOVUPS 16(SI), X1
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	SHIFTSCALE(X0)
	SHIFTSCALE(X1)
	SHIFTSCALE(X2)
	SHIFTSCALE(X3)
	MOVUPS X0, (DI)
	MOVUPS X1, 16(DI)
	MOVUPS X2, 32(DI)
	MOVUPS X3, 48(DI)
	ADDQ   $64, SI
	ADDQ   $64, DI
	SUBQ   $16, CX
	JNZ    loop

done:
	RET

// DOT2 adds w·v to X10 and X11 over the lanes where w > 0, for the two
// vectors of e at off(DI) (w) and v in X2, X3: a product with w = 0
// (and v = −Inf) is NaN, and the mask drops it.
#define DOT2(off) \
	MOVUPS off(DI), X0; MOVUPS off+16(DI), X1; \
	MULPS X0, X2; MULPS X1, X3; \
	XORPS X4, X4; XORPS X5, X5; \
	CMPPS X0, X4, $1; CMPPS X1, X5, $1; \
	ANDPS X4, X2; ANDPS X5, X3; \
	ADDPS X2, X10; ADDPS X3, X11

// func dotShiftSSE2(e, x []float32, c float32) float32
TEXT ·dotShiftSSE2(SB), NOSPLIT, $0-60
	MOVQ e_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	BCAST(c+48(FP), X8)
	XORPS X10, X10
	XORPS X11, X11
	TESTQ CX, CX
	JZ    done

loop:
	MOVUPS (SI), X2
	MOVUPS 16(SI), X3
	SUBPS  X8, X2
	SUBPS  X8, X3
	DOT2(0)
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	SUBPS  X8, X2
	SUBPS  X8, X3
	DOT2(32)
	ADDQ   $64, SI
	ADDQ   $64, DI
	SUBQ   $16, CX
	JNZ    loop

done:
	HSUM
	MOVSS X0, ret+56(FP)
	RET

// DIFF2 sets X2, X3 to (x − y) − c for the two vectors at off(SI) (x)
// and off(R9) (y), X8 = c.
#define DIFF2(off) \
	MOVUPS off(SI), X2; MOVUPS off+16(SI), X3; \
	MOVUPS off(R9), X6; MOVUPS off+16(R9), X7; \
	SUBPS X6, X2; SUBPS X7, X3; \
	SUBPS X8, X2; SUBPS X8, X3

// func dotDiffSSE2(e, x, y []float32, c float32) float32
TEXT ·dotDiffSSE2(SB), NOSPLIT, $0-84
	MOVQ e_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ y_base+48(FP), R9
	BCAST(c+72(FP), X8)
	XORPS X10, X10
	XORPS X11, X11
	TESTQ CX, CX
	JZ    done

loop:
	DIFF2(0)
	DOT2(0)
	DIFF2(32)
	DOT2(32)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R9
	SUBQ $16, CX
	JNZ  loop

done:
	HSUM
	MOVSS X0, ret+80(FP)
	RET

// ABOVE sets m to the lanes of the vector at off(SI) above t (X8):
// t < x, false for NaN.
#define ABOVE(off, x, m) \
	MOVUPS off(SI), x; MOVAPS X8, m; CMPPS x, m, $1

// func firstAboveSSE2(x []float32, t float32) int
//
// A step tests sixteen lanes with one MOVMSKPS of the four masks' OR;
// only the step that finds a lane gathers the four masks' bits.
TEXT ·firstAboveSSE2(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	BCAST(t+24(FP), X8)
	XORQ BX, BX
	TESTQ CX, CX
	JZ    none

loop:
	ABOVE(0, X0, X4)
	ABOVE(16, X1, X5)
	ABOVE(32, X2, X6)
	ABOVE(48, X3, X7)
	MOVAPS   X4, X0
	ORPS     X5, X0
	ORPS     X6, X0
	ORPS     X7, X0
	MOVMSKPS X0, AX
	TESTL    AX, AX
	JNZ      found
	ADDQ     $64, SI
	ADDQ     $16, BX
	CMPQ     BX, CX
	JLT      loop

none:
	MOVQ CX, ret+32(FP)
	RET

found:
	MOVMSKPS X4, AX
	MOVMSKPS X5, DX
	SHLL     $4, DX
	ORL      DX, AX
	MOVMSKPS X6, DX
	SHLL     $8, DX
	ORL      DX, AX
	MOVMSKPS X7, DX
	SHLL     $12, DX
	ORL      DX, AX
	BSFL     AX, AX
	ADDQ     AX, BX
	MOVQ     BX, ret+32(FP)
	RET

// MASKBELOW stores to off(DI) the vector at off(SI) with −Inf in the
// lanes below t (X8): x AND NOT m, OR −Inf AND m, with m = x < t (false
// for NaN, which is kept).
#define MASKBELOW(off) \
	MOVUPS off(SI), X0; MOVAPS X0, X1; \
	CMPPS X8, X1, $1; \
	MOVAPS X1, X2; ANDNPS X0, X2; \
	ANDPS NINF, X1; ORPS X2, X1; \
	MOVUPS X1, off(DI)

// func maskBelowSSE2(dst, x []float32, t float32)
TEXT ·maskBelowSSE2(SB), NOSPLIT, $0-52
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ ·sse2K(SB), R8
	BCAST(t+48(FP), X8)
	TESTQ CX, CX
	JZ    done

loop:
	MASKBELOW(0)
	MASKBELOW(16)
	MASKBELOW(32)
	MASKBELOW(48)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $16, CX
	JNZ  loop

done:
	RET

// ATLEAST sets m to the lanes of x at least t (X8), false for NaN, and
// adds those lanes of x to the sum s.
#define ATLEAST(x, m, s) \
	MOVAPS X8, m; CMPPS x, m, $2; \
	ANDPS m, x; ADDPS x, s

// MASKBITS gathers the sign bits of the masks X4–X7 into AX, lane j of
// mask k at bit 4k + j; DX is scratch.
#define MASKBITS \
	MOVMSKPS X4, AX; \
	MOVMSKPS X5, DX; SHLL $4, DX; ORL DX, AX; \
	MOVMSKPS X6, DX; SHLL $8, DX; ORL DX, AX; \
	MOVMSKPS X7, DX; SHLL $12, DX; ORL DX, AX

// GROUP16 compares the sixteen lanes at off(SI) as a step of
// atLeastSSE2 does and ORs their mask bits, shifted left by sh, into R13.
#define GROUP16(off, sh) \
	MOVUPS off(SI), X0; MOVUPS off+16(SI), X1; \
	MOVUPS off+32(SI), X2; MOVUPS off+48(SI), X3; \
	ATLEAST(X0, X4, X10); ATLEAST(X1, X5, X11); \
	ATLEAST(X2, X6, X10); ATLEAST(X3, X7, X11); \
	MASKBITS; SHLQ $sh, AX; ORQ AX, R13

// func atLeastSSE2(idx []int32, val, x []float32, t float32, base int32) (int, float32)
//
// A step compares sixty-four lanes, sixteen at a time, gathering their
// mask bits in R13, and only where one passes stores the passing lanes
// one by one in increasing order. Top-p keeps a few percent of a row, so
// a group of sixteen lanes holds one about half the time and a branch on
// each group mispredicted about as often; sixty-four lanes nearly always
// hold one, and the loop over them ends once per step. A remainder below
// sixty-four lanes takes steps of sixteen. The lanes are summed in the
// same order either way. BX is the offset in x of the step's first lane,
// R9 the count stored so far and R8 the lanes in whole steps of sixty-four.
TEXT ·atLeastSSE2(SB), NOSPLIT, $0-92
	MOVQ  idx_base+0(FP), DI
	MOVQ  val_base+24(FP), R10
	MOVQ  x_base+48(FP), SI
	MOVQ  x_len+56(FP), CX
	BCAST(t+72(FP), X8)
	MOVLQSX base+76(FP), R11
	XORQ  BX, BX
	XORQ  R9, R9
	XORPS X10, X10
	XORPS X11, X11
	MOVQ  CX, R8
	ANDQ  $-64, R8
	JZ    tail

loop64:
	XORQ R13, R13
	GROUP16(0, 0)
	GROUP16(64, 16)
	GROUP16(128, 32)
	GROUP16(192, 48)
	TESTQ R13, R13
	JNZ   gather64

next64:
	ADDQ $256, SI
	ADDQ $64, BX
	CMPQ BX, R8
	JLT  loop64

tail:
	CMPQ BX, CX
	JGE  done

loop:
	XORQ R13, R13
	GROUP16(0, 0)
	TESTQ R13, R13
	JNZ   gather

next:
	ADDQ $64, SI
	ADDQ $16, BX
	CMPQ BX, CX
	JLT  loop

done:
	HSUM
	MOVQ  R9, ret+80(FP)
	MOVSS X0, ret1+88(FP)
	RET

// GATHER stores the lanes whose bits are set in R13 (lane j of the step
// at bit j) and clears them, then jumps to back.
#define GATHER(back) \
	BSFQ R13, DX; \
	MOVL (SI)(DX*4), R12; \
	MOVL R12, (R10)(R9*4); \
	LEAQ (BX)(DX*1), R12; \
	ADDQ R11, R12; \
	MOVL R12, (DI)(R9*4); \
	INCQ R9; \
	LEAQ -1(R13), DX; \
	ANDQ DX, R13; \
	JNZ  back

gather64:
	GATHER(gather64)
	JMP next64

gather:
	GATHER(gather)
	JMP next
