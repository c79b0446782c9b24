package bundle

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bitsandlogits/course/internal/explorables"
	"github.com/bitsandlogits/course/internal/explorables/perplexity"
	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// decodingChecks drives the decoding lab through several settings, both
// orders, and the 50,000-token Zipf case, and compares with explorables.Decode.
func decodingChecks(t *testing.T, c checker, out string) {
	b, err := os.ReadFile(filepath.Join(out, Dir, "decoding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data struct{ Prompts []Prompt }
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	zipf := len(data.Prompts)
	updateTimes(t, c, zipf)
	type setting struct {
		prompt     int
		t, p, minP float64
		k          int
		last       bool
	}
	for _, s := range []setting{
		{1, 1.5, 1, 0.1, 0, false}, {1, 1.5, 1, 0.1, 0, true}, {2, 0.7, 0.9, 0, 0, false}, {5, 1, 1, 0, 5, false},
		{zipf, 1, 1, 0, 0, false}, {zipf, 0.8, 0.95, 0, 40, false}, {zipf, 1.3, 0.9, 0.05, 0, true}, {zipf, 2, 1, 0, 0, false},
		{zipf, 0.5, 0.5, 0, 0, false}, {zipf, 1.2, 1, 0.02, 0, false},
		{3, 0.8, 0.9, 0, 0, false}, // left on screen for the screenshot
	} {
		c.set("prompt", s.prompt)
		c.set("temperature", s.t)
		c.set("topk", s.k)
		c.set("topp", s.p)
		c.set("minp", s.minP)
		c.set("templast", s.last)
		var shown struct {
			Prompt, K              int
			T, P, M                float64
			Last                   bool
			Rows                   [][4]float64
			Kept, Mass, HB, HA, Ot string
		}
		c.eval(`(() => { const q = (s) => document.querySelector(".blx " + s); const v = (n) => q("[data-name=" + n + "]").dataset.value;
		  return {Prompt: +q("[name=prompt]").value, T: +q("[name=temperature]").value, K: +q("[name=topk]").value, P: +q("[name=topp]").value,
		    M: +q("[name=minp]").value, Last: q("[name=templast]").checked,
		    Rows: [...document.querySelectorAll(".blx-row")].map((r) => [+r.dataset.id, +r.dataset.before, +r.dataset.after, +r.dataset.count]),
		    Kept: v("kept"), Mass: v("kept_mass"), HB: v("entropy_before"), HA: v("entropy_after"), Ot: q(".blx-other").dataset.value}; })()`, &shown)
		logits := explorables.Zipf(50_000, 1.1)
		if shown.Prompt < zipf {
			logits = data.Prompts[shown.Prompt].LogProbs
		}
		want := explorables.Decode(logits, explorables.DecodeConfig{Temperature: shown.T, TopK: shown.K, TopP: shown.P, MinP: shown.M,
			TemperatureLast: shown.Last, Seed: 1, Draws: 1000}, 15)
		cc := c
		cc.what = fmt.Sprintf("decoding %+v", s)
		var kept, other int
		var mass, hb, ha float64
		fmt.Sscan(shown.Kept, &kept)
		fmt.Sscan(shown.Ot, &other)
		fmt.Sscan(shown.Mass, &mass)
		fmt.Sscan(shown.HB, &hb)
		fmt.Sscan(shown.HA, &ha)
		if kept != want.Kept || other != want.Other || len(shown.Rows) != len(want.Top) {
			t.Errorf("%s: kept %d, other %d, %d rows; Go: %d, %d, %d", cc.what, kept, other, len(shown.Rows), want.Kept, want.Other, len(want.Top))
		}
		cc.num("kept mass", mass, want.KeptMass)
		cc.num("H before", hb, want.EntropyBefore)
		cc.num("H after", ha, want.EntropyAfter)
		for i, r := range shown.Rows[:min(len(shown.Rows), len(want.Top))] {
			w := want.Top[i]
			if int(r[0]) != w.ID || int(r[3]) != w.Count {
				t.Errorf("%s: row %d: token %v drawn %v times; Go: token %d drawn %d", cc.what, i, r[0], r[3], w.ID, w.Count)
			}
			cc.num(fmt.Sprintf("row %d p before", i), r[1], w.Before)
			cc.num(fmt.Sprintf("row %d p after", i), r[2], w.After)
		}
	}
}

// updateTimes drags the decoding lab's sliders at V = 50,000 through 50
// updates (temperature with top-p 0.95, then top-p, then min-p) and prints
// the median, 95th percentile and maximum time of an update (the Go call plus
// the redraw) and of the Go call alone. The 16 ms budget is reported, not
// asserted: timing on a shared machine varies; only a sanity bound is.
func updateTimes(t *testing.T, c checker, zipf int) {
	c.set("prompt", zipf)
	var first float64
	c.eval(`+document.querySelector(".blx").dataset.goMs`, &first)
	t.Logf("decoding lab: the first update at V = 50,000 (its lab was built when the page loaded the distributions) took %.1f ms in Go", first)
	for name, v := range map[string]any{"topk": 0, "minp": 0, "templast": false, "topp": 0.95} {
		c.set(name, v)
	}
	var total, goCall []float64
	record := func() {
		var ms [2]string
		c.eval(`[document.querySelector(".blx").dataset.updateMs, document.querySelector(".blx").dataset.goMs]`, &ms)
		var u, g float64
		fmt.Sscan(ms[0], &u)
		fmt.Sscan(ms[1], &g)
		total, goCall = append(total, u), append(goCall, g)
	}
	for i := range 20 {
		c.set("temperature", 0.3+0.08*float64(i))
		record()
	}
	for i := range 20 {
		c.set("topp", 0.5+0.025*float64(i))
		record()
	}
	for i := range 10 {
		c.set("minp", 0.01*float64(i+1))
		record()
	}
	t.Logf("decoding lab, V = 50,000, %d updates: update (Go call + redraw) %s; Go call alone %s", len(total), percentiles(total), percentiles(goCall))
	if slices.Max(total) > 5000 { // a sanity bound against a hang, not the 16 ms budget
		t.Errorf("an update at V = 50,000 took %.0f ms", slices.Max(total))
	}
}

// percentiles formats the median, 95th percentile and maximum of ms.
func percentiles(ms []float64) string {
	s := slices.Sorted(slices.Values(ms))
	at := func(q float64) float64 { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return fmt.Sprintf("median %.1f ms, p95 %.1f ms, max %.1f ms", at(0.5), at(0.95), s[len(s)-1])
}

// divergenceChecks drags bars of p and q by clicking them and compares every
// shown number with explorables.Divergence of the weights the page reports.
func divergenceChecks(c checker) {
	var ms []float64
	for _, click := range []struct {
		dist  string
		index int
		frac  float64
	}{{"p", 0, 0.9}, {"q", 0, 0.1}, {"p", 5, 0.5}, {"q", 3, 0.95}} {
		var box [4]float64
		c.eval(fmt.Sprintf(`(() => { const r = document.querySelectorAll(".blx-pad-%s .blx-col")[%d].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`, click.dist, click.index), &box)
		if err := chromedp.Do(c.tab, chromedp.MouseClickXY(box[0]+box[2]/2, box[1]+box[3]*(1-click.frac))); err != nil {
			c.t.Fatal(err)
		}
		c.settled()
		var shown struct {
			P, Q   string
			Values map[string]float64
			Table  [][]float64
		}
		c.eval(`(() => { const root = document.querySelector(".blx"); const v = {};
		  for (const o of root.querySelectorAll(".blx-num")) v[o.dataset.name] = +o.dataset.value;
		  return {P: root.dataset.p, Q: root.dataset.q, Values: v,
		    Table: [...root.querySelectorAll("table tr")].slice(1).map((tr) => [...tr.querySelectorAll("td[data-value]")].map((td) => +td.dataset.value))}; })()`, &shown)
		var p, q []float64
		json.Unmarshal([]byte(shown.P), &p)
		json.Unmarshal([]byte(shown.Q), &q)
		want := explorables.Divergence(p, q)
		cc := c
		cc.what = fmt.Sprintf("divergence after a click on %s[%d] (p %v, q %v)", click.dist, click.index, p, q)
		for k, v := range map[string]float64{"HP": want.HP, "HQ": want.HQ, "HPQ": want.HPQ, "KLPQ": want.KLPQ, "KLQP": want.KLQP, "JS": want.JS} {
			cc.num(k, shown.Values[k], v)
		}
		if len(shown.Table) != len(p) {
			c.t.Fatalf("%s: %d table rows", cc.what, len(shown.Table))
		}
		for i, row := range shown.Table {
			for j, v := range []float64{want.P[i], want.Q[i], want.TermPQ[i], want.TermQP[i], want.TermCrossPQ[i]} {
				cc.num(fmt.Sprintf("table[%d][%d]", i, j), row[j], v)
			}
		}
		ms = append(ms, c.updateMs())
	}
	c.t.Logf("divergence pad: update times %.1f ms", ms)
}

func calibrationChecks(c checker) {
	data := explorables.NewCalibrationData()
	var ms []float64
	for _, temp := range []float64{1, 2, 0.5, data.FittedT} {
		c.set("temperature", temp)
		var shown struct {
			T      float64
			Values map[string]float64
		}
		c.eval(`(() => { const v = {}; for (const o of document.querySelectorAll(".blx .blx-num")) v[o.dataset.name] = +o.dataset.value;
		  return {T: +document.querySelector(".blx [name=temperature]").value, Values: v}; })()`, &shown)
		want := data.At(shown.T)
		cc := c
		cc.what = fmt.Sprintf("calibration at T = %v", shown.T)
		cc.num("ECE", shown.Values["ece"], want.ECE)
		cc.num("accuracy", shown.Values["accuracy"], want.Accuracy)
		cc.num("mean confidence", shown.Values["mean_conf"], want.MeanConf)
		cc.num("fitted T", shown.Values["fitted_t"], want.FittedT)
		ms = append(ms, c.updateMs())
	}
	c.t.Logf("calibration (10,000 examples × 10 classes): fitted T = %.4f, update times %.1f ms", data.FittedT, ms)
}

func klChecks(c checker) {
	var ms []float64
	for _, s := range []struct{ logN, beta float64 }{{2, 1}, {2.5, 1.5}, {4, 0.3}, {0, 3}} {
		c.set("logn", s.logN)
		c.set("beta", s.beta)
		var shown struct {
			N    int
			Beta float64
			KL   string
			Rows [][]float64
		}
		c.eval(`(() => { const root = document.querySelector(".blx");
		  return {N: +root.dataset.n, Beta: +root.querySelector("[name=beta]").value, KL: root.querySelector("[data-name=kl]").dataset.value,
		    Rows: [...root.querySelectorAll("tr[data-name]")].map((tr) => [...tr.querySelectorAll("td[data-value]")].map((td) => +td.dataset.value))}; })()`, &shown)
		want := explorables.KLEstimators(shown.Beta, shown.N, 1)
		cc := c
		cc.what = fmt.Sprintf("KL estimators at N = %d, β = %v", shown.N, shown.Beta)
		var kl float64
		fmt.Sscan(shown.KL, &kl)
		cc.num("exact KL", kl, want.KL)
		if len(shown.Rows) != 3 {
			c.t.Fatalf("%s: %d rows", cc.what, len(shown.Rows))
		}
		for i, e := range want.Estimators {
			for j, v := range []float64{e.Mean, e.Bias, e.Variance, e.Estimate} {
				cc.num(fmt.Sprintf("%s column %d", e.Name, j), shown.Rows[i][j], v)
			}
		}
		ms = append(ms, c.updateMs())
	}
	c.t.Logf("KL estimators: update times %.2f ms", ms)
}

// perplexityChecks loads the perplexity module (its r50k read from the ranks
// file) and compares the scores of several texts with the models trained
// natively with tiktoken-go's r50k: equal token counts, PPL and bits per byte.
func perplexityChecks(c checker) {
	data, err := lm.LoadData()
	if err != nil {
		c.t.Fatal(err)
	}
	r50k, err := tokenizer.NewBPE("r50k")
	if err != nil {
		c.t.Fatal(err)
	}
	models, err := perplexity.Train(data.Train, r50k)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := chromedp.Do(c.tab, chromedp.Click(chromedp.CSS(".blx [name=score]")),
		chromedp.Poll[chromedp.Void](`document.querySelector(".blx").dataset.loadMs`, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
		c.t.Fatalf("perplexity: loading: %v", err)
	}
	var loadMs string
	c.eval(`document.querySelector(".blx").dataset.loadMs`, &loadMs)
	var counts []string
	var ms []float64
	for _, text := range []string{
		"func main() { fmt.Println(\"light is refracted\") } // and the Rays of Light are bent.",
		"It's the Prism's 2nd Experiment, isn't it? They'll see   the 1704 edition;\n\n\tindented  ",
		"Ελληνικά, русский, 日本語 — «quoted» 🙂 ½ ٣٤ and the\u00a0non-breaking\u3000spaces.",
	} {
		c.set("text", text)
		var rows [][]float64
		c.eval(`[...document.querySelectorAll(".blx tr[data-name]")].map((tr) => [...tr.querySelectorAll("td[data-value]")].map((td) => +td.dataset.value))`, &rows)
		want := models.Score(text)
		if len(rows) != len(want) {
			c.t.Fatalf("perplexity: %d rows, want %d", len(rows), len(want))
		}
		for i, r := range want {
			cc := c
			cc.what = fmt.Sprintf("perplexity %s on %.20q", r.Tokenizer, text)
			if int(rows[i][0]) != r.Tokens {
				c.t.Errorf("%s: %v tokens shown, Go %d", cc.what, rows[i][0], r.Tokens)
			}
			cc.num("PPL", rows[i][1], r.Perplexity)
			cc.num("bits per byte", rows[i][2], r.BitsPerByte)
		}
		counts = append(counts, fmt.Sprintf("%d bytes: %d tokens, r50k %d", len(text), want[0].Tokens, want[1].Tokens))
		ms = append(ms, c.updateMs())
	}
	c.t.Logf("perplexity: loading perplexity.wasm and r50k's ranks and training both models took %s ms; scoring took %.1f ms (%s)",
		loadMs, ms, strings.Join(counts, "; "))
}
