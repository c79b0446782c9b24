package notebook

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/bitsandlogits/course/internal/sandbox"
)

// Check is one line of `course doctor`.
type Check struct {
	Name     string
	OK       bool
	Detail   string // what was found
	Fix      string // the command that fixes it, when !OK
	Required bool   // a missing required piece makes doctor fail
}

// Doctor checks every requirement of the course, required or optional.
func (r *Repo) Doctor() []Check {
	var checks []Check
	add := func(c Check) { checks = append(checks, c) }

	// Go: the toolchain running this program against go.mod's go line.
	want := goModVersion(r.Path("go.mod"))
	add(Check{Name: "Go toolchain", Required: true,
		OK:     want == "" || versionAtLeast(strings.TrimPrefix(runtime.Version(), "go"), want),
		Detail: fmt.Sprintf("%s (go.mod wants ≥ %s)", runtime.Version(), want),
		Fix:    "install Go ≥ " + want + " from https://go.dev/dl/ (or let GOTOOLCHAIN=auto fetch it)"})

	gonb := filepath.Join(r.Bin(), "gonb")
	v := toolVersion(gonb)
	add(Check{Name: "GoNB", Required: true, OK: v == GoNBVersion,
		Detail: fmt.Sprintf("bin/gonb %s", orMissing(v)),
		Fix:    "go run ./cmd/course setup   # go build -o bin/gonb github.com/janpfeifer/gonb"})
	v = toolVersion(filepath.Join(r.Bin(), "goimports"))
	add(Check{Name: "goimports", Required: true, OK: v != "",
		Detail: fmt.Sprintf("bin/goimports %s", orMissing(v)),
		Fix:    "go run ./cmd/course setup   # go build -o bin/goimports golang.org/x/tools/cmd/goimports"})

	jerr := checkJupyter()
	add(Check{Name: "Jupyter + nbclient + nbconvert", Required: true, OK: jerr == nil,
		Detail: Jupyter() + ", " + Python(),
		Fix:    "sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient"})

	add(r.kernelCheck())
	node, nerr := exec.LookPath("node")
	_, katexErr := os.Stat(r.Path("web", "node_modules", "katex", "package.json"))
	add(Check{Name: "Node.js + KaTeX (site)", Required: true, OK: nerr == nil && katexErr == nil,
		Detail: fmt.Sprintf("node %s, web/node_modules/katex %s", orMissing(node), map[bool]string{true: "installed", false: "missing"}[katexErr == nil]),
		Fix:    "scripts/install-deps.sh   # apt-get install nodejs npm; npm ci in web/"})
	serr := sandbox.Available()
	add(Check{Name: "grading sandbox (bubblewrap)", OK: serr == nil,
		Detail: ifElse(serr == nil, "bwrap works: course grade builds and runs submissions inside it", firstLine(fmt.Sprint(serr))),
		Fix:    "sudo apt-get install -y bubblewrap   # without it, course grade runs your code unsandboxed (self-study only)"})
	chromium, cerr := exec.LookPath("chromium")
	add(Check{Name: "Chromium (site test)", OK: cerr == nil, Detail: orMissing(chromium),
		Fix: "sudo apt-get install -y chromium"})

	// Module cache: every module in go.mod's graph present without the network.
	cmd := exec.Command("go", "list", "-m", "-f", "{{if not .Main}}{{if not .Dir}}{{.Path}}@{{.Version}}{{end}}{{end}}",
		"gonum.org/v1/gonum", "gonum.org/v1/plot", "github.com/gomlx/gomlx", "github.com/gomlx/compute", "github.com/janpfeifer/gonb")
	cmd.Dir, cmd.Env = r.Root, append(os.Environ(), "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	missing := strings.Fields(string(out))
	add(Check{Name: "module cache warm", Required: true, OK: err == nil && len(missing) == 0,
		Detail: ifElse(err == nil && len(missing) == 0, "gonum, gonum/plot, GoMLX, GoNB in "+goEnv("GOMODCACHE"),
			"missing: "+strings.TrimSpace(string(out))),
		Fix: "go mod download"})

	// GoMLX's pure-Go backend needs nothing but its module.
	cmd = exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/gomlx/compute/gobackend")
	cmd.Dir, cmd.Env = r.Root, append(os.Environ(), "GOPROXY=off")
	out, err = cmd.CombinedOutput()
	add(Check{Name: "GoMLX Go backend", Required: true, OK: err == nil,
		Detail: ifElse(err == nil, "github.com/gomlx/compute/gobackend (pure Go, -tags noxla)", firstLine(string(out))),
		Fix:    "go mod download github.com/gomlx/compute && go mod tidy   # go.sum needs github.com/gomlx/compute"})

	plugin := findPJRT()
	add(Check{Name: "PJRT plugin (XLA, optional)", OK: plugin != "",
		Detail: ifElse(plugin != "", plugin, "none found; GoMLX uses its Go backend"),
		Fix:    "optional: install the PJRT CPU plugin per github.com/gomlx/go-xla and set PJRT_PLUGIN_LIBRARY_PATH"})

	out, err = exec.Command(Python(), "-c", "import torch; print(torch.__version__)").CombinedOutput()
	add(Check{Name: "PyTorch peer (optional)", OK: err == nil,
		Detail: ifElse(err == nil, "torch "+strings.TrimSpace(string(out))+" ("+Python()+")", "torch not importable by "+Python()),
		Fix:    "optional, for `course bench` and golden files: sudo apt-get install -y python3-torch"})
	return checks
}

// kernelCheck checks that the registered gonb kernel is this checkout's.
func (r *Repo) kernelCheck() Check {
	k, err := RegisteredKernel()
	c := Check{Name: "gonb kernel registered", Required: true, OK: err == nil && r.ownsKernel(k),
		Fix: "go run ./cmd/course setup   # registers this checkout's bin/gonb"}
	spec := filepath.Join(JupyterDataDir(), "kernels", "gonb")
	switch {
	case err != nil:
		c.Detail = err.Error()
	case toolVersion(k) != GoNBVersion:
		c.Detail = fmt.Sprintf("registered kernel starts %s (%s), not GoNB %s", k, orMissing(toolVersion(k)), GoNBVersion)
	case !c.OK:
		c.Detail = fmt.Sprintf("%s starts %s, of another checkout (%s); this checkout's bin/gonb is %s",
			spec, k, filepath.Dir(filepath.Dir(k)), orMissing(toolVersion(filepath.Join(r.Bin(), "gonb"))))
	default:
		c.Detail = fmt.Sprintf("%s → %s", spec, k)
	}
	return c
}

// findPJRT looks for a PJRT CPU plugin where GoMLX's XLA backend looks.
func findPJRT() string {
	var dirs []string
	if p := os.Getenv("PJRT_PLUGIN_LIBRARY_PATH"); p != "" {
		dirs = append(dirs, filepath.SplitList(p)...)
	}
	home, _ := os.UserHomeDir()
	dirs = append(dirs, filepath.Join(home, ".local", "lib", "gomlx", "pjrt"), "/usr/local/lib/gomlx/pjrt", "/usr/lib/gomlx/pjrt")
	for _, d := range dirs {
		if m, _ := filepath.Glob(filepath.Join(d, "pjrt_c_api_cpu*.so")); len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

var goLine = regexp.MustCompile(`(?m)^go (\d+\.\d+(\.\d+)?)\s*$`)

func goModVersion(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if m := goLine.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

// versionAtLeast compares dotted Go versions ("1.26.8" ≥ "1.26.5").
func versionAtLeast(have, want string) bool {
	h, w := strings.Split(have, "."), strings.Split(want, ".")
	for i := range max(len(h), len(w)) {
		var a, b int
		if i < len(h) {
			fmt.Sscan(h[i], &a)
		}
		if i < len(w) {
			fmt.Sscan(w[i], &b)
		}
		if a != b {
			return a > b
		}
	}
	return true
}

func goEnv(name string) string {
	out, _ := exec.Command("go", "env", name).Output()
	return strings.TrimSpace(string(out))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func orMissing(v string) string { return ifElse(v != "", v, "missing") }

func ifElse(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
