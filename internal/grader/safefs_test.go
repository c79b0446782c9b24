package grader

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tree makes a folder from path → content; content "->target" makes a
// symbolic link and "/" a folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case strings.HasPrefix(body, "->"):
			err = os.Symlink(strings.TrimPrefix(body, "->"), p)
		case body == "/":
			err = os.MkdirAll(p, 0o755)
		default:
			err = os.WriteFile(p, []byte(body), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadExerciseTakesRealSourcesOnly(t *testing.T) {
	dir := tree(t, map[string]string{
		"alice/02-softmax/b.go":      "package b",
		"alice/02-softmax/a.go":      "package a",
		"alice/02-softmax/a_test.go": "package a_test",
		"alice/02-softmax/notes.txt": "hi",
		"alice/02-softmax/sub/c.go":  "package c",
		"alice/02-softmax/README.md": "->../../../etc/passwd",
		"alice/02-softmax/x_test.go": "->/etc/passwd",
	})
	files, err := ReadExercise(filepath.Join(dir, "alice"), "02-softmax")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Name != "a.go" || string(files[0].Data) != "package a" ||
		files[1].Name != "b.go" || string(files[1].Data) != "package b" {
		t.Errorf("ReadExercise = %+v, want a.go and b.go", files)
	}
}

func TestReadExerciseRefusesLinks(t *testing.T) {
	// Each case: one real file, one symbolic link (path -> target) and
	// the refusal alice's submission must get.
	for _, c := range []struct{ name, file, link, target, want string }{
		{"folder link to solutions", "solutions/02-softmax/s.go",
			"alice/02-softmax", "../solutions/02-softmax", "02-softmax is a symbolic link"},
		{"folder link to a classmate", "bob/exercises/04-entropy/e.go",
			"alice/exercises/04-entropy", "../../bob/exercises/04-entropy", "exercises/04-entropy is a symbolic link"},
		{"linked parent folder", "bob/exercises/04-entropy/e.go",
			"alice/exercises", "../bob/exercises", "exercises is a symbolic link"},
		{"file link inside", "solutions/e.go",
			"alice/exercises/04-entropy/e.go", "../../../solutions/e.go", "e.go is a symbolic link"},
		{"file link within the submission", "alice/x.go",
			"alice/exercises/04-entropy/e.go", "../../x.go", "e.go is a symbolic link"},
		{"submission folder itself a link", "bob/exercises/04-entropy/e.go",
			"alice", "bob", "submission folder alice is a symbolic link"},
		{"missing exercise", "alice/exercises/x.go", "", "", "not found"},
		{"no sources", "alice/exercises/04-entropy/README.md", "", "", "no .go files"},
	} {
		files := map[string]string{c.file: "package e"}
		if c.link != "" {
			files[c.link] = "->" + c.target
		}
		dir := tree(t, files)
		ex := "02-softmax"
		if !strings.HasPrefix(c.name, "folder link to solutions") {
			ex = "exercises/04-entropy"
		}
		got, err := ReadExercise(filepath.Join(dir, "alice"), ex)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: ReadExercise = %d files, %v; want an error with %q", c.name, len(got), err, c.want)
		}
	}
}

func TestReadExerciseRefusesEscapesAndSpecialFiles(t *testing.T) {
	dir := tree(t, map[string]string{"alice/ex/a.go": "package a", "secret/s.go": "package s"})
	for _, ex := range []string{"../secret", "/etc", "ex/../../secret"} {
		if _, err := ReadExercise(filepath.Join(dir, "alice"), ex); err == nil || !strings.Contains(err.Error(), "outside the submission") {
			t.Errorf("ReadExercise(%q) = %v, want refused as outside", ex, err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "alice/ex/fifo.go"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadExercise(filepath.Join(dir, "alice"), "ex"); err == nil || !strings.Contains(err.Error(), "fifo.go is not a regular file") {
		t.Errorf("a FIFO: %v", err)
	}
}

func TestReadExerciseBoundsSize(t *testing.T) {
	dir := tree(t, map[string]string{
		"a/ex/x.go": strings.Repeat("/", MaxSourceBytes/2),
		"a/ex/y.go": strings.Repeat("/", MaxSourceBytes/2+1),
	})
	if _, err := ReadExercise(filepath.Join(dir, "a"), "ex"); err == nil || !strings.Contains(err.Error(), "exceed 1024 KiB") {
		t.Errorf("1 MiB + 1 byte of sources: %v", err)
	}
}

func TestCopyExercise(t *testing.T) {
	dir := tree(t, map[string]string{"a/ex/x.go": "package x", "out/": "/"})
	paths, err := CopyExercise(filepath.Join(dir, "a"), "ex", filepath.Join(dir, "out"))
	if err != nil || len(paths) != 1 {
		t.Fatal(paths, err)
	}
	if data, err := os.ReadFile(paths[0]); err != nil || string(data) != "package x" {
		t.Errorf("copied %q, %v", data, err)
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\twith tab\nand newline": "plain text\twith tab\nand newline",
		"FAIL\rPASS":                        "FAILPASS",
		"\x1b[2K\x1b[1G--- PASS: TestX":     "--- PASS: TestX",
		"\x1b[31mred\x1b[0m":                "red",
		"\x1b]0;title\x07after":             "after",
		"\x1b]8;;http://x\x1b\\link":        "link",
		"bell\x07 nul\x00 del\x7f bs\b":     "bell nul del bs",
		"c1 \u009b31m csi":                  "c1  csi",
		"bidi \u202eevil\u202c":             "bidi evil",
		"bad \xff utf8":                     "bad \uFFFD utf8",
		"ünïcode ∑ ok":                      "ünïcode ∑ ok",
		"\x1bc reset":                       " reset",
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"a\x1b[31mb", "\r\n\t", "\x1b]0;x\x07", "\u202e", "\xff\x9b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		for _, r := range out {
			if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) || r == 0x202e {
				t.Fatalf("Sanitize(%q) = %q keeps control %U", s, out, r)
			}
		}
		if Sanitize(out) != out {
			t.Fatalf("Sanitize is not idempotent on %q", s)
		}
	})
}
