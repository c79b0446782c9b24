//go:build unix

package grader

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedGradeSavesNothing sends SIGINT to `autograde` (the grader
// of `course grade`) while it grades: it must exit 130, record no progress
// and leave no temporary folder behind.
func TestInterruptedGradeSavesNothing(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	// The sandbox's boxes live under TMPDIR and must be reachable by
	// their uids: t.TempDir's folders are private.
	for _, d := range []string{filepath.Dir(tmp), tmp} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(tmp, "autograde")
	build := exec.Command("go", "build", "-o", bin, "./internal/grader/autograde")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building autograde: %v\n%s", err, out)
	}
	course := filepath.Join(tmp, "course")
	if err := copyTree(filepath.Join(root, "exercises"), filepath.Join(course, "exercises")); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(filepath.Join(root, "go.mod"), filepath.Join(course, "go.mod")); err != nil {
		t.Fatal(err)
	}
	// Exercise 02's package init never returns, so its driver hangs until
	// the time limit (a minute): the grade is still running when the
	// signal comes, however warm the build cache and fast the machine.
	hang := filepath.Join(root, "testdata", "hostile", "init-hangs", "02-softmax", "softmax.go")
	if err := copyFile(hang, filepath.Join(course, "exercises", "02-softmax", "softmax.go")); err != nil {
		t.Fatal(err)
	}
	scratch := filepath.Join(tmp, "scratch")
	if err := os.Mkdir(scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-j", "2")
	cmd.Dir = course
	cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "GOCACHE="+filepath.Join(tmp, "gocache"))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit status after SIGINT: %v, want 130; output:\n%s", err, out.String())
	}
	if _, err := os.Stat(filepath.Join(course, StateFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s was written by an interrupted grade (%v)", StateFile, err)
	}
	// The sandbox's base folder stays (it keeps the warm build cache);
	// no box in it may.
	left, _ := filepath.Glob(filepath.Join(scratch, "*"))
	boxes, _ := filepath.Glob(filepath.Join(scratch, "course-sandbox-*", "box-*"))
	for _, path := range append(left, boxes...) {
		if !strings.HasPrefix(filepath.Base(path), "course-sandbox-") {
			t.Errorf("left behind in TMPDIR: %s", path)
		}
	}
}
