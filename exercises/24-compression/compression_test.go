package compression_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	freqLesson   = check.Lesson("lessons/24-compression.md, section “Integer frequencies: no symbol may get zero”")
	coderLesson  = check.Lesson("lessons/24-compression.md, section “The range coder: renormalisation and the carry”")
	decodeLesson = check.Lesson("lessons/24-compression.md, section “Decoding: finding the symbol”")
)

// dyadic is the worked example: p = (1/2, 1/4, 1/8, 1/16, 1/16).
var dyadic = []uint32{0, 32766, 49150, 57342, 61439, 65536}

func TestQuantize(t *testing.T) {
	// Worked by hand: 1 + round(p·65531) = 32767, 16384, 8192, 4097, 4097,
	// sum 65537: the extra 1 comes off the largest.
	got := Quantize([]float64{0.5, 0.25, 0.125, 0.0625, 0.0625})
	check.Invariant(t, "Quantize(1/2, 1/4, 1/8, 1/16, 1/16) = cum "+fmt.Sprint(dyadic), slices.Equal(got, dyadic), fmt.Sprint(got), freqLesson)
	for _, p := range [][]float64{
		{0.7, 0.2999, 0.0001, 0},                        // a probability of 0 and one below 1/Total
		{1, 0, 0, 0, 0, 0, 0, 0},                        // a certain symbol
		{0.25, 0.25, 0.25, 0.25},                        // equal: the first absorbs the rounding
		append([]float64{0.5}, make([]float64, 255)...), // 255 symbols the model rules out
	} {
		cum := Quantize(p)
		what := fmt.Sprintf("Quantize of %d probabilities %v…", len(p), p[:min(4, len(p))])
		if !holds(t, what+": len(p)+1 entries from 0 to Total", len(cum) == len(p)+1 && cum[0] == 0 && cum[len(p)] == 1<<16,
			fmt.Sprintf("%d entries, first %v, last %v", len(cum), first(cum), last(cum)), freqLesson) {
			continue
		}
		for i := range p {
			check.Invariant(t, fmt.Sprintf("%s: freq of symbol %d (p = %g) is at least 1", what, i, p[i]), cum[i+1] > cum[i],
				fmt.Sprintf("cum[%d] = %d, cum[%d] = %d", i, cum[i], i+1, cum[i+1]), freqLesson)
		}
	}
}

// The 10-symbol message of the lesson's worked example; the bytes are
// those of pkg/arith, the course's coder.
func TestEncodeGolden(t *testing.T) {
	msg := []int{0, 1, 0, 2, 0, 0, 3, 4, 1, 0}
	want := []byte{0x00, 0x4c, 0x74, 0x1f, 0xa3, 0x0c, 0x72}
	got := Encode(dyadic, msg)
	check.Invariant(t, fmt.Sprintf("Encode(%v) = % x", msg, want), bytes.Equal(got, want), fmt.Sprintf("% x", got), coderLesson)
	got = Encode(dyadic, nil)
	check.Invariant(t, "Encode of no symbols is the 5-byte flush 00 00 00 00 00", bytes.Equal(got, make([]byte, 5)), fmt.Sprintf("% x", got), coderLesson)
}

// The trap: a carry. Adding r·cum to low overflows bit 32 after bytes of
// 0xFF were held back; the carry must turn them into 0x00 and add 1 to the
// byte before them. Written out without the cache, the output is wrong.
func TestEncodeCarry(t *testing.T) {
	cum := []uint32{0, 3, 65533, 65536}
	msg := []int{1, 0, 0, 2, 0, 2, 2, 0, 0, 1, 1, 0}
	want := []byte{0x00, 0x00, 0x03, 0x00, 0x05, 0xfc, 0xe5, 0x09, 0x50, 0xe4, 0xff, 0xfd, 0x27, 0xf3, 0x00, 0x00, 0x00, 0x99, 0x8d, 0x00, 0x00}
	got := Encode(cum, msg)
	check.Invariant(t, fmt.Sprintf("Encode(%v) with freqs (3, 65530, 3): a carry through three held-back 0xFF bytes", msg), bytes.Equal(got, want),
		fmt.Sprintf("got  % x\nwant % x", got, want), coderLesson)
	back, ok := Decode(cum, want, len(msg))
	check.Invariant(t, "Decode of that message", ok && slices.Equal(back, msg), fmt.Sprintf("%v, ok %v", back, ok), decodeLesson)
}

