package grader

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// HostileSubmission is one entry of testdata/hostile/corpus.json.
type HostileSubmission struct {
	Name      string  `json:"name"`
	Exercise  string  `json:"exercise"`
	Points    float64 `json:"points"` // the honest score the grader must give
	MaxPoints float64 `json:"max_points"`
	Attack    string  `json:"attack"`
}

// loadHostileCorpus reads the manifest of testdata/hostile.
func loadHostileCorpus(t *testing.T) []HostileSubmission {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "testdata/hostile/corpus.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Submissions []HostileSubmission `json:"submissions"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c.Submissions
}

// TestHostileCorpusManifest checks the manifest against the folders and
// the exercises' metadata; grading the corpus is another test's job.
func TestHostileCorpusManifest(t *testing.T) {
	subs := loadHostileCorpus(t)
	if len(subs) < 25 {
		t.Errorf("the hostile corpus has %d submissions, want at least 25", len(subs))
	}
	seen := map[string]bool{}
	for _, s := range subs {
		if seen[s.Name] || s.Attack == "" {
			t.Errorf("%s: duplicate name or no attack description", s.Name)
		}
		seen[s.Name] = true
		ex := exercise(t, s.Exercise)
		if s.MaxPoints != ex.MaxPoints() || s.Points < 0 || s.Points > s.MaxPoints {
			t.Errorf("%s: points %v of %v, but %s is worth %v", s.Name, s.Points, s.MaxPoints, s.Exercise, ex.MaxPoints())
		}
		if _, err := os.Lstat(filepath.Join(root, "testdata/hostile", s.Name, s.Exercise)); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(root, "testdata/hostile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type()&fs.ModeType == fs.ModeDir && !seen[e.Name()] {
			t.Errorf("testdata/hostile/%s is not in corpus.json", e.Name())
		}
	}
}
