package langmodel_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/14-language-model"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/14-language-model.md, section “Four numbers from one sum”")

var lp = []float64{-1.6094379124341003, -2.995732273553991, -0.6931471805599453, -4.605170185988091}

func TestBitsPerTokenGolden(t *testing.T) {
	check.Close(t, "BitsPerToken(ln [0.2 0.05 0.5 0.01])", langmodel.BitsPerToken(lp), 3.571928094887362, 1e-12, lesson)
}

func TestBitsPerByteGolden(t *testing.T) {
	check.Close(t, `BitsPerByte(ln [0.2 0.05 0.5 0.01], "héllo, wörld") (14 UTF-8 bytes, 12 runes)`,
		langmodel.BitsPerByte(lp, "héllo, wörld"), 1.020550884253532, 1e-12, lesson)
}

func TestBitsPerByteUniformBytes(t *testing.T) {
	text := make([]byte, 1000)
	bytesLP := make([]float64, len(text))
	for i := range text {
		text[i] = byte('a' + i%26)
		bytesLP[i] = -math.Log(256)
	}
	check.Close(t, "BitsPerByte of a uniform byte-level model (must be 8)", langmodel.BitsPerByte(bytesLP, string(text)), 8, 1e-12, lesson)
}

func TestBitsPerByteTokenizerInvariance(t *testing.T) {
	text := "tokenizers"
	a := make([]float64, 10) // one token per byte, each of probability 1/4
	for i := range a {
		a[i] = -math.Log(4)
	}
	b := []float64{-5 * math.Log(4), -5 * math.Log(4)} // two tokens, same total probability
	bpbA, bpbB := langmodel.BitsPerByte(a, text), langmodel.BitsPerByte(b, text)
	check.Close(t, "BitsPerByte with the 10-token split", bpbA, 2, 1e-12, lesson)
	check.Invariant(t, "two tokenizations with the same total probability give the same bits per byte", math.Abs(bpbA-bpbB) < 1e-12,
		fmt.Sprintf("10 tokens → %v bits/byte, 2 tokens → %v bits/byte", bpbA, bpbB), lesson)
	tA, tB := langmodel.BitsPerToken(a), langmodel.BitsPerToken(b)
	check.Invariant(t, "bits per token depends on the tokenizer", math.Abs(tA-2) < 1e-12 && math.Abs(tB-10) < 1e-12,
		fmt.Sprintf("bits/token: %v for 10 tokens (want 2), %v for 2 tokens (want 10)", tA, tB), lesson)
}
