// Package sandbox runs untrusted commands — the Go compiler on a student's
// code, or the binary it built — inside bubblewrap (bwrap): new user, PID,
// network, IPC, UTS and cgroup namespaces, an empty root holding only the
// read-only mounts asked for and one scratch folder, and kernel limits on
// memory, processes, CPU time, file size, open files and output.
//
// Each [Box] is one submission: a scratch folder under a grader-owned base
// and, when the grader runs as root, its own unprivileged uid, so that
// RLIMIT_NPROC counts that submission's processes only (root ignores it).
// Files the grader writes into Box.Dir stay read-only to the box; its
// folders are handed to the box's uid at each Run.
//
// A grading round, in outline:
//
//	warm (once): box.Run(go test -c on the pristine stubs, GoEnv(WorkDir+"/.cache"), WarmLimits)
//	             box.Export(".cache", warmDir)
//	each submission: box := New(); box.LinkCache(warmDir, ".cache"); copy the sources in;
//	             box.Run(go build …, GoEnv(WorkDir+"/.cache"), BuildLimits)
//	             box.Run(WorkDir+"/driver", ReadOnly, RunLimits, Stdin: the cases)
//	             box.Close()
package sandbox

import (
	"errors"
	"io"
	"time"
)

// Paths inside the sandbox.
const (
	WorkDir   = "/work"         // the box's scratch folder
	GoRootDir = "/usr/local/go" // where [Toolchain] mounts the Go toolchain
	TmpDir    = "/tmp"          // a size-limited tmpfs, new for every run
)

// Limits bounds one Run. Zero fields take the value of [RunLimits].
//
// Per process: CPU, Memory, OpenFiles, FileSize. Per box (its uid): Procs.
// Per run: Wall, Tmp, Output, and Total where the grader runs as root on
// a host with cgroups (v1 or v2): then the box's processes together, page
// cache and /tmp included, get Total bytes and Procs tasks. Without a
// cgroup a box's memory is bounded only by Memory × Procs. Run admits at
// most [Parallel] boxes at once, which bounds the host's total.
type Limits struct {
	Wall      time.Duration // wall-clock time of the whole run
	CPU       time.Duration // CPU time of each process (RLIMIT_CPU)
	Memory    int64         // bytes of address space of each process (RLIMIT_AS)
	Total     int64         // bytes of memory of the whole run (memory cgroup, when made)
	Procs     int           // processes and threads of the box's uid (RLIMIT_NPROC)
	OpenFiles int           // open files of each process (RLIMIT_NOFILE)
	FileSize  int64         // bytes of the largest file written (RLIMIT_FSIZE)
	Tmp       int64         // bytes of the /tmp tmpfs
	Output    int64         // bytes read from each of stdout and stderr; more kills the run
}

// RunLimits suit a built driver binary answering a handful of test cases.
var RunLimits = Limits{
	Wall:      10 * time.Second,
	CPU:       10 * time.Second,
	Memory:    1 << 30,
	Total:     512 << 20,
	Procs:     64,
	OpenFiles: 64,
	FileSize:  16 << 20,
	Tmp:       16 << 20,
	Output:    1 << 20,
}

// BuildLimits suit `go build` or `go test -c` of one exercise against a
// warm build cache: enough for the standard library's importers, not for
// a compile bomb.
var BuildLimits = Limits{
	Wall:      2 * time.Minute,
	CPU:       time.Minute,
	Memory:    1 << 30,
	Total:     2 << 30,
	Procs:     128,
	OpenFiles: 256,
	FileSize:  64 << 20,
	Tmp:       256 << 20,
	Output:    256 << 10,
}

// WarmLimits suit a trusted build that fills a Go build cache for later
// [Box.LinkCache] calls: the standard library's larger packages need more
// than BuildLimits' address space when compiled cold.
var WarmLimits = Limits{
	Wall:      10 * time.Minute,
	CPU:       10 * time.Minute,
	Memory:    4 << 30,
	Total:     4 << 30,
	Procs:     256,
	OpenFiles: 1024,
	FileSize:  256 << 20,
	Tmp:       1 << 30,
	Output:    1 << 20,
}

// Mount makes the host folder Host visible read-only at Path inside.
type Mount struct {
	Host, Path string
}

// Spec is one command to run in a box.
type Spec struct {
	Args     []string  // the command, Args[0] an absolute path inside the sandbox
	Env      []string  // the whole environment (KEY=VALUE); nothing is inherited
	Mounts   []Mount   // read-only mounts, e.g. [Toolchain]
	ReadOnly bool      // mount the scratch folder read-only (running a built binary)
	Stdin    io.Reader // nil: empty
	Limits   Limits
}

// Reason says why a run was stopped; "" when it ended by itself.
type Reason string

// The reasons a run is stopped.
const (
	Finished  Reason = ""
	Timeout   Reason = "wall-clock time limit"
	CPUTime   Reason = "CPU time limit"
	Memory    Reason = "memory limit"
	Output    Reason = "output limit"
	Cancelled Reason = "cancelled"
)

// Result is what a run did. ExitCode is the command's status, 128+n when
// signal n ended it, and -1 when the sandbox itself was killed.
type Result struct {
	ExitCode       int
	Stdout, Stderr []byte // at most Limits.Output bytes each
	Truncated      bool   // some output was cut
	Killed         Reason
	Duration       time.Duration
	Peak           int64 // peak memory of the run in bytes, when a cgroup measured it; else 0
}

// ErrUnavailable wraps every reason the sandbox cannot run here.
var ErrUnavailable = errors.New("sandbox unavailable")

func (l Limits) withDefaults() Limits {
	d := RunLimits
	pick := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&l.Memory, d.Memory)
	pick(&l.Total, d.Total)
	pick(&l.FileSize, d.FileSize)
	pick(&l.Tmp, d.Tmp)
	pick(&l.Output, d.Output)
	if l.Wall <= 0 {
		l.Wall = d.Wall
	}
	if l.CPU <= 0 {
		l.CPU = d.CPU
	}
	if l.Procs <= 0 {
		l.Procs = d.Procs
	}
	if l.OpenFiles <= 0 {
		l.OpenFiles = d.OpenFiles
	}
	return l
}
