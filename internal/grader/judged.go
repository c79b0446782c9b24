package grader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CallsFile is the test file of an exercise that registers its functions
// under test with package judge (exercises/internal/judge). An exercise
// that has one is graded by the checker–driver protocol: its tests run in a
// checker built from the pristine tests only, and every call of the
// learner's code goes to a driver process built from the learner's files
// and this one file.
const CallsFile = "calls_test.go"

// These must match exercises/internal/judge.
const (
	judgeEnv    = "COURSE_JUDGE"
	requestEnv  = "COURSE_JUDGE_REQUESTS"
	responseEnv = "COURSE_JUDGE_RESPONSES"
)

// judged reports whether the exercise uses the checker–driver protocol.
func judged(tests string, ex Exercise) bool {
	_, err := os.Stat(filepath.Join(tests, ex.Name, CallsFile))
	return err == nil
}

// checkerCache builds each exercise's checker once per grading run: the
// checker depends only on the pristine tests.
type checkerCache struct {
	dir string
	mu  sync.Mutex
	m   map[string]*checkerEntry
}

type checkerEntry struct {
	once sync.Once
	bin  string
	msg  string
}

func newCheckerCache() (*checkerCache, error) {
	dir, err := os.MkdirTemp("", "course-checkers-")
	if err != nil {
		return nil, err
	}
	return &checkerCache{dir: dir, m: map[string]*checkerEntry{}}, nil
}

func (c *checkerCache) close() { os.RemoveAll(c.dir) }

// get returns the checker binary of ex, or a message saying why there is none.
func (c *checkerCache) get(ctx context.Context, cfg Config, ex Exercise) (string, string) {
	c.mu.Lock()
	e, ok := c.m[ex.Name]
	if !ok {
		e = &checkerEntry{}
		c.m[ex.Name] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.bin, e.msg = c.build(ctx, cfg, ex) })
	if e.msg != "" && ctx.Err() != nil {
		// A cancelled build must not be remembered as broken tests.
		c.mu.Lock()
		delete(c.m, ex.Name)
		c.mu.Unlock()
	}
	return e.bin, e.msg
}

// build compiles ex's checker in a box of its own (in self-study its
// declarations come from the learner's files) and copies it out.
func (c *checkerCache) build(ctx context.Context, cfg Config, ex Exercise) (string, string) {
	b, err := cfg.newBox()
	if err != nil {
		return "", "grader: " + err.Error()
	}
	defer b.Close()
	if err := assembleChecker(b.Dir(), cfg.Tests, ex); err != nil {
		if se, ok := errors.AsType[syntaxError](err); ok {
			return "", string(se)
		}
		return "", "grader: " + err.Error()
	}
	key := checkerKey(b.Dir())
	if data, ok := loadChecker(key); ok && key != "" {
		return c.place(ex, data)
	}
	if msg := b.Build(ctx, ex.Name, "checker.test"); msg != "" {
		// Name no hidden test file, and none of its lines.
		var keep []string
		for _, line := range strings.Split(msg, "\n") {
			if !strings.Contains(line, "_hidden_test.go") {
				keep = append(keep, line)
			}
		}
		return "", "the tests do not build against the exercise's declarations (a changed function signature?): " + strings.Join(keep, "\n")
	}
	data, err := os.ReadFile(filepath.Join(b.Dir(), "checker.test"))
	if err != nil {
		return "", "grader: " + err.Error()
	}
	if key != "" {
		storeChecker(key, data)
	}
	return c.place(ex, data)
}

// place writes a checker binary into the run's folder.
func (c *checkerCache) place(ex Exercise, data []byte) (string, string) {
	dir := filepath.Join(c.dir, ex.Name)
	bin := filepath.Join(dir, "checker.test")
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = os.WriteFile(bin, data, 0o755)
	}
	if err != nil {
		return "", "grader: " + err.Error()
	}
	return bin, ""
}

