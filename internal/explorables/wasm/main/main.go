//go:build js && wasm

// Command main is the explorables' WebAssembly module: a thin syscall/js
// bridge that exposes package explorables (and through it pkg/probability
// and pkg/sampling) to the chapter pages as globalThis.BLX. Every function
// returns JSON; no number is computed in JavaScript.
package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"syscall/js"

	"github.com/bitsandlogits/course/internal/explorables"
)

var (
	labs  []*explorables.Lab // the decoding lab's distributions, built by loadDecoding
	calib *explorables.CalibrationData
)

// ZipfV is the vocabulary of the large synthetic case of the decoding lab.
const ZipfV = 50_000

func main() {
	// A collection inside an update once pushed it from a median of 6.5 ms
	// to 19–29 ms at V = 50,000, past the 16 ms frame, when each update
	// allocated 1.6 MB. Updates now filter into reused rows (about 1 KB
	// each), and still no collection runs during them: the page calls
	// collect once input pauses, and the memory limit starts one anyway.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(memoryLimit)
	api := map[string]any{
		"collect":      js.FuncOf(collect),
		"loadDecoding": fn(loadDecoding),
		"decode":       fn(decode),
		"divergence":   fn(divergence),
		"calibration":  fn(calibration),
		"klEstimators": fn(klEstimators),
	}
	js.Global().Set("BLX", js.ValueOf(api))
	if ready := js.Global().Get("onBLXReady"); ready.Type() == js.TypeFunction {
		ready.Invoke("BLX")
	}
	select {}
}

// memoryLimit is the heap size at which the runtime collects although the
// page has not called collect.
const memoryLimit = 96 << 20

// collect runs a garbage collection; the page calls it when input pauses.
func collect(js.Value, []js.Value) any {
	runtime.GC()
	return nil
}

// fn wraps f so that a panic becomes {"error": "..."} instead of killing the module.
func fn(f func(args []js.Value) any) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				b, _ := json.Marshal(map[string]string{"error": fmt.Sprint(r)})
				out = string(b)
			}
		}()
		b, err := json.Marshal(f(args))
		if err != nil {
			panic(err)
		}
		return string(b)
	})
}

// loadDecoding(bytes, n) takes the decoding lab's n distributions of
// decoding.json, which the page has parsed, as one Float64Array seen as a
// Uint8Array (n rows of equal length, little-endian as WebAssembly is): one
// copy instead of encoding/json, which took hundreds of milliseconds here.
// Zipf over ZipfV tokens is appended as the last distribution.
func loadDecoding(a []js.Value) any {
	buf := make([]byte, a[0].Length())
	js.CopyBytesToGo(buf, a[0])
	n := a[1].Int()
	if n < 1 || len(buf)%(8*n) != 0 {
		panic(fmt.Sprintf("loadDecoding: %d bytes are not %d rows of float64", len(buf), n))
	}
	v := len(buf) / 8 / n
	// Build every lab now, while the page loads, rather than on the first
	// update that shows it: at V = 50,000 that first update took 16–20 ms
	// in Chromium when NewLab still sorted the (already sorted) Zipf row,
	// and it still copies it and takes its softmax and entropy.
	labs = labs[:0]
	row := make([]float64, v)
	for i := range n {
		for j := range row {
			row[j] = math.Float64frombits(binary.LittleEndian.Uint64(buf[8*(i*v+j):]))
		}
		labs = append(labs, explorables.NewLab(row)) // NewLab copies row
	}
	labs = append(labs, explorables.NewLab(explorables.Zipf(ZipfV, 1.1)))
	return len(labs)
}

// decode(dist, T, topK, topP, minP, temperatureLast, seed, draws, top): only
// the control values cross the bridge; the distribution stays in Go, sorted
// once when loaded, and only the summary and the top rows come back.
func decode(a []js.Value) any {
	cfg := explorables.DecodeConfig{Temperature: a[1].Float(), TopK: a[2].Int(), TopP: a[3].Float(), MinP: a[4].Float(),
		TemperatureLast: a[5].Bool(), Seed: uint64(a[6].Int()), Draws: a[7].Int()}
	return labs[a[0].Int()].Decode(cfg, a[8].Int())
}

func floats(v js.Value) []float64 {
	out := make([]float64, v.Length())
	for i := range out {
		out[i] = v.Index(i).Float()
	}
	return out
}

// divergence(pWeights, qWeights)
func divergence(a []js.Value) any { return explorables.Divergence(floats(a[0]), floats(a[1])) }

// calibration(T, fittedT); the data are simulated on the first call, and
// fittedT (explorables.NewCalibrationData().FittedT, computed when the site
// was built) is the temperature marked as fitted.
func calibration(a []js.Value) any {
	if calib == nil {
		calib = explorables.SimulateCalibration()
		calib.FittedT = a[1].Float()
	}
	return calib.At(a[0].Float())
}

// klEstimators(beta, n, seed)
func klEstimators(a []js.Value) any {
	return explorables.KLEstimators(a[0].Float(), a[1].Int(), uint64(a[2].Int()))
}
