//go:build linux

package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Parallel is how many runs may be in flight at once in this process; Run
// waits for a slot. Set it before the first Run.
var Parallel = max(1, runtime.NumCPU())

var slots = sync.OnceValue(func() chan struct{} { return make(chan struct{}, Parallel) })

// tools are the host programs the sandbox needs: bwrap makes the
// namespaces and mounts, prlimit sets the rlimits bwrap inherits.
type tools struct{ bwrap, prlimit string }

var findTools = sync.OnceValues(func() (tools, error) {
	var t tools
	var err error
	if t.bwrap, err = exec.LookPath("bwrap"); err != nil {
		return t, fmt.Errorf("%w: bubblewrap (bwrap) is not installed: apt-get install bubblewrap", ErrUnavailable)
	}
	if t.prlimit, err = exec.LookPath("prlimit"); err != nil {
		return t, fmt.Errorf("%w: prlimit (util-linux) is not installed", ErrUnavailable)
	}
	return t, nil
})

// Available reports why sandboxed runs cannot work here (bwrap or prlimit
// missing, user namespaces disabled), or nil. It runs one probe, once.
func Available() error { return probe() }

var probe = sync.OnceValue(func() error {
	t, err := findTools()
	if err != nil {
		return err
	}
	args := append([]string{t.bwrap}, namespaceFlags...)
	args = append(args, "--ro-bind", "/", "/", "--", "/bin/true")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = "/"
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uidBase - 1, Gid: uidBase - 1}}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: bwrap cannot make user namespaces here (%v): %s", ErrUnavailable, err, bytes.TrimSpace(out))
	}
	return nil
})

// namespaceFlags: everything unshared; no nested user namespaces; the
// sandbox dies with the grader and cannot reach its terminal.
var namespaceFlags = []string{
	"--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
	"--unshare-cgroup-try", "--disable-userns", "--die-with-parent", "--new-session",
	"--uid", "1000", "--gid", "1000", "--hostname", "sandbox",
}

// Run runs spec in the box and reports what it did. The error is non-nil
// only when the sandbox could not be set up; the command's own failures
// are in the Result.
func (b *Box) Run(ctx context.Context, spec Spec) (Result, error) {
	if err := Available(); err != nil {
		return Result{}, err
	}
	if len(spec.Args) == 0 || !filepath.IsAbs(spec.Args[0]) {
		return Result{}, errors.New("sandbox: Args[0] must be an absolute path inside the sandbox")
	}
	for _, m := range spec.Mounts {
		if err := reachable(m.Host); err != nil {
			return Result{}, err
		}
	}
	if err := b.giveDirs(); err != nil {
		return Result{}, err
	}
	lim := spec.Limits.withDefaults()
	select {
	case slots() <- struct{}{}:
		defer func() { <-slots() }()
	case <-ctx.Done():
		return Result{ExitCode: -1, Killed: Cancelled}, nil
	}
	cg := newCgroup(filepath.Base(b.Dir), lim, b.uid)
	defer cg.remove()
	t, _ := findTools()
	args := append(cg.joinArgs(), b.prlimitArgs(t.prlimit, lim)...)
	args = append(append(append(args, t.bwrap), b.bwrapArgs(spec, lim)...), spec.Args...)
	res, err := execute(ctx, args, b.credential(), spec.Stdin, lim, cg)
	b.reap(cg)
	return res, err
}

// reap waits, for a root grader, until no task of the box's uid is left:
// the kernel kills a PID namespace's processes when its first one exits,
// but bwrap may return first. Stragglers after a second are killed. The
// run's cgroup, when there is one, lists them more cheaply than /proc.
func (b *Box) reap(cg *cgroup) {
	if os.Getuid() != 0 {
		return
	}
	left := func() []int { return pidsOf(b.uid) }
	if cg != nil {
		left = cg.members
	}
	for i := 0; i < 100 && len(left()) > 0; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	for _, pid := range left() {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// reachable checks that a root grader's box uid can read path: bwrap
// resolves mount sources as that uid, so every folder on the way must be
// searchable by others and path itself readable.
func reachable(path string) error {
	if os.Getuid() != 0 {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("sandbox: mount %w", err)
	}
	if fi.Mode().Perm()&0o005 != 0o005 {
		return fmt.Errorf("sandbox: %s is not readable by other users, so a box cannot mount it", path)
	}
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("sandbox: %s is not searchable by other users, so a box cannot mount %s (install Go somewhere world-readable, e.g. /usr/local/go)", dir, path)
		}
		if dir == filepath.Dir(dir) {
			return nil
		}
	}
}

