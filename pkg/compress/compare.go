package compress

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"time"
)

// Row is one compressor's result on one input.
type Row struct {
	Input, Compressor string
	Bytes             int     // compressed size, header included
	BitsPerByte       float64 // 8 · Bytes / input size
	// ModelBitsPerByte is the model's cross-entropy on the input,
	// Σ −log₂ q(x_i | x_<i) / n (course models only, else NaN).
	ModelBitsPerByte float64
	EncodeMBps       float64 // coding throughput, wall clock (course models only)
	DecodeMBps       float64
}

// Tools are the classic compressors Compare runs, each at its strongest level.
var Tools = []string{"gzip", "bzip2", "xz"}

// External compresses data with `tool -9c` (one of Tools).
func External(tool string, data []byte) ([]byte, error) {
	if !slices.Contains(Tools, tool) {
		return nil, fmt.Errorf("compress: External: unknown tool %q", tool)
	}
	cmd := exec.Command(tool, "-9c")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s -9: %w", tool, err)
	}
	return out, nil
}

// Course compresses data with the model h names (see Prepare), checks the
// round trip and measures the model's cross-entropy on a fresh copy of it.
func Course(name, input string, h Header, src Sources, data []byte) (Row, error) {
	h, m, err := Prepare(h, src)
	if err != nil {
		return Row{}, err
	}
	start := time.Now()
	out := Encode(h, m, data)
	enc := time.Since(start)
	start = time.Now()
	back, err := Decompress(out, src)
	dec := time.Since(start)
	if err != nil || !bytes.Equal(back, data) {
		return Row{}, fmt.Errorf("compress: %s on %s: round trip failed (%v)", name, input, err)
	}
	_, m, _ = Prepare(h, src)
	n := float64(len(data))
	return Row{Input: input, Compressor: name, Bytes: len(out), BitsPerByte: 8 * float64(len(out)) / n,
		ModelBitsPerByte: CrossEntropyBits(m, data) / n,
		EncodeMBps:       n / 1e6 / enc.Seconds(), DecodeMBps: n / 1e6 / dec.Seconds()}, nil
}

// CrossEntropyBits returns Σ −log₂ q(x_i | x_<i), the model's cross-entropy
// on data in bits, updating m as the coder would.
func CrossEntropyBits(m Predictor, data []byte) float64 {
	var bits float64
	var p []float64
	for i, b := range data {
		if sm, ok := m.(SparsePredictor); ok {
			base, syms, probs := sm.Sparse(data[:i])
			q := base
			if j, found := slices.BinarySearch(syms, b); found {
				q = probs[j]
			}
			bits -= math.Log2(q)
		} else {
			if p == nil {
				p = make([]float64, 256)
			}
			m.Dist(data[:i], p)
			bits -= math.Log2(p[b])
		}
		m.Update(data[:i], b)
	}
	return bits
}

// Compare compresses data (called input) with gzip -9, bzip2 -9 and xz -9
// and with the course's models: the static order-n Kneser–Ney model
// trained on src.Prior, the adaptive one starting from src.Prior and from
// nothing, and, when src.Net is set, the MLP.
func Compare(input string, data []byte, src Sources, order int) ([]Row, error) {
	var rows []Row
	nan := math.NaN()
	for _, tool := range Tools {
		out, err := External(tool, data)
		if err != nil {
			return nil, err
		}
		rows = append(rows, Row{Input: input, Compressor: tool + " -9", Bytes: len(out),
			BitsPerByte: 8 * float64(len(out)) / float64(len(data)), ModelBitsPerByte: nan, EncodeMBps: nan, DecodeMBps: nan})
	}
	models := []struct {
		name string
		h    Header
	}{
		{fmt.Sprintf("course %d-gram static", order), Header{Order: order, Prior: true}},
		{fmt.Sprintf("course %d-gram adaptive, prior", order), Header{Order: order, Adaptive: true, Prior: true}},
		{fmt.Sprintf("course %d-gram adaptive, empty", order), Header{Order: order, Adaptive: true}},
	}
	if src.Net != nil {
		models = append(models, struct {
			name string
			h    Header
		}{"course neural (MLP)", Header{Model: ModelNeural}})
	}
	for _, c := range models {
		r, err := Course(c.name, input, c.h, src, data)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}
