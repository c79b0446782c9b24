package lmeval

import (
	"math"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/pkg/sampling"

	"github.com/bitsandlogits/course/internal/panictest"
)

// recorder is a fake model that records, for every scored token, its
// position in the text and how much history it was given.
type recorder struct {
	ctx     int
	scored  map[int]int
	history map[int]int
}

func (r *recorder) VocabSize() int               { return 2 }
func (r *recorder) ContextLength() int           { return r.ctx }
func (r *recorder) NextLogProbs([]int) []float64 { return []float64{math.Log(0.5), math.Log(0.5)} }
func (r *recorder) Score(window []int, from int, _ bool) []TokenScore {
	out := make([]TokenScore, len(window)-from)
	for i := from; i < len(window); i++ {
		pos := window[i] // the fake text holds each token's own position
		r.scored[pos]++
		r.history[pos] = i
		out[i-from] = TokenScore{LogProb: math.Log(0.5)}
	}
	return out
}

func TestWindowsScoreEveryTokenOnce(t *testing.T) {
	for _, tc := range []struct{ n, context, stride int }{
		{1, 0, 1}, {10, 0, 1}, {10, 3, 1}, {10, 3, 4}, {10, 3, 3}, {100, 7, 5}, {101, 9, 4}, {5, 100, 50}, {64, 15, 16},
	} {
		text := make([]int, tc.n)
		for i := range text {
			text[i] = i
		}
		r := &recorder{scored: map[int]int{}, history: map[int]int{}}
		ws := Windows(tc.n, tc.context, tc.stride)
		for _, w := range ws {
			if w.End-w.Begin > tc.context+1 {
				t.Fatalf("%+v: window %+v longer than context+1", tc, w)
			}
			r.Score(text[w.Begin:w.End], w.From, false)
		}
		if ws[len(ws)-1].End != tc.n {
			t.Errorf("%+v: last window ends at %d", tc, ws[len(ws)-1].End)
		}
		for pos := range tc.n {
			if r.scored[pos] != 1 {
				t.Errorf("%+v: token %d scored %d times", tc, pos, r.scored[pos])
			}
			lo := min(pos, tc.context+1-tc.stride)
			if h := r.history[pos]; h < lo || h > tc.context {
				t.Errorf("%+v: token %d had %d history tokens, want %d…%d", tc, pos, h, lo, tc.context)
			}
		}
	}
}

func TestEvaluateCountsEachTokenOnce(t *testing.T) {
	text := make([]int, 1000)
	for i := range text {
		text[i] = i
	}
	r := &recorder{ctx: 8, scored: map[int]int{}, history: map[int]int{}}
	res := Evaluate(r, text, 2000, 100, Options{Context: 31, Stride: 7})
	if res.Tokens != 1000 || len(r.scored) != 1000 {
		t.Fatalf("scored %d tokens (%d distinct), want 1000", res.Tokens, len(r.scored))
	}
	// Default options: every token after the first 8 sees the full context.
	r = &recorder{ctx: 8, scored: map[int]int{}, history: map[int]int{}}
	Evaluate(r, text, 2000, 100, Options{})
	for pos, h := range r.history {
		if h < min(pos, 8) {
			t.Fatalf("token %d got %d history tokens under default options", pos, h)
		}
	}
}

func TestUniformBaseline(t *testing.T) {
	for _, v := range []int{2, 256, 50256, 199998} {
		ids := []int{0, 1, 1, 0, 1}
		res := Evaluate(Uniform{V: v}, ids, 7, 2, Options{})
		if math.Abs(res.Perplexity-float64(v)) > 1e-9*float64(v) || res.UniformPerplexity != float64(v) {
			t.Errorf("V=%d: perplexity %v, uniform %v", v, res.Perplexity, res.UniformPerplexity)
		}
		wantBPB := 5 * math.Log2(float64(v)) / 7
		if math.Abs(res.BitsPerByte-wantBPB) > 1e-12 || math.Abs(res.UniformBitsPerByte-wantBPB) > 1e-12 {
			t.Errorf("V=%d: bits/byte %v, want %v", v, res.BitsPerByte, wantBPB)
		}
		if want := math.Exp(5 * math.Log(float64(v)) / 2); math.Abs(res.WordPerplexity-want) > 1e-9*want {
			t.Errorf("V=%d: word perplexity %v, want %v", v, res.WordPerplexity, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	// Two tokens with p = 1/2 and 1/8 over a 4-byte text: 4 bits, 1 bit/byte.
	res := Summarize([]TokenScore{{LogProb: math.Log(0.5)}, {LogProb: math.Log(0.125)}}, 10, 4, 1)
	if math.Abs(res.BitsPerByte-1) > 1e-15 || math.Abs(res.Perplexity-4) > 1e-12 || math.Abs(res.NatsPerToken-2*math.Ln2) > 1e-15 {
		t.Fatalf("got %+v", res)
	}
}

func TestGenerateSeeded(t *testing.T) {
	m := Uniform{V: 50}
	gen := func(seed uint64) []int {
		s, err := sampling.New(sampling.Config{Temperature: 1, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return Tokens(Generate(m, []int{1, 2}, 40, s))
	}
	a, b, c := gen(1), gen(1), gen(2)
	if !slices.Equal(a, b) || slices.Equal(a, c) {
		t.Fatalf("seeded generation not reproducible or not seed-dependent: %v %v %v", a, b, c)
	}
	s, _ := sampling.New(sampling.Config{Temperature: 1, Seed: 1})
	for _, st := range Generate(m, nil, 3, s) {
		if math.Abs(st.Entropy-math.Log(50)) > 1e-12 || math.Abs(st.Prob-0.02) > 1e-12 {
			t.Fatalf("step %+v: want entropy ln 50, prob 1/50", st)
		}
	}
}

func TestWindowsPanics(t *testing.T) {
	panictest.Check(t, "stride > context+1", func() { Windows(10, 3, 5) }, "lmeval: Windows:", "context 3, stride 5")
}

// Every token is scored exactly once for any valid window shape.
func FuzzWindows(f *testing.F) {
	f.Add(10, 3, 2)
	f.Add(1, 0, 1)
	f.Add(257, 31, 32)
	f.Fuzz(func(t *testing.T, n, context, stride int) {
		n, context = 1+abs(n)%2000, abs(context)%300
		stride = 1 + abs(stride)%(context+1)
		seen := make([]int, n)
		for _, w := range Windows(n, context, stride) {
			if w.From < 0 || w.Begin+w.From > w.End || w.End-w.Begin > context+1 {
				t.Fatalf("n=%d context=%d stride=%d: bad window %+v", n, context, stride, w)
			}
			for i := w.Begin + w.From; i < w.End; i++ {
				seen[i]++
			}
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d context=%d stride=%d: token %d scored %d times", n, context, stride, i, c)
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
