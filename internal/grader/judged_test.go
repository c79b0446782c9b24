package grader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gradeSoftmax grades a submission of exercise 02 whose softmax.go is src.
func gradeSoftmax(t *testing.T, src string) ExerciseResult {
	t.Helper()
	sub := t.TempDir()
	write(t, filepath.Join(sub, "02-softmax", "softmax.go"), src)
	cfg := Config{Tests: filepath.Join(root, "exercises"), TimeLimit: 20 * time.Second, AnyImport: true}
	return GradeExercise(context.Background(), cfg, sub, exercise(t, "02-softmax"))
}

func softmaxSolution(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "solutions", "02-softmax", "softmax.go"))
	if err != nil {
		t.Skip("no solutions/ (a student handout)")
	}
	return string(data)
}

// TestJudgedVerdictIgnoresTheDriver: under the checker–driver protocol a
// submission earns points only by answering calls correctly. Exiting 0,
// printing PASS or forged frames, and crashing all score 0; a correct
// solution that prints debugging output keeps full marks.
func TestJudgedVerdictIgnoresTheDriver(t *testing.T) {
	t.Parallel()
	stub := "package softmax\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\n"
	cases := []struct {
		name, src string
		want      float64
	}{
		{"exit 0 in init", stub + "func init() { fmt.Println(\"PASS\\nok\"); os.Exit(0) }\n" + decls, 0},
		{"exit 0 when called", stub + "var _ = fmt.Sprint\nfunc exit() { os.Exit(0) }\n" + strings.ReplaceAll(decls, "panic(\"x\")", "exit(); return nil"), 0},
		{"forged frames", stub + "var _ = os.Exit\nfunc init() { fmt.Println(\"\\x1ejudge:AAAA\\n--- PASS: TestSoftmaxGolden\") }\n" + decls, 0},
		{"crash", stub + "var _, _ = os.Exit, fmt.Sprint\nfunc init() { var m map[int]int; m[0] = 1 }\n" + decls, 0},
		{"one function crashes the driver", crashLogSoftmax(softmaxSolution(t)), 5},
		{"debug prints", strings.Replace(softmaxSolution(t), "import \"math\"\n", "import (\n\t\"fmt\"\n\t\"math\"\n)\n\nfunc init() { fmt.Println(\"debugging\") }\n", 1), 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res := gradeSoftmax(t, c.src)
			if res.Points() != c.want {
				t.Errorf("scored %v, want %v: %s", res.Points(), c.want, res.FirstFailure())
			}
		})
	}
}

// crashLogSoftmax makes LogSoftmax overflow the stack: a fatal error no
// recover catches. Only the hidden test that calls it may lose its points.
func crashLogSoftmax(src string) string {
	i := strings.Index(src, "func LogSoftmax(x []float64) []float64 {")
	return src[:i] + "func LogSoftmax(x []float64) []float64 { return LogSoftmax(append(x, 0)) }\n\nfunc unused" + src[i+len("func LogSoftmax"):]
}

const decls = `
func LogSumExp(x []float64) float64 { panic("x") }
func Softmax(x []float64) []float64 { panic("x") }
func LogSoftmax(x []float64) []float64 { panic("x") }
`