// checkerKey hashes everything a checker is built from: the assembled
// module and the toolchain.
func checkerKey(dir string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", runtime.Version(), os.Getenv("GOEXPERIMENT"))
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// binaryStore is where built binaries are kept between runs, by the hash
// of everything they are built from: a checker depends only on the
// pristine tests, and a learner's driver is rebuilt only when its files
// change, so `course grade` and `course watch` build only what changed.
// The binaries are compiled in the sandbox, where no submitted code runs.
func binaryStore() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "bits-and-logits", "binaries")
}

// maxStored bounds the store; the least recently used binaries go first.
const maxStored = 200

func loadChecker(key string) ([]byte, bool) {
	if binaryStore() == "" || key == "" {
		return nil, false
	}
	path := filepath.Join(binaryStore(), key)
	data, err := os.ReadFile(path)
	if err == nil {
		now := time.Now()
		os.Chtimes(path, now, now)
	}
	return data, err == nil
}

func storeChecker(key string, data []byte) {
	dir := binaryStore()
	if dir == "" || key == "" || os.MkdirAll(dir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if err = errors.Join(err, tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, key))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	trimStore(dir)
}

// trimStore removes the least recently used binaries beyond maxStored.
func trimStore(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) <= maxStored {
		return
	}
	type aged struct {
		name string
		t    time.Time
	}
	var all []aged
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			all = append(all, aged{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b aged) int { return a.t.Compare(b.t) })
	for _, e := range all[:max(0, len(all)-maxStored)] {
		os.Remove(filepath.Join(dir, e.name))
	}
}

// cachedBuild builds ./pkg of the module in b to out, or takes the binary
// from the store when the same module was built before.
func cachedBuild(ctx context.Context, b box, pkg, out string) string {
	key := checkerKey(b.Dir())
	if data, ok := loadChecker(key); ok {
		if err := os.WriteFile(filepath.Join(b.Dir(), out), data, 0o755); err != nil {
			return "grader: " + err.Error()
		}
		return ""
	}
	if msg := b.Build(ctx, pkg, out); msg != "" {
		return msg
	}
	if data, err := os.ReadFile(filepath.Join(b.Dir(), out)); err == nil {
		storeChecker(key, data)
	}
	return ""
}

// syntaxError is a learner's file that does not parse: the learner's
// compile error, reported as the compiler would, not the grader's.
type syntaxError string

func (e syntaxError) Error() string { return string(e) }

// assembleChecker lays out the checker's module: the pristine tests, and
// the exercise package reduced to its declarations (every function body
// replaced by a panic), so no line of a learner's code is linked into it.
func assembleChecker(work, tests string, ex Exercise) error {
	if err := module(work, tests); err != nil {
		return err
	}
	src := filepath.Join(tests, ex.Name)
	dst := filepath.Join(work, ex.Name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	files, err := submissionFiles(src)
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := declarationsOnly(f)
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			pos := list[0].Pos
			return syntaxError(fmt.Sprintf("does not compile: %s/%s:%d:%d: syntax error: %s",
				ex.Name, filepath.Base(f), pos.Line, pos.Column, list[0].Msg))
		}
		if err != nil {
			return fmt.Errorf("%s: %v", filepath.Base(f), err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	return copyTests(src, dst, ex, "*_test.go")
}

// assembleDriver lays out the driver's module: the learner's non-test
// files, the pristine calls_test.go and a TestMain that serves calls.
func assembleDriver(work, tests string, ex Exercise, files []SourceFile) error {
	dst, err := moduleWith(work, tests, ex, files)
	if err != nil {
		return err
	}
	calls, err := os.ReadFile(filepath.Join(tests, ex.Name, CallsFile))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, CallsFile), calls, 0o644); err != nil {
		return err
	}
	f, err := parser.ParseFile(token.NewFileSet(), CallsFile, calls, parser.PackageClauseOnly)
	if err != nil {
		return err
	}
	main := fmt.Sprintf("package %s\n\nimport (\n\t\"testing\"\n\n\t\"%s/internal/judge\"\n)\n\nfunc TestMain(*testing.M) { judge.Serve() }\n",
		f.Name.Name, exercisesModule(tests))
	return os.WriteFile(filepath.Join(dst, "zz_driver_test.go"), []byte(main), 0o644)
}

