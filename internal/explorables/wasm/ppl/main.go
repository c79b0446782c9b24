//go:build js && wasm

// Command ppl is the WebAssembly module of the "perplexity across
// tokenizers" explorable, fetched only when that explorable is used. It
// exposes package explorables/perplexity as globalThis.BLXPPL:
// train(text, ranks) reads r50k from its ranks table (tiktoken's format, a
// data file of the site) and fits the models; score(text) returns JSON.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"

	"github.com/bitsandlogits/course/internal/explorables/perplexity"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

var models *perplexity.Models

func main() {
	api := map[string]any{
		"train": js.FuncOf(func(_ js.Value, a []js.Value) any {
			return call(func() any {
				r50k, err := tokenizer.ReadRanks("r50k", strings.NewReader(a[1].String()))
				if err != nil {
					panic(err)
				}
				m, err := perplexity.Train(a[0].String(), r50k)
				if err != nil {
					panic(err)
				}
				models = m
				return perplexity.Tokenizers
			})
		}),
		"score": js.FuncOf(func(_ js.Value, a []js.Value) any {
			return call(func() any { return models.Score(a[0].String()) })
		}),
	}
	js.Global().Set("BLXPPL", js.ValueOf(api))
	if ready := js.Global().Get("onBLXReady"); ready.Type() == js.TypeFunction {
		ready.Invoke("BLXPPL")
	}
	select {}
}

// call returns f's result as JSON, or {"error": "..."} if it panics.
func call(f func() any) (out any) {
	defer func() {
		if r := recover(); r != nil {
			b, _ := json.Marshal(map[string]string{"error": fmt.Sprint(r)})
			out = string(b)
		}
	}()
	b, err := json.Marshal(f())
	if err != nil {
		panic(err)
	}
	return string(b)
}
