package langmodel_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/14-language-model.md, section “Four numbers from one sum”")

var lp = []float64{-1.6094379124341003, -2.995732273553991, -0.6931471805599453, -4.605170185988091}

func TestBitsPerTokenGolden(t *testing.T) {
	check.Close(t, "BitsPerToken(ln [0.2 0.05 0.5 0.01])", BitsPerToken(lp), 3.571928094887362, 1e-12, lesson)
}

func TestBitsPerByteGolden(t *testing.T) {
	check.Close(t, `BitsPerByte(ln [0.2 0.05 0.5 0.01], "héllo, wörld") (14 UTF-8 bytes, 12 runes)`,
		BitsPerByte(lp, "héllo, wörld"), 1.020550884253532, 1e-12, lesson)
}

func TestBitsPerByteUniformBytes(t *testing.T) {
	text := make([]byte, 1000)
	bytesLP := make([]float64, len(text))
	for i := range text {
		text[i] = byte('a' + i%26)
		bytesLP[i] = -math.Log(256)
	}
	check.Close(t, "BitsPerByte of a uniform byte-level model (must be 8)", BitsPerByte(bytesLP, string(text)), 8, 1e-12, lesson)
}

func TestBitsPerByteTokenizerInvariance(t *testing.T) {
	text := "tokenizers"
	a := make([]float64, 10) // one token per byte, each of probability 1/4
	for i := range a {
		a[i] = -math.Log(4)
	}
	b := []float64{-5 * math.Log(4), -5 * math.Log(4)} // two tokens, same total probability
	bpbA, bpbB := BitsPerByte(a, text), BitsPerByte(b, text)
	check.Close(t, "BitsPerByte with the 10-token split", bpbA, 2, 1e-12, lesson)
	check.Invariant(t, "two tokenizations with the same total probability give the same bits per byte", math.Abs(bpbA-bpbB) < 1e-12,
		fmt.Sprintf("10 tokens → %v bits/byte, 2 tokens → %v bits/byte", bpbA, bpbB), lesson)
	tA, tB := BitsPerToken(a), BitsPerToken(b)
	check.Invariant(t, "bits per token depends on the tokenizer", math.Abs(tA-2) < 1e-12 && math.Abs(tB-10) < 1e-12,
		fmt.Sprintf("bits/token: %v for 10 tokens (want 2), %v for 2 tokens (want 10)", tA, tB), lesson)
}

const windowLesson = check.Lesson("lessons/14-language-model.md, section “Scoring long texts: the sliding window”")

func seq(from, to int) []int {
	var s []int
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

func sameInts(t *testing.T, what string, got, want []int) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s:\n    expected %v\n    got      %v\n    %v", what, want, got, windowLesson)
	}
}

func TestRollingHistoryHarness(t *testing.T) {
	// lm-evaluation-harness's own test of get_rolling_token_windows: 34 tokens, max_seq_len 10,
	// context_len 1 gives the windows predicting 0–9, 10–19, 20–29 and 30–33, the last one reading
	// tokens 23–32. After make_disjoint_window each middle window carries ONE token of context,
	// unlike a strided window, which carries context+1−stride.
	want := append(append(append(seq(0, 9), seq(1, 10)...), seq(1, 10)...), seq(7, 10)...)
	sameInts(t, "RollingHistory(34, 10)", RollingHistory(34, 10), want)
}

func TestRollingHistoryLastWindow(t *testing.T) {
	// The last window predicts 2 tokens but still reads 4: they get 3 and 4 tokens of history.
	sameInts(t, "RollingHistory(10, 4) (a partial last window reads a full maxLen)", RollingHistory(10, 4), []int{0, 1, 2, 3, 1, 2, 3, 4, 3, 4})
	sameInts(t, "RollingHistory(9, 3) (the text fills whole windows)", RollingHistory(9, 3), []int{0, 1, 2, 1, 2, 3, 1, 2, 3})
}

func TestRollingHistoryShortText(t *testing.T) {
	sameInts(t, "RollingHistory(7, 8) (the text fits in one window)", RollingHistory(7, 8), seq(0, 6))
	sameInts(t, "RollingHistory(1, 1)", RollingHistory(1, 1), []int{0})
	if got := RollingHistory(0, 5); len(got) != 0 {
		t.Errorf("RollingHistory(0, 5): expected no tokens, got %v\n    %v", got, windowLesson)
	}
}
