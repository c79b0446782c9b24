//go:build linux

package sandbox

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The boundary tests: each runs testdata/attack (built once, on the host)
// in a fresh box and checks that the attack was contained.

var attackBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sandbox-attack-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "attack")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/attack")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building testdata/attack: %v\n%s", err, out)
	}
	return bin, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := attackBin(); err == nil {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

func need(t *testing.T) {
	t.Helper()
	if err := Available(); err != nil {
		t.Skipf("no sandbox on this machine, boundary untested: %v", err)
	}
}

// attack runs `attack args…` in a new box with lim and returns the box
// (closed at the end of the test) and the result.
func attack(t *testing.T, lim Limits, readOnly bool, args ...string) (*Box, Result) {
	t.Helper()
	need(t)
	bin, err := attackBin()
	if err != nil {
		t.Fatal(err)
	}
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := copyFile(bin, filepath.Join(b.Dir, "attack")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(b.Dir, "attack"), 0o755); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Args: append([]string{WorkDir + "/attack"}, args...), Env: []string{"A=1"}, ReadOnly: readOnly, Limits: lim}
	res, err := b.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return b, res
}

func TestEnvironmentIsExplicit(t *testing.T) {
	_, r := attack(t, Limits{}, true, "env")
	if got, want := string(r.Stdout), "A=1\nPWD=/work\nuid 1000 host sandbox\n"; got != want || r.ExitCode != 0 {
		t.Errorf("env: exit %d, stdout %q, want %q (stderr %s)", r.ExitCode, got, want, r.Stderr)
	}
}

func TestForkBombIsContained(t *testing.T) {
	_, r := attack(t, Limits{Procs: 32}, true, "fork")
	out := string(r.Stdout)
	var n int
	if _, err := fmt.Sscanf(out, "fork failed after %d", &n); err != nil || n >= 32 {
		t.Fatalf("fork bomb: %q (stderr %s), want a refusal before 32 processes", out, r.Stderr)
	}
	if !strings.Contains(out, "resource temporarily unavailable") {
		t.Errorf("fork bomb stopped for another reason: %q", out)
	}
}

func TestMemoryBombIsKilled(t *testing.T) {
	_, r := attack(t, Limits{Memory: 1 << 30}, true, "mem")
	if r.ExitCode == 0 || r.Killed != Memory || strings.Contains(string(r.Stdout), "allocated MiB 512") {
		t.Errorf("memory bomb: exit %d, killed %q, stdout %q", r.ExitCode, r.Killed, r.Stdout)
	}
}

func TestOpenFilesAreLimited(t *testing.T) {
	_, r := attack(t, Limits{OpenFiles: 40}, true, "fds")
	var n int
	if _, err := fmt.Sscanf(string(r.Stdout), "open failed after %d", &n); err != nil || n >= 40 {
		t.Errorf("fd exhaustion: %q, want a refusal before 40 files", r.Stdout)
	}
}

func TestNetworkIsUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for c, err := ln.Accept(); err == nil; c, err = ln.Accept() {
			c.Close()
		}
	}()
	_, r := attack(t, Limits{}, true, "dial", ln.Addr().String(), "1.1.1.1:53", "[::1]:"+strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	if strings.Contains(string(r.Stdout), "CONNECTED") || r.ExitCode != 0 {
		t.Errorf("network: exit %d, %s %s", r.ExitCode, r.Stdout, r.Stderr)
	}
}

func TestWritingOutsideScratchFails(t *testing.T) {
	b, r := attack(t, Limits{}, false, "write", "/x", "/etc/x", GoRootDir+"/x", "/proc/x", "/dev/x", WorkDir+"/ok", TmpDir+"/ok")
	if got, want := string(r.Stdout), "WROTE /work/ok\nWROTE /tmp/ok\n"; got != want {
		t.Errorf("writes that succeeded: %q, want only scratch and tmp: %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(b.Dir, "ok")); err != nil {
		t.Errorf("the scratch write did not reach the box's folder: %v", err)
	}
	_, r = attack(t, Limits{}, true, "write", WorkDir+"/ok")
	if len(r.Stdout) != 0 {
		t.Errorf("a read-only scratch folder was written: %q", r.Stdout)
	}
}

func TestHostFilesAreInvisible(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	home, _ := os.UserHomeDir()
	paths := []string{repo, filepath.Join(repo, "solutions"), filepath.Join(repo, "go.mod"),
		filepath.Join(repo, "exercises/02-softmax/softmax_hidden_test.go"), home, "/root", "/etc/passwd",
		"/home", os.TempDir() + "/course-sandbox-" + strconv.Itoa(os.Getuid())}
	_, r := attack(t, Limits{}, true, append([]string{"read"}, paths...)...)
	if len(r.Stdout) != 0 || r.ExitCode != 0 {
		t.Errorf("host paths visible from the sandbox (exit %d):\n%s%s", r.ExitCode, r.Stdout, r.Stderr)
	}
}

func TestLeftoverProcessesAreKilled(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs a box uid of its own (run as root) to list the box's processes")
	}
	b, r := attack(t, Limits{}, true, "orphan")
	if string(r.Stdout) != "start: <nil>\n" {
		t.Fatalf("orphan: %q %s", r.Stdout, r.Stderr)
	}
	if n := len(pidsOf(b.uid)); n != 0 {
		t.Errorf("%d processes of the box's uid %d outlived its run", n, b.uid)
	}
}

