package grader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Limits on what one exercise folder of a submission may hold.
const (
	MaxSourceFiles = 64      // non-test .go files
	MaxSourceBytes = 1 << 20 // their total size
)

// SourceFile is one .go file read from a submission.
type SourceFile struct {
	Name string // base name, e.g. "softmax.go"
	Data []byte
}

// ReadExercise reads the non-test .go files of root/exercise without
// following a symbolic link anywhere: root's last component, every folder
// from root down to the exercise and every file must be real (Lstat), and
// all opens go through an [os.Root], so nothing outside root is reached
// even if the tree changes meanwhile. A link, a special file or a path
// leaving root is refused with a message for the student.
func ReadExercise(root, exercise string) ([]SourceFile, error) {
	if err := realDir(root, "the submission folder "+filepath.Base(root)); err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the submission: %v", err)
	}
	defer r.Close()
	rel := filepath.Clean(exercise)
	if !filepath.IsLocal(rel) {
		return nil, fmt.Errorf("refused: %s is outside the submission", exercise)
	}
	parts := strings.Split(rel, string(filepath.Separator))
	for i := range parts {
		sub := filepath.Join(parts[:i+1]...)
		fi, err := r.Lstat(sub)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("exercise folder not found in the submission: %s", rel)
		}
		if err != nil {
			return nil, fmt.Errorf("refused: %s: %v", sub, err)
		}
		if err := realEntry(sub, fi.Mode(), true); err != nil {
			return nil, err
		}
	}
	return readSources(r, rel)
}

// readSources reads the non-test .go files of the folder rel of r.
func readSources(r *os.Root, rel string) ([]SourceFile, error) {
	dir, err := r.Open(rel)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", rel, err)
	}
	entries, err := dir.ReadDir(-1)
	dir.Close()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", rel, err)
	}
	var files []SourceFile
	total := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if err := realEntry(filepath.Join(rel, name), e.Type(), false); err != nil {
			return nil, err
		}
		if len(files) == MaxSourceFiles {
			return nil, fmt.Errorf("refused: %s holds more than %d .go files", rel, MaxSourceFiles)
		}
		data, err := readRegular(r, filepath.Join(rel, name), MaxSourceBytes-total)
		if err != nil {
			return nil, err
		}
		total += len(data)
		files = append(files, SourceFile{Name: name, Data: data})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .go files in %s", rel)
	}
	slices.SortFunc(files, func(a, b SourceFile) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// readRegular reads at most room bytes of the regular file name, opened
// with O_NOFOLLOW (a link swapped in fails) and O_NONBLOCK (a FIFO does
// not hang the grader).
func readRegular(r *os.Root, name string, room int) ([]byte, error) {
	f, err := r.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("refused: %s: %v", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := realEntry(name, fi.Mode(), false); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(room)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > room {
		return nil, fmt.Errorf("refused: the .go files of %s exceed %d KiB", filepath.Dir(name), MaxSourceBytes>>10)
	}
	return data, nil
}

// realEntry refuses links and special files: a folder where dir, else a
// regular file.
func realEntry(name string, mode fs.FileMode, dir bool) error {
	switch {
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("refused: %s is a symbolic link; a submission must hold its own files, not links", name)
	case dir && !mode.IsDir():
		return fmt.Errorf("refused: %s is not a folder", name)
	case !dir && !mode.IsRegular():
		return fmt.Errorf("refused: %s is not a regular file", name)
	}
	return nil
}

// realDir refuses a path whose last component is a link or not a folder.
func realDir(path, what string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("%s not found: %v", what, err)
	}
	return realEntry(what, fi.Mode(), true)
}

// CopyExercise copies the files [ReadExercise] returns into the folder dst
// (which must exist) and returns their new paths.
func CopyExercise(root, exercise, dst string) ([]string, error) {
	files, err := ReadExercise(root, exercise)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dst, f.Name)
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = out.Write(f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
