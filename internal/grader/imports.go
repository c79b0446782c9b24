package grader

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// AllowedImports is the import allow-list for submissions: numerical and
// text packages only. Everything else — os, os/exec, net, syscall, unsafe,
// io/fs, runtime, reflect, embed, cgo's "C", the course's own packages — is
// refused before the code is built, so a submission can neither read the
// tests or solutions nor reach the process, the file system or the network.
var AllowedImports = []string{
	"cmp", "container/heap", "errors", "fmt", "iter", "maps", "math", "math/bits",
	"math/cmplx", "math/rand", "math/rand/v2", "slices", "sort", "strconv", "strings",
	"unicode", "unicode/utf8",
}

// checkImports parses the given submission files and returns an error that
// names every import outside the allow-list, with file and line.
func checkImports(files []SourceFile) error {
	fset := token.NewFileSet()
	var refused []string
	for _, src := range files {
		path := src.Name
		f, err := parser.ParseFile(fset, path, src.Data, parser.ImportsOnly)
		if err != nil {
			continue // the compiler will report syntax errors properly
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(AllowedImports, p) {
				pos := fset.Position(imp.Pos())
				refused = append(refused, fmt.Sprintf("%s:%d: import %q is not allowed", filepath.Base(path), pos.Line, p))
			}
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("refused before running (import allow-list: %s):\n  %s",
			strings.Join(AllowedImports, ", "), strings.Join(refused, "\n  "))
	}
	return nil
}

// submissionFiles lists the non-test .go files of a submitted exercise
// folder. Anything that is not a regular file (a symlink to the solutions,
// a device, a folder named x.go) is refused.
func submissionFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("exercise folder not found in the submission: %s", dir)
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("refused: %s is not a regular file (symlinks are not accepted)", name)
		}
		files = append(files, filepath.Join(dir, name))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .go files in %s", dir)
	}
	return files, nil
}
