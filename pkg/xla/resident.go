package xla

import (
	"fmt"

	"github.com/gomlx/compute"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"github.com/bitsandlogits/course/pkg/rows"
)

// Resident is a [rows, V] float32 batch kept on the engine's device
// between calls, as a model's logits are when the loss runs on the GPU
// that produced them. Ops on it move no batch across PCIe, so their time
// is the device's own; [Engine.DeviceCopy] gives the device's bandwidth
// limit to compare with.
type Resident struct {
	t    *tensors.Tensor
	n, v int
}

// Upload copies x, rows of length v, to the engine's device.
func (e *Engine) Upload(x []float32, v int) (*Resident, error) {
	n := numRows("Upload", x, v)
	t := batch(x, n, v)
	if err := t.ToDevice(e.backend, 0); err != nil {
		t.FinalizeAll()
		return nil, fmt.Errorf("xla: Upload: %w", err)
	}
	return &Resident{t: t, n: n, v: v}, nil
}

// Rows returns the batch's number of rows and row length.
func (r *Resident) Rows() (n, v int) { return r.n, r.v }

// Free releases the device memory.
func (r *Resident) Free() { r.t.FinalizeAll() }

// callResident is call with the resident batch as the first input.
func (e *Engine) callResident(key string, mk func(compute.Backend) (*graph.Exec, error), dsts [][]float32, r *Resident, args ...any) error {
	ex, err := e.exec(key, mk)
	if err != nil {
		return err
	}
	outs, err := run(key, ex, append([]any{r.t}, args...)...)
	for _, a := range args {
		if t, ok := a.(*tensors.Tensor); ok {
			t.FinalizeAll()
		}
	}
	if err != nil {
		return err
	}
	for i, t := range outs {
		if dsts[i] == nil {
			t.FinalizeAll() // a device-side result nobody reads
			continue
		}
		if err := copyOut(dsts[i], t); err != nil {
			return fmt.Errorf("xla: reading output of %s: %w", key, err)
		}
	}
	return nil
}

// CrossEntropyOn is [Engine.CrossEntropy] on a resident batch: only the
// targets go to the device and only one loss per row comes back.
func (e *Engine) CrossEntropyOn(dst []float32, r *Resident, targets []int, opt rows.CrossEntropyOptions) error {
	checkLen("CrossEntropyOn", "dst", len(dst), r.n)
	t32 := checkTargets("CrossEntropyOn", targets, r.n, r.v, opt)
	return e.callResident("crossentropy", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, crossEntropyGraph)
	}, [][]float32{dst}, r, tensors.FromFlatDataAndDimensions(t32, r.n),
		ignoredTarget, float32(opt.LabelSmoothing))
}

// DeviceCopy runs an elementwise graph (y = −x) over the resident batch and
// leaves the result on the device: it reads and writes every byte once,
// which is the device-to-device copy bandwidth that the other ops are
// measured against.
func (e *Engine) DeviceCopy(r *Resident) error {
	return e.callResident("devicecopy", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, graph.Neg)
	}, [][]float32{nil}, r)
}
