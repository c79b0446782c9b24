package site

import (
	"strings"
	"testing"
)

func testBuilder() *builder {
	b := &builder{opt: Options{Root: "/work/checkout"}, math: &mathSet{}}
	for _, slug := range []string{"08-greedy-topk-topp", "09-modern-samplers"} {
		b.chapters = append(b.chapters, &chapter{Number: slug[:2], Stubs: []string{"samplers.go"}})
		b.chapters[len(b.chapters)-1].Slug = slug
	}
	return b
}

func TestResolve(t *testing.T) {
	b := testBuilder()
	for _, tc := range []struct{ dir, dest, href, label string }{
		{"lessons", "../notebooks/09-modern-samplers.ipynb", "09-modern-samplers.html#notebook", "notebook 09"},
		{"lessons", "../exercises/09-modern-samplers/", "09-modern-samplers.html#exercise", "exercise 09"},
		{"lessons", "08-greedy-topk-topp.md#top-p", "08-greedy-topk-topp.html#top-p", "lesson 08"},
		{"notebooks", "../lessons/08-greedy-topk-topp.md", "08-greedy-topk-topp.html", "lesson 08"},
		{"exercises/09-modern-samplers", "../../lessons/09-modern-samplers.md", "09-modern-samplers.html", "lesson 09"},
		{"exercises/09-modern-samplers", "samplers.go", "files/09-modern-samplers/samplers.go", "samplers.go"},
		{"exercises/09-modern-samplers", "samplers_hidden_test.go", "", ""},
		{"lessons", "../pkg/sampling/minp.go", "", ""},
		{"lessons", "../lessons/99-missing.md", "", ""},
		{"lessons", "https://arxiv.org/abs/2407.01082", "https://arxiv.org/abs/2407.01082", ""},
		{"lessons", "#min-p", "#min-p", ""},
		{"lessons", "/etc/passwd", "", ""},
	} {
		got := b.resolve(tc.dir, tc.dest)
		if got.href != tc.href || got.label != tc.label {
			t.Errorf("resolve(%q, %q) = %+v, want href %q label %q", tc.dir, tc.dest, got, tc.href, tc.label)
		}
	}
}

func TestRenderMarkdown(t *testing.T) {
	b := testBuilder()
	md := &markdown{site: b, ids: newPageIDs()}
	src := "# 09 · Title\n\n## Min-p\n\nSee [`../notebooks/09-modern-samplers.ipynb`](../notebooks/09-modern-samplers.ipynb) and [the code](../pkg/sampling/minp.go).\n\n## Min-p\n\n" +
		"- smoothing: $(1-\\varepsilon)\\cdot a\n  + \\varepsilon\\cdot b$ here\n\n```go\nfunc f() {} // c\n```\n\n    indented\n"
	got, err := md.render(src, mdDoc{dir: "lessons", dropTitle: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2 id="min-p">Min-p</h2>`, `<h2 id="min-p-1">Min-p</h2>`,
		`<a href="09-modern-samplers.html#notebook">notebook 09</a>`, "and the code.",
		`<div class="code" data-lang="go">`, `<span class="kd">func</span>`, `<span class="c1">// c</span>`,
		`<div class="code" data-lang="text">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered Markdown lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<h1") || strings.Contains(got, "<ul>\n<li>\\varepsilon") {
		t.Errorf("title kept or formula cut by a list item:\n%s", got)
	}
	if len(b.math.items) != 1 || b.math.items[0].TeX != `(1-\varepsilon)\cdot a + \varepsilon\cdot b` || b.math.items[0].Display {
		t.Errorf("formulas = %+v", b.math.items)
	}
}

func TestJoinMathLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a $x\n+ y$ b", "a $x + y$ b"},
		{"$$\na\n- b\n$$\n\nnext", "$$ a - b $$\n\nnext"},
		{"costs `$5` and\n- item", "costs `$5` and\n- item"},
		{"escaped \\$ sign\n- item", "escaped \\$ sign\n- item"},
		{"```\n$ echo\n- x\n```", "```\n$ echo\n- x\n```"},
		{"open $x\n\n- item", "open $x\n\n- item"},
	} {
		if got := joinMathLines(tc.in); got != tc.want {
			t.Errorf("joinMathLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	b := testBuilder()
	for in, want := range map[string]string{
		"wrote /work/checkout/models/x.bin":       "wrote models/x.bin",
		"cd /work/checkout && go test":            "cd . && go test",
		"cache at /tmp/go-build123/b001/exe/main": "cache at …/main",
		"H = 0.6931 nats, p/q = 1/2":              "H = 0.6931 nats, p/q = 1/2",
	} {
		if got := b.clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFigureCaption(t *testing.T) {
	ch := &chapter{Number: "09"}
	for _, tc := range []struct {
		src  string
		k    int
		want string
	}{
		{"// Figure: Kept tokens vs min-p: fewer as α grows\nviz.New(\"x\", \"a\", \"b\")", 0, "Kept tokens vs min-p: fewer as α grows"},
		{"// Figure: one\n// Figure: two\n", 1, "two"},
		{"// a comment\nviz.New(\"First \\\"q\\\"\", \"x\", \"y\").Show()\nviz.New(\"Second\", \"x\", \"y\").Show()", 1, "Second"},
		{"viz.New(\"First \\\"q\\\"\", \"x\", \"y\").Show()", 0, `First "q"`},
		{"viz.ShowGrid(2,\n\tviz.New(\"A\", \"x\", \"y\"),\n\tviz.New(\"B\", \"x\", \"y\"))", 0, "Panels: A; B"},
		{"viz.New(title, \"x\", \"y\").Show()", 0, "chart 2 of chapter 09"},
	} {
		if got := figureCaption(tc.src, ch, 2, tc.k); got != tc.want {
			t.Errorf("figureCaption(%q, %d) = %q, want %q", tc.src, tc.k, got, tc.want)
		}
	}
}

func TestOutline(t *testing.T) {
	body := `<section id="lesson"><h2 id="a">A <a href="#x">link</a></h2><h3 id="a1">A1</h3></section>` +
		`<section id="notebook"><h2>Notebook</h2><h3 id="b">B</h3></section><section id="exercise"><h2>Exercise</h2></section>`
	got := outline(body)
	if len(got) != 3 || got[0].ID != "lesson" || len(got[0].Sub) != 1 || got[0].Sub[0].Title != "A link" ||
		got[1].Title != "Notebook" || len(got[1].Sub) != 1 || got[1].Sub[0].ID != "b" || len(got[2].Sub) != 0 {
		t.Errorf("outline = %+v", got)
	}
}

func TestSetupCell(t *testing.T) {
	if !isSetupCell("%noautoget\n!*rm -f go.work && go work init && go work use . x\n%goworkfix") || isSetupCell("import \"fmt\"") {
		t.Error("isSetupCell misjudges the setup cell")
	}
}
