package site

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium (scripts/install-deps.sh installs it).
func chromium() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if p == "" {
			continue
		}
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
	}
	return ""
}

// browserLog collects, from the tab's event loop, every request the pages
// make and every console error, for the page being checked.
type browserLog struct {
	mu       sync.Mutex
	allowed  string // requests must start with this prefix
	page     string
	problems []string
}

func (l *browserLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, l.page+": "+fmt.Sprintf(format, args...))
}

func (l *browserLog) listen(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		l.mu.Lock()
		allowed := l.allowed
		l.mu.Unlock()
		if !strings.HasPrefix(u, allowed) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "about:") && !strings.HasPrefix(u, "blob:") {
			l.add("request outside the site: %s", u)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			l.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled && ev.ErrorText != "net::ERR_ABORTED" { // a lazy image cut short by the next navigation
			l.add("loading failed: %s (%s)", ev.ErrorText, ev.Type)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			l.add("console error: %s", strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		l.add("uncaught exception: %s", ev.ExceptionDetails.Text+" "+exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			l.add("browser log error: %s %s", ev.Entry.Text, ev.Entry.URL)
		}
	}
}

// pageReport is what checkPageJS finds on one page.
type pageReport struct {
	Title    string   `json:"title"`
	Chapter  bool     `json:"chapter"`
	URLs     []string `json:"urls"` // links, images, scripts and stylesheets
	Problems []string `json:"problems"`
}

// checkPageJS inspects a rendered page: alt text, raw TeX left in the visible
// text, Go highlighting and copy buttons on code, navigation on chapter pages,
// the hidden setup cell and machine paths in outputs.
const checkPageJS = `(() => {
  const r = {title: document.title, chapter: !!document.querySelector("article.chapter"), urls: [], problems: []};
  const bad = (m) => r.problems.push(m);
  for (const a of document.querySelectorAll("a[href]")) r.urls.push(a.href);
  for (const e of document.querySelectorAll("img[src], script[src]")) r.urls.push(e.src);
  for (const e of document.querySelectorAll("link[href]")) r.urls.push(e.href);
  if (!r.title || /\.(html|ipynb|md)$|lesson/.test(r.title)) bad("no real <title>: " + r.title);
  for (const img of document.querySelectorAll("main img")) {
    if (!(img.getAttribute("alt") || "").trim()) bad("image without alt text: " + img.getAttribute("src"));
    const fig = img.closest("figure");
    if (!fig || !fig.querySelector("figcaption")) bad("image without a caption: " + img.getAttribute("src"));
  }
  const main = document.querySelector("main").cloneNode(true);
  main.querySelectorAll(".katex, pre, code, script, style").forEach((e) => e.remove());
  const text = main.textContent;
  const tex = text.match(/\$\$|\\(frac|mathrm|mathbb|operatorname|sum|prod|ln|log|exp|left|right|begin|end|cdot|sqrt|text|alpha|beta|theta|tau|sigma|pi|le|ge|in|infty)(?![a-z])|\$[^$\s][^$\n]{0,80}\$/);
  if (tex) bad("raw TeX in the text: …" + text.slice(Math.max(0, tex.index - 40), tex.index + 40).replace(/\s+/g, " ") + "…");
  for (const c of document.querySelectorAll(".code")) {
    if (!c.querySelector("button.copy")) bad("code block without a copy button");
  }
  for (const pre of document.querySelectorAll("main pre")) {
    if (!pre.closest(".code") && !pre.classList.contains("output")) bad("code block outside a highlighted frame: " + pre.textContent.slice(0, 60));
  }
  for (const cell of document.querySelectorAll(".cell-code")) {
    const c = cell.querySelector(".code");
    if (!c || c.dataset.lang !== "go") { bad("notebook cell not marked as Go"); continue; }
  }
  for (const c of document.querySelectorAll('.code[data-lang="go"]')) {
    const src = c.querySelector("pre").textContent;
    const spans = c.querySelectorAll("pre.chroma span[class]");
    if (spans.length === 0) { bad("Go code without highlighting: " + src.slice(0, 60)); continue; }
    if (/\/\/ /.test(src) && !c.querySelector(".c1, .cm")) bad("Go comment not highlighted as a comment: " + src.slice(0, 60));
    if (/(^|\n)\s*func\s/.test(src) && ![...c.querySelectorAll(".kd")].some((s) => s.textContent === "func")) bad("func not highlighted as a Go keyword: " + src.slice(0, 60));
  }
  if (/goworkfix|go work init/.test(document.querySelector("main").textContent)) bad("the setup cell is shown");
  for (const o of document.querySelectorAll("pre.output, .output-html")) {
    const m = o.textContent.match(/\/(home|root|work|tmp)\/[\w.-]+\//);
    if (m) bad("machine path in an output: " + m[0]);
  }
  const art = document.querySelector("main article");
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const px = parseFloat(getComputedStyle(art.querySelector("p:not([class])") || art).fontSize);
  const cols = art.getBoundingClientRect().width / rem;
  if (px < 16) bad("text at " + px + " px");
  if (cols < 36 || cols > 46) bad("text column " + cols.toFixed(1) + " rem wide at 1280 px");
  if (!document.querySelector('a[rel="home"][href="index.html"]')) bad("no link home");
  if (!document.querySelector('a[rel="prev"]')) bad("no previous link");
  if (!document.querySelector('a[rel="next"]')) bad("no next link");
  if (document.querySelectorAll("#sidebar ol a").length < 2) bad("no table of contents");
  if (document.querySelectorAll(".toc .outline a").length < 2) bad("no on-this-page outline");
  if (r.chapter) {
    if (document.querySelectorAll(".toc .outline a").length < 3) bad("chapter with a one-entry outline");
    for (const id of ["lesson", "notebook", "exercise"]) if (!document.getElementById(id)) bad("chapter without its " + id);
  }
  return r;
})()`

// overflowJS checks a page at phone width: charts span the text column, and
// nothing sticks out so that the page would scroll sideways (it names what does).
const overflowJS = `(() => {
  const d = document.documentElement;
  const out = [];
  const art = document.querySelector("main article");
  for (const img of document.querySelectorAll("figure.chart img")) {
    if (img.getBoundingClientRect().width < art.clientWidth - 4) out.push("chart narrower than the text: " + img.getAttribute("src"));
  }
  if (d.scrollWidth <= d.clientWidth) return out;
  for (const e of document.querySelectorAll("main *")) {
    let clipped = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") { clipped = true; break; }
    }
    if (!clipped && e.getBoundingClientRect().right > d.clientWidth + 1) {
      out.push(e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + ": " + (e.textContent || "").slice(0, 50));
      if (out.length >= 3) break;
    }
  }
  return ["page is " + d.scrollWidth + " px wide in a " + d.clientWidth + " px window", ...out];
})()`

// TestBrowser builds the site, serves it over HTTP on 127.0.0.1 and visits
// every page in headless Chromium at 1280 and 390 px, failing on every
// defect a learner would meet. It also loads a chapter from file://, searches
// from both, and writes screenshots to build/screenshots/.
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not found: the browser test needs Debian's chromium (scripts/install-deps.sh installs it)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	pages, err := Build(Options{Root: root, Notebooks: filepath.Join(root, "build", "notebooks"), Out: out})
	if err != nil {
		t.Fatalf("building the site: %v", err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.Flag("headless", "new"), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true))
	defer cancelAlloc()
	blog := &browserLog{allowed: srv.URL + "/"}
	tab, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(blog.listen))
	defer cancelTab()

	entries, err := filepath.Glob(filepath.Join(out, "*.html"))
	if err != nil || len(entries) != pages {
		t.Fatalf("%d HTML files for %d pages (%v)", len(entries), pages, err)
	}
	fetch := newFetcher()
	problems := checkPages(t, tab, blog, fetch, srv.URL, entries)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	problems = append(problems, searchChecks(tab, blog, srv.URL+"/09-modern-samplers.html")...)
	// The same site from file://: math, fonts, scripts and search need no server.
	blog.mu.Lock()
	blog.allowed = "file://" + out + "/"
	blog.mu.Unlock()
	problems = append(problems, searchChecks(tab, blog, "file://"+filepath.Join(out, "13-kl-estimators-dpo.html"))...)
	if r, err := chromedp.Run(tab, chromedp.Evaluate[pageReport](checkPageJS)); err != nil {
		t.Fatal(err)
	} else {
		for _, m := range r.Problems {
			problems = append(problems, "file:// 13: "+m)
		}
	}
	blog.mu.Lock()
	problems = append(problems, blog.problems...)
	blog.mu.Unlock()
	t.Logf("visited %d pages at 1280 px and 390 px, checked %d same-site URLs", len(entries), len(fetch.seen))
	for _, p := range problems {
		t.Error(p)
	}
	if err := screenshots(tab, srv.URL, filepath.Join(root, "build", "screenshots")); err != nil {
		t.Errorf("screenshots: %v", err)
	}
}