// prlimitArgs sets the per-process rlimits and the box's process count.
// At the CPU limit the kernel sends SIGKILL (Go ignores SIGXCPU).
func (b *Box) prlimitArgs(prlimit string, lim Limits) []string {
	cpu := int64((lim.CPU + time.Second - 1) / time.Second)
	return []string{prlimit,
		fmt.Sprintf("--cpu=%d", cpu),
		fmt.Sprintf("--as=%d", lim.Memory),
		fmt.Sprintf("--nproc=%d", b.nproc(lim.Procs)),
		fmt.Sprintf("--nofile=%d", lim.OpenFiles),
		fmt.Sprintf("--fsize=%d", lim.FileSize),
		"--core=0", "--"}
}

// bwrapArgs builds the fresh root: the mounts read-only, the scratch
// folder at WorkDir, a sized tmpfs at TmpDir, then the root made read-only.
func (b *Box) bwrapArgs(spec Spec, lim Limits) []string {
	args := append([]string{}, namespaceFlags...)
	args = append(args, "--clearenv")
	for _, m := range spec.Mounts {
		args = append(args, "--ro-bind", m.Host, m.Path)
	}
	bind := "--bind"
	if spec.ReadOnly {
		bind = "--ro-bind"
	}
	args = append(args, bind, b.Dir, WorkDir,
		"--size", strconv.FormatInt(lim.Tmp, 10), "--tmpfs", TmpDir,
		"--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev", "--remount-ro", "/",
		"--chdir", WorkDir)
	for _, kv := range spec.Env {
		k, v, _ := strings.Cut(kv, "=")
		args = append(args, "--setenv", k, v)
	}
	return append(args, "--")
}

// credential switches a root grader to the box's uid, with no groups.
func (b *Box) credential() *syscall.Credential {
	if os.Getuid() != 0 {
		return nil
	}
	return &syscall.Credential{Uid: uint32(b.uid), Gid: uint32(b.gid), Groups: []uint32{}}
}

// nproc is RLIMIT_NPROC for n tasks of the box: a box's own uid has none
// yet; a non-root grader shares its uid, so its current tasks are added.
func (b *Box) nproc(n int) int {
	if os.Getuid() == 0 {
		return n
	}
	return n + tasksOf(os.Getuid())
}

// tasksOf counts the threads of every process whose real uid is uid.
func tasksOf(uid int) int {
	n := 0
	for _, p := range procs() {
		if p.uid == uid {
			n += p.threads
		}
	}
	return n
}

// pidsOf lists the live (not zombie) processes whose real uid is uid.
func pidsOf(uid int) []int {
	var pids []int
	for _, p := range procs() {
		if p.uid == uid && !p.zombie {
			pids = append(pids, p.pid)
		}
	}
	return pids
}

type proc struct {
	pid, uid, threads int
	zombie            bool
}

// procs reads the real uid, thread count and state of every process in /proc.
func procs() []proc {
	status, _ := filepath.Glob("/proc/[0-9]*/status")
	var ps []proc
	for _, f := range status {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		p := proc{uid: -1}
		p.pid, _ = strconv.Atoi(filepath.Base(filepath.Dir(f)))
		for line := range strings.Lines(string(data)) {
			if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
				fmt.Sscan(rest, &p.uid)
			} else if rest, ok := strings.CutPrefix(line, "Threads:"); ok {
				fmt.Sscan(rest, &p.threads)
			} else if rest, ok := strings.CutPrefix(line, "State:"); ok {
				p.zombie = strings.HasPrefix(strings.TrimSpace(rest), "Z")
			}
		}
		ps = append(ps, p)
	}
	return ps
}
