package grader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bitsandlogits/course/internal/sandbox"
)

// sandboxBox builds and runs in the OS sandbox (internal/sandbox): its own
// namespaces, the toolchain read-only, the box's scratch folder the only
// writable place, and limits on memory, processes, CPU and output.
type sandboxBox struct {
	b     *sandbox.Box
	tests string // the pristine exercises folder, for the warm cache
}

func newSandboxBox(tests string) (box, error) {
	b, err := sandbox.New()
	if err != nil {
		return nil, err
	}
	return sandboxBox{b, tests}, nil
}

func (s sandboxBox) Dir() string   { return s.b.Dir }
func (s sandboxBox) Inner() string { return sandbox.WorkDir }
func (s sandboxBox) Close()        { s.b.Close() }

// cacheDir is the build cache's folder in a box.
const cacheDir = ".cache"

func (s sandboxBox) Build(ctx context.Context, pkg, out string) string {
	toolchain, err := hostToolchain(ctx)
	if err != nil {
		return "grader: " + err.Error()
	}
	if warm, err := warmCache(ctx, s.tests, toolchain); err == nil {
		s.b.LinkCache(warm, cacheDir)
	}
	r, err := s.b.Run(ctx, sandbox.Spec{
		Args:   []string{sandbox.GoRootDir + "/bin/go", "test", "-c", "-vet=off", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(sandbox.WorkDir, out), "./" + pkg},
		Env:    sandbox.GoEnv(filepath.Join(sandbox.WorkDir, cacheDir)),
		Mounts: []sandbox.Mount{toolchain},
		Limits: sandbox.BuildLimits,
	})
	switch {
	case err != nil:
		return "grader: " + err.Error()
	case r.Killed == sandbox.Cancelled || ctx.Err() != nil:
		return "grading was cancelled"
	case r.Killed != sandbox.Finished:
		return fmt.Sprintf("does not compile: the compiler hit the sandbox's %s (a compile bomb?)", r.Killed)
	case r.ExitCode != 0 && strings.HasPrefix(string(r.Stderr), "bwrap:"):
		return "grader: the sandbox could not start: " + firstLine(string(r.Stderr))
	case r.ExitCode != 0:
		return compileError(string(r.Stdout)+string(r.Stderr), sandbox.WorkDir)
	}
	return ""
}

func (s sandboxBox) Run(ctx context.Context, args, env []string) runResult {
	lim := sandbox.RunLimits
	lim.Output = floodLimit
	if dl, ok := ctx.Deadline(); ok {
		lim.Wall = max(0, time.Until(dl)) + time.Second
		lim.CPU = lim.Wall
	}
	// Each run gets a box (a uid) of its own: the sandbox kills every
	// process of a box's uid when one of its runs ends, and the tests of
	// an exercise run in parallel. The binaries and named pipes at the top
	// of the build's box are hard-linked in.
	run, err := sandbox.New()
	if err != nil {
		return runResult{Err: err, Reason: "the sandbox failed: " + err.Error()}
	}
	defer run.Close()
	entries, err := os.ReadDir(s.b.Dir)
	for _, e := range entries {
		if err == nil && !e.IsDir() {
			err = os.Link(filepath.Join(s.b.Dir, e.Name()), filepath.Join(run.Dir, e.Name()))
		}
	}
	if err != nil {
		return runResult{Err: err, Reason: "the sandbox failed: " + err.Error()}
	}
	r, err := run.Run(ctx, sandbox.Spec{
		Args:     args,
		Env:      append([]string{"HOME=" + sandbox.TmpDir, "TMPDIR=" + sandbox.TmpDir, "GOTRACEBACK=single"}, env...),
		ReadOnly: true,
		Limits:   lim,
	})
	if err != nil {
		return runResult{Err: err, Reason: "the sandbox failed: " + err.Error()}
	}
	out := &capture{limit: keptOutput}
	out.Write(r.Stdout)
	out.Write(r.Stderr)
	res := runResult{Output: out.String()}
	if r.ExitCode != 0 {
		res.Err = fmt.Errorf("exit status %d", r.ExitCode)
	}
	switch r.Killed {
	case sandbox.Output:
		res.Reason = fmt.Sprintf("the code printed more than %d MiB (output flood)", lim.Output>>20)
	case sandbox.Memory:
		res.Reason = fmt.Sprintf("the code ran out of memory (limit %d MiB of address space per process)", lim.Memory>>20)
	case sandbox.CPUTime:
		res.Reason = "the code used up its CPU time"
	}
	return res
}

