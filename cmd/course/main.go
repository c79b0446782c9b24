// Command course is the one entry point to Bits & Logits: it sets up the
// GoNB kernel, runs the notebooks headless, grades exercises and runs the
// benchmarks. Run `course help` for the list of subcommands.
//
// Each subcommand lives in its own file and registers itself in an init
// function, so the areas of the course (notebooks, grading, benchmarks,
// language models) stay independent of one another.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

// command is one subcommand: `course NAME ARGS…`.
type command struct {
	name    string
	usage   string // argument synopsis, e.g. "[NOTEBOOK…]"
	summary string // one line for `course help`
	order   int    // position in `course help`; lower first
	run     func(args []string) error
}

var commands []command

// register adds a subcommand; it is called from init functions only.
func register(c command) {
	if slices.ContainsFunc(commands, func(o command) bool { return o.name == c.name }) {
		panic("course: subcommand registered twice: " + c.name)
	}
	commands = append(commands, c)
}

// errUsage marks an error caused by bad arguments: main prints the usage too.
var errUsage = errors.New("usage")

// badFlag is set when a FlagSet made by newFlagSet rejected a flag; the
// flag package has then already printed the error and the usage.
var badFlag bool

func main() {
	slices.SortStableFunc(commands, func(a, b command) int { return a.order - b.order })
	if len(os.Args) == 3 && os.Args[1] == "help" {
		os.Args = []string{os.Args[0], os.Args[2], "-h"} // course help grade = course grade -h
	}
	if len(os.Args) < 2 || os.Args[1] == "help" || os.Args[1] == "-h" || os.Args[1] == "--help" {
		printHelp(os.Stdout)
		return
	}
	name := os.Args[1]
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		fmt.Fprintf(os.Stderr, "course: unknown subcommand %q\n\n", name)
		printHelp(os.Stderr)
		os.Exit(2)
	}
	c := commands[i]
	if err := c.run(os.Args[2:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		if badFlag {
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "course %s: %v\n", c.name, err)
		var stopped interface{ Interrupted() bool }
		if errors.As(err, &stopped) && stopped.Interrupted() {
			os.Exit(130) // Ctrl-C
		}
		if errors.Is(err, errUsage) {
			fmt.Fprintf(os.Stderr, "usage: course %s %s\n", c.name, c.usage)
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func printHelp(w *os.File) {
	fmt.Fprintln(w, "course — Bits & Logits: probability and information theory for AI engineers")
	fmt.Fprintln(w, "\nusage: course <subcommand> [arguments]\n\nsubcommands:")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `course <subcommand> -h` (or `course help <subcommand>`) for its flags.")
}

// newFlagSet returns a FlagSet for subcommand name whose -h output shows
// the subcommand's synopsis.
func newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("course "+name, flag.ContinueOnError)
	fs.Usage = func() {
		badFlag = true // the flag package calls Usage on -h (ErrHelp) and on a bad flag
		fmt.Fprintf(fs.Output(), "usage: course %s %s\n", name, strings.TrimSpace(usage))
		if strings.Contains(usage, "-") {
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseNoArgs parses args into fs for a subcommand that takes flags only,
// rejecting any positional argument as a usage error.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}
