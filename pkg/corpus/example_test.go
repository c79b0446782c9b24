package corpus_test

import (
	"fmt"
	"strings"

	"github.com/bitsandlogits/course/pkg/corpus"
)

// Of every 20 paragraphs, the 19th goes to validation and the 20th to test.
func ExampleSplitParagraphs() {
	var ps []string
	for i := range 20 {
		ps = append(ps, fmt.Sprintf("paragraph %d.", i))
	}
	sp := corpus.SplitParagraphs(strings.Join(ps, "\n\n"))
	fmt.Println(strings.Count(sp.Train, "paragraph"))
	fmt.Printf("%q %q\n", sp.Validation, sp.Test)
	// Output:
	// 18
	// "paragraph 18.\n" "paragraph 19.\n"
}

func ExampleOpticksSplit() {
	sp, err := corpus.OpticksSplit()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sp.Train), len(sp.Validation), len(sp.Test))
	// Output: 523974 23027 19987
}
