package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// peerOf names the engine each op is compared against: PyTorch's own op,
// or for top-p sampling the source material's sort-based sampler.
func peerOf(op string) string {
	if op == "topp_sample" {
		return "torch-source-top-p"
	}
	return "torch"
}

// Speedup returns how many times faster r is than its PyTorch peer in
// results (peer ms / r ms), and false when there is no peer or the shapes
// differ.
func Speedup(r Result, results []Result) (float64, bool) {
	for _, p := range results {
		if p.Op == r.Op && p.Engine == peerOf(r.Op) && p.Shape == r.Shape && p.Engine != r.Engine {
			return p.Ms / r.Ms, true
		}
	}
	return 0, false
}

// WriteTable prints the results as an aligned table, then the notes.
func WriteTable(w io.Writer, results []Result, notes []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\tengine\tshape\tms\tGB/s\tcopy ms\tvs torch\t")
	for _, r := range results {
		ratio := "—"
		if s, ok := Speedup(r, results); ok {
			ratio = fmt.Sprintf("%.2f×", s)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%s\t\n", r.Op, r.Engine, r.Shape, r.Ms, r.GBps, r.CopyMs, ratio)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nms: median wall time; copy ms: copying the op's input bytes (the memory-bandwidth limit);")
	fmt.Fprintln(w, "vs torch: torch ms / engine ms in this run (>1 = faster than PyTorch; top-p against the sort-based sampler).")
	for _, n := range notes {
		fmt.Fprintln(w, "note:", n)
	}
	return nil
}

// WriteJSON prints one JSON object per (op, engine) per line, with the
// ratio against PyTorch when there is one.
func WriteJSON(w io.Writer, results []Result, notes []string) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		obj := struct {
			Result
			VsTorch *float64 `json:"vs_torch,omitempty"`
		}{Result: r}
		if s, ok := Speedup(r, results); ok {
			obj.VsTorch = &s
		}
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	for _, n := range notes {
		if err := enc.Encode(map[string]string{"note": n}); err != nil {
			return err
		}
	}
	return nil
}
