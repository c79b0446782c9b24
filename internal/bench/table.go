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

// Target is the speed-up over PyTorch the native engine must reach for
// op (issue 15), 0 when there is none; every op must also stay within
// FloorTarget times the memory floor.
func Target(op string) float64 {
	switch op {
	case "softmax", "logsumexp":
		return 1.5
	case "log_softmax", "cross_entropy", "entropy", "kl":
		return 2
	case "topk50":
		return 1
	case "topp_sample":
		return 20
	}
	return 0
}

// FloorTarget bounds an op's time in multiples of the memory floor.
const FloorTarget = 3

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

// verdict says whether a native result meets its targets: "ok", or what
// it misses.
func verdict(r Result, results []Result) string {
	if r.Engine != "native" || r.Op == "copy" {
		return ""
	}
	v := "ok"
	if s, ok := Speedup(r, results); ok && s < Target(r.Op) {
		v = fmt.Sprintf("< %.4g× torch", Target(r.Op))
	}
	if r.CopyMs > 0 && r.Ms > FloorTarget*r.CopyMs {
		if v == "ok" {
			v = ""
		} else {
			v += ", "
		}
		v += fmt.Sprintf("> %d× floor", FloorTarget)
	}
	return v
}

// WriteTable prints the machine, the results as an aligned table, then
// the notes.
func WriteTable(w io.Writer, rep *Report) error {
	m := rep.Machine
	fmt.Fprintln(w, m)
	fmt.Fprintf(w, "floor (fastest copy of the op's input bytes): 1 batch %.2f ms by %s; 2 batches %.2f ms by %s\n\n",
		m.FloorMs[0], m.FloorSource[0], m.FloorMs[1], m.FloorSource[1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\tengine\tshape\tthreads\tms\tGB/s\tfloor ms\t× floor\tvs torch\ttarget\t")
	for _, r := range rep.Results {
		ratio := "—"
		if s, ok := Speedup(r, rep.Results); ok {
			ratio = fmt.Sprintf("%.2f×", s)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t\n", r.Op, r.Engine, r.Shape, r.Threads,
			r.Ms, r.GBps, r.CopyMs, r.Ms/r.CopyMs, ratio, verdict(r, rep.Results))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nms: wall time, %s; × floor: ms / floor ms; vs torch: torch ms / engine ms in this run\n", m.Stat)
	fmt.Fprintln(w, "(>1 = faster than PyTorch; top-p against the sort-based sampler); target: issue 15's bounds for native.")
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	return nil
}

// WriteJSON prints one JSON object with the machine, then one per (op,
// engine) per line with the ratios to PyTorch and to the floor, then
// the notes.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	if err := enc.Encode(map[string]Machine{"machine": rep.Machine}); err != nil {
		return err
	}
	for _, r := range rep.Results {
		obj := struct {
			Result
			VsTorch *float64 `json:"vs_torch,omitempty"`
			VsFloor float64  `json:"vs_floor"`
			Target  string   `json:"target,omitempty"`
		}{Result: r, VsFloor: r.Ms / r.CopyMs, Target: verdict(r, rep.Results)}
		if s, ok := Speedup(r, rep.Results); ok {
			obj.VsTorch = &s
		}
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	for _, n := range rep.Notes {
		if err := enc.Encode(map[string]string{"note": n}); err != nil {
			return err
		}
	}
	return nil
}
