//go:build linux

package sandbox

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
)

// Box is one submission's sandbox: a scratch folder (Dir on the host,
// [WorkDir] inside) and the uid its commands run as.
type Box struct {
	Dir      string
	uid, gid int
}

// uidBase and uidSpan: a root grader gives each box a uid drawn from
// [uidBase, uidBase+uidSpan), far above any account's.
const (
	uidBase = 1 << 24
	uidSpan = 1 << 29
)

// New makes a box: an empty scratch folder under a base folder only the
// grader can write, owned by a fresh unprivileged uid when the grader is
// root (by the grader's own uid otherwise).
func New() (*Box, error) {
	base, err := baseDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(base, "box-")
	if err != nil {
		return nil, err
	}
	b := &Box{Dir: dir, uid: os.Getuid(), gid: os.Getgid()}
	if b.uid == 0 {
		b.uid = uidBase + rand.IntN(uidSpan)
		b.gid = b.uid
		if err := os.Chown(dir, b.uid, b.gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	return b, nil
}

// Close removes the scratch folder and everything in it.
func (b *Box) Close() error { return os.RemoveAll(b.Dir) }

// baseDir returns os.TempDir()/course-sandbox-UID, made mode 0711 and
// checked to be a real folder that only this uid can write: a bind mount
// source must be reachable by the box's uid.
func baseDir() (string, error) {
	base := filepath.Join(os.TempDir(), fmt.Sprintf("course-sandbox-%d", os.Getuid()))
	if err := os.Mkdir(base, 0o711); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	fi, err := os.Lstat(base)
	if err != nil {
		return "", err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok || int(st.Uid) != os.Getuid() || fi.Mode().Perm()&0o022 != 0 {
		return "", fmt.Errorf("sandbox: %s is not a folder owned by uid %d and writable only by it", base, os.Getuid())
	}
	return base, os.Chmod(base, 0o711)
}

// LinkCache fills Dir/rel with the trusted tree warm (a warm Go build
// cache): folders are made and given to the box, files are hard-linked
// (copied across file systems) and stay the grader's, read-only to the box.
// It returns the tree's path inside the sandbox.
func (b *Box) LinkCache(warm, rel string) (string, error) {
	dst := filepath.Join(b.Dir, rel)
	err := filepath.WalkDir(warm, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(warm, path)
		target := filepath.Join(dst, r)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		if os.Link(path, target) == nil {
			return nil
		}
		return copyFile(path, target)
	})
	return filepath.Join(WorkDir, rel), err
}

// Export moves Dir/rel (e.g. a build cache a trusted build just filled) to
// the host path dst, owned by the grader from then on. An existing dst is
// kept and Dir/rel dropped.
func (b *Box) Export(rel, dst string) error {
	src := filepath.Join(b.Dir, rel)
	uid, gid := os.Getuid(), os.Getgid()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
	if err != nil {
		return err
	}
	if _, err := os.Lstat(dst); err == nil {
		return os.RemoveAll(src)
	}
	return os.Rename(src, dst)
}

// giveDirs hands every folder under Dir to the box's uid (files stay
// read-only to it), without following symbolic links.
func (b *Box) giveDirs() error {
	if os.Getuid() != 0 {
		return nil
	}
	return filepath.WalkDir(b.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return os.Lchown(path, b.uid, b.gid)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