// module copies the pristine go.mod and internal/ helpers into work.
func module(work, tests string) error {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(tests, "go.mod"), filepath.Join(work, "go.mod")); err != nil {
		return err
	}
	if err := copyTree(filepath.Join(tests, "internal"), filepath.Join(work, "internal")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// moduleWith lays out the pristine module in work with the learner's
// files in the exercise's folder, which it returns.
func moduleWith(work, tests string, ex Exercise, files []SourceFile) (string, error) {
	if err := module(work, tests); err != nil {
		return "", err
	}
	dst := filepath.Join(work, ex.Name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return "", err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dst, f.Name), f.Data, 0o644); err != nil {
			return "", err
		}
	}
	return dst, nil
}

// exercisesModule returns the module path in tests/go.mod.
func exercisesModule(tests string) string {
	data, _ := os.ReadFile(filepath.Join(tests, "go.mod"))
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return "github.com/bitsandlogits/course/exercises"
}

// declarationsOnly returns the Go file with every function body replaced
// by a panic, init functions and variable initialisers removed, and the
// imports nothing refers to any more dropped.
func declarationsOnly(path string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var decls []ast.Decl
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				continue
			}
			d.Body = &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{
				Fun: ast.NewIdent("panic"), Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: `"judge: the checker never runs the code under test"`}}}}}}
		case *ast.GenDecl:
			if d.Tok == token.VAR {
				for _, s := range d.Specs {
					if vs := s.(*ast.ValueSpec); vs.Type != nil {
						vs.Values = nil
					}
				}
			}
		}
		decls = append(decls, d)
	}
	f.Decls = decls
	f.Comments = nil
	dropUnusedImports(f)
	var b bytes.Buffer
	err = format.Node(&b, fset, f)
	return b.Bytes(), err
}

func dropUnusedImports(f *ast.File) {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		var keep []ast.Spec
		for _, s := range g.Specs {
			is := s.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			name := p[strings.LastIndexByte(p, '/')+1:]
			if strings.HasPrefix(name, "v") && len(name) <= 3 && strings.Contains(p, "/") {
				name = strings.TrimSuffix(p, "/"+name)
				name = name[strings.LastIndexByte(name, '/')+1:]
			}
			if is.Name != nil {
				name = is.Name.Name
			}
			if used[name] || name == "_" {
				keep = append(keep, s)
			}
		}
		g.Specs = keep
	}
	f.Imports = nil
}

