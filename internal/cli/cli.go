// Package cli is the command type shared by cmd/course and the grader's
// autograde binary: a table of subcommands in help order, each with its
// usage line written once, one flag parser and one set of exit codes
// (0 success, 1 failure, 2 bad arguments, 130 interrupted).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// Exit statuses.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130 // 128 + SIGINT, as a shell reports it
)

// ErrUsage marks an error caused by bad arguments: the program prints the
// command's usage line after it and exits 2.
var ErrUsage = errors.New("usage")

// ErrInterrupted marks a command stopped by Ctrl-C or SIGTERM: exit 130.
var ErrInterrupted = errors.New("interrupted")

// Usagef returns a usage error with a formatted message.
func Usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// flagError is a flag the flag package rejected; it has already printed
// the message and the usage.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }
func (e flagError) Unwrap() error { return ErrUsage }

// Command is one subcommand: `PROGRAM NAME [flags] ARGS`.
type Command struct {
	Name  string
	Args  string // synopsis of the arguments and flags, e.g. "EXERCISE [--level N]"; "" for none
	Short string // one line for the help listing
	Long  string // paragraph shown by `NAME -h` under the usage line; may be ""
	// Run declares its flags on fs (which prints this command's usage on
	// -h or a bad flag), parses args with Parse or ParseNone and does the
	// work. ctx is cancelled on Ctrl-C or SIGTERM.
	Run func(ctx context.Context, fs *flag.FlagSet, args []string) error
	// WaitsForChild marks a command that passes Ctrl-C on to a child
	// process and waits for it however long it takes (lab and Jupyter);
	// any other command that has not returned InterruptGrace after Ctrl-C
	// is ended with status 130.
	WaitsForChild bool
}

// InterruptGrace is how long Main lets a command clean up after Ctrl-C; a
// second Ctrl-C ends it at once.
const InterruptGrace = 10 * time.Second

// UsageLine is the one-line synopsis, "usage: PROGRAM NAME ARGS".
func (c *Command) UsageLine(program string) string {
	return strings.Join(strings.Fields("usage: "+program+" "+c.Name+" "+c.Args), " ")
}

// FlagSet returns an empty flag set whose usage output is c's usage line,
// its long help and its flags.
func (c *Command) FlagSet(program string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(strings.TrimSpace(program+" "+c.Name), flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), c.UsageLine(program))
		if c.Long != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", c.Long)
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(fs.Output(), "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// Parse parses flags wherever they stand among the positional arguments
// (Go's flag package stops at the first positional) and returns the
// positional ones. Everything after "--" is positional.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError{err}
		}
		// fs.Parse consumed a "--" itself when it stood before the first
		// positional argument; find out whether it did.
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// ParseNone parses args for a command that takes flags only.
func ParseNone(fs *flag.FlagSet, args []string) error {
	pos, err := Parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = Usagef("unexpected argument %q", pos[0])
	}
	return err
}

// Program is a command-line program made of subcommands.
type Program struct {
	Name     string // "course"
	Title    string // first line of the help
	Commands []*Command
	Stdout   io.Writer
	Stderr   io.Writer
}

// Lookup returns the command called name, or nil.
func (p *Program) Lookup(name string) *Command {
	for _, c := range p.Commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Main runs the subcommand named by args[0] with a context cancelled on
// Ctrl-C or SIGTERM, and returns the exit status. After the first signal
// the default handling is back, so a second Ctrl-C ends the program at
// once; a command that ignores the context is ended after InterruptGrace.
func (p *Program) Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	waits := len(args) > 0 && p.Lookup(args[0]) != nil && p.Lookup(args[0]).WaitsForChild
	if !waits {
		go func() {
			<-ctx.Done()
			stop()
			time.AfterFunc(InterruptGrace, func() {
				fmt.Fprintf(p.Stderr, "%s: interrupted\n", p.Name)
				os.Exit(ExitInterrupted)
			})
		}()
	}
	return p.Run(ctx, args)
}

