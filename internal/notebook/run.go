package notebook

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/repo"
)

//go:embed execute.py
var executePy []byte

// Result is the outcome of executing one notebook.
type Result struct {
	Chapter Chapter
	Out     string        // executed notebook, under build/notebooks
	Cells   int           // code cells
	Images  int           // image outputs (charts)
	Elapsed time.Duration // wall time, kernel start included
}

// Runner executes notebooks headless through the GoNB kernel, one at a time.
type Runner struct {
	Repo        *Repo
	CellTimeout time.Duration   // per cell, whole seconds ≥ 1 (rounded up); 0 means 10 minutes
	Context     context.Context // cancelling it interrupts the kernel and stops RunAll; nil: never
	jupyterPath string
	driver      string
}

// OutDir holds executed notebooks; SiteDir holds the HTML site.
func (r *Repo) OutDir() string  { return r.Path("build", "notebooks") }
func (r *Repo) SiteDir() string { return r.Path("build", "site") }

// prepare checks the tools and writes the private kernel spec and driver.
func (rn *Runner) prepare() error {
	if rn.driver != "" {
		return nil
	}
	r := rn.Repo
	for _, t := range []string{"gonb", "goimports"} {
		if _, err := os.Stat(filepath.Join(r.Bin(), t)); err != nil {
			return fmt.Errorf("bin/%s is missing: run `go run ./cmd/course setup` first", t)
		}
	}
	if err := checkJupyter(); err != nil {
		return err
	}
	if err := os.MkdirAll(r.OutDir(), 0o755); err != nil {
		return err
	}
	dir, err := r.runKernel()
	if err != nil {
		return err
	}
	rn.jupyterPath = dir
	if old := os.Getenv("JUPYTER_PATH"); old != "" {
		rn.jupyterPath += string(os.PathListSeparator) + old
	}
	rn.driver = r.Path("build", "jupyter", "execute.py")
	return repo.WriteFile(rn.driver, executePy)
}

// Run executes chapter c's notebook into build/notebooks/<slug>.ipynb. It
// fails if a cell fails (naming the cell and the error) or if the executed
// notebook holds no image output. The kernel's log goes to
// build/notebooks/<slug>.log.
func (rn *Runner) Run(c Chapter) (*Result, error) {
	if err := rn.prepare(); err != nil {
		return nil, err
	}
	r := rn.Repo
	timeout := rn.CellTimeout
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	if timeout < 0 {
		return nil, fmt.Errorf("notebook: cell timeout %v is negative", timeout)
	}
	seconds := int(math.Ceil(timeout.Seconds())) // nbclient takes whole seconds; 0 would mean no limit
	// The kernel's temporary files (GoNB's build folders, its gonb_pipe_*
	// FIFOs) go to a folder of this run, removed whatever way it ends.
	tmp, err := os.MkdirTemp("", "course-kernel-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(r.OutDir(), c.Slug+".ipynb")
	logPath := filepath.Join(r.OutDir(), c.Slug+".log")
	_ = os.Remove(out)
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()

	start := time.Now()
	ctx := rn.Context
	if ctx == nil {
		ctx = context.Background()
	}
	cmd := exec.CommandContext(ctx, Python(), rn.driver, r.Path(c.Notebook), out, fmt.Sprint(seconds))
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // nbclient shuts the kernel down
	cmd.WaitDelay = 10 * time.Second
	// Jupyter's working directory is the repository root: GoNB reports it
	// as $GONB_JUPYTER_ROOT, which the notebooks' setup cell relies on.
	cmd.Dir = r.Root
	cmd.Env = r.Env("JUPYTER_PATH="+rn.jupyterPath, "TMPDIR="+tmp)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	runErr := cmd.Run()
	res := &Result{Chapter: c, Out: out, Elapsed: time.Since(start)}

	nb, err := Read(out)
	if err != nil {
		return res, fmt.Errorf("%s: kernel did not run (%v); log: %s\n%s", c.Notebook, runErr, rel(r, logPath), tail(logPath, 15))
	}
	res.Cells, res.Images = nb.CodeCells(), nb.Images()
	if e := nb.FirstError(); e != nil {
		return res, fmt.Errorf("%s: cell %d (%s) failed:\n%s", c.Notebook, e.Cell, e.Source, indent(e.Text))
	}
	if runErr != nil {
		return res, fmt.Errorf("%s: execution stopped (%v); log: %s\n%s", c.Notebook, runErr, rel(r, logPath), tail(logPath, 15))
	}
	if res.Images == 0 {
		return res, fmt.Errorf("%s: ran, but produced no image output: every notebook needs at least one chart (pkg/viz)", c.Notebook)
	}
	return res, nil
}

func rel(r *Repo, path string) string {
	if p, err := filepath.Rel(r.Root, path); err == nil {
		return p
	}
	return path
}

// tail returns the last n lines of the file at path that are not GoNB's
// routine info log lines.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var keep []string
	for line := range strings.SplitSeq(strings.TrimRight(string(b), "\n"), "\n") {
		if len(line) > 1 && line[0] == 'I' && line[1] >= '0' && line[1] <= '9' {
			continue // klog info line
		}
		keep = append(keep, line)
	}
	return indent(strings.Join(keep[max(0, len(keep)-n):], "\n"))
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// RunAll executes chapters in order, printing one line per notebook, and
// stops at the first failure.
func (rn *Runner) RunAll(w io.Writer, chapters []Chapter) ([]*Result, error) {
	var results []*Result
	width := 0
	for _, c := range chapters {
		width = max(width, len(c.Notebook))
	}
	for i, c := range chapters {
		if rn.Context != nil && rn.Context.Err() != nil {
			return results, rn.Context.Err()
		}
		res, err := rn.Run(c)
		if res != nil {
			mark := "✓"
			if err != nil {
				mark = "✗"
			}
			fmt.Fprintf(w, "%s [%2d/%d] %-*s  %3d cells  %2d charts  %5.1f s\n", mark, i+1, len(chapters), width, c.Notebook, res.Cells, res.Images, res.Elapsed.Seconds())
		}
		if err != nil {
			return results, err
		}
		results = append(results, res)
	}
	return results, nil
}

// Lab starts Jupyter Notebook on notebooks/ with the GoNB kernel and bin/ on
// PATH, from the repository root; it returns when Jupyter exits.
func (r *Repo) Lab(stdout, stderr io.Writer, extraArgs []string) error {
	if _, err := RegisteredKernel(); err != nil {
		return fmt.Errorf("%v: run `go run ./cmd/course setup` first", err)
	}
	if err := checkJupyter(); err != nil {
		return err
	}
	args := []string{"notebook", "--no-browser", "--notebook-dir=" + r.Path("notebooks")}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root") // containers and CI run as root
	}
	args = append(args, extraArgs...)
	cmd := exec.Command(Jupyter(), args...)
	cmd.Dir, cmd.Env = r.Root, r.Env()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	// Ctrl-C reaches Jupyter too (same process group) and Jupyter shuts
	// down cleanly; this process waits for it instead of dying first.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() < 0 {
		return nil // interrupted with Ctrl-C
	}
	return err
}
