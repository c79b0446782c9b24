// Package repo finds the course's checkout (or a student handout of it):
// the one way every command locates its root.
package repo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Module is the course's Go module path; Find looks for its go.mod.
const Module = "github.com/bitsandlogits/course"

// Find walks up from dir to the folder whose go.mod declares Module. The
// exercises/ and solutions/ modules inside it are passed over.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.Contains(b, []byte("module "+Module+"\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("not inside the course: no go.mod of %s in %s or above", Module, dir)
		}
	}
}

// FindWD is Find from the working directory.
func FindWD() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return Find(wd)
}

// WriteFile replaces path with data (mode 0644) through a temporary file in
// the same folder and a rename: a reader, a concurrent run or an
// interrupted one sees the old file or the new one, never a part of it.
func WriteFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Chmod(0o644), f.Sync(), f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