// Run is Main with a given context.
func (p *Program) Run(ctx context.Context, args []string) int {
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "-h"} // PROGRAM help NAME = PROGRAM NAME -h
	}
	if len(args) == 0 {
		p.Help(p.Stderr)
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			fmt.Fprintf(p.Stderr, "%s help: name one subcommand\n", p.Name)
			return ExitUsage
		}
		p.Help(p.Stdout)
		return ExitOK
	}
	c := p.Lookup(args[0])
	if c == nil {
		fmt.Fprintf(p.Stderr, "%s: unknown subcommand %q\n\n", p.Name, args[0])
		p.Help(p.Stderr)
		return ExitUsage
	}
	return p.RunCommand(ctx, c, args[1:])
}

// RunCommand runs c with args (after its name) and returns the exit status.
// A program of one command calls it with c.Name "".
func (p *Program) RunCommand(ctx context.Context, c *Command, args []string) int {
	err := c.Run(ctx, c.FlagSet(p.Name, p.Stderr), args)
	return p.exit(ctx, c, err)
}

// exit prints err for command c and returns the exit status it implies.
func (p *Program) exit(ctx context.Context, c *Command, err error) int {
	var fe flagError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case ctx.Err() != nil || errors.Is(err, ErrInterrupted) || errors.Is(err, context.Canceled):
		fmt.Fprintf(p.Stderr, "%s: interrupted\n", strings.TrimSpace(p.Name+" "+c.Name))
		return ExitInterrupted
	case err == nil:
		return ExitOK
	case errors.As(err, &fe):
		return ExitUsage // the flag package printed the message and the usage
	case errors.Is(err, ErrUsage):
		msg := strings.TrimPrefix(err.Error(), ErrUsage.Error()+": ")
		fmt.Fprintf(p.Stderr, "%s: %s\n%s\n", strings.TrimSpace(p.Name+" "+c.Name), msg, c.UsageLine(p.Name))
		return ExitUsage
	}
	fmt.Fprintf(p.Stderr, "%s: %v\n", strings.TrimSpace(p.Name+" "+c.Name), err)
	return ExitFailure
}

// Help writes the title and the subcommands in table order.
func (p *Program) Help(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nusage: %s <subcommand> [arguments]\n\nsubcommands:\n", p.Title, p.Name)
	width := 0
	for _, c := range p.Commands {
		width = max(width, len(c.Name))
	}
	for _, c := range p.Commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Short)
	}
	fmt.Fprintf(w, "\nRun `%s <subcommand> -h` (or `%s help <subcommand>`) for its flags.\n", p.Name, p.Name)
}

// Group returns a command whose first argument names one of subs, as in
// `course lm train`; its help lists the subcommands' usage lines. A
// subcommand's usage error is reported with that subcommand's usage line.
func Group(program, name, short string, subs ...*Command) *Command {
	prefix := program + " " + name
	var lines, names []string
	for _, s := range subs {
		lines = append(lines, "  "+strings.TrimPrefix(s.UsageLine(prefix), "usage: "))
		names = append(names, s.Name)
	}
	return &Command{Name: name, Args: strings.Join(names, "|") + " [flags]", Short: short,
		Long: strings.Join(lines, "\n") + fmt.Sprintf("\n\nRun `%s SUBCOMMAND -h` for its flags.", prefix),
		Run: func(ctx context.Context, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return Usagef("name %s", strings.Join(names, ", "))
			}
			switch args[0] {
			case "-h", "-help", "--help", "help":
				fs.Usage()
				return flag.ErrHelp
			}
			for _, s := range subs {
				if s.Name == args[0] {
					err := s.Run(ctx, s.FlagSet(prefix, fs.Output()), args[1:])
					var fe flagError
					if errors.Is(err, ErrUsage) && !errors.As(err, &fe) {
						msg := strings.TrimPrefix(err.Error(), ErrUsage.Error()+": ")
						fmt.Fprintf(fs.Output(), "%s %s: %s\n%s\n", prefix, s.Name, msg, s.UsageLine(prefix))
						return flagError{err} // printed
					}
					return err
				}
			}
			return Usagef("unknown %s subcommand %q (want %s)", name, args[0], strings.Join(names, ", "))
		}}
}
