package notebook

import (
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/bitsandlogits/course/internal/repo"
)

// Module is the course's Go module path.
const Module = repo.Module

// GoNBVersion is the pinned GoNB release (go.mod's tool directive).
const GoNBVersion = "v0.11.4"

// Repo is a checkout of the course: where tools are built and notebooks run.
type Repo struct {
	Root string // absolute path of the directory holding go.mod
}

// FindRepo returns the checkout that holds dir (see repo.Find).
func FindRepo(dir string) (*Repo, error) {
	root, err := repo.Find(dir)
	if err != nil {
		return nil, err
	}
	return &Repo{Root: root}, nil
}

// Path joins elements onto the repository root.
func (r *Repo) Path(elem ...string) string {
	return filepath.Join(append([]string{r.Root}, elem...)...)
}

// Bin is the project-local tool directory, put first on PATH for the kernel.
func (r *Repo) Bin() string { return r.Path("bin") }

// Env returns the environment for Jupyter and the GoNB kernel it starts:
// bin/ first on PATH (GoNB runs goimports from PATH), GODEBUG from
// NoAsyncPreempt, and the given extra variables.
func (r *Repo) Env(extra ...string) []string {
	env := os.Environ()
	env = append(env, "PATH="+r.Bin()+string(os.PathListSeparator)+os.Getenv("PATH"))
	if v, ok := NoAsyncPreempt(os.Getenv("GOEXPERIMENT"), os.Getenv("GODEBUG")); ok {
		env = append(env, "GODEBUG="+v)
	}
	return append(env, extra...)
}

// NoAsyncPreempt returns GODEBUG with asyncpreemptoff=1 added, and true,
// when goexperiment enables simd and godebug does not set asyncpreemptoff.
//
// Why: in a GOEXPERIMENT=simd build, Go 1.26's asynchronous preemption
// restores all 32 ZMM registers, which leaves their upper halves dirty on
// that thread; every legacy-SSE instruction after it (all scalar float64
// code: math.Exp, the reference packages) then pays an AVX–SSE transition
// penalty until something runs VZEROUPPER. Measured on the Intel Xeon of
// this project's machines: 50,000 math.Exp calls 0.3 ms before a
// preemption, 120–230 ms after; go test of pkg/probability, sampling and
// ngram 1.9–2.5 s of CPU against 1.25 s with the preemption off. The
// setting cannot go in a //go:debug line (the go command refuses it), so
// the course sets it in the environment of what it starts.
func NoAsyncPreempt(goexperiment, godebug string) (string, bool) {
	if !slices.Contains(strings.Split(goexperiment, ","), "simd") || strings.Contains(godebug, "asyncpreemptoff=") {
		return godebug, false
	}
	if godebug == "" {
		return "asyncpreemptoff=1", true
	}
	return godebug + ",asyncpreemptoff=1", true
}

// Jupyter returns the jupyter command: Debian's /usr/bin/jupyter when
// present (its python3 has nbclient and nbconvert), else the one on PATH.
func Jupyter() string { return preferred("/usr/bin/jupyter", "jupyter") }

// Python returns the interpreter that has nbclient: /usr/bin/python3 when
// present, else python3 on PATH.
func Python() string { return preferred("/usr/bin/python3", "python3") }

func preferred(abs, name string) string {
	if _, err := os.Stat(abs); err == nil {
		return abs
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	return abs
}

// toolVersion returns the module version a Go binary was built from, or ""
// if path is not a readable Go binary.
func toolVersion(path string) string {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return ""
	}
	return info.Main.Version
}

// JupyterDataDir is where kernels are registered: $JUPYTER_DATA_DIR, else
// ~/Library/Jupyter on macOS and ~/.local/share/jupyter elsewhere, as GoNB's
// --install does.
func JupyterDataDir() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter")
	}
	return filepath.Join(home, ".local", "share", "jupyter")
}

// kernelSpec is the subset of a Jupyter kernel.json the course reads.
type kernelSpec struct {
	Argv        []string          `json:"argv"`
	DisplayName string            `json:"display_name"`
	Language    string            `json:"language"`
	Interrupt   string            `json:"interrupt_mode,omitempty"`
	Env         map[string]string `json:"env,omitempty"`
}

// RegisteredKernel returns the GoNB binary the registered "gonb" kernel
// starts (bin/gonb, or GoNB's copy of it in the kernel directory when the
// checkout is under /tmp), or an error saying why there is none.
func RegisteredKernel() (string, error) {
	path := filepath.Join(JupyterDataDir(), "kernels", "gonb", "kernel.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("no kernel spec at %s", path)
	}
	var spec kernelSpec
	if err := json.Unmarshal(b, &spec); err != nil || len(spec.Argv) == 0 {
		return "", fmt.Errorf("%s: unreadable kernel spec", path)
	}
	if _, err := os.Stat(spec.Argv[0]); err != nil {
		return "", fmt.Errorf("%s starts %s, which does not exist", path, spec.Argv[0])
	}
	return spec.Argv[0], nil
}

