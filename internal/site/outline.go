package site

import (
	"html/template"
	"regexp"
	"strings"
)

// outlineItem is one entry of a page's "On this page" list.
type outlineItem struct {
	ID    string
	Title template.HTML
	Sub   []outlineItem
}

var (
	partRE    = regexp.MustCompile(`<section id="(lesson|notebook|exercise)"`)
	headingRE = regexp.MustCompile(`(?s)<h([23]) id="([^"]+)">(.*?)</h[23]>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

// outline lists the parts of a chapter page and, under each, its sections:
// the lesson's level-2 headings, the notebook's and exercise's level-3 ones
// (their headings sit one level lower on the page).
func outline(body string) []outlineItem {
	var items []outlineItem
	locs := partRE.FindAllStringSubmatchIndex(body, -1)
	for i, loc := range locs {
		part := body[loc[2]:loc[3]]
		end := len(body)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		want := "3"
		if part == "lesson" {
			want = "2"
		}
		item := outlineItem{ID: part, Title: template.HTML(strings.ToUpper(part[:1]) + part[1:])}
		for _, h := range headingRE.FindAllStringSubmatch(body[loc[1]:end], -1) {
			if h[1] == want {
				item.Sub = append(item.Sub, outlineItem{ID: h[2], Title: template.HTML(stripLinks(h[3]))})
			}
		}
		items = append(items, item)
	}
	return items
}

var anchorRE = regexp.MustCompile(`</?a\b[^>]*>`)

// stripLinks keeps a heading's inline markup (code, formulas) but not its links.
func stripLinks(s string) string { return anchorRE.ReplaceAllString(s, "") }

// plainText is HTML reduced to its words, for the search index.
func plainText(s string) string {
	s = tagRE.ReplaceAllString(s, " ")
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#39;", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
