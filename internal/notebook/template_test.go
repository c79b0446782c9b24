package notebook

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// templateSections are the level-2 headings every lesson has, in this order
// (other sections may sit between them): why → worked example → the
// concept's sections → code with an "In PyTorch" box → pitfalls → questions
// with answers → the notebook's numbers → the exercise. See lessons/README.md.
var templateSections = []string{
	"Why it matters",
	"A worked example",
	"In code",
	"Pitfalls",
	"Check yourself",
	"Numbers in this lesson (computed in the notebook)",
	"Exercise",
}

// checkTemplate returns what a lesson's Markdown lacks against the template.
func checkTemplate(md string) []string {
	var problems []string
	heads := regexp.MustCompile(`(?m)^## (.+)$`).FindAllStringSubmatchIndex(md, -1)
	section := map[string]string{} // heading → body
	var order []string
	for i, h := range heads {
		end := len(md)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		name := md[h[2]:h[3]]
		section[name] = md[h[1]:end]
		order = append(order, name)
	}
	next := 0
	for _, name := range order {
		if next < len(templateSections) && name == templateSections[next] {
			next++
		}
	}
	if next < len(templateSections) {
		problems = append(problems, "sections out of order or missing from \""+templateSections[next]+"\" on (have: "+strings.Join(order, " | ")+")")
	}
	if !strings.Contains(section["In code"], "**In PyTorch**") {
		problems = append(problems, "\"In code\" has no **In PyTorch** box")
	}
	if !strings.Contains(section["A worked example"], "$") {
		problems = append(problems, "\"A worked example\" has no numbers in math")
	}
	check := section["Check yourself"]
	questions := len(regexp.MustCompile(`(?m)^\d+\. `).FindAllString(check, -1))
	answers := strings.Count(check, "<details>")
	if questions < 3 || questions > 5 || answers != questions || strings.Count(check, "</details>") != answers {
		problems = append(problems, "\"Check yourself\" needs 3–5 numbered questions, each with a <details> answer")
	}
	if !strings.Contains(section["Numbers in this lesson (computed in the notebook)"], "../notebooks/") {
		problems = append(problems, "\"Numbers in this lesson\" does not link the notebook")
	}
	if !strings.Contains(section["Exercise"], "../exercises/") {
		problems = append(problems, "\"Exercise\" does not link the exercise")
	}
	return problems
}

// TestLessonsFollowTheTemplate checks every lesson against the chapter
// template, so that a lesson that drops a section fails.
func TestLessonsFollowTheTemplate(t *testing.T) {
	r := repoForTest(t)
	chapters, err := Chapters(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chapters {
		if c.Lesson == "" {
			continue
		}
		b, err := os.ReadFile(r.Path(c.Lesson))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range checkTemplate(string(b)) {
			t.Errorf("%s: %s", c.Lesson, p)
		}
	}
}

func TestCheckTemplateCatchesGaps(t *testing.T) {
	good := "## Why it matters\nx\n## A worked example\n$1+1=2$\n## In code\n> **In PyTorch**\n## Pitfalls\n" +
		"## Check yourself\n1. a?\n<details>a</details>\n2. b?\n<details>b</details>\n3. c?\n<details>c</details>\n" +
		"## Numbers in this lesson (computed in the notebook)\n[nb](../notebooks/x.ipynb)\n## Exercise\n[ex](../exercises/x/)\n"
	if p := checkTemplate(good); len(p) != 0 {
		t.Fatalf("a complete lesson reported %v", p)
	}
	for name, bad := range map[string]string{
		"swapped":     strings.Replace(strings.Replace(good, "## Pitfalls", "## TMP", 1), "## In code", "## Pitfalls\n## In code", 1),
		"no pytorch":  strings.Replace(good, "**In PyTorch**", "PyTorch", 1),
		"no answer":   strings.Replace(good, "<details>c</details>", "", 1),
		"no exercise": strings.Replace(good, "## Exercise", "## Next", 1),
	} {
		if p := checkTemplate(bad); len(p) == 0 {
			t.Errorf("%s: no problem reported", name)
		}
	}
}
