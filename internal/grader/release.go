package grader

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
)

// inHandout reports whether a repository file goes to students.
func inHandout(rel string) bool {
	rel = filepath.ToSlash(rel)
	switch {
	case strings.HasPrefix(rel, "solutions/"), strings.HasPrefix(rel, "exercises/tools/"),
		strings.HasSuffix(rel, "_hidden_test.go"), strings.Contains(rel, "/mutants/"), rel == StateFile:
		return false
	case strings.HasPrefix(rel, "exercises/") && strings.Contains(rel, "/mutants/"):
		return false // exercises/*/mutants/: wrong solutions that verify's tests must fail
	}
	return true
}

// repoFiles lists the course's files relative to root: git's tracked and
// untracked-but-not-ignored files, or a walk that skips dot folders and
// build outputs when git is not available.
func repoFiles(root string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "-co", "--exclude-standard", "-z")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		var files []string
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				if st, err := os.Lstat(filepath.Join(root, f)); err == nil && st.Mode().IsRegular() {
					files = append(files, f)
				}
			}
		}
		return files, nil
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && rel != "." && (strings.HasPrefix(d.Name(), ".") || rel == "bin" || rel == "build") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			files = append(files, rel)
		}
		return nil
	})
	return files, err
}

// Release implements `course release OUT`: the student handout is the
// course without solutions/, without *_hidden_test.go files, without
// exercises/*/mutants/ and with the hidden tests removed from
// exercises/info.json. OUT must be new (or empty) and outside the checkout;
// exercises/ must match git's committed stubs unless --modified is given.
// The handout is written to a temporary folder beside OUT and renamed into
// place, so a failure or Ctrl-C leaves no partial OUT.
func Release(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	modified := fs.Bool("modified", false, "hand out exercises/ even where it differs from the committed stubs")
	pos, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return cli.Usagef("name one output folder")
	}
	root, err := FindRoot()
	if err != nil {
		return err
	}
	out, err := releaseTarget(root, pos[0])
	if err != nil {
		return err
	}
	if err := checkStubs(root, *modified, stdout); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".release-*")
	if err != nil {
		return err
	}
	n, err := writeHandout(ctx, root, tmp)
	if err == nil {
		_ = os.Remove(out) // an empty OUT; rename needs the name free
		err = os.Rename(tmp, out)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	fmt.Fprintf(stdout, "handout written to %s: %d files (no solutions, no hidden tests)\n", out, n)
	return nil
}

// releaseTarget returns OUT as an absolute path, or an error when it lies
// inside the checkout at root or is a folder that is not empty.
func releaseTarget(root, out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", cli.Usagef("%s is inside the checkout %s: name a folder outside it", out, root)
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return "", fmt.Errorf("%s exists and is not empty", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return "", fmt.Errorf("%s: folder %s does not exist", out, filepath.Dir(out))
	}
	return abs, nil
}

// checkStubs refuses a release whose exercises/ differs from git's
// committed files (a learner's solutions would go out as the stubs),
// unless modified is set; without git it can only warn.
func checkStubs(root string, modified bool, stdout io.Writer) error {
	cmd := exec.Command("git", "status", "--porcelain", "--untracked-files=all", "--", "exercises")
	cmd.Dir = root
	status, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(stdout, "warning: no git here: cannot check that exercises/ holds the untouched stubs")
		return nil
	}
	var changed []string
	for _, line := range strings.Split(strings.TrimRight(string(status), "\n"), "\n") {
		if len(line) > 3 && !inHandoutIgnored(line[3:]) {
			changed = append(changed, line[3:])
		}
	}
	if len(changed) == 0 {
		return nil
	}
	if len(changed) > 5 {
		changed = append(changed[:5], fmt.Sprintf("… %d more", len(changed)-5))
	}
	if modified {
		fmt.Fprintf(stdout, "warning: --modified: handing out exercises/ as it is (differs from git in %s)\n", strings.Join(changed, ", "))
		return nil
	}
	return fmt.Errorf("exercises/ differs from the committed stubs (%s): a release would hand out these edits; "+
		"commit or stash them (git stash -u -- exercises), or pass --modified", strings.Join(changed, ", "))
}

// inHandoutIgnored reports whether a changed path does not go to students
// anyway.
func inHandoutIgnored(rel string) bool { return !inHandout(strings.Trim(rel, `"`)) }

// writeHandout copies the handout's files from root into dir and writes
// the public exercises/info.json; it returns the number of files.
func writeHandout(ctx context.Context, root, dir string) (int, error) {
	files, err := repoFiles(root)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, rel := range files {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if !inHandout(rel) || rel == filepath.Join("exercises", InfoFile) {
			continue
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return 0, err
		}
		if err := copyFile(filepath.Join(root, rel), dst); err != nil {
			return 0, err
		}
		n++
	}
	info, err := LoadInfo(filepath.Join(root, "exercises"))
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "exercises"), 0o755); err != nil {
		return 0, err
	}
	return n + 1, writeJSON(filepath.Join(dir, "exercises", InfoFile), info.Public())
}

