package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestRunNativeAndGoMLX(t *testing.T) {
	results, notes, err := Run(Config{Batch: 3, Vocab: 257, Runs: 1, GoMLX: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		t.Log("note:", n)
	}
	engines := map[string]int{}
	for _, r := range results {
		engines[r.Engine]++
		if !(r.Ms > 0) || !(r.GBps > 0) || r.Shape != "[3,257]" {
			t.Errorf("%s/%s: ms %v, GB/s %v, shape %s", r.Op, r.Engine, r.Ms, r.GBps, r.Shape)
		}
		if !(r.CopyMs > 0) {
			t.Errorf("%s/%s: no copy baseline", r.Op, r.Engine)
		}
	}
	if engines["native"] != len(ops) || engines["gomlx-go"] != len(ops)-1 { // no GoMLX copy
		t.Errorf("results per engine %v, want %d native and %d gomlx-go", engines, len(ops), len(ops)-1)
	}
}

func TestSpeedupAndOutput(t *testing.T) {
	results := []Result{
		{Op: "softmax", Engine: "native", Shape: "[2,3]", Ms: 5},
		{Op: "softmax", Engine: "torch", Shape: "[2,3]", Ms: 20},
		{Op: "topp_sample", Engine: "native", Shape: "[2,3]", Ms: 2},
		{Op: "topp_sample", Engine: "torch-source-top-p", Shape: "[2,3]", Ms: 100},
		{Op: "kl", Engine: "gomlx-go", Shape: "[1,3]", Ms: 1},
		{Op: "kl", Engine: "torch", Shape: "[2,3]", Ms: 1},
	}
	if s, ok := Speedup(results[0], results); !ok || s != 4 {
		t.Errorf("softmax speedup = %v, %v; want 4", s, ok)
	}
	if s, ok := Speedup(results[2], results); !ok || s != 50 {
		t.Errorf("top-p speedup against the sort-based peer = %v, %v; want 50", s, ok)
	}
	if _, ok := Speedup(results[4], results); ok {
		t.Error("speedup across different shapes should not exist")
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, results, []string{"a note"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(results)+1 {
		t.Fatalf("%d JSON lines, want %d", len(lines), len(results)+1)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"op", "engine", "shape", "ms", "gbps", "copy_ms", "vs_torch"} {
		if _, ok := first[k]; !ok {
			t.Errorf("JSON object %s lacks %q", lines[0], k)
		}
	}
	buf.Reset()
	if err := WriteTable(&buf, results, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "4.00×") || !strings.Contains(buf.String(), "50.00×") {
		t.Errorf("table lacks the ratios:\n%s", buf.String())
	}
}

func TestTimeRunsMedian(t *testing.T) {
	calls := 0
	ms, err := timeRuns(5, true, func() error { calls++; return nil })
	if err != nil || calls != 6 || ms < 0 {
		t.Errorf("timeRuns: %v ms, err %v, %d calls; want 6 calls (1 warm-up)", ms, err, calls)
	}
}

func TestResidentRows(t *testing.T) {
	results, notes, err := Run(Config{Batch: 2, Vocab: 300, Runs: 1, GoMLX: true, Resident: true, Ops: []string{"cross_entropy"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range results {
		if strings.HasSuffix(r.Engine, "-resident") {
			got = append(got, r.Op)
		}
	}
	if strings.Join(got, ",") != "copy,cross_entropy" {
		t.Errorf("resident rows %v, want copy and cross_entropy; notes %v", got, notes)
	}
}
