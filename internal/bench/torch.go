package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/bitsandlogits/course/pkg/rows"
)

// TorchAvailable reports whether python can import torch, with the
// reason when it cannot.
func TorchAvailable(python string) error {
	if _, err := os.Stat(python); err != nil {
		return fmt.Errorf("%s not found", python)
	}
	out, err := exec.Command(python, "-c", "import torch").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s cannot import torch: %s", python, lastLine(out))
	}
	return nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// torchPeer is a running scripts/bench_torch.py --serve: it times one op
// per request, so that each op runs in PyTorch right after it ran in Go.
type torchPeer struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Scanner
	stderr bytes.Buffer
}

// startTorch starts the peer with the same shape, runs and thread count
// (GOMAXPROCS) as the Go side.
func startTorch(cfg Config) (*torchPeer, error) {
	if err := TorchAvailable(cfg.Python); err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.TorchScript); err != nil {
		return nil, fmt.Errorf("peer script %s not found (run from the repository root)", cfg.TorchScript)
	}
	p := &torchPeer{cmd: exec.Command(cfg.Python, cfg.TorchScript, "--serve",
		"--batch", fmt.Sprint(cfg.Batch), "--vocab", fmt.Sprint(cfg.Vocab),
		"--threads", fmt.Sprint(runtime.GOMAXPROCS(0)), "--runs", fmt.Sprint(cfg.Runs))}
	p.cmd.Env = append(os.Environ(), "ATEN_CPU_CAPABILITY="+TorchCapability(rows.ISA()))
	p.cmd.Stderr = &p.stderr
	var err error
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p.out = bufio.NewScanner(stdout)
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", cfg.TorchScript, err)
	}
	return p, nil
}

// TorchCapability is the ATEN_CPU_CAPABILITY the peer runs with when the
// native kernels are isa: the same instruction set on both sides, as on a
// CPU that has no wider one. PyTorch's "default" kernels are its
// unvectorised ones, the peer of the scalar path. A capability set in the
// environment wins, for a deliberate mismatch.
func TorchCapability(isa string) string {
	if c := os.Getenv("ATEN_CPU_CAPABILITY"); c != "" {
		return c
	}
	if isa == "scalar" {
		return "default"
	}
	return isa
}

// time asks the peer to time runs runs of op, after a warm-up run if
// warmup is set, and returns the median.
func (p *torchPeer) time(op string, runs int, warmup bool) (Result, error) {
	w := 0
	if warmup {
		w = 1
	}
	if _, err := fmt.Fprintln(p.in, op, runs, w); err != nil {
		return Result{}, fmt.Errorf("torch peer: %w", err)
	}
	if !p.out.Scan() {
		// Wait for the process, and so for os/exec's copy into p.stderr,
		// before reading it.
		p.in.Close()
		p.cmd.Wait()
		return Result{}, fmt.Errorf("torch peer exited: %s", lastLine(p.stderr.Bytes()))
	}
	var r struct {
		Result
		Error string `json:"error"`
	}
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		return Result{}, fmt.Errorf("torch peer: bad output line %q: %v", p.out.Text(), err)
	}
	if r.Error != "" {
		return Result{}, fmt.Errorf("torch peer: %s: %s", op, r.Error)
	}
	return r.Result, nil
}

func (p *torchPeer) close() {
	p.in.Close()
	p.cmd.Wait()
}
