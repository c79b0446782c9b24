// Package notebook is the machinery behind `course setup`, `doctor`, `run`
// and `lab`: it reads Jupyter notebooks (nbformat 4), pairs them with their
// lessons, builds and registers the GoNB kernel, executes notebooks headless
// through Debian's nbclient and renders the HTML site.
package notebook

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Notebook is the part of an nbformat-4 notebook the course inspects.
type Notebook struct {
	Cells    []Cell         `json:"cells"`
	Metadata map[string]any `json:"metadata"`
}

// Cell is one notebook cell.
type Cell struct {
	Type           string   `json:"cell_type"`
	Source         Text     `json:"source"`
	ExecutionCount *int     `json:"execution_count,omitempty"`
	Outputs        []Output `json:"outputs,omitempty"`
}

// Output is one output of a code cell.
type Output struct {
	Type      string          `json:"output_type"` // stream, display_data, execute_result, error
	Name      string          `json:"name"`        // stdout or stderr for streams
	Text      Text            `json:"text"`
	Data      map[string]Text `json:"data"`
	EName     string          `json:"ename"`
	EValue    string          `json:"evalue"`
	Traceback []string        `json:"traceback"`
}

// Text is a multi-line string that nbformat stores either as one string or
// as a list of lines.
type Text string

// UnmarshalJSON accepts both nbformat encodings of a multi-line string. Any
// other JSON value (a MIME bundle may hold a JSON object) is kept verbatim.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*t = Text(strings.Join(lines, ""))
		return nil
	}
	*t = Text(b)
	return nil
}

// Read parses the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	return &nb, nil
}

// CodeCells counts the code cells.
func (nb *Notebook) CodeCells() int {
	n := 0
	for _, c := range nb.Cells {
		if c.Type == "code" {
			n++
		}
	}
	return n
}

// Executed reports whether any code cell carries outputs or an execution
// count: committed notebooks must not.
func (nb *Notebook) Executed() bool {
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 || c.ExecutionCount != nil {
			return true
		}
	}
	return false
}

// Images counts outputs that carry an image (image/png, image/jpeg or
// image/svg+xml): the charts.
func (nb *Notebook) Images() int {
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			for mime := range o.Data {
				if strings.HasPrefix(mime, "image/") {
					n++
					break
				}
			}
		}
	}
	return n
}

// Title returns the text of the first Markdown heading, or "".
func (nb *Notebook) Title() string {
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			if t := heading(string(c.Source)); t != "" {
				return t
			}
		}
	}
	return ""
}

// heading returns the first level-1 heading of Markdown text, or "".
func heading(md string) string {
	for line := range strings.SplitSeq(md, "\n") {
		if t, ok := strings.CutPrefix(line, "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// CellError describes the first failing cell of an executed notebook.
type CellError struct {
	Cell   int    // 1-based index among all cells, as Jupyter shows them
	Source string // first line of the cell's Go code (GoNB's %… and !… lines skipped)
	Text   string // the error, plain text
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)

// FirstError returns the first cell with an error output, or nil. The error
// text joins the cell's stderr stream, the traceback and the error value,
// without terminal colour codes.
func (nb *Notebook) FirstError() *CellError {
	for i, c := range nb.Cells {
		var stderr, msg []string
		failed := false
		for _, o := range c.Outputs {
			switch {
			case o.Type == "stream" && o.Name == "stderr":
				stderr = append(stderr, strings.TrimRight(string(o.Text), "\n"))
			case o.Type == "error":
				failed = true
				if len(o.Traceback) > 0 {
					msg = append(msg, strings.Join(o.Traceback, "\n"))
				} else {
					msg = append(msg, o.EName+": "+o.EValue)
				}
			}
		}
		if failed {
			text := strings.TrimSpace(strings.Join(append(stderr, msg...), "\n"))
			return &CellError{Cell: i + 1, Source: firstCodeLine(string(c.Source)), Text: ansi.ReplaceAllString(text, "")}
		}
	}
	return nil
}

// firstCodeLine returns the first line of src that is Go code rather than a
// GoNB directive (%%, %goflags …) or shell line (!…), so that an error names
// the cell by something recognisable; src's first line if it has none.
func firstCodeLine(src string) string {
	src = strings.TrimSpace(src)
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '%' && line[0] != '!' {
			return line
		}
	}
	first, _, _ := strings.Cut(src, "\n")
	return first
}
