// Package bundle builds the explorables' static assets for the book site:
// the WebAssembly modules (GOOS=js GOARCH=wasm, -trimpath -ldflags="-s -w"),
// Go's own wasm_exec.js, the script and style sheet, the decoding lab's
// next-token distributions (precomputed from the course's Kneser–Ney and
// neural byte models), the training text the perplexity module learns
// from and r50k's ranks table it reads its tokenizer from, and chapter 10's
// fitted temperature. Fragment returns the HTML a chapter page embeds.
//
// The site build calls Build(root, filepath.Join(siteDir, Dir)) once and
// inserts Fragment(number, prefix) into each chapter page that has one.
package bundle

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/bitsandlogits/course/internal/explorables"
	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/ngram"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// Dir is the folder of the site that holds the assets.
const Dir = "explore"

// Modules maps each WebAssembly file Build writes to its main package.
var Modules = map[string]string{
	"explorables.wasm": "./internal/explorables/wasm/main",
	"perplexity.wasm":  "./internal/explorables/wasm/ppl",
}

//go:embed static fragments
var files embed.FS

// Prompt is one next-token distribution of the decoding lab.
type Prompt struct {
	Text     string    `json:"text"`     // the context the model reads
	Model    string    `json:"model"`    // "KN 5-gram" or "neural"
	LogProbs []float64 `json:"logprobs"` // ln p(next byte | text), 256 entries
}

// Build writes every asset into out (created if missing), building the
// modules from the repository at root with the go command on PATH.
func Build(root, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for file, pkg := range Modules {
		if err := goBuild(root, pkg, filepath.Join(out, file)); err != nil {
			return err
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("explorables: go env GOROOT: %w", err)
	}
	if err := copyFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"), filepath.Join(out, "wasm_exec.js")); err != nil {
		return err
	}
	static, _ := fs.Sub(files, "static")
	if err := os.CopyFS(out, static); err != nil && !os.IsExist(err) {
		return err
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "opticks-train.txt"), []byte(data.Train), 0o644); err != nil {
		return err
	}
	if err := writeRanks(filepath.Join(out, RanksFile)); err != nil {
		return err
	}
	prompts, err := Prompts(root, data)
	if err != nil {
		return err
	}
	b, err := json.Marshal(map[string]any{"prompts": prompts})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "decoding.json"), b, 0o644); err != nil {
		return err
	}
	b, err = json.Marshal(map[string]float64{"fitted_t": explorables.NewCalibrationData().FittedT})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "calibration.json"), b, 0o644)
}

// RanksFile is r50k's ranks table (tiktoken's format), written from
// tiktoken-go's r50k by tokenizer.BPE.WriteRanks; the perplexity module reads
// it with tokenizer.ReadRanks instead of linking tiktoken-go's tables.
const RanksFile = "r50k_base.tiktoken"

func writeRanks(path string) error {
	r50k, err := tokenizer.NewBPE("r50k")
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := r50k.WriteRanks(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func goBuild(root, pkg, out string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("explorables: building %s: %v\n%s", pkg, err, b)
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("explorables: %w", err)
	}
	return os.WriteFile(to, b, 0o644)
}

// PromptCount is how many contexts of the validation text the decoding lab offers.
const PromptCount = 12

// Contexts returns the decoding lab's contexts: the opening words of the
// first PromptCount long paragraphs of Opticks' validation part, ending
// after a space (the next byte starts a word) or two letters into a word.
func Contexts(validation string) []string {
	var out []string
	for _, para := range strings.Split(validation, "\n\n") {
		words := strings.Fields(para)
		i := len(out)
		n := 5 + i%4
		if len(words) <= n || len(words[n]) < 4 {
			continue
		}
		ctx := strings.Join(words[:n], " ") + " "
		if i%2 == 1 {
			ctx += words[n][:2]
		}
		out = append(out, ctx)
		if len(out) == PromptCount {
			break
		}
	}
	return out
}

// Prompts computes the next-byte distributions of every context under the
// Kneser–Ney 5-gram trained on the training text and under the committed
// neural model in root/models/neural-bytes.
func Prompts(root string, data *lm.Data) ([]Prompt, error) {
	nn, err := neural.Load(filepath.Join(root, "models", "neural-bytes"))
	if err != nil {
		return nil, err
	}
	tok := tokenizer.Bytes{}
	kn := ngram.Train(tok.Encode(data.Train), lm.DefaultOrder("bytes"), tok.VocabSize())
	var out []Prompt
	for _, ctx := range Contexts(data.Validation) {
		ids := tok.Encode(ctx)
		out = append(out,
			Prompt{Text: ctx, Model: fmt.Sprintf("KN %d-gram", kn.Order()), LogProbs: kn.NextLogProbs(ids)},
			Prompt{Text: ctx, Model: "neural", LogProbs: nn.NextLogProbs(ids)})
	}
	return out, nil
}

// Chapters lists the chapter numbers that have an explorable.
var Chapters = []string{"03", "04", "05", "06", "07", "08", "09", "10", "13", "15"}

// Fragment returns the HTML of chapter number's explorable (empty if it has
// none). prefix is the relative path from the page to the site root ("" for
// a page at the root); the fragment loads its script from prefix+Dir.
func Fragment(number, prefix string) (string, error) {
	b, err := files.ReadFile("fragments/" + number + ".html")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	head := fmt.Sprintf(`<link rel="stylesheet" href="%[1]s/explorables.css">`+"\n"+
		`<script src="%[1]s/wasm_exec.js" defer></script>`+"\n"+
		`<script src="%[1]s/explorables.js" defer></script>`+"\n", prefix+Dir)
	return head + string(b), nil
}
