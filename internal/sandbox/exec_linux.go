//go:build linux

package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"syscall"
	"time"
)

var errOutput = errors.New("output limit")

// execute runs args ([sh cgroup join] prlimit … bwrap … command) as cred,
// in cg when there is one, killing it at the wall-clock limit or when an
// output stream passes lim.Output bytes.
func execute(ctx context.Context, args []string, cred *syscall.Credential, stdin io.Reader, lim Limits, cg *cgroup) (Result, error) {
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, lim.Wall)
	defer cancel()
	ctx, over := context.WithCancelCause(ctx)
	defer over(nil)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = "/"
	cmd.Env = []string{}
	cmd.Stdin = stdin
	stdout := &capped{limit: lim.Output, over: func() { over(errOutput) }}
	stderr := &capped{limit: lim.Output, over: func() { over(errOutput) }}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cg.attach(cmd.SysProcAttr)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	start := time.Now()
	err := cmd.Run()
	res := Result{
		ExitCode:  -1,
		Stdout:    stdout.buf.Bytes(),
		Stderr:    stderr.buf.Bytes(),
		Truncated: stdout.cut || stderr.cut,
		Duration:  time.Since(start),
		Peak:      cg.peak(),
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		res.ExitCode = 0
	case errors.As(err, &exit) && exit.Exited():
		res.ExitCode = exit.ExitCode()
	case errors.As(err, &exit):
		// bwrap itself was killed: by us (below) or by a signal.
	case errors.Is(err, exec.ErrWaitDelay):
		res.ExitCode = cmd.ProcessState.ExitCode()
	default:
		return res, err
	}
	res.Killed = reason(ctx, parent, res, cg.oomKilled())
	return res, nil
}

// reason says why a run ended: our own kills first, then the cgroup's OOM
// killer, then what the exit status and the runtime's last words show.
func reason(ctx, parent context.Context, r Result, oom bool) Reason {
	switch {
	case errors.Is(context.Cause(ctx), errOutput):
		return Output
	case parent.Err() != nil:
		return Cancelled
	case ctx.Err() != nil:
		return Timeout
	case oom, r.ExitCode != 0 && outOfMemory(r.Stderr):
		return Memory
	case r.ExitCode == 128+int(syscall.SIGXCPU), r.ExitCode == 128+int(syscall.SIGKILL):
		// SIGKILL from inside, not the OOM killer: RLIMIT_CPU's hard limit.
		return CPUTime
	}
	return Finished
}

// outOfMemory spots the Go runtime's and the kernel's words for a failed
// allocation under RLIMIT_AS.
func outOfMemory(stderr []byte) bool {
	for _, s := range []string{"out of memory", "cannot allocate memory", "failed to reserve", "errno=12"} {
		if bytes.Contains(bytes.ToLower(stderr), []byte(s)) {
			return true
		}
	}
	return false
}

// capped keeps the first limit bytes written; the first write past them
// calls over, and later ones are discarded.
type capped struct {
	buf   bytes.Buffer
	limit int64
	cut   bool
	over  func()
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.limit - int64(c.buf.Len())
	if int64(len(p)) > room {
		c.buf.Write(p[:max(room, 0)])
		if !c.cut {
			c.cut = true
			c.over()
		}
		return len(p), nil
	}
	return c.buf.Write(p)
}
