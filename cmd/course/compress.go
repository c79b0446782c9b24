package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/compress"
	"github.com/bitsandlogits/course/internal/lm"
	courserepo "github.com/bitsandlogits/course/internal/repo"
	"github.com/bitsandlogits/course/pkg/corpus"
)

const compressUsage = "[--model ngram] [--order N] [--adaptive] [--prior opticks|none] IN OUT | --compare [FILE…]"

func compressCmd() *cli.Command {
	return &cli.Command{Name: "compress", Args: compressUsage, Run: runCompress,
		Short: "compress a file with a language model driving an arithmetic coder"}
}

func decompressCmd() *cli.Command {
	return &cli.Command{Name: "decompress", Args: "IN OUT", Run: runDecompress,
		Short: "restore a file made by `course compress`, byte for byte"}
}

// readInput checks that paths are IN and OUT, and returns IN's bytes and
// the text the models start from.
func readInput(paths []string) (in, text []byte, err error) {
	if len(paths) != 2 {
		return nil, nil, cli.Usagef("want IN and OUT")
	}
	if in, err = os.ReadFile(paths[0]); err != nil {
		return nil, nil, err
	}
	text, err = priorText()
	return in, text, err
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
	model := fs.String("model", "ngram", "ngram (the neural model is not wired to the coder yet)")
	order := fs.Int("order", 5, fmt.Sprintf("n-gram order, 1 … %d", compress.MaxOrder))
	adaptive := fs.Bool("adaptive", false, "count bytes as they are coded (PPM-style)")
	prior := fs.String("prior", "opticks", "text the model starts from: opticks (training split) or none (--adaptive only)")
	compare := fs.Bool("compare", false, "print sizes for gzip -9, bzip2 -9, xz -9 and course compress on each FILE\n(default: the Opticks test split and GOROOT's doc/go_spec.html)")
	paths, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *model != "ngram" {
		return fmt.Errorf("%w: --model %q: only ngram is supported", cli.ErrUsage, *model)
	}
	if *prior != "opticks" && *prior != "none" || *prior == "none" && !*adaptive {
		return fmt.Errorf("%w: --prior %q: want opticks, or none with --adaptive", cli.ErrUsage, *prior)
	}
	h := compress.Header{Order: *order, Adaptive: *adaptive, Prior: *prior == "opticks"}
	if *compare {
		return compareCompressors(*order, paths)
	}
	data, text, err := readInput(paths)
	if err != nil {
		return err
	}
	start := time.Now()
	out, err := compress.Compress(h, text, data)
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
	file, text, err := readInput(paths)
	if err != nil {
		return err
	}
	data, err := compress.Decompress(file, text)
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
// per byte and, for course compress, coding throughput (after the model is
// built) and a checked round trip.
func compareCompressors(order int, files []string) error {
	d, err := lm.LoadData()
	if err != nil {
		return err
	}
	text := []byte(d.Train)
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
	fmt.Fprintln(w, "file\tcompressor\tbytes\tbits/byte\tMB/s\t")
	for _, f := range files {
		data, ok := inputs[f]
		if !ok {
			if data, err = os.ReadFile(f); err != nil {
				return err
			}
			f = filepath.Base(f)
		}
		fmt.Fprintf(w, "%s\toriginal\t%d\t8.0000\t\t\n", f, len(data))
		for _, tool := range [][]string{{"gzip", "-9c"}, {"bzip2", "-9c"}, {"xz", "-9c"}} {
			cmd := exec.Command(tool[0], tool[1])
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				fmt.Fprintf(w, "%s\t%s -9\t(%v)\t\t\t\n", f, tool[0], err)
				continue
			}
			fmt.Fprintf(w, "%s\t%s -9\t%d\t%.4f\t\t\n", f, tool[0], len(out), bitsPerByte(len(out), len(data)))
		}
		for _, h := range []compress.Header{
			{Order: order, Prior: true},
			{Order: order, Adaptive: true, Prior: true},
			{Order: order, Adaptive: true},
		} {
			name := fmt.Sprintf("course %d-gram static", order)
			if h.Adaptive {
				name = fmt.Sprintf("course %d-gram adaptive, prior %v", order, map[bool]string{true: "opticks", false: "none"}[h.Prior])
			}
			out, mbs, err := timedCompress(h, text, data)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%.4f\t%.2f\t\n", f, name, len(out), bitsPerByte(len(out), len(data)), mbs)
		}
	}
	return w.Flush()
}

// timedCompress compresses data, checks the round trip and returns the
// coding throughput in MB/s, the model's construction not counted.
func timedCompress(h compress.Header, text, data []byte) ([]byte, float64, error) {
	h, m, err := compress.Prepare(h, text)
	if err != nil {
		return nil, 0, err
	}
	start := time.Now()
	out := compress.Encode(h, m, data)
	mbs := float64(len(data)) / 1e6 / time.Since(start).Seconds()
	back, err := compress.Decompress(out, text)
	if err != nil || !bytes.Equal(back, data) {
		return nil, 0, fmt.Errorf("round trip failed (%v)", err)
	}
	return out, mbs, nil
}
