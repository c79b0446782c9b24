package grader

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// tableWidth is the terminal width WriteTable's lines fit.
const tableWidth = 80

// WriteTable prints one line per exercise (tests passed, points, first
// failure) and the total.
func (r Report) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "exercise\ttests\tpoints\tfirst failure")
	names, width := make([]string, len(r.Results)), len("exercise")
	for i, res := range r.Results {
		names[i] = res.Exercise.Name
		if res.Student != "" {
			names[i] = res.Student + "/" + names[i]
		}
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	// The failure gets what is left of tableWidth after the name, "tests"
	// (5) and "points" (7) columns and their gaps (2 each).
	room := max(24, tableWidth-width-18)
	for i, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%d/%d\t%s/%s\t%s\n", names[i], res.Passed(), len(res.Tests),
			num(res.Points()), num(res.Exercise.MaxPoints()), clip(res.FirstFailure(), room))
	}
	tw.Flush()
	points, max := r.Score()
	fmt.Fprintf(w, "total: %s/%s points in %.1fs\n", num(points), num(max), r.Duration.Seconds())
}

// WriteDetails prints the full message of every failed test; of a hidden
// test, only that it failed.
func (r Report) WriteDetails(w io.Writer) {
	for _, res := range r.Results {
		for _, t := range res.Tests {
			if !t.Passed && t.Hidden {
				fmt.Fprintf(w, "\n--- %s: a hidden test failed (%s points)\n", res.Exercise.Name, num(t.MaxPoints))
			} else if !t.Passed {
				fmt.Fprintf(w, "\n--- %s/%s (%s points)\n%s\n", res.Exercise.Name, t.Name, num(t.MaxPoints), indent(strings.TrimSpace(t.Output)))
			}
		}
	}
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// gradescope is Gradescope's results.json schema.
type gradescope struct {
	Score         float64          `json:"score"`
	ExecutionTime float64          `json:"execution_time"`
	Output        string           `json:"output"`
	Tests         []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Name       string  `json:"name"`
	Score      float64 `json:"score"`
	MaxScore   float64 `json:"max_score"`
	Status     string  `json:"status"`
	Output     string  `json:"output"`
	Visibility string  `json:"visibility"`
}

// WriteGradescope writes the report as Gradescope's results.json. Hidden
// tests become visible to students once grades are published.
func (r Report) WriteGradescope(path, output string) error {
	points, max := r.Score()
	g := gradescope{Score: points, ExecutionTime: r.Duration.Seconds(), Tests: []gradescopeTest{}}
	g.Output = fmt.Sprintf("%s/%s points over %d exercises.", num(points), num(max), len(r.Results))
	if output != "" {
		g.Output = output + "\n" + g.Output
	}
	for _, res := range r.Results {
		for _, t := range res.Tests {
			name := res.Exercise.Name + "/" + t.Name
			if res.Student != "" {
				name = res.Student + "/" + name
			}
			gt := gradescopeTest{Name: name, Score: t.Points, MaxScore: t.MaxPoints,
				Status: "failed", Output: strings.TrimSpace(t.Output), Visibility: "visible"}
			if t.Passed {
				gt.Status, gt.Output = "passed", ""
			}
			if t.Hidden {
				gt.Visibility = "after_published"
			}
			g.Tests = append(g.Tests, gt)
		}
	}
	return writeJSON(path, g)
}

// WriteGradescopeError writes a results.json that scores 0 and explains
// why nothing could be graded; a grader must always leave a results file.
func WriteGradescopeError(path string, err error) error {
	return writeJSON(path, gradescope{Output: "The autograder could not grade this submission: " + err.Error(), Tests: []gradescopeTest{}})
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Tests   int          `xml:"tests,attr"`
	Fails   int          `xml:"failures,attr"`
	Time    float64      `xml:"time,attr"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name  string      `xml:"name,attr"`
	Tests int         `xml:"tests,attr"`
	Fails int         `xml:"failures,attr"`
	Time  float64     `xml:"time,attr"`
	Cases []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML, one suite per exercise.
func (r Report) WriteJUnit(path string) error {
	s := junitSuites{Time: r.Duration.Seconds()}
	for _, res := range r.Results {
		name := res.Exercise.Name
		if res.Student != "" {
			name = res.Student + "/" + name
		}
		suite := junitSuite{Name: name, Tests: len(res.Tests), Fails: len(res.Tests) - res.Passed(), Time: res.Duration.Seconds()}
		for _, t := range res.Tests {
			c := junitCase{Name: t.Name, ClassName: name}
			if !t.Passed {
				c.Failure = &junitFailure{Message: firstLine(t.Output), Text: t.Output}
			}
			suite.Cases = append(suite.Cases, c)
		}
		s.Tests += suite.Tests
		s.Fails += suite.Fails
		s.Suites = append(s.Suites, suite)
	}
	data, err := xml.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(xml.Header), append(data, '\n')...), 0o644)
}

// WriteRoster writes a CSV with one row per student: the points of each
// exercise and the total.
func (r Report) WriteRoster(w io.Writer, exercises []Exercise) error {
	points := map[string]map[string]float64{}
	var students []string
	for _, res := range r.Results {
		if points[res.Student] == nil {
			points[res.Student] = map[string]float64{}
			students = append(students, res.Student)
		}
		points[res.Student][res.Exercise.Name] = res.Points()
	}
	slices.Sort(students)
	cw := csv.NewWriter(w)
	header := []string{"student"}
	for _, e := range exercises {
		header = append(header, e.Name)
	}
	cw.Write(append(header, "total"))
	for _, s := range students {
		row, total := []string{s}, 0.0
		for _, e := range exercises {
			row = append(row, num(points[s][e.Name]))
			total += points[s][e.Name]
		}
		cw.Write(append(row, num(total)))
	}
	cw.Flush()
	return cw.Error()
}
