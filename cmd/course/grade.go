package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/bitsandlogits/course/internal/grader"
)

// The exercise subcommands: the logic lives in internal/grader.
func init() {
	register(command{name: "grade", usage: grader.GradeUsage, order: 40,
		summary: "grade exercises (or every student under --submissions) in isolated temp builds",
		run: func(args []string) error {
			return usage(grader.Grade(newFlagSet("grade", grader.GradeUsage), args, os.Stdout, os.Stderr))
		}})
	register(command{name: "verify", usage: "[EXERCISE…] [-j N]", order: 41,
		summary: "check every graded test passes on the solution and fails on the stub",
		run: func(args []string) error {
			return usage(grader.Verify(newFlagSet("verify", "[EXERCISE…] [-j N]"), args, os.Stdout))
		}})
	register(command{name: "list", usage: "", order: 42,
		summary: "show progress per exercise",
		run: func(args []string) error {
			return usage(grader.List(newFlagSet("list", ""), args, os.Stdout))
		}})
	register(command{name: "hint", usage: "EXERCISE [--level N]", order: 43,
		summary: "show the next hint for an exercise",
		run: func(args []string) error {
			return usage(grader.Hint(newFlagSet("hint", "EXERCISE [--level N]"), args, os.Stdout))
		}})
	register(command{name: "watch", usage: "[--time-limit D]", order: 44,
		summary: "re-grade the current exercise on every save; h for a hint, q to quit",
		run: func(args []string) error {
			return usage(grader.Watch(newFlagSet("watch", "[--time-limit D]"), args, os.Stdin, os.Stdout))
		}})
	register(command{name: "release", usage: "OUT", order: 45,
		summary: "write the student handout (no solutions, no hidden tests) to folder OUT",
		run: func(args []string) error {
			return usage(grader.Release(newFlagSet("release", "OUT"), args, os.Stdout))
		}})
	register(command{name: "gradescope", usage: "OUT.zip", order: 46,
		summary: "write a Gradescope autograder bundle (setup.sh, run_autograder)",
		run: func(args []string) error {
			return usage(grader.GradescopeBundle(newFlagSet("gradescope", "OUT.zip"), args, os.Stdout))
		}})
}

// usage maps the grader's usage errors onto main's errUsage.
func usage(err error) error {
	if errors.Is(err, grader.ErrUsage) {
		return fmt.Errorf("%w: %s", errUsage, strings.TrimPrefix(err.Error(), "usage: "))
	}
	return err
}
