// Package xla runs the batched ops of pkg/rows as GoMLX graphs, so that
// the same course code runs on GoMLX's pure-Go backend, on XLA's CPU
// backend or on an NVIDIA GPU through XLA's CUDA PJRT plugin.
//
// The ops, their arguments and their semantics are those of pkg/rows
// (which this package's tests compare against the float64 references in
// pkg/probability and pkg/sampling); only the engine differs. Each op is
// one GoMLX graph, built the first time it is called and cached by
// GoMLX's Exec for every input shape it sees: the first call at a new
// shape pays for compilation, later calls only run.
//
// Every graph is static-shaped and sort-free, as XLA wants and as the Go
// backend can afford at vocabulary size: top-k and top-p find their
// threshold by bisection on the float bits (33 masked reductions per row
// instead of a sort; GoMLX's TopK and Sort take seconds per row at V =
// 128000 on the Go backend).
//
// # Backends
//
// [New] reads GOMLX_BACKEND: "go" (GoMLX's pure-Go backend), "xla:cpu",
// "xla:cuda", or any other PJRT plugin name. Unset, it uses an installed
// PJRT plugin if one is found (CUDA first) and the Go backend otherwise; it
// never downloads anything. An explicit "xla:…" request that cannot be
// met is an error that says how to install the plugin. Builds with
// -tags noxla or CGO_ENABLED=0 contain only the Go backend.
package xla

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/gobackend"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// Engine runs the batched ops on one GoMLX backend. Its methods are safe
// for concurrent use.
type Engine struct {
	backend compute.Backend
	name    string

	mu    sync.Mutex
	execs map[string]*graph.Exec
}

// New opens the backend named by $GOMLX_BACKEND (see the package
// documentation for the default).
func New() (*Engine, error) {
	return Open(os.Getenv(compute.ConfigEnvVar))
}

// Open opens the backend named by config: "" (the default: an installed
// PJRT plugin, else Go), "go", or "xla:PLUGIN[,options]" (e.g. "xla:cpu",
// "xla:cuda"). It returns an error, never panics, when the backend cannot
// be opened.
func Open(config string) (*Engine, error) {
	name, _, _ := strings.Cut(config, ":")
	switch name {
	case "":
		if plugin := installedPlugin(); plugin != "" {
			return openXLA("xla:" + plugin)
		}
		return openGo("go")
	case gobackend.BackendName:
		return openGo(config)
	case "xla", "stablehlo", "shlo", "hlo", "pjrt":
		return openXLA(config)
	}
	return nil, fmt.Errorf("xla: unknown backend %q in GOMLX_BACKEND=%q: want \"go\", \"xla:cpu\" or \"xla:cuda\"", name, config)
}

func openGo(config string) (*Engine, error) {
	_, opts, _ := strings.Cut(config, ":")
	b, err := gobackend.New(opts)
	if err != nil {
		return nil, fmt.Errorf("xla: opening GoMLX's Go backend: %w", err)
	}
	return &Engine{backend: b, name: "go", execs: map[string]*graph.Exec{}}, nil
}

// Backend names the backend the engine runs on: "go", or "xla:" and the
// PJRT plugin ("xla:cpu", "xla:cuda").
func (e *Engine) Backend() string { return e.name }

// Description is the backend's own description (device and version).
func (e *Engine) Description() string { return e.backend.Description() }

// Close releases the compiled graphs and the backend.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ex := range e.execs {
		ex.Finalize()
	}
	e.execs = nil
	e.backend.Finalize()
}

// exec returns the cached Exec named key, building it with mk the first
// time.
func (e *Engine) exec(key string, mk func(compute.Backend) (*graph.Exec, error)) (*graph.Exec, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ex, ok := e.execs[key]; ok {
		return ex, nil
	}
	ex, err := mk(e.backend)
	if err != nil {
		return nil, fmt.Errorf("xla: building graph %s: %w", key, err)
	}
	e.execs[key] = ex
	return ex, nil
}

// run calls ex with args and returns its outputs; it turns the panics
// GoMLX raises on backend errors into errors.
func run(key string, ex *graph.Exec, args ...any) (outs []*tensors.Tensor, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("xla: running graph %s: %v", key, r)
		}
	}()
	outs, err = ex.Call(args...)
	if err != nil {
		return nil, fmt.Errorf("xla: running graph %s: %w", key, err)
	}
	return outs, nil
}

// copyOut copies a float32 output tensor into dst and frees it.
func copyOut(dst []float32, t *tensors.Tensor) error {
	defer t.FinalizeAll()
	return tensors.ConstFlatData(t, func(flat []float32) {
		copy(dst, flat)
	})
}