// checkPages visits every page at 1280 px (checkPageJS, every same-site URL
// fetched) and again at 390 px (overflowJS).
func checkPages(t *testing.T, tab context.Context, blog *browserLog, fetch *fetcher, base string, entries []string) []string {
	t.Helper()
	var problems []string
	for _, p := range entries {
		name := filepath.Base(p)
		blog.mu.Lock()
		blog.page = name
		blog.mu.Unlock()
		if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/"+name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		problems = append(problems, explorableChecks(tab, name)...)
		r, err := chromedp.Run(tab, chromedp.Evaluate[pageReport](checkPageJS))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, m := range r.Problems {
			problems = append(problems, name+": "+m)
		}
		for _, m := range fetch.check(base, r.URLs) {
			problems = append(problems, name+": "+m)
		}
		if name != "index.html" && !r.Chapter {
			problems = append(problems, name+": not a chapter page")
		}
		// The same page in a phone's width: nothing may scroll sideways.
		if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
		over, err := chromedp.Run(tab, chromedp.Evaluate[[]string](overflowJS))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, m := range over {
			problems = append(problems, fmt.Sprintf("%s at 390 px: %s", name, m))
		}
	}
	return problems
}

// searchChecks types queries into the search box of page and checks what
// comes back: "min-p" must lead with chapter 09.
func searchChecks(tab context.Context, blog *browserLog, page string) []string {
	blog.mu.Lock()
	blog.page = page + " (search)"
	blog.mu.Unlock()
	var problems []string
	for _, q := range []struct{ query, want string }{
		{"min-p", "09-modern-samplers.html"},
		{"bits per byte", ""},
		{"k3", "13-kl-estimators-dpo.html"},
	} {
		err := chromedp.Do(tab,
			chromedp.Navigate(page),
			chromedp.SendKeys(chromedp.CSS("#search"), q.query),
			chromedp.WaitVisible(chromedp.CSS("#search-results a.result")),
		)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: search %q: %v", page, q.query, err))
			continue
		}
		hrefs, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a.result")].map((a) => a.getAttribute("href"))`))
		if err != nil || len(hrefs) == 0 {
			problems = append(problems, fmt.Sprintf("%s: search %q found nothing (%v)", page, q.query, err))
			continue
		}
		if q.want != "" && !strings.HasPrefix(hrefs[0], q.want) {
			problems = append(problems, fmt.Sprintf("%s: search %q leads with %s, want %s", page, q.query, hrefs[0], q.want))
		}
	}
	return problems
}

