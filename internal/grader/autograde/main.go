// Command autograde is the grader alone, for the Gradescope bundle written
// by `course gradescope`: it takes the flags of `course grade` and needs
// no course checkout when --tests and --dir are given.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/grader"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &cli.Command{Args: grader.GradeUsage, Run: grader.RunGrade} // the program is the command
	p := &cli.Program{Name: "autograde", Stdout: os.Stdout, Stderr: os.Stderr}
	code := p.RunCommand(ctx, c, os.Args[1:])
	stop()
	os.Exit(code)
}