// copyTests copies the pristine test files matching pattern and checks
// that every graded test is declared in them.
func copyTests(src, dst string, ex Exercise, pattern string) error {
	testFiles, err := filepath.Glob(filepath.Join(src, pattern))
	if err != nil || len(testFiles) == 0 {
		return fmt.Errorf("no pristine tests for %s in %s", ex.Name, filepath.Dir(src))
	}
	declared := map[string]bool{}
	for _, f := range testFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, m := range testFunc.FindAllSubmatch(data, -1) {
			declared[string(m[1])] = true
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	for _, t := range ex.Tests {
		if !declared[t.Name] {
			return fmt.Errorf("graded test %s.%s is in the metadata but in no test file", ex.Name, t.Name)
		}
	}
	return nil
}

// driverBin is the driver's file name in its box.
const driverBin = "driver.test"

// runJudged runs the graded tests of one exercise: a checker per test, and
// one driver in the box answering them all. If that driver dies, each test
// it left unanswered runs again with a driver of its own, so that a crash
// costs only the tests that cause it.
func runJudged(ctx context.Context, b box, checker string, tests []Test, limit time.Duration) []TestResult {
	results, unanswered := session(ctx, b, checker, tests, limit)
	if len(tests) == 1 {
		return results
	}
	var wg sync.WaitGroup
	for i := range results {
		if unanswered[i] {
			wg.Go(func() {
				alone, _ := session(ctx, b, checker, tests[i:i+1], limit)
				results[i] = alone[0]
			})
		}
	}
	wg.Wait()
	return results
}

// session runs tests, each in its own checker, against one driver; it
// reports which tests the driver left unanswered by ending early.
func session(ctx context.Context, b box, checker string, tests []Test, limit time.Duration) ([]TestResult, []bool) {
	results := make([]TestResult, len(tests))
	var all []*pipes
	defer func() {
		for _, p := range all {
			p.close()
		}
	}()
	var reqs, resps []string
	for i, t := range tests {
		results[i] = TestResult{Name: t.Name, MaxPoints: t.Points, Hidden: t.Hidden}
		p, err := makePipes(b.Dir(), t.Name)
		if err != nil {
			results[i].Output = "grader: " + err.Error()
			return results, make([]bool, len(tests))
		}
		all = append(all, p)
		reqs = append(reqs, filepath.Join(b.Inner(), filepath.Base(p.req)))
		resps = append(resps, filepath.Join(b.Inner(), filepath.Base(p.resp)))
	}
	env := []string{judgeEnv + "=driver", requestEnv + "=" + strings.Join(reqs, ","), responseEnv + "=" + strings.Join(resps, ",")}
	driverCtx, stopDriver := context.WithCancel(ctx)
	driver := make(chan runResult, 1)
	died := false
	go func() {
		r := b.Run(driverCtx, []string{filepath.Join(b.Inner(), driverBin)}, env)
		died = driverCtx.Err() == nil
		for _, p := range all {
			p.release() // the checkers now read end of file
		}
		driver <- r
	}()
	outs := make([]*capture, len(tests))
	errs := make([]error, len(tests))
	var wg sync.WaitGroup
	for i, t := range tests {
		wg.Go(func() {
			outs[i], errs[i] = runChecker(ctx, checker, t, all[i])
			if errs[i] == nil && ctx.Err() != nil {
				errs[i] = ctx.Err() // finished only after the time limit
			}
		})
	}
	wg.Wait()
	stopDriver()
	d := <-driver
	unanswered := make([]bool, len(tests))
	for i := range tests {
		verdict(&results[i], ctx, errs[i], outs[i].String(), d, limit)
		unanswered[i] = died && errs[i] != nil && ctx.Err() == nil && strings.Contains(outs[i].String(), "no answer from the code under test")
	}
	return results, unanswered
}

// runChecker runs the checker on one test, talking to the driver through p.
func runChecker(ctx context.Context, checker string, t Test, p *pipes) (*capture, error) {
	chk := exec.CommandContext(ctx, checker, "-test.run", "^"+t.Name+"$", "-test.count=1", "-test.v", "-test.timeout", "0")
	chk.Dir = filepath.Dir(checker)
	chk.Env = []string{judgeEnv + "=checker", requestEnv + "=" + p.req, responseEnv + "=" + p.resp,
		"HOME=" + chk.Dir, "TMPDIR=" + chk.Dir, "GOTRACEBACK=single"}
	out := &capture{limit: keptOutput}
	chk.Stdout, chk.Stderr = out, out
	killGroup(chk)
	return out, chk.Run()
}

// verdict fills res from the checker's exit status and output; only the
// checker's verdict earns points.
func verdict(res *TestResult, ctx context.Context, err error, out string, d runResult, limit time.Duration) {
	switch {
	case err == nil:
		res.Passed, res.Points = true, res.MaxPoints
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		res.Output = fmt.Sprintf("time limit exceeded: the exercise's tests must finish within %v (an infinite loop?)", limit)
	case ctx.Err() != nil:
		res.Output = "grading was cancelled"
	case d.Reason != "":
		res.Output = "stopped: " + d.Reason
	default:
		res.Output = explain(out, err)
		if strings.HasPrefix(res.Output, "no answer") && d.Output != "" {
			res.Output += "\n" + clip(strings.TrimSpace(d.Output), 2000)
		}
	}
}
