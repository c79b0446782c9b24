package grader

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/imports"
)

// A mutant (exercises/NN/mutants/NAME/FILE.go) holds only what it changes:
// a "// Mutant: …" line, the "//go:build ignore" line that keeps it out of
// the exercises module's build, the package clause, the imports it needs
// and the declarations it replaces or adds. mergeMutant turns it into the
// file verify grades: the solution's FILE.go with those declarations
// swapped in. A reviewer reads the mistake alone; a fix to the solution
// reaches every mutant of it.

// mergeMutant returns solution (the reference FILE.go) with every top-level
// declaration that mutant also declares replaced by the mutant's, the
// mutant's other declarations appended, the mutant's "// Mutant:" line on
// top, and the imports made to fit (golang.org/x/tools/imports).
func mergeMutant(name string, solution, mutant []byte) ([]byte, error) {
	header, ok := mutantHeader(mutant)
	if !ok {
		return nil, errors.New(`must start with a "// Mutant: …" line`)
	}
	fset := token.NewFileSet()
	sol, err := parser.ParseFile(fset, "solution/"+name, solution, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	mut, err := parser.ParseFile(fset, name, mutant, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	replace, order := map[string][]byte{}, []string(nil)
	for _, d := range mut.Decls {
		if k := declKey(d); k != "" {
			replace[k], order = declSource(fset, mutant, d), append(order, k)
		}
	}
	var out bytes.Buffer
	out.WriteString(header + "\n")
	last := 0
	for _, d := range sol.Decls {
		text, ok := replace[declKey(d)]
		if !ok {
			continue
		}
		start, end := declSpan(fset, d)
		out.Write(solution[last:start])
		out.Write(text)
		last = end
		delete(replace, declKey(d))
	}
	out.Write(solution[last:])
	for _, k := range order {
		if text, ok := replace[k]; ok {
			out.WriteString("\n" + string(text) + "\n")
		}
	}
	merged, err := withImports(name, out.Bytes(), mut.Imports)
	if err != nil {
		return nil, err
	}
	return imports.Process(name, merged, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
}

// withImports adds the mutant's imports to src, so that imports.Process
// only has to drop the unused ones and never guesses a path (math/rand or
// math/rand/v2).
func withImports(name string, src []byte, specs []*ast.ImportSpec) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	for _, s := range specs {
		path := strings.Trim(s.Path.Value, `"`)
		alias := ""
		if s.Name != nil {
			alias = s.Name.Name
		}
		astutil.AddNamedImport(fset, f, alias, path)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// mutantHeader returns the mutant's leading "// Mutant: …" comment (up to
// the first line that is not a comment), or false if there is none.
func mutantHeader(mutant []byte) (string, bool) {
	if !bytes.HasPrefix(mutant, []byte("// Mutant: ")) {
		return "", false
	}
	var lines []string
	for line := range strings.Lines(string(mutant)) {
		if !strings.HasPrefix(line, "//") || strings.HasPrefix(line, "//go:build") {
			break
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, ""), true
}

// declKey names a top-level declaration: "func Recv.Name", or the kind and
// names of a type, var or const declaration; "" for imports.
func declKey(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		recv := ""
		if d.Recv != nil && len(d.Recv.List) > 0 {
			recv = baseTypeName(d.Recv.List[0].Type) + "."
		}
		return "func " + recv + d.Name.Name
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return ""
		}
		var names []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
		slices.Sort(names)
		return d.Tok.String() + " " + strings.Join(names, ",")
	}
	return ""
}

// baseTypeName renders a receiver type (T, *T, T[P]) as its base name.
func baseTypeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return baseTypeName(e.X)
	case *ast.IndexExpr:
		return baseTypeName(e.X)
	case *ast.IndexListExpr:
		return baseTypeName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return fmt.Sprintf("%T", e)
}

// declSpan returns the byte offsets of d, its doc comment included.
func declSpan(fset *token.FileSet, d ast.Decl) (start, end int) {
	pos := d.Pos()
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			pos = d.Doc.Pos()
		}
	case *ast.GenDecl:
		if d.Doc != nil {
			pos = d.Doc.Pos()
		}
	}
	return fset.Position(pos).Offset, fset.Position(d.End()).Offset
}

// declSource returns the source of d in src, its doc comment included.
func declSource(fset *token.FileSet, src []byte, d ast.Decl) []byte {
	start, end := declSpan(fset, d)
	return src[start:end]
}
