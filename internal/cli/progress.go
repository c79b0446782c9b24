package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
)

// Progress is the one progress bar of the command line: it draws on w only
// when w is a terminal, so logs and pipes get no carriage returns.
type Progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// NewProgress returns a bar for total steps described by desc, drawn on w
// when w is a terminal; otherwise its methods do nothing.
func NewProgress(w io.Writer, total int, desc string) *Progress {
	if !IsTerminal(w) {
		return &Progress{w: w}
	}
	return &Progress{w: w, bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionClearOnFinish(),
	)}
}

// Set moves the bar to done steps and shows detail after it.
func (p *Progress) Set(done int, detail string) {
	if p.bar == nil {
		return
	}
	if detail != "" {
		p.bar.Describe(detail)
	}
	p.bar.Set(done)
}

// Done clears the bar's line.
func (p *Progress) Done() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}

// IsTerminal reports whether w is a character device such as a terminal.
func IsTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Log prints msg on a line of its own above the bar (or alone when there
// is no bar).
func (p *Progress) Log(msg string) {
	if p.bar == nil {
		fmt.Fprintln(p.w, msg)
		return
	}
	p.bar.Clear()
	fmt.Fprintln(p.w, msg)
	p.bar.RenderBlank()
}