// Public returns a copy of the metadata without the hidden tests.
func (info *Info) Public() *Info {
	pub := *info
	pub.Exercises = nil
	for _, e := range info.Exercises {
		var tests []Test
		for _, t := range e.Tests {
			if !t.Hidden {
				tests = append(tests, t)
			}
		}
		e.Tests = tests
		pub.Exercises = append(pub.Exercises, e)
	}
	return &pub
}

const setupScript = `#!/usr/bin/env bash
# Gradescope runs this once while building the autograder image: it installs
# the Go toolchain that compiles the submissions and warms the build cache.
set -euo pipefail
export HOME=${HOME:-/root}
GO_VERSION=%s
GO_DOWNLOAD_BASE=${GO_DOWNLOAD_BASE:-https://go.dev/dl}
apt-get update -qq && apt-get install -y -qq curl ca-certificates bubblewrap util-linux >/dev/null
curl -fsSL "$GO_DOWNLOAD_BASE/$GO_VERSION.linux-amd64.tar.gz" -o /tmp/go.tgz
rm -rf /usr/local/go && tar -C /usr/local -xzf /tmp/go.tgz && rm /tmp/go.tgz
export PATH=/usr/local/go/bin:$PATH
go version
# Warm the build cache (standard library, test framework) by grading the stubs.
cd /autograder/source && ./autograde --tests exercises --dir exercises --time-limit 10s >/dev/null 2>&1 || true
`

const runScript = `#!/usr/bin/env bash
# Gradescope runs this for every submission. It must always leave
# results/results.json, whatever the submission does.
ROOT=${AUTOGRADER_ROOT:-/autograder}
export HOME=${HOME:-/root}
export PATH=/usr/local/go/bin:$PATH
SUB="$ROOT/submission"
[ -d "$SUB/exercises" ] && SUB="$SUB/exercises"
cd "$ROOT/source" || exit 0
if ! ls -d "$SUB"/[0-9][0-9]-*/ >/dev/null 2>&1; then
  # Files uploaded without their folders: place each one by its stub's name.
  FLAT=$(mktemp -d)
  for stub in exercises/[0-9][0-9]-*/*.go; do
    case "$stub" in *_test.go) continue ;; esac
    name=$(basename "$stub")
    ex=$(basename "$(dirname "$stub")")
    if [ -f "$SUB/$name" ]; then mkdir -p "$FLAT/$ex" && cp "$SUB/$name" "$FLAT/$ex/"; fi
  done
  SUB=$FLAT
fi
mkdir -p "$ROOT/results"
./autograde --tests exercises --dir "$SUB" --json "$ROOT/results/results.json" -v
exit 0
`

// goRelease returns the plain release of a Go version string: "go1.26.8"
// for "go1.26.8-X:simd" (a GOEXPERIMENT build) or "go1.26.8 X:simd".
func goRelease(v string) string {
	if i := strings.IndexAny(v, " -"); i >= 0 {
		v = v[:i]
	}
	return v
}

// GradescopeBundle implements `course gradescope OUT.zip`: setup.sh,
// run_autograder, a static linux/amd64 grader binary and the pristine
// exercises (tests, hidden tests, metadata and the stubs; no solutions).
func GradescopeBundle(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	pos, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: name one output OUT.zip, got %d arguments", ErrUsage, len(pos))
	}
	if !strings.HasSuffix(pos[0], ".zip") {
		return fmt.Errorf("%w: %s: the output must end in .zip", ErrUsage, pos[0])
	}
	root, err := FindRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "course-gradescope-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "autograde")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./internal/grader/autograde")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the autograder binary: %v\n%s", err, out)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, mode os.FileMode, data []byte) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}
	binData, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	errs := []error{
		add("setup.sh", 0o755, []byte(fmt.Sprintf(setupScript, goRelease(runtime.Version())))),
		add("run_autograder", 0o755, []byte(runScript)),
		add("autograde", 0o755, binData),
	}
	files, err := repoFiles(root)
	if err != nil {
		return err
	}
	n := 0
	for _, rel := range files {
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "exercises/") || strings.HasPrefix(rel, "exercises/tools/") || strings.Contains(rel, "/mutants/") {
			continue
		}
		if strings.Count(rel, "/") == 2 && !strings.HasSuffix(rel, ".go") {
			continue // READMEs; the stubs stay, for setup.sh to warm the build cache
		}
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return err
		}
		errs = append(errs, add(rel, 0o644, data))
		n++
	}
	errs = append(errs, zw.Close())
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := os.WriteFile(pos[0], buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Gradescope bundle written to %s (%d KiB): setup.sh, run_autograder, autograde, %d exercise files\n",
		pos[0], buf.Len()>>10, n)
	return nil
}
