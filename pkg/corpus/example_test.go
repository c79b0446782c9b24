package corpus_test

import (
	"fmt"

	"github.com/bitsandlogits/course/pkg/corpus"
)

func ExampleSplitParagraphs() {
	sp, err := corpus.OpticksSplit()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sp.Train), len(sp.Validation), len(sp.Test))
	// Output: 523974 23027 19987
}
