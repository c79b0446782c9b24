package normalize_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/15-perplexity-across-tokenizers.md, section “Which normalisation, and its limits”")

var lp = []float64{math.Log(0.2), math.Log(0.05), math.Log(0.5), math.Log(0.01)}

func TestWordPerplexityGolden(t *testing.T) {
	// Total probability 0.2·0.05·0.5·0.01 = 5e-5 over 2 words: √20000.
	check.Close(t, `WordPerplexity(ln [0.2 0.05 0.5 0.01], "héllo, wörld")`,
		WordPerplexity(lp, "héllo, wörld"), math.Sqrt(20000), 1e-9, lesson)
	// strings.Fields: runs of spaces, tabs and newlines separate words; "don't" is one word.
	check.Close(t, `WordPerplexity(ln [0.2 0.05 0.5 0.01], "  don't\tstop \n now ")`,
		WordPerplexity(lp, "  don't\tstop \n now "), math.Pow(20000, 1.0/3), 1e-9, lesson)
}

func TestWordPerplexityTokenizerInvariance(t *testing.T) {
	text := "the rays of light"
	bytesLP := make([]float64, len(text)) // 17 byte tokens of probability 1/2 each
	for i := range bytesLP {
		bytesLP[i] = -math.Ln2
	}
	bpe := []float64{-7 * math.Ln2, -10 * math.Ln2} // 2 BPE tokens, the same total probability 2^-17
	a, b := WordPerplexity(bytesLP, text), WordPerplexity(bpe, text)
	check.Close(t, "WordPerplexity with byte tokens (2^(17/4))", a, math.Pow(2, 17.0/4), 1e-9, lesson)
	check.Invariant(t, "the same total probability gives the same word perplexity, whatever the tokens", math.Abs(a-b) < 1e-9*a,
		fmt.Sprintf("17 tokens → %v, 2 tokens → %v", a, b), lesson)
}

func TestConvertPerplexity(t *testing.T) {
	// A uniform byte model: 256 choices per byte are 2 choices per bit (8 bits a byte).
	check.Close(t, "ConvertPerplexity(256, 1, 8)", ConvertPerplexity(256, 1, 8), 2, 1e-12, lesson)
	// o200k trigram on the validation text: 5,586 tokens of perplexity 84.46 → per byte of 23,027 bytes.
	check.Close(t, "ConvertPerplexity(84.46, 5586, 23027)", ConvertPerplexity(84.46, 5586, 23027), 2.933433520228866, 1e-9, lesson)
	for _, c := range []struct {
		ppl      float64
		from, to int
	}{{3.28, 23027, 3937}, {84.46, 5586, 23027}, {1.0001, 7, 3}} {
		back := ConvertPerplexity(ConvertPerplexity(c.ppl, c.from, c.to), c.to, c.from)
		check.Close(t, fmt.Sprintf("round trip %v per %d units → per %d → back", c.ppl, c.from, c.to), back, c.ppl, 1e-9, lesson)
	}
}

func TestBitsPerByteFromPerplexity(t *testing.T) {
	check.Close(t, "BitsPerByteFromPerplexity(84.46, 5586, 23027)", BitsPerByteFromPerplexity(84.46, 5586, 23027), 1.5525902968932321, 1e-9, lesson)
	check.Close(t, "BitsPerByteFromPerplexity(256, 100, 100) (uniform over bytes)", BitsPerByteFromPerplexity(256, 100, 100), 8, 1e-12, lesson)
	for _, c := range []struct {
		ppl         float64
		tokens, nby int
	}{{3.28, 23027, 23027}, {68.85, 5797, 23027}, {12, 5, 17}} {
		bpb := BitsPerByteFromPerplexity(c.ppl, c.tokens, c.nby)
		perByte := ConvertPerplexity(c.ppl, c.tokens, c.nby)
		check.Invariant(t, "2^(bits per byte) is the perplexity per byte", math.Abs(math.Exp2(bpb)-perByte) < 1e-9*perByte,
			fmt.Sprintf("ppl %v over %d tokens, %d bytes: 2^%v = %v, per-byte perplexity %v", c.ppl, c.tokens, c.nby, bpb, math.Exp2(bpb), perByte), lesson)
	}
}

// TestLessonTable reproduces chapter 14's evaluation table on one scale: the 5-gram byte model
// (perplexity 3.28 over 23,027 byte tokens) and the o200k trigram (84.46 over 5,586 tokens) on
// the same 23,027-byte, 3,937-word validation text. Golden values: exercises/tools/golden.py.
func TestLessonTable(t *testing.T) {
	bytesBPB := BitsPerByteFromPerplexity(3.28, 23027, 23027)
	bpeBPB := BitsPerByteFromPerplexity(84.46, 5586, 23027)
	check.Close(t, "bits per byte of the 5-gram byte model", bytesBPB, 1.713695814843359, 1e-9, lesson)
	check.Close(t, "bits per byte of the o200k trigram", bpeBPB, 1.5525902968932324, 1e-9, lesson)
	check.Invariant(t, "the model with 25× the per-token perplexity predicts the text better", bpeBPB < bytesBPB,
		fmt.Sprintf("bits per byte: byte model %v, o200k trigram %v", bytesBPB, bpeBPB), lesson)
	check.Close(t, "per-word perplexity of the 5-gram byte model", ConvertPerplexity(3.28, 23027, 3937), 1040.5881893143876, 1e-9, lesson)
	check.Close(t, "per-word perplexity of the o200k trigram", ConvertPerplexity(84.46, 5586, 3937), 541.5303330966607, 1e-9, lesson)
}
