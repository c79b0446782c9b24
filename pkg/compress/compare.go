package compress

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"runtime"
	"slices"
	"time"

	"github.com/bitsandlogits/course/pkg/arith"
)

// Row is one compressor's result on one input.
type Row struct {
	Input, Compressor string
	Bytes             int     // compressed size, header included
	BitsPerByte       float64 // 8 · Bytes / input size
	// ModelBitsPerByte is the model's cross-entropy on the input,
	// Σ −log₂ q(x_i | x_<i) / n, and QuantizedBitsPerByte that of the
	// integer frequencies the coder uses, Σ −log₂(freq(x_i)/Total) / n
	// (course models only, else NaN).
	ModelBitsPerByte, QuantizedBitsPerByte float64
	// Coding throughput in MB/s, per second of wall clock and per second
	// of this process's CPU time (all cores), model construction excluded
	// (course models only, else NaN).
	EncodeMBps, DecodeMBps, EncodeMBpCPU, DecodeMBpCPU float64
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
	runtime.GC() // the model's construction is not coding: collect its garbage first
	start, cpu := time.Now(), cpuTime()
	out := Encode(h, m, data)
	enc, encCPU := time.Since(start), cpuTime()-cpu
	hc, err := ParseHeader(out) // Length and CRC filled in
	if err != nil {
		return Row{}, err
	}
	m2, err := NewModel(hc, src) // built before the clock starts, as for Encode
	if err != nil {
		return Row{}, err
	}
	runtime.GC()
	start, cpu = time.Now(), cpuTime()
	back, err := Decode(hc, m2, out[HeaderSize:])
	dec, decCPU := time.Since(start), cpuTime()-cpu
	if err != nil || !bytes.Equal(back, data) {
		return Row{}, fmt.Errorf("compress: %s on %s: round trip failed (%v)", name, input, err)
	}
	_, m, _ = Prepare(h, src)
	bits, qbits := CrossEntropyBits(m, data)
	n := float64(len(data))
	mb := n / 1e6
	return Row{Input: input, Compressor: name, Bytes: len(out), BitsPerByte: 8 * float64(len(out)) / n,
		ModelBitsPerByte: bits / n, QuantizedBitsPerByte: qbits / n,
		EncodeMBps: mb / enc.Seconds(), DecodeMBps: mb / dec.Seconds(),
		EncodeMBpCPU: mb / encCPU.Seconds(), DecodeMBpCPU: mb / decCPU.Seconds()}, nil
}

// CrossEntropyBits returns the model's cross-entropy on data in bits,
// Σ −log₂ q(x_i | x_<i), and that of the integer frequencies the coder
// codes with, Σ −log₂(freq(x_i)/Total), updating m as the coder would.
// The second is what the coded size tracks to within the coder's overhead;
// the first differs from it by the quantization, chiefly the floor of
// 1/Total given to bytes the model thinks nearly impossible.
func CrossEntropyBits(m Predictor, data []byte) (bits, quantized float64) {
	var q quantizer
	p := make([]float64, 256)
	for i, b := range data {
		bits -= math.Log2(prob(m, data[:i], b, p))
		_, f := q.interval(m, data[:i], int(b))
		quantized -= math.Log2(float64(f) / arith.Total)
		m.Update(data[:i], b)
	}
	return bits, quantized
}

// Costs returns −log₂ q(x_i | x_<i) for every byte of data, in bits,
// updating m as the coder would.
func Costs(m Predictor, data []byte) []float64 {
	out := make([]float64, len(data))
	p := make([]float64, 256)
	for i, b := range data {
		out[i] = -math.Log2(prob(m, data[:i], b, p))
		m.Update(data[:i], b)
	}
	return out
}

// prob returns m's probability of b after ctx, through Sparse when m has
// it; p is scratch of length 256 for Dist.
func prob(m Predictor, ctx []byte, b byte, p []float64) float64 {
	if sm, ok := m.(SparsePredictor); ok {
		base, syms, probs := sm.Sparse(ctx)
		if j, found := slices.BinarySearch(syms, b); found {
			return probs[j]
		}
		return base
	}
	m.Dist(ctx, p)
	return p[b]
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
			BitsPerByte: 8 * float64(len(out)) / float64(len(data)), ModelBitsPerByte: nan, QuantizedBitsPerByte: nan,
			EncodeMBps: nan, DecodeMBps: nan, EncodeMBpCPU: nan, DecodeMBpCPU: nan})
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