// fetcher checks same-site URLs once each: the file exists and, for a
// #fragment, the page has that id.
type fetcher struct {
	seen  map[string]bool
	pages map[string]string
}

func newFetcher() *fetcher { return &fetcher{seen: map[string]bool{}, pages: map[string]string{}} }

func (f *fetcher) check(base string, urls []string) []string {
	var problems []string
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			problems = append(problems, fmt.Sprintf("bad URL %q", raw))
			continue
		}
		switch {
		case u.Scheme == "https" || u.Scheme == "mailto" || (u.Scheme == "http" && !strings.HasPrefix(raw, base)):
			continue // a link to the web: followed only when the reader clicks it
		case u.Scheme != "http":
			problems = append(problems, "link outside the site: "+raw)
			continue
		}
		if f.seen[raw] {
			continue
		}
		f.seen[raw] = true
		frag := u.Fragment
		u.Fragment = ""
		body, ok := f.pages[u.String()]
		if !ok {
			resp, err := http.Get(u.String())
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", raw, err))
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				problems = append(problems, fmt.Sprintf("broken link %s: HTTP %d", strings.TrimPrefix(raw, base), resp.StatusCode))
				continue
			}
			body = string(b)
			f.pages[u.String()] = body
		}
		if frag != "" && !strings.Contains(body, `id="`+frag+`"`) {
			problems = append(problems, fmt.Sprintf("broken anchor %s", strings.TrimPrefix(raw, base)))
		}
	}
	return problems
}

// screenshots writes the index and chapter 09 at 1280 and 390 px wide, and
// chapter 09's first chart and its exercise at 1280 px.
func screenshots(tab context.Context, base, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range []struct {
		name, file, scrollTo string
		width                int64
	}{
		{"index-1280", "index.html", "", 1280}, {"index-390", "index.html", "", 390},
		{"chapter-1280", "09-modern-samplers.html", "", 1280}, {"chapter-390", "09-modern-samplers.html", "", 390},
		{"notebook-1280", "09-modern-samplers.html", "figure.chart", 1280},
		{"exercise-1280", "09-modern-samplers.html", "#exercise", 1280},
	} {
		if err := chromedp.Do(tab, chromedp.EmulateViewport(s.width, 2000), chromedp.Navigate(base+"/"+s.file)); err != nil {
			return err
		}
		if s.scrollTo != "" {
			js := fmt.Sprintf("document.querySelector(%q).scrollIntoView({block: %q})", s.scrollTo, map[bool]string{true: "start", false: "center"}[strings.HasPrefix(s.scrollTo, "#")])
			if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](js), chromedp.Sleep(300*time.Millisecond)); err != nil {
				return err
			}
		}
		shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".png"), shot, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return fmt.Sprintf("at %s:%d", d.URL, d.LineNumber)
}

// explorableChecks waits, on a page with an explorable (internal/explorables),
// until its WebAssembly module has started and fails if a widget reported an
// error. internal/explorables/bundle's own browser test checks the numbers.
func explorableChecks(tab context.Context, name string) []string {
	has, err := chromedp.Run(tab, chromedp.Evaluate[bool](`!!document.querySelector(".blx[data-explorable]")`))
	if err != nil || !has {
		return nil
	}
	err = chromedp.Do(tab, chromedp.Poll[chromedp.Void](`document.documentElement.dataset.blxReady`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		return []string{name + ": the explorable did not start: " + err.Error()}
	}
	failed, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".blx-failed")].map((e) => e.textContent)`))
	if err != nil {
		return []string{name + ": " + err.Error()}
	}
	for i := range failed {
		failed[i] = name + ": explorable failed: " + failed[i]
	}
	return failed
}
