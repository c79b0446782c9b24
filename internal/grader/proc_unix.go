//go:build unix

package grader

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// killGroup makes cmd run in its own process group and kills the whole
// group when the context ends, so children cannot outlive the time limit.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
}

// pipes are the two named pipes of one judged test, made in a folder the
// driver sees. The grader keeps both open read-write, so neither side
// blocks opening them; closing them after the driver ends gives the
// checker end of file instead of a wait until the time limit.
type pipes struct {
	req, resp string // host paths
	keep      []*os.File
}

func makePipes(dir, name string) (*pipes, error) {
	p := &pipes{req: filepath.Join(dir, ".judge-"+name+"-req"), resp: filepath.Join(dir, ".judge-"+name+"-resp")}
	for _, path := range []string{p.req, p.resp} {
		if err := syscall.Mkfifo(path, 0o666); err != nil {
			p.close()
			return nil, err
		}
		// Mkfifo applies the umask; the driver may run as another uid.
		if err := os.Chmod(path, 0o666); err != nil {
			p.close()
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			p.close()
			return nil, err
		}
		p.keep = append(p.keep, f)
	}
	return p, nil
}

// release closes the grader's ends.
func (p *pipes) release() {
	for _, f := range p.keep {
		f.Close()
	}
	p.keep = nil
}

func (p *pipes) close() {
	p.release()
	os.Remove(p.req)
	os.Remove(p.resp)
}
