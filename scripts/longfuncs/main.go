// Command longfuncs prints every function longer than a limit (80 lines by
// default) in the Go files that git tracks, tests and generated files left
// out, longest first, and exits 1 when it printed any.
//
//	go run ./scripts/longfuncs [-max 80]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"slices"
	"strings"
)

type long struct {
	pos   token.Position
	name  string
	lines int
}

func main() {
	limit := flag.Int("max", 80, "longest function allowed, in lines from func to its closing brace")
	flag.Parse()
	out, err := exec.Command("git", "ls-files", "*.go").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "longfuncs: git ls-files:", err)
		os.Exit(2)
	}
	fset := token.NewFileSet()
	var found []long
	for _, path := range strings.Fields(string(out)) {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue // deleted in the working tree
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			fmt.Fprintln(os.Stderr, "longfuncs:", err)
			os.Exit(2)
		}
		if ast.IsGenerated(f) || bytes.Contains(src, []byte("\n// Code generated ")) {
			continue
		}
		found = append(found, longFuncs(fset, f, *limit)...)
	}
	slices.SortFunc(found, func(a, b long) int { return b.lines - a.lines })
	for _, l := range found {
		fmt.Printf("%4d lines  %s  %s:%d\n", l.lines, l.name, l.pos.Filename, l.pos.Line)
	}
	if len(found) > 0 {
		fmt.Printf("%d function(s) over %d lines\n", len(found), *limit)
		os.Exit(1)
	}
}

// longFuncs returns the function declarations of f longer than limit lines.
func longFuncs(fset *token.FileSet, f *ast.File, limit int) []long {
	var found []long
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
		if n := end.Line - start.Line + 1; n > limit {
			name := fn.Name.Name
			if fn.Recv != nil && len(fn.Recv.List) > 0 {
				name = recvName(fn.Recv.List[0].Type) + "." + name
			}
			found = append(found, long{start, name, n})
		}
	}
	return found
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}
