package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func repoForTest(t *testing.T) *Repo {
	t.Helper()
	r, err := FindRepo(".")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestChaptersArePaired checks that every notebook has a lesson with the same
// NN-slug and vice versa, and that no number prefix is used twice.
func TestChaptersArePaired(t *testing.T) {
	r := repoForTest(t)
	chapters, err := Chapters(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	if len(chapters) == 0 {
		t.Fatal("no chapters found under lessons/ and notebooks/")
	}
	for _, err := range Unpaired(chapters) {
		t.Error(err)
	}
}

// TestCommittedNotebooksHaveNoOutputs checks the notebooks under notebooks/
// are clean: no outputs, no execution counts, the gonb kernel, the standard
// setup cell first and a closing "Your turn" cell naming the exercise and
// the grade command.
func TestCommittedNotebooksHaveNoOutputs(t *testing.T) {
	r := repoForTest(t)
	chapters, err := Chapters(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chapters {
		if c.Notebook == "" {
			continue
		}
		nb, err := Read(r.Path(c.Notebook))
		if err != nil {
			t.Error(err)
			continue
		}
		if nb.Executed() {
			t.Errorf("%s carries outputs or execution counts: run `jupyter nbconvert --clear-output --inplace %s`", c.Notebook, c.Notebook)
		}
		if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks == nil || ks["name"] != "gonb" {
			t.Errorf("%s: kernelspec name is not gonb", c.Notebook)
		}
		var firstCode string
		for _, cell := range nb.Cells {
			if cell.Type == "code" {
				firstCode = string(cell.Source)
				break
			}
		}
		if !strings.Contains(firstCode, "go work init") || !strings.Contains(firstCode, "%goworkfix") {
			t.Errorf("%s: the first code cell is not the setup cell of notebooks/README.md", c.Notebook)
		}
		last := nb.Cells[len(nb.Cells)-1]
		src := string(last.Source)
		if last.Type != "markdown" || !strings.Contains(src, "Your turn") ||
			!strings.Contains(src, "exercises/"+c.Slug+"/") || !strings.Contains(src, "go run ./cmd/course grade "+c.Slug) {
			t.Errorf("%s: the last cell is not a \"Your turn\" cell naming exercises/%s/ and `go run ./cmd/course grade %s`", c.Notebook, c.Slug, c.Slug)
		}
	}
}

// TestExecutedNotebooksHaveCharts reads the executed copies that `course
// run` leaves in build/notebooks; it is skipped when there are none yet.
func TestExecutedNotebooksHaveCharts(t *testing.T) {
	r := repoForTest(t)
	chapters, err := Chapters(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, c := range chapters {
		p := filepath.Join(r.OutDir(), c.Slug+".ipynb")
		if c.Notebook == "" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			continue
		}
		checked++
		nb, err := Read(p)
		if err != nil {
			t.Error(err)
			continue
		}
		if e := nb.FirstError(); e != nil {
			t.Errorf("%s: cell %d failed: %s", p, e.Cell, e.Text)
		}
		if nb.Images() == 0 {
			t.Errorf("%s has no image output", p)
		}
	}
	if checked == 0 {
		t.Skip("no executed notebooks in build/notebooks: run `go run ./cmd/course run` first")
	}
}

func TestChaptersAndSelect(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"lessons/01-a.md", "lessons/README.md", "notebooks/01-a.ipynb", "notebooks/02-b.ipynb",
		"lessons/03-c.md", "notebooks/README.md", "notebooks/xx.ipynb"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	chapters, err := Chapters(root)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, c := range chapters {
		slugs = append(slugs, c.Slug)
	}
	if got := strings.Join(slugs, " "); got != "01-a 02-b 03-c" {
		t.Fatalf("chapters = %q, want \"01-a 02-b 03-c\"", got)
	}
	errs := Unpaired(chapters)
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "02-b") || !strings.Contains(errs[1].Error(), "03-c") {
		t.Errorf("Unpaired = %v, want errors for 02-b (no lesson) and 03-c (no notebook)", errs)
	}
	sel, err := Select(chapters, []string{"2", "notebooks/01-a.ipynb", "01-a"})
	if err != nil || len(sel) != 2 || sel[0].Slug != "02-b" || sel[1].Slug != "01-a" {
		t.Errorf("Select = %v, %v; want [02-b 01-a]", sel, err)
	}
	if _, err := Select(chapters, []string{"03"}); err == nil {
		t.Error("Select(03) found a chapter without a notebook")
	}
	all, _ := Select(chapters, nil)
	if len(all) != 2 {
		t.Errorf("Select(nil) = %d chapters, want the 2 with notebooks", len(all))
	}
}

func TestFirstErrorAndImages(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.ipynb")
	const nb = `{"cells": [
	 {"cell_type": "markdown", "source": ["# Title here\n", "text"]},
	 {"cell_type": "code", "execution_count": 1, "source": "%%\nfmt.Println(1)", "outputs": [
	   {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": ["<img>"]}, "metadata": {}}]},
	 {"cell_type": "code", "execution_count": 2, "source": "%%\n\nx := undefined\nmore", "outputs": [
	   {"output_type": "stream", "name": "stderr", "text": "\u001b[31mundefined: undefined\u001b[0m\n"},
	   {"output_type": "error", "ename": "ERROR", "evalue": "failed to build", "traceback": ["failed to build"]}]}
	], "metadata": {}}`
	if err := os.WriteFile(p, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if n.Title() != "Title here" || n.CodeCells() != 2 || n.Images() != 1 || !n.Executed() {
		t.Errorf("Title %q CodeCells %d Images %d Executed %v", n.Title(), n.CodeCells(), n.Images(), n.Executed())
	}
	e := n.FirstError()
	if e == nil || e.Cell != 3 || e.Source != "x := undefined" || e.Text != "undefined: undefined\nfailed to build" {
		t.Errorf("FirstError = %+v", e)
	}
}

func TestVersionAtLeast(t *testing.T) {
	for _, tc := range []struct {
		have, want string
		ok         bool
	}{{"1.26.8", "1.26.5", true}, {"1.26", "1.26.5", false}, {"1.27", "1.26.5", true}, {"1.25.9", "1.26", false}} {
		if got := versionAtLeast(tc.have, tc.want); got != tc.ok {
			t.Errorf("versionAtLeast(%s, %s) = %v", tc.have, tc.want, got)
		}
	}
}

func TestFindPJRT(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PJRT_PLUGIN_LIBRARY_PATH", dir)
	t.Setenv("HOME", t.TempDir())
	if got := findPJRT(); got != "" && strings.HasPrefix(got, dir) {
		t.Fatalf("findPJRT found %q in an empty directory", got)
	}
	plugin := filepath.Join(dir, "pjrt_c_api_cpu_plugin.so")
	if err := os.WriteFile(plugin, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := findPJRT(); got != plugin {
		t.Errorf("findPJRT() = %q, want %q", got, plugin)
	}
}

func TestGoModVersion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "go.mod")
	if err := os.WriteFile(p, []byte("module x\n\ngo 1.26.5\n\nrequire y v1.0.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := goModVersion(p); got != "1.26.5" {
		t.Errorf("goModVersion = %q, want 1.26.5", got)
	}
}
