package grader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bitsandlogits/course/internal/sandbox"
)

// box is where untrusted code is built and run: the OS sandbox, or a plain
// temporary folder where the sandbox is unavailable (self-study only).
type box interface {
	// Dir is the box's scratch folder on the host: assemble modules here.
	Dir() string
	// Inner is the same folder as seen by the code inside the box.
	Inner() string
	// Build compiles the test binary of package ./pkg of the module in
	// Dir to Dir/out; it returns a message for the learner when it fails.
	Build(ctx context.Context, pkg, out string) string
	// Run runs args (paths inside the box) with env and reports its output
	// and how it ended.
	Run(ctx context.Context, args, env []string) runResult
	Close()
}

// runResult is what one run in a box did.
type runResult struct {
	Output string // stdout and stderr, capped
	Err    error  // nil: exit status 0
	Reason string // why the box stopped it: time, memory, output; "" if it ended by itself
}

// newBox returns a fresh box for one build or submission: in the OS
// sandbox unless cfg says otherwise or (without RequireSandbox) the
// sandbox is unavailable here.
func (cfg Config) newBox() (box, error) {
	if cfg.Unsandboxed {
		return newPlainBox()
	}
	if err := sandbox.Available(); err != nil {
		if cfg.RequireSandbox {
			return nil, err
		}
		return newPlainBox()
	}
	return newSandboxBox(cfg.Tests)
}

// plainBox runs commands directly in a temporary folder, with a memory
// limit (ulimit -v), a process group killed at the end, and capped output.
type plainBox struct{ dir string }

func newPlainBox() (box, error) {
	dir, err := os.MkdirTemp("", "course-grade-")
	if err != nil {
		return nil, err
	}
	return plainBox{dir}, nil
}

func (b plainBox) Dir() string   { return b.dir }
func (b plainBox) Inner() string { return b.dir }
func (b plainBox) Close()        { os.RemoveAll(b.dir) }

func (b plainBox) Build(ctx context.Context, pkg, out string) string {
	ctx, cancel := context.WithTimeout(ctx, BuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-vet=off", "-trimpath", "-ldflags=-s -w", "-o", out, "./"+pkg)
	cmd.Dir = b.dir
	// The go command's own temporary folders go inside the box, so a
	// build killed by Ctrl-C leaves none behind.
	tmp := filepath.Join(b.dir, ".tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return "grader: " + err.Error()
	}
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0", "TMPDIR="+tmp)
	output := &capture{limit: keptOutput}
	cmd.Stdout, cmd.Stderr = output, output
	killGroup(cmd)
	err := cmd.Run()
	switch {
	case err == nil:
		return ""
	case errors.Is(err, exec.ErrNotFound):
		return "grader: the go command is not installed or not on PATH"
	case ctx.Err() != nil:
		return fmt.Sprintf("does not compile within %v", BuildTimeout)
	}
	return compileError(output.String(), b.dir)
}

func (b plainBox) Run(ctx context.Context, args, env []string) runResult {
	ctx, flood := context.WithCancelCause(ctx)
	defer flood(nil)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	if sh, err := exec.LookPath("sh"); err == nil {
		limit := fmt.Sprintf(`ulimit -v %d 2>/dev/null; exec "$0" "$@"`, memoryLimitKiB)
		cmd = exec.CommandContext(ctx, sh, append([]string{"-c", limit}, args...)...)
	}
	cmd.Dir = b.dir
	cmd.Env = append([]string{"HOME=" + b.dir, "TMPDIR=" + b.dir, "GOTRACEBACK=single"}, env...)
	out := &capture{limit: keptOutput, flood: floodLimit, onFlood: func() { flood(errFlood) }}
	cmd.Stdout, cmd.Stderr = out, out
	killGroup(cmd)
	err := cmd.Run()
	res := runResult{Output: out.String(), Err: err}
	switch {
	case errors.Is(context.Cause(ctx), errFlood):
		res.Reason = fmt.Sprintf("the code printed more than %d MiB (output flood)", floodLimit>>20)
	case err != nil && strings.Contains(res.Output, "out of memory"):
		res.Reason = fmt.Sprintf("the code ran out of memory (limit %d GiB of address space)", memoryLimitKiB>>20)
	}
	return res
}

var compilerLine = regexp.MustCompile(`(?m)^(\./)?[^\s:]+\.go:\d+(:\d+)?: .*$`)

// compileError turns the go command's output into the learner's message:
// the first compiler error (file:line: message) on the first line, then
// the rest, with the box's folder names removed.
func compileError(output, dir string) string {
	output = strings.ReplaceAll(output, dir+string(filepath.Separator), "")
	output = strings.TrimSpace(output)
	first := compilerLine.FindString(output)
	for line := range strings.Lines(output) {
		if first != "" {
			break
		}
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			first = line
		}
	}
	return "does not compile: " + strings.TrimPrefix(first, "./") + "\n" + output
}