func TestOutputFloodIsCut(t *testing.T) {
	_, r := attack(t, Limits{Output: 64 << 10}, true, "flood")
	if r.Killed != Output || !r.Truncated || len(r.Stdout) != 64<<10 {
		t.Errorf("flood: killed %q, truncated %v, kept %d bytes", r.Killed, r.Truncated, len(r.Stdout))
	}
}

func TestTimeLimits(t *testing.T) {
	_, r := attack(t, Limits{Wall: 500 * time.Millisecond}, true, "sleep")
	if r.Killed != Timeout || r.ExitCode != -1 {
		t.Errorf("sleep: killed %q, exit %d, want the wall-clock limit", r.Killed, r.ExitCode)
	}
	_, r = attack(t, Limits{CPU: time.Second, Wall: time.Minute}, true, "spin")
	if r.Killed != CPUTime {
		t.Errorf("spin: killed %q, exit %d, want the CPU limit", r.Killed, r.ExitCode)
	}
}

func TestFileSizesAreLimited(t *testing.T) {
	_, r := attack(t, Limits{FileSize: 1 << 20}, false, "bigfile", WorkDir+"/big")
	if !strings.Contains(string(r.Stdout), "file too large") {
		t.Errorf("a 32 MiB file under a 1 MiB RLIMIT_FSIZE: %q %s", r.Stdout, r.Stderr)
	}
	_, r = attack(t, Limits{Tmp: 4 << 20}, false, "bigfile", TmpDir+"/big")
	if !strings.Contains(string(r.Stdout), "no space left") {
		t.Errorf("a 32 MiB file on a 4 MiB tmpfs: %q %s", r.Stdout, r.Stderr)
	}
}

// compileBomb is about 600 bytes of Go whose type T18 has 2^18 leaves:
// the compiler's memory doubles per level (540 MB resident at this depth
// unlimited, and a 64+ MiB archive).
func compileBomb() string {
	var s strings.Builder
	s.WriteString("package b\n\ntype T0 = struct{ a, b int }\n")
	for i := 1; i <= 18; i++ {
		fmt.Fprintf(&s, "type T%d = struct{ a, b T%d }\n", i, i-1)
	}
	s.WriteString("var V T18\n")
	return s.String()
}

// goBuild runs `go build ./b` in a new box on the given source.
func goBuild(t *testing.T, src string, lim Limits) Result {
	t.Helper()
	need(t)
	goroot, err := Toolchain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	for name, body := range map[string]string{"go.mod": "module m\n\ngo 1.26\n", "b/b.go": src} {
		os.MkdirAll(filepath.Join(b.Dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(b.Dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spec := Spec{
		Args:   []string{GoRootDir + "/bin/go", "build", "./b"},
		Env:    GoEnv(WorkDir + "/.cache"),
		Mounts: []Mount{goroot},
		Limits: lim,
	}
	res, err := b.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestGoBuildWorksInside(t *testing.T) {
	r := goBuild(t, "package b\n\nfunc F(x int) int { return 2 * x }\n", BuildLimits)
	if r.ExitCode != 0 {
		t.Fatalf("go build of a trivial package failed: exit %d, killed %q\n%s", r.ExitCode, r.Killed, r.Stderr)
	}
	r = goBuild(t, "package b\n\nfunc F(x int) int { return 2 * y }\n", BuildLimits)
	if r.ExitCode != 1 || !strings.Contains(string(r.Stderr), "undefined: y") {
		t.Errorf("a compile error: exit %d\n%s", r.ExitCode, r.Stderr)
	}
}

func TestCompileBombIsKilled(t *testing.T) {
	// BuildLimits' 1 GiB of address space leaves the compiler about 300 MB
	// of heap: enough for TestGoBuildWorksInside, not for the bomb.
	r := goBuild(t, compileBomb(), BuildLimits)
	if r.ExitCode == 0 || r.Killed != Memory {
		t.Errorf("compile bomb: exit %d, killed %q, want the memory limit\n%s", r.ExitCode, r.Killed, r.Stderr)
	}
}

func TestMemoryCgroupBoundsTheBox(t *testing.T) {
	_, r := attack(t, Limits{Memory: 8 << 30, Total: 256 << 20}, true, "mem")
	if r.Peak == 0 {
		t.Skip("no memory cgroup here (needs root and the memory controller): only RLIMIT_AS bounds a box")
	}
	if r.Killed != Memory || r.Peak > 257<<20 || strings.Contains(string(r.Stdout), "allocated MiB 320") {
		t.Errorf("memory bomb in a 256 MiB cgroup: killed %q, peak %d bytes, stdout %q", r.Killed, r.Peak, r.Stdout)
	}
}

func TestUnreachableMountIsAnError(t *testing.T) {
	need(t)
	if os.Getuid() != 0 {
		t.Skip("only a root grader's boxes run as another uid")
	}
	hidden := filepath.Join(t.TempDir(), "private") // t.TempDir's parent is mode 0700
	os.Mkdir(hidden, 0o755)
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	_, err = b.Run(context.Background(), Spec{Args: []string{"/x"}, Mounts: []Mount{{Host: hidden, Path: "/x"}}})
	if err == nil || !strings.Contains(err.Error(), "not searchable by other users") {
		t.Errorf("mounting a folder under a 0700 parent: %v", err)
	}
}
