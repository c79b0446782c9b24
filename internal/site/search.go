package site

import (
	"encoding/json"
	"path/filepath"
	"regexp"
)

// searchEntry is one section of a chapter page in the search index.
type searchEntry struct {
	URL     string `json:"u"` // page#section
	Chapter string `json:"c"` // "09 · Modern samplers"
	Section string `json:"s"`
	Text    string `json:"t"` // the section's words, formulas as TeX
}

var (
	sectionStartRE = regexp.MustCompile(`<h[234] id="([^"]+)">|<section id="([^"]+)"`)
	detailsRE      = regexp.MustCompile(`(?s)<details\b.*?</details>`)
)

// writeSearchIndex writes assets/search-index.js: every section of every
// chapter as plain text, <details> blocks (hints, stubs) left out. A script file, not JSON fetched at run time, so
// that search works from file:// as well as over HTTP.
func (b *builder) writeSearchIndex() error {
	var entries []searchEntry
	for _, ch := range b.chapters {
		// Hints and stubs stay folded: a search snippet must not give them away.
		body := detailsRE.ReplaceAllString(b.math.tex(ch.Body), "")
		locs := sectionStartRE.FindAllStringSubmatchIndex(body, -1)
		start, id, title := 0, "", ch.Title
		emit := func(end int) {
			text := plainText(body[start:end])
			if text == "" {
				return
			}
			u := ch.Slug + ".html"
			if id != "" {
				u += "#" + id
			}
			entries = append(entries, searchEntry{URL: u, Chapter: ch.Number + " · " + ch.Title, Section: title, Text: text})
		}
		for _, loc := range locs {
			emit(loc[0])
			start = loc[1]
			if loc[2] >= 0 {
				id = body[loc[2]:loc[3]]
				end := regexp.MustCompile(`</h[234]>`).FindStringIndex(body[loc[1]:])
				if end != nil {
					title = plainText(body[loc[1] : loc[1]+end[0]])
				}
			} else {
				id = body[loc[4]:loc[5]]
				title = map[string]string{"lesson": "Lesson", "notebook": "Notebook", "exercise": "Exercise"}[id]
			}
		}
		emit(len(body))
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	js := append([]byte("window.SEARCH_INDEX = "), data...)
	js = append(js, ";\n"...)
	return writeFile(filepath.Join(b.opt.Out, "assets", "search-index.js"), js)
}
