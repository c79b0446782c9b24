package grader

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/bitsandlogits/course/internal/cli"
)

// List implements `course list`: progress per exercise, in 80 columns.
func List(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	_, info, state, err := course()
	if err != nil {
		return err
	}
	nameWidth := 0
	for _, e := range info.Exercises {
		nameWidth = max(nameWidth, len(e.Name))
	}
	const statusWidth, pointsWidth = len("in progress"), len("points")
	titleWidth := max(10, 79-nameWidth-statusWidth-pointsWidth-6)
	row := func(name, status, points, title string) {
		line := fmt.Sprintf("%-*s  %-*s  %-*s  %s", nameWidth, name, statusWidth, status, pointsWidth, points, clip(title, titleWidth))
		fmt.Fprintln(stdout, strings.TrimRight(line, " "))
	}
	row("exercise", "status", "points", "topic")
	done := 0
	for _, e := range info.Exercises {
		p, ok := state.Exercises[e.Name]
		status, points := "not graded", "-"
		if ok {
			points = num(p.Points) + "/" + num(p.Max)
			status = "in progress"
			if p.Done() {
				status, done = "done", done+1
			}
		}
		row(e.Name, status, points, e.Title)
	}
	fmt.Fprintf(stdout, "\n%d of %d exercises done.\n", done, len(info.Exercises))
	if cur, ok := state.Current(info); ok {
		n := fmt.Sprintf("%02d", cur.Order)
		fmt.Fprintf(stdout, "Next: exercises/%s\n      course grade %s · course hint %s · course watch\n", cur.Name, n, n)
	} else {
		fmt.Fprintln(stdout, "All done!")
	}
	return nil
}

// Hint implements `course hint EXERCISE [--level N]`. Without --level it
// shows the next hint level not seen yet (1: a nudge, 2: the key idea,
// 3: near-solution).
func Hint(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	level := fs.Int("level", 0, "hint level `N`: 1 nudge, 2 key idea, 3 near-solution (default: the next one)")
	pos, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return cli.Usagef("name one exercise, got %d arguments", len(pos))
	}
	levelSet := false
	fs.Visit(func(f *flag.Flag) { levelSet = levelSet || f.Name == "level" })
	root, info, state, err := course()
	if err != nil {
		return err
	}
	e, ok := info.Find(pos[0])
	if !ok {
		return cli.Usagef("no exercise %q (run `course list`)", pos[0])
	}
	n := *level
	if !levelSet {
		n = min(state.Hints[e.Name]+1, len(e.Hints))
	}
	if n < 1 || n > len(e.Hints) {
		return cli.Usagef("--level %d: want 1 to %d", n, len(e.Hints))
	}
	writeHint(stdout, e, n)
	state.Hints[e.Name] = max(state.Hints[e.Name], n)
	return state.Save(root)
}

func writeHint(w io.Writer, e Exercise, n int) {
	fmt.Fprintf(w, "%s — hint %d of %d\n\n  %s\n\n", e.Name, n, len(e.Hints), e.Hints[n-1])
	if n < len(e.Hints) {
		fmt.Fprintf(w, "More: course hint %s --level %d. The lesson: %s\n", e.Name, n+1, e.Lesson)
	} else {
		fmt.Fprintf(w, "That was the last hint. The lesson: %s\n", e.Lesson)
	}
}

// course loads the course root, its metadata and the learner's state.
func course() (string, *Info, *State, error) {
	root, err := FindRoot()
	if err != nil {
		return "", nil, nil, err
	}
	info, err := LoadInfo(filepath.Join(root, "exercises"))
	if err != nil {
		return "", nil, nil, err
	}
	state, err := LoadState(root)
	if err != nil {
		return "", nil, nil, err
	}
	return root, info, state, nil
}
