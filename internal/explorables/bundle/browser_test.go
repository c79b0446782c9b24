package bundle

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pages are the chapters whose explorables the browser test drives.
var pages = map[string]string{"decoding": "09", "divergence": "06", "calibration": "10", "klestimators": "13", "perplexity": "15"}

// watcher records requests that leave the test server, failed loads and
// console errors.
type watcher struct {
	mu       sync.Mutex
	allowed  string
	problems []string
}

func (w *watcher) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if u := ev.Request.URL; !strings.HasPrefix(u, w.allowed) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "about:") {
			w.problems = append(w.problems, "request outside the test server: "+u)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			w.problems = append(w.problems, "loading failed: "+ev.ErrorText)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			w.problems = append(w.problems, "console error")
		}
	case *runtime.EventExceptionThrown:
		w.problems = append(w.problems, "uncaught exception: "+ev.ExceptionDetails.Text)
	}
}

// near reports whether got equals want within 1e-9 relative (1e-12 absolute near 0).
func near(got, want float64) bool {
	return got == want || math.Abs(got-want) <= 1e-9*math.Max(math.Abs(want), 1e-3)
}

type checker struct {
	t    *testing.T
	tab  context.Context
	what string
}

func (c checker) eval(js string, v any) {
	c.t.Helper()
	raw, err := chromedp.Run(c.tab, chromedp.Evaluate[string]("JSON.stringify("+js+")"))
	if err != nil {
		c.t.Fatalf("%s: %s: %v", c.what, js, err)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		c.t.Fatalf("%s: %s: %v (%s)", c.what, js, err, raw)
	}
}

func (c checker) num(name string, got, want float64) {
	c.t.Helper()
	if !near(got, want) {
		c.t.Errorf("%s: %s shown %v, Go reference %v", c.what, name, got, want)
	}
}

// set sets the control called name in the explorable, fires its input event
// and waits for the update, which the page runs in the next animation frame.
func (c checker) set(name string, v any) {
	c.t.Helper()
	val, _ := json.Marshal(v)
	js := fmt.Sprintf(`(() => { const e = document.querySelector('.blx [name=%q]'); const v = %s; if (e.type === "checkbox") e.checked = v; else e.value = v; e.dispatchEvent(new Event("input")); return true; })()`, name, val)
	var ok bool
	c.eval(js, &ok)
	c.settled()
}

// settled waits until no update is pending (the page runs updates in the
// next animation frame after an input event).
func (c checker) settled() {
	c.t.Helper()
	if err := chromedp.Do(c.tab, chromedp.Poll[chromedp.Void](`!document.querySelector(".blx[data-pending]")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		c.t.Fatalf("%s: an update is still pending: %v", c.what, err)
	}
}

func (c checker) updateMs() float64 {
	var s string
	c.eval(`document.querySelector(".blx").dataset.updateMs`, &s)
	var f float64
	fmt.Sscan(s, &f)
	return f
}

// TestBrowser builds the assets, serves pages holding the chapters'
// fragments on 127.0.0.1 with every other host unreachable, drives each
// explorable in headless Chromium and compares every displayed number with
// package explorables run natively on the same inputs. It prints the module
// sizes, the time to interactive and the update times, and writes a 390 px
// screenshot of the decoding lab to build/screenshots/.
func TestBrowser(t *testing.T) {
	exe, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found (scripts/install-deps.sh installs it)")
	}
	if testing.Short() {
		t.Skip("browser test")
	}
	root, _ := filepath.Abs("../../..")
	out := t.TempDir()
	if err := Build(root, filepath.Join(out, Dir)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"explorables.wasm", "perplexity.wasm", RanksFile, "opticks-train.txt", "decoding.json"} {
		b, _ := os.ReadFile(filepath.Join(out, Dir, f))
		gz := gzipSize(b)
		t.Logf("%s: %d bytes (%.2f MB), %d bytes gzip -9 (%.2f MB)", f, len(b), float64(len(b))/1e6, gz, float64(gz)/1e6)
		if strings.HasSuffix(f, ".wasm") && len(b) > 4_000_000 {
			t.Errorf("%s is %d bytes, over the 4 MB budget", f, len(b))
		}
	}
	for kind, n := range pages {
		frag, err := Fragment(n, "")
		if err != nil || frag == "" {
			t.Fatalf("fragment %s: %v", n, err)
		}
		page := "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>" + kind +
			"</title></head><body style=\"margin:0 auto;max-width:44rem;padding:0 12px;font:16px/1.5 sans-serif\"><main>" + frag + "</main></body></html>"
		if err := os.WriteFile(filepath.Join(out, kind+".html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(exe), chromedp.Flag("headless", "new"), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"))
	defer cancelAlloc()
	w := &watcher{allowed: srv.URL + "/"}
	tab, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(w.listen))
	defer cancelTab()
	open := func(kind string, width int64) checker {
		c := checker{t: t, tab: tab, what: kind}
		if err := chromedp.Do(tab, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/"+kind+".html"),
			chromedp.Poll[chromedp.Void](`document.documentElement.dataset.blxReady`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		var tm struct{ InteractiveMs, SinceNavigationMs, ModuleReadyMs float64 }
		c.eval(`BLXTimings`, &tm)
		t.Logf("%s: interactive %.0f ms after navigation start (%.0f ms after the script started; module running at %.0f ms)", kind, tm.SinceNavigationMs, tm.InteractiveMs, tm.ModuleReadyMs)
		return c
	}
	dc := open("decoding", 390)
	decodingChecks(t, dc, out)
	var overflow []string
	dc.eval(`(() => { const d = document.documentElement, w = d.clientWidth; if (d.scrollWidth <= w) return [];
	  return [...document.querySelectorAll(".blx-section *")].filter((e) => e.getBoundingClientRect().right > w + 1).slice(0, 5).map((e) => e.tagName + "." + e.className); })()`, &overflow)
	if len(overflow) > 0 {
		t.Errorf("decoding lab scrolls sideways at 390 px: %v", overflow)
	}
	shot, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.CSS(".blx-section")))
	if err == nil {
		dir := filepath.Join(root, "build", "screenshots")
		os.MkdirAll(dir, 0o755)
		err = os.WriteFile(filepath.Join(dir, "explorable-decoding-390.png"), shot, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot: %v", err)
	}
	for kind, check := range map[string]func(checker){"divergence": divergenceChecks, "calibration": calibrationChecks,
		"klestimators": klChecks, "perplexity": perplexityChecks} {
		c := open(kind, 1280)
		check(c)
		shot, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.CSS(".blx-section")))
		if err == nil {
			err = os.WriteFile(filepath.Join(root, "build", "screenshots", "explorable-"+kind+"-1280.png"), shot, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range w.problems {
		t.Error(p)
	}
}

func gzipSize(b []byte) int {
	var n countWriter
	z, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	z.Write(b)
	z.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
