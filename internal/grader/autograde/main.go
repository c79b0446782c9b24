// Command autograde is the grader alone, for the Gradescope bundle written
// by `course gradescope`: it takes the flags of `course grade` and needs
// no course checkout when --tests and --dir are given.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/bitsandlogits/course/internal/grader"
)

func main() {
	fs := flag.NewFlagSet("autograde", flag.ContinueOnError)
	if err := grader.Grade(fs, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "autograde:", err)
		if errors.Is(err, grader.ErrInterrupted) {
			os.Exit(130)
		}
		os.Exit(1)
	}
}
