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
	"time"

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
	isa    string // PyTorch's CPU capability, as its last answer reported it
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
	if c := torchCapability(rows.ISA(), os.Getenv("COURSE_ISA") != ""); c != "" {
		p.cmd.Env = append(os.Environ(), "ATEN_CPU_CAPABILITY="+c)
	}
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

// torchCapability is the ATEN_CPU_CAPABILITY the peer runs with when the
// native kernels are isa, or "" to leave PyTorch its own choice: the same
// instruction set on both sides, as on a CPU that has no wider one (PyTorch
// 1.13 picks AVX2 on an AVX-512 CPU by itself). PyTorch has no SSE tier:
// the SSE2 kernels meet its "default" kernels, its baseline build, which
// is what it runs on a CPU without AVX2. The scalar kernels are matched
// with "default" only when forced (COURSE_ISA set): a build without
// GOEXPERIMENT=simd is a build choice, not a CPU's limit, and meets
// PyTorch as it comes. A capability set in the environment wins, for a
// deliberate mismatch.
func torchCapability(isa string, forced bool) string {
	switch c := os.Getenv("ATEN_CPU_CAPABILITY"); {
	case c != "":
		return c
	case isa == "sse2":
		return "default"
	case isa != "scalar":
		return isa
	case forced:
		return "default"
	}
	return ""
}

// timeTorch has the peer time one run of op after settling the caches as
// Config.timeOne does: swept before a cold run, and for a warm run
// warm-up calls of op in the peer for warmFor right before the timed one.
func (c Config) timeTorch(p *torchPeer, op string) (Result, error) {
	c.cold.evict()
	warm := "0"
	if c.Warm {
		warm = fmt.Sprintf("%dms", warmFor.Milliseconds())
	}
	return p.request(op, 1, warm)
}

// time asks the peer to time runs runs of op, after a warm-up run if
// warmup is set, and returns the median.
func (p *torchPeer) time(op string, runs int, warmup bool) (Result, error) {
	if warmup {
		return p.request(op, runs, "1")
	}
	return p.request(op, runs, "0")
}

// request sends "op runs warmup" (warmup "0", "1" or a duration such as
// "20ms") and reads the peer's answer.
func (p *torchPeer) request(op string, runs int, warmup string) (Result, error) {
	if _, err := fmt.Fprintln(p.in, op, runs, warmup); err != nil {
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
		ISA   string `json:"isa"` // what PyTorch reports it uses
		Error string `json:"error"`
	}
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		return Result{}, fmt.Errorf("torch peer: bad output line %q: %v", p.out.Text(), err)
	}
	if r.Error != "" {
		return Result{}, fmt.Errorf("torch peer: %s: %s", op, r.Error)
	}
	p.isa = r.ISA
	return r.Result, nil
}

func (p *torchPeer) close() {
	p.in.Close()
	p.cmd.Wait()
}

// cpuNs returns the CPU time the peer's threads have used, in ns, from
// /proc/PID/task/*/schedstat (Linux); ok is false where it cannot be read.
func (p *torchPeer) cpuNs() (ns int64, ok bool) {
	dir := fmt.Sprintf("/proc/%d/task", p.cmd.Process.Pid)
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0, false
	}
	for _, t := range tasks {
		b, err := os.ReadFile(dir + "/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		var run int64
		if _, err := fmt.Sscan(string(b), &run); err == nil {
			ns, ok = ns+run, true
		}
	}
	return ns, ok
}

// quiesce waits until the peer's threads stop using the CPU. PyTorch's
// OpenMP workers spin for milliseconds after each parallel region (2–4 ms
// of CPU in the next 50 ms with PyTorch 1.13 here), and a Go run timed
// beside them would share the cores with them. It polls every quietPoll
// and returns true once a poll finds the peer's CPU time grown by under a
// tenth of the interval; false after quietMax, or at once where the
// peer's CPU time cannot be read (no /proc schedstat).
func (p *torchPeer) quiesce() bool {
	if p == nil {
		return true
	}
	last, ok := p.cpuNs()
	if !ok {
		return false
	}
	for start := time.Now(); time.Since(start) < quietMax; {
		time.Sleep(quietPoll)
		now, _ := p.cpuNs()
		if now-last < int64(quietPoll)/10 {
			return true
		}
		last = now
	}
	return false
}

const quietPoll, quietMax = time.Millisecond, 200 * time.Millisecond
