package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// mathSet collects the site's formulas while pages are rendered; each gets a
// placeholder that fill replaces with KaTeX's HTML.
type mathSet struct {
	items []mathItem
	html  []string
}

type mathItem struct {
	TeX     string `json:"tex"`
	Display bool   `json:"display"`
}

func (m *mathSet) add(tex string, display bool) string {
	m.items = append(m.items, mathItem{TeX: tex, Display: display})
	return fmt.Sprintf("\x02math:%d\x03", len(m.items)-1)
}

var mathPlaceholder = regexp.MustCompile("\x02math:([0-9]+)\x03")

// tex replaces placeholders by the TeX source between $…$ (for the search
// index and plain-text summaries).
func (m *mathSet) tex(s string) string {
	return mathPlaceholder.ReplaceAllStringFunc(s, func(p string) string {
		return m.items[m.index(p)].TeX
	})
}

// fill replaces placeholders by the rendered formulas; render must have run.
func (m *mathSet) fill(s string) string {
	return mathPlaceholder.ReplaceAllStringFunc(s, func(p string) string {
		return m.html[m.index(p)]
	})
}

func (m *mathSet) index(p string) int {
	i, _ := strconv.Atoi(mathPlaceholder.FindStringSubmatch(p)[1])
	return i
}

// render runs web/render-math.js (KaTeX from web/node_modules) once over
// every formula of the site.
func (m *mathSet) render(root string) error {
	script := filepath.Join(root, "web", "render-math.js")
	if _, err := os.Stat(filepath.Join(root, "web", "node_modules", "katex", "package.json")); err != nil {
		return fmt.Errorf("KaTeX is not installed in web/node_modules: run scripts/install-deps.sh (npm ci --prefix web)")
	}
	in, err := json.Marshal(m.items)
	if err != nil {
		return err
	}
	cmd := exec.Command("node", script)
	cmd.Stdin = bytes.NewReader(in)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("rendering %d formulas with KaTeX: %w\n%s", len(m.items), err, stderr.Bytes())
	}
	if err := json.Unmarshal(out.Bytes(), &m.html); err != nil {
		return fmt.Errorf("KaTeX output: %w", err)
	}
	if len(m.html) != len(m.items) {
		return fmt.Errorf("KaTeX returned %d formulas for %d", len(m.html), len(m.items))
	}
	return nil
}

// joinMathLines joins a line that ends inside a formula with the next one,
// so that Markdown cannot read a continuation line of TeX that starts with
// "+", "-" or "1." as a list item and cut the formula in two. Fenced code,
// code spans and \$ are skipped; a blank line ends any formula.
func joinMathLines(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	var st mathState
	fence := ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		if fence != "" || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			out = append(out, line)
			continue
		}
		st = st.scan(line)
		for st.open() && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			i++
			next := strings.TrimSpace(lines[i])
			line += " " + next
			st = st.scan(" " + next)
		}
		st = mathState{}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// mathState is whether a scan is inside $…$ or $$…$$.
type mathState struct{ inline, display bool }

func (s mathState) open() bool { return s.inline || s.display }

func (s mathState) scan(line string) mathState {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\':
			i++ // \$ is a dollar sign in text and in TeX alike
		case c == '`' && !s.open():
			n := 1
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			if end := strings.Index(line[i+n:], strings.Repeat("`", n)); end >= 0 {
				i += n + end + n - 1
			} else {
				i += n - 1
			}
		case c == '$' && i+1 < len(line) && line[i+1] == '$' && !s.inline:
			s.display = !s.display
			i++
		case c == '$' && !s.display:
			s.inline = !s.inline
		}
	}
	return s
}
