package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/lm"
	courserepo "github.com/bitsandlogits/course/internal/repo"
	"github.com/bitsandlogits/course/pkg/compress"
	"github.com/bitsandlogits/course/pkg/corpus"
	"github.com/bitsandlogits/course/pkg/neural"
)

const compressUsage = "[--model ngram|neural] [--order N] [--adaptive] [--prior opticks|none] IN OUT | --compare [FILE…]"

func compressCmd() *cli.Command {
	return &cli.Command{Name: "compress", Args: compressUsage, Run: runCompress,
		Short: "compress a file with a language model driving an arithmetic coder"}
}

func decompressCmd() *cli.Command {
	return &cli.Command{Name: "decompress", Args: "IN OUT", Run: runDecompress,
		Short: "restore a file made by `course compress`, byte for byte"}
}

// readInput checks that paths are IN and OUT, and returns IN's bytes and
// the models' sources: the text the n-grams start from and, when neural
// is true, the MLP.
func readInput(paths []string, neural bool) (in []byte, src compress.Sources, err error) {
	if len(paths) != 2 {
		return nil, src, cli.Usagef("want IN and OUT")
	}
	if in, err = os.ReadFile(paths[0]); err != nil {
		return nil, src, err
	}
	if src.Prior, err = priorText(); err != nil || !neural {
		return in, src, err
	}
	src.Net, err = loadNet()
	return in, src, err
}

// loadNet loads the committed MLP's exact evaluator.
func loadNet() (*neural.Exact, error) {
	m, err := neural.Load(lm.CheckpointDir("neural", ""))
	if err != nil {
		return nil, err
	}
	return m.Exact()
}

// priorText returns the Opticks training split, the text the models start from.
func priorText() ([]byte, error) {
	d, err := lm.LoadData()
	if err != nil {
		return nil, err
	}
	return []byte(d.Train), nil
}

func runCompress(_ context.Context, fs *flag.FlagSet, args []string) error {
	model := fs.String("model", "ngram", "ngram (Kneser–Ney, --order, --adaptive) or neural (the committed MLP, static, ~16 KB/s per core)")
	order := fs.Int("order", 5, fmt.Sprintf("n-gram order, 1 … %d", compress.MaxOrder))
	adaptive := fs.Bool("adaptive", false, "count bytes as they are coded (PPM-style)")
	prior := fs.String("prior", "opticks", "text the model starts from: opticks (training split) or none (--adaptive only)")
	compare := fs.Bool("compare", false, "print sizes for gzip -9, bzip2 -9, xz -9 and course compress on each FILE\n(default: the Opticks test split and GOROOT's doc/go_spec.html)")
	paths, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *model != "ngram" && *model != "neural" {
		return fmt.Errorf("%w: --model %q: want ngram or neural", cli.ErrUsage, *model)
	}
	if *model == "neural" && *adaptive {
		return fmt.Errorf("%w: --adaptive: the neural model does not learn as it codes", cli.ErrUsage)
	}
	if *prior != "opticks" && *prior != "none" || *prior == "none" && !*adaptive {
		return fmt.Errorf("%w: --prior %q: want opticks, or none with --adaptive", cli.ErrUsage, *prior)
	}
	h := compress.Header{Order: *order, Adaptive: *adaptive, Prior: *prior == "opticks"}
	if *model == "neural" {
		h = compress.Header{Model: compress.ModelNeural}
	}
	if *compare {
		return compareCompressors(*order, paths)
	}
	data, src, err := readInput(paths, *model == "neural")
	if err != nil {
		return err
	}
	start := time.Now()
	out, err := compress.Compress(h, src, data)
	if err != nil {
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	took := time.Since(start)
	fmt.Printf("%d → %d bytes, %.4f bits/byte, %.2f MB/s (model built and text coded)\n",
		len(data), len(out), bitsPerByte(len(out), len(data)), float64(len(data))/1e6/took.Seconds())
	return courserepo.WriteFile(paths[1], out)
}

func runDecompress(_ context.Context, fs *flag.FlagSet, args []string) error {
	paths, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	neural := false
	if len(paths) > 0 {
		b, err := os.ReadFile(paths[0])
		if err != nil {
			return err
		}
		h, _ := compress.ParseHeader(b) // a bad header is reported by Decompress
		neural = h.Model == compress.ModelNeural
	}
	file, src, err := readInput(paths, neural)
	if err != nil {
		return err
	}
	data, err := compress.Decompress(file, src)
	if err != nil {
		return fmt.Errorf("%s: %w", paths[0], err)
	}
	return courserepo.WriteFile(paths[1], data)
}

func bitsPerByte(coded, n int) float64 {
	if n == 0 {
		return 0
	}
	return 8 * float64(coded) / float64(n)
}

// compareCompressors prints one row per compressor and file: size, bits
// per byte and, for course compress, the model's cross-entropy, coding
// throughput (after the model is built) and a checked round trip. The MLP
// codes files up to neuralMax bytes (it codes ~16 KB/s per core).
func compareCompressors(order int, files []string) error {
	const neuralMax = 64 << 10
	d, err := lm.LoadData()
	if err != nil {
		return err
	}
	net, err := loadNet()
	if err != nil {
		return err
	}
	inputs := map[string][]byte{}
	if len(files) == 0 {
		spec, err := corpus.GoSpecPath()
		if err != nil {
			return err
		}
		inputs["opticks-test"] = []byte(d.Test)
		files = []string{"opticks-test", spec}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "file\tcompressor\tbytes\tbits/byte\tmodel bits/byte\tquantized\tencode MB/s\tdecode MB/s\tencode MB/cpu-s\tdecode MB/cpu-s\t")
	for _, f := range files {
		data, ok := inputs[f]
		if !ok {
			if data, err = os.ReadFile(f); err != nil {
				return err
			}
			f = filepath.Base(f)
		}
		src := compress.Sources{Prior: []byte(d.Train)}
		if len(data) <= neuralMax {
			src.Net = net
		}
		rows, err := compress.Compare(f, data, src, order)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\toriginal\t%d\t8.0000\t\t\t\t\t\t\t\n", f, len(data))
		for _, r := range rows {
			fmt.Fprintf(w, "%s\t%s\t%d\t%.4f\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Input, r.Compressor, r.Bytes, r.BitsPerByte,
				blankNaN("%.4f", r.ModelBitsPerByte), blankNaN("%.4f", r.QuantizedBitsPerByte),
				blankNaN("%.3f", r.EncodeMBps), blankNaN("%.3f", r.DecodeMBps), blankNaN("%.3f", r.EncodeMBpCPU), blankNaN("%.3f", r.DecodeMBpCPU))
		}
	}
	return w.Flush()
}

// blankNaN formats v, or nothing when v is NaN.
func blankNaN(format string, v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return fmt.Sprintf(format, v)
}
