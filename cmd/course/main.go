// Command course is the one entry point to Bits & Logits: it sets up the
// GoNB kernel, runs the notebooks headless, grades exercises and runs the
// benchmarks. Run `course help` for the list of subcommands.
//
// The subcommands are listed in one table, in help order; each one's
// constructor lives in the file of its area (notebooks, grading,
// benchmarks, language models) and the logic in its internal package.
package main

import (
	"os"
	"slices"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/grader"
)

// program is the course command: its subcommands in help order.
func program() *cli.Program {
	return &cli.Program{
		Name:  "course",
		Title: "course — Bits & Logits: probability and information theory for AI engineers",
		Commands: slices.Concat(
			[]*cli.Command{
				setupCmd(),
				doctorCmd(),
				runCmd(),
				labCmd(),
				serveCmd(),
			},
			grader.Commands(), // grade, verify, list, hint, watch, release, gradescope
			[]*cli.Command{
				benchCmd(),
				lmCmd(),
				compressCmd(),
				decompressCmd(),
			}),
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	}
}

func main() {
	os.Exit(program().Main(os.Args[1:]))
}