// ownsKernel reports whether kernel binary k is this checkout's GoNB at the
// pinned version: bin/gonb itself, or the copy GoNB registers beside its
// kernel spec when bin/gonb is under /tmp.
func (r *Repo) ownsKernel(k string) bool {
	gonb := filepath.Join(r.Bin(), "gonb")
	if toolVersion(k) != GoNBVersion || toolVersion(gonb) != GoNBVersion {
		return false
	}
	sk, err1 := os.Stat(k)
	sg, err2 := os.Stat(gonb)
	if err1 == nil && err2 == nil && os.SameFile(sk, sg) {
		return true
	}
	return filepath.Dir(k) == filepath.Join(JupyterDataDir(), "kernels", "gonb")
}

// Setup builds GoNB and goimports into bin/ (skipped when bin/ already holds
// the pinned versions) and registers the gonb kernel (skipped when the
// registered kernel already starts bin/gonb). Progress goes to w.
func (r *Repo) Setup(w io.Writer) error {
	tools := []struct{ name, pkg, version string }{
		{"gonb", "github.com/janpfeifer/gonb", GoNBVersion},
		{"goimports", "golang.org/x/tools/cmd/goimports", ""},
	}
	for _, t := range tools {
		out := filepath.Join(r.Bin(), t.name)
		if v := toolVersion(out); v != "" && (t.version == "" || v == t.version) {
			fmt.Fprintf(w, "✓ bin/%s %s already built\n", t.name, v)
			continue
		}
		fmt.Fprintf(w, "… go build -o bin/%s %s\n", t.name, t.pkg)
		cmd := exec.Command("go", "build", "-o", out, t.pkg)
		cmd.Dir, cmd.Stdout, cmd.Stderr = r.Root, w, w
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", t.pkg, err)
		}
		fmt.Fprintf(w, "✓ bin/%s %s\n", t.name, toolVersion(out))
	}

	gonb := filepath.Join(r.Bin(), "gonb")
	if k, err := RegisteredKernel(); err == nil && r.ownsKernel(k) {
		fmt.Fprintf(w, "✓ kernel gonb registered in %s\n", JupyterDataDir())
	} else {
		cmd := exec.Command(gonb, "--install", "--force_deps", "--logtostderr")
		cmd.Dir, cmd.Env = r.Root, r.Env()
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s --install: %w\n%s", gonb, err, out)
		}
		// GoNB registers itself, or a copy of itself when it lives under /tmp.
		if k, err := RegisteredKernel(); err != nil || toolVersion(k) != GoNBVersion {
			return fmt.Errorf("bin/gonb --install did not register GoNB %s in %s", GoNBVersion, JupyterDataDir())
		}
		fmt.Fprintf(w, "✓ kernel gonb registered in %s\n", JupyterDataDir())
	}

	if err := checkJupyter(); err != nil {
		return err
	}
	fmt.Fprintf(w, "✓ Jupyter: %s with nbclient and nbconvert\n", Jupyter())
	return nil
}

// checkJupyter fails unless jupyter exists and python3 imports nbclient and
// nbconvert.
func checkJupyter() error {
	if _, err := os.Stat(Jupyter()); err != nil {
		return errors.New("jupyter not found: sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient")
	}
	out, err := exec.Command(Python(), "-c", "import nbclient, nbconvert, nbformat").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s cannot import nbclient/nbconvert (%s): sudo apt-get install -y jupyter-nbconvert python3-nbclient",
			Python(), strings.TrimSpace(string(out)))
	}
	return nil
}

// runKernel writes a private kernel spec for headless runs under
// build/jupyter: the same bin/gonb with --raw_error (plain-text errors) and
// PATH set, so `course run` does not depend on what is registered for the
// user. It returns the JUPYTER_PATH entry to use.
func (r *Repo) runKernel() (string, error) {
	dir := r.Path("build", "jupyter")
	spec := kernelSpec{
		Argv:        []string{filepath.Join(r.Bin(), "gonb"), "--kernel", "{connection_file}", "--raw_error", "--logtostderr"},
		DisplayName: "Go (gonb)",
		Language:    "go",
		Interrupt:   "message",
		Env:         map[string]string{"PATH": r.Bin() + string(os.PathListSeparator) + os.Getenv("PATH")},
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return "", err
	}
	kdir := filepath.Join(dir, "kernels", "gonb")
	if err := os.MkdirAll(kdir, 0o755); err != nil {
		return "", err
	}
	return dir, repo.WriteFile(filepath.Join(kdir, "kernel.json"), b)
}