// warmCache returns the host folder of a Go build cache filled by a trusted
// build of the standard packages a submission may use, the test framework
// and the exercises' internal helpers; each box links it in read-only, so
// a build compiles only the learner's package. It is made once per
// toolchain.
func warmCache(ctx context.Context, tests string, toolchain sandbox.Mount) (string, error) {
	warmMu.Lock()
	defer warmMu.Unlock()
	if warmPath != "" {
		return warmPath, nil
	}
	b, err := sandbox.New()
	if err != nil {
		return "", err
	}
	defer b.Close()
	if err := module(b.Dir, tests); err != nil {
		return "", err
	}
	// One warm cache per toolchain and per version of the shared packages
	// (go.mod, internal/): a cache warmed with an older judge or check
	// would miss on them in every build.
	key := checkerKey(b.Dir)
	if key == "" {
		return "", errors.New("warming the build cache: cannot hash " + tests)
	}
	dst := filepath.Join(filepath.Dir(b.Dir), "gocache-"+key[:16])
	if _, err := os.Stat(dst); err == nil {
		warmPath = dst
		return dst, nil
	}
	var src strings.Builder
	src.WriteString("package warm_test\n\nimport (\n\t_ \"testing\"\n\t_ \"encoding/gob\"\n")
	for _, p := range AllowedImports {
		fmt.Fprintf(&src, "\t_ %q\n", p)
	}
	for _, p := range []string{"judge", "check"} {
		if _, err := os.Stat(filepath.Join(tests, "internal", p)); err == nil {
			fmt.Fprintf(&src, "\t_ %q\n", exercisesModule(tests)+"/internal/"+p)
		}
	}
	src.WriteString(")\n")
	if err := os.MkdirAll(filepath.Join(b.Dir, "zzwarm"), 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(b.Dir, "zzwarm", "warm_test.go"), []byte(src.String()), 0o644); err != nil {
		return "", err
	}
	r, err := b.Run(ctx, sandbox.Spec{
		Args:   []string{sandbox.GoRootDir + "/bin/go", "test", "-c", "-vet=off", "-trimpath", "-ldflags=-s -w", "-o", sandbox.WorkDir + "/warm.test", "./zzwarm"},
		Env:    sandbox.GoEnv(filepath.Join(sandbox.WorkDir, cacheDir)),
		Mounts: []sandbox.Mount{toolchain},
		Limits: sandbox.WarmLimits,
	})
	if err == nil && r.ExitCode != 0 {
		err = fmt.Errorf("warming the build cache: exit %d (%s): %s", r.ExitCode, r.Killed, r.Stderr)
	}
	if err != nil {
		return "", err
	}
	if err := b.Export(cacheDir, dst); err != nil {
		return "", err
	}
	warmPath = dst
	return dst, nil
}

var (
	warmMu   sync.Mutex
	warmPath string
)

// hostToolchain is sandbox.Toolchain, asked once per process.
func hostToolchain(ctx context.Context) (sandbox.Mount, error) {
	toolchainMu.Lock()
	defer toolchainMu.Unlock()
	if toolchain.Host != "" {
		return toolchain, nil
	}
	m, err := sandbox.Toolchain(ctx)
	if err == nil {
		toolchain = m
	}
	return m, err
}

var (
	toolchainMu sync.Mutex
	toolchain   sandbox.Mount
)
