//go:build !unix

package grader

import (
	"errors"
	"os/exec"
)

func killGroup(cmd *exec.Cmd) {}

type pipes struct{ req, resp string }

func makePipes(dir, name string) (*pipes, error) {
	return nil, errors.New("grading needs a Unix system (named pipes)")
}

func (p *pipes) release() {}
func (p *pipes) close()   {}
