package grader

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bitsandlogits/course/internal/sandbox"
)

// TestHostileCorpusScores grades every submission of testdata/hostile in
// one sandboxed run, as `course grade --submissions` would, and checks each
// honest score, that nothing outside the boxes changed (the course's
// exercises, solutions and corpus, and the host canary), that nothing from
// a submission keeps a control character, that the student-visible table
// names no hidden test, and that results.json, JUnit and the roster CSV
// are written.
func TestHostileCorpusScores(t *testing.T) {
	if err := sandbox.Available(); err != nil {
		t.Skipf("the hostile corpus is graded only in the OS sandbox: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "solutions")); err != nil {
		t.Skip("no solutions/ (a student handout)")
	}
	subs := loadHostileCorpus(t)
	const canary = "/tmp/course-hostile-canary"
	if err := os.WriteFile(canary, []byte("canary\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(canary)
	watched := []string{"exercises", "solutions", "testdata/hostile"}
	before := treeHashes(t, watched)
	var jobs []Job
	for _, s := range subs {
		jobs = append(jobs, Job{Student: s.Name, Submission: filepath.Join(root, "testdata/hostile", s.Name), Exercise: exercise(t, s.Exercise)})
	}
	cfg := Config{Tests: filepath.Join(root, "exercises"), TimeLimit: 15 * time.Second, RequireSandbox: true}
	report := Run(context.Background(), cfg, jobs, 0, nil)
	for i, res := range report.Results {
		s := subs[i]
		t.Logf("%-26s %s/%s  %s", s.Name, num(res.Points()), num(s.MaxPoints), clip(res.FirstFailure(), 110))
		if res.Points() != s.Points {
			t.Errorf("%s (%s): scored %v, want %v: %s", s.Name, s.Attack, res.Points(), s.Points, res.FirstFailure())
		}
		for _, tr := range res.Tests {
			if strings.ContainsAny(tr.Output, "\r\x1b\x07\x00") {
				t.Errorf("%s/%s: output keeps control characters: %q", s.Name, tr.Name, clip(tr.Output, 200))
			}
		}
	}
	// The import allow-list is not the boundary: grade what it refused
	// again without it, so that the sandbox alone must hold.
	var again []Job
	var want []HostileSubmission
	for i, res := range report.Results {
		if strings.HasPrefix(res.Problem, "refused before running") {
			again, want = append(again, jobs[i]), append(want, subs[i])
		}
	}
	cfg.AnyImport = true
	for i, res := range Run(context.Background(), cfg, again, 0, nil).Results {
		t.Logf("%-26s %s/%s  without the allow-list: %s", want[i].Name, num(res.Points()), num(want[i].MaxPoints), clip(res.FirstFailure(), 90))
		if res.Points() != want[i].Points {
			t.Errorf("%s without the import allow-list: scored %v, want %v: %s", want[i].Name, res.Points(), want[i].Points, res.FirstFailure())
		}
	}
	if data, err := os.ReadFile(canary); err != nil || string(data) != "canary\n" {
		t.Errorf("the host canary %s was changed or removed (%v)", canary, err)
	}
	if pwned, _ := filepath.Glob("/tmp/course-hostile-pwned*"); len(pwned) > 0 {
		t.Errorf("a submission wrote outside its box: %v", pwned)
	}
	after := treeHashes(t, watched)
	for path, h := range before {
		if after[path] != h {
			t.Errorf("%s changed during grading", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s appeared during grading", path)
		}
	}
	checkReports(t, report, len(subs))
}

// checkReports writes results.json, JUnit and the roster and reads them
// back; the table students see must name no hidden test.
func checkReports(t *testing.T, report Report, students int) {
	t.Helper()
	dir := t.TempDir()
	var table strings.Builder
	report.WriteTable(&table)
	for _, res := range report.Results {
		for _, tr := range res.Tests {
			if tr.Hidden && !tr.Passed && strings.Contains(table.String(), tr.Name) {
				t.Errorf("the table names the hidden test %s", tr.Name)
			}
		}
	}
	js := filepath.Join(dir, "results.json")
	if err := report.WriteGradescope(js, table.String()); err != nil {
		t.Fatal(err)
	}
	var g gradescope
	if data, err := os.ReadFile(js); err != nil || json.Unmarshal(data, &g) != nil || len(g.Tests) == 0 {
		t.Errorf("results.json unreadable or empty (%v)", err)
	}
	for _, gt := range g.Tests {
		if gt.Visibility != "visible" && gt.Visibility != "after_published" {
			t.Errorf("%s: visibility %q", gt.Name, gt.Visibility)
		}
	}
	xmlPath := filepath.Join(dir, "junit.xml")
	if err := report.WriteJUnit(xmlPath); err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if data, err := os.ReadFile(xmlPath); err != nil || xml.Unmarshal(data, &suites) != nil || len(suites.Suites) != len(report.Results) {
		t.Errorf("junit.xml unreadable or incomplete (%v)", err)
	}
	var csvText strings.Builder
	if err := report.WriteRoster(&csvText, []Exercise{exercise(t, "01-distributions"), exercise(t, "02-softmax")}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(csvText.String())).ReadAll()
	if err != nil || len(rows) != students+1 {
		t.Errorf("roster: %d rows, want %d (%v)", len(rows), students+1, err)
	}
}

// treeHashes maps every file and symlink under the folders (relative to
// the repository root) to a hash of its content or link target.
func treeHashes(t *testing.T, folders []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range folders {
		err := filepath.WalkDir(filepath.Join(root, f), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			var data []byte
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Readlink(path)
				if err != nil {
					return err
				}
				data = []byte("link:" + target)
			} else if data, err = os.ReadFile(path); err != nil {
				return err
			}
			out[path] = fmt.Sprintf("%x", sha256.Sum256(data))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}