// Round trips of random messages, and the size against the ideal code
// length Σ −log₂(freq/Total): at most 5 bytes of flush and 0.1 % more.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(24, 24))
	for _, cum := range [][]uint32{dyadic, {0, 1, 2, 65534, 65535, 65536}, {0, 65535, 65536}, {0, 1 << 16}} {
		for trial := range 40 {
			n := 1 + rng.IntN(300)
			msg := make([]int, n)
			ideal := 0.0
			for i := range msg {
				msg[i] = draw(cum, rng.Uint32N(1<<16))
				if trial%2 == 1 {
					msg[i] = rng.IntN(len(cum) - 1) // rare symbols too
				}
				ideal -= math.Log2(float64(cum[msg[i]+1]-cum[msg[i]]) / (1 << 16))
			}
			coded := Encode(cum, msg)
			what := fmt.Sprintf("cum %v, trial %d (%d symbols)", cum, trial, n)
			if !holds(t, what+": coded size at most ideal/8 · 1.001 + 5 bytes", float64(len(coded)) <= ideal/8*1.001+5+1,
				fmt.Sprintf("%d bytes, ideal %.1f", len(coded), ideal/8), coderLesson) {
				return
			}
			back, ok := Decode(cum, coded, n)
			if !holds(t, what+": Decode(Encode(msg)) = msg", ok && slices.Equal(back, msg), fmt.Sprintf("ok %v, first difference at %d", ok, firstDiff(back, msg)), coderLesson) {
				return
			}
		}
	}
}

// The trap: a symbol of frequency 1 owns the single point v = cum[s]. A
// search that wants cum[s] < v instead of cum[s] ≤ v never finds it.
func TestDecodeBoundaries(t *testing.T) {
	cum := []uint32{0, 1, 2, 3, 65535, 65536} // four symbols of frequency 1
	msg := []int{1, 2, 3, 0, 4, 3, 3, 1, 0, 0, 2, 4, 4}
	back, ok := Decode(cum, Encode(cum, msg), len(msg))
	check.Invariant(t, fmt.Sprintf("Decode of %v with four symbols of frequency 1", msg), ok && slices.Equal(back, msg), fmt.Sprintf("%v, ok %v", back, ok), decodeLesson)
}

// Truncated, padded or corrupted input must be refused, never decoded into
// other symbols silently.
func TestDecodeTruncated(t *testing.T) {
	msg := []int{0, 1, 0, 2, 0, 0, 3, 4, 1, 0}
	coded := []byte{0x00, 0x4c, 0x74, 0x1f, 0xa3, 0x0c, 0x72}
	for cut := range len(coded) {
		_, ok := Decode(dyadic, coded[:cut], len(msg))
		check.Invariant(t, fmt.Sprintf("Decode of the first %d of %d bytes reports ok = false", cut, len(coded)), !ok, "ok = true", decodeLesson)
	}
	_, ok := Decode(dyadic, append(slices.Clone(coded), 0), len(msg))
	check.Invariant(t, "Decode with a byte left over reports ok = false", !ok, "ok = true", decodeLesson)
	// Corrupted, not truncated: at some step v = code/r reaches Total, a
	// point no symbol owns. Clamping it to the last symbol decodes garbage.
	for _, c := range []struct {
		coded []byte
		n     int
	}{{[]byte{0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00}, 6}, {[]byte{0x00, 0x4c, 0x74, 0x1f, 0xa3, 0x00, 0x72}, len(msg)}} {
		_, ok := Decode(dyadic, c.coded, c.n)
		check.Invariant(t, fmt.Sprintf("Decode of the corrupted bytes % x (%d symbols) reports ok = false: v ≥ Total names no symbol", c.coded, c.n), !ok, "ok = true", decodeLesson)
	}
}

// draw returns the symbol s with cum[s] ≤ v < cum[s+1].
func draw(cum []uint32, v uint32) int {
	s := 0
	for cum[s+1] <= v {
		s++
	}
	return s
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func first(x []uint32) any {
	if len(x) == 0 {
		return "none"
	}
	return x[0]
}

func last(x []uint32) any {
	if len(x) == 0 {
		return "none"
	}
	return x[len(x)-1]
}

// holds is check.Invariant that also returns ok.
func holds(t *testing.T, property string, ok bool, detail string, l check.Lesson) bool {
	t.Helper()
	check.Invariant(t, property, ok, detail, l)
	return ok
}
