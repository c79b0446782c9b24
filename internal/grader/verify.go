package grader

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
)

// Verify implements `course verify`: the metadata matches the test files,
// every exercise has its README (with the hints) and a solution with the
// stub's file names, every graded test passes on the reference solution
// and fails on the untouched stub — a graded test that passes on the stub
// asserts nothing.
func Verify(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	jobs := fs.Int("j", 0, "exercises graded in parallel (default: number of CPUs)")
	names, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *jobs < 0 {
		return fmt.Errorf("%w: -j must not be negative", ErrUsage)
	}
	root, err := FindRoot()
	if err != nil {
		return err
	}
	summary, err := VerifyCourse(root, names, *jobs)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, summary)
	return nil
}

// VerifyCourse runs Verify's checks on the course at root and returns a
// one-line summary, or an error that lists every problem found.
func VerifyCourse(root string, names []string, jobs int) (string, error) {
	tests, solutions := filepath.Join(root, "exercises"), filepath.Join(root, "solutions")
	info, err := LoadInfo(tests)
	if err != nil {
		return "", err
	}
	exercises, err := info.Select(names)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUsage, err)
	}
	var problems []string
	for _, e := range exercises {
		problems = append(problems, checkLayout(tests, solutions, e)...)
	}
	mutants, cleanup, err := mutantJobs(tests, solutions, exercises)
	defer cleanup()
	if err != nil {
		return "", err
	}
	start := time.Now()
	jobList := append(append(Jobs(solutions, exercises), Jobs(tests, exercises)...), mutants...)
	report := Run(context.Background(), Config{Tests: tests}, jobList, jobs, nil)
	nTests := 0
	for i, res := range report.Results {
		switch {
		case i < len(exercises):
			nTests += len(res.Tests)
			problems = append(problems, solutionProblems(res)...)
		case i < 2*len(exercises):
			problems = append(problems, stubProblems(tests, res)...)
		case res.Problem != "":
			// A mutant that cannot run would count as killed by every test.
			problems = append(problems, fmt.Sprintf("%s: mutant %s does not run, so it proves nothing: %s", res.Exercise.Name, res.Student, firstLine(res.Problem)))
		case res.Points() >= res.Exercise.MaxPoints():
			problems = append(problems, fmt.Sprintf("%s: mutant %s scores full marks: no test catches it", res.Exercise.Name, res.Student))
		}
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("%d problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	points := 0.0
	for _, e := range exercises {
		points += e.MaxPoints()
	}
	return fmt.Sprintf("verified %s, %s (%s points), %d/%d mutants killed, stubs 0, solutions full marks (%.1fs)",
		plural(len(exercises), "exercise"), plural(nTests, "graded test"), num(points),
		len(mutants), len(mutants), time.Since(start).Seconds()), nil
}

func solutionProblems(res Result) []string {
	var problems []string
	for _, t := range res.Tests {
		if !t.Passed {
			problems = append(problems, fmt.Sprintf("%s/%s fails on the reference solution:\n    %s", res.Exercise.Name, t.Name, strings.ReplaceAll(strings.TrimSpace(t.Output), "\n", "\n    ")))
		}
	}
	return problems
}

// stubProblems reports the tests that pass on the untouched stub; when the
// stub no longer panics with TODO, the learner has worked in exercises/
// and it is not the stub any more.
func stubProblems(tests string, res Result) []string {
	if res.Passed() == 0 {
		return nil
	}
	if !stillStub(filepath.Join(tests, res.Exercise.Name)) {
		return []string{fmt.Sprintf("%s: exercises/%s is no longer the stub (no panic(\"TODO…\") left): verify a clean handout (`course release DIR`, then `course verify` there) or restore the stubs (`git stash`, or `git checkout -- exercises/%s`)",
			res.Exercise.Name, res.Exercise.Name, res.Exercise.Name)}
	}
	var problems []string
	for _, t := range res.Tests {
		if t.Passed {
			problems = append(problems, fmt.Sprintf("%s/%s passes on the untouched stub: it asserts nothing", res.Exercise.Name, t.Name))
		}
	}
	return problems
}

// stillStub reports whether some non-test file of dir still panics with TODO.
func stillStub(dir string) bool {
	files, _ := submissionFiles(dir)
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), `panic("TODO`) {
			return true
		}
	}
	return false
}

// mutantJobs returns one job per mutant (exercises/NN/mutants/NAME/: files
// named like the exercise's, each starting with a "// Mutant:" line and
// holding only the declarations it changes; see mergeMutant), laid out as
// submissions in a temporary folder: the solution's files with the
// mutant's declarations swapped in.
func mutantJobs(tests, solutions string, exercises []Exercise) ([]Job, func(), error) {
	tmp, err := os.MkdirTemp("", "course-mutants-")
	if err != nil {
		return nil, func() {}, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	var jobs []Job
	for _, e := range exercises {
		dirs, _ := filepath.Glob(filepath.Join(tests, e.Name, "mutants", "*"))
		for _, d := range dirs {
			sub := filepath.Join(tmp, e.Name+"-"+filepath.Base(d))
			if err := writeMutant(filepath.Join(sub, e.Name), filepath.Join(solutions, e.Name), d); err != nil {
				return nil, cleanup, fmt.Errorf("%s: mutant %s: %v", e.Name, filepath.Base(d), err)
			}
			jobs = append(jobs, Job{Student: "mutants/" + filepath.Base(d), Submission: sub, Exercise: e})
		}
	}
	return jobs, cleanup, nil
}

// writeMutant writes into dst the solution's non-test files with the
// mutant's declarations merged into the file of the same name.
func writeMutant(dst, solution, mutant string) error {
	solFiles, err := submissionFiles(solution)
	if err != nil {
		return err
	}
	mutFiles, err := submissionFiles(mutant)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, f := range solFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	for _, f := range mutFiles {
		name := filepath.Base(f)
		mut, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		sol, err := os.ReadFile(filepath.Join(solution, name))
		if err != nil {
			return fmt.Errorf("%s: the solution has no file of that name", name)
		}
		merged, err := mergeMutant(name, sol, mut)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), merged, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkLayout compares the metadata of one exercise with its folders.
func checkLayout(tests, solutions string, e Exercise) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, e.Name+": "+fmt.Sprintf(format, args...))
	}
	dir := filepath.Join(tests, e.Name)
	declared := map[string]bool{}
	testFiles, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, f := range testFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			add("%v", err)
			continue
		}
		hidden := strings.HasSuffix(f, "_hidden_test.go")
		for _, m := range testFunc.FindAllSubmatch(data, -1) {
			name := string(m[1])
			declared[name] = true
			i := slices.IndexFunc(e.Tests, func(t Test) bool { return t.Name == name })
			switch {
			case i < 0:
				add("%s in %s is not in %s: every test function must be graded", name, filepath.Base(f), InfoFile)
			case e.Tests[i].Hidden != hidden:
				add("%s: hidden in %s is %v but it is declared in %s", name, InfoFile, e.Tests[i].Hidden, filepath.Base(f))
			case e.Tests[i].Points <= 0:
				add("%s is worth %v points", name, e.Tests[i].Points)
			}
		}
	}
	for _, t := range e.Tests {
		if !declared[t.Name] {
			add("graded test %s is in %s but in no test file", t.Name, InfoFile)
		}
	}
	if len(e.Hints) < 3 {
		add("needs 3 tiered hints (a nudge, the key idea, near-solution), has %d", len(e.Hints))
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		add("no README.md")
	} else {
		text := normalizeSpace(string(readme))
		for i, h := range e.Hints {
			if !strings.Contains(text, normalizeSpace(h)) {
				add("README.md does not contain hint %d from %s", i+1, InfoFile)
			}
		}
	}
	stubs, _ := submissionFiles(dir)
	sols, err := submissionFiles(filepath.Join(solutions, e.Name))
	if err != nil {
		add("no reference solution: %v", err)
	}
	if !slices.Equal(baseNames(stubs), baseNames(sols)) {
		add("solution files %v differ from stub files %v", baseNames(sols), baseNames(stubs))
	}
	return problems
}

var spaces = regexp.MustCompile(`\s+`)

func normalizeSpace(s string) string { return spaces.ReplaceAllString(strings.TrimSpace(s), " ") }

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// plural returns "1 exercise", "2 exercises".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
