package compress

import (
	"bytes"
	"hash/crc32"
	"os"
	"testing"

	"github.com/bitsandlogits/course/pkg/corpus"
)

// TestPinnedOutput pins the size and CRC-32 of the coded bytes of the texts
// of the chapter's table (go_spec.html raw, as `course compress` reads it,
// and with tags stripped), so that a faster model cannot change them. A
// text whose own CRC differs (another Go release's specification) is
// skipped, not failed.
func TestPinnedOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("codes three texts at order 8")
	}
	sp, err := corpus.OpticksSplit()
	if err != nil {
		t.Skip(err)
	}
	spec, err := corpus.GoSpec()
	if err != nil {
		t.Skip(err)
	}
	path, err := corpus.GoSpecPath()
	if err != nil {
		t.Skip(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	src := Sources{Prior: []byte(sp.Train)}
	files := map[string]struct {
		data []byte
		crc  uint32
	}{
		"opticks test": {[]byte(sp.Test), 0x62f3d5fc},
		"go_spec":      {[]byte(spec), 0x8dfbe855},
		"go_spec.html": {raw, 0x89d902ce},
	}
	static5 := Header{Order: 5, Prior: true}
	adaptive5 := Header{Order: 5, Adaptive: true, Prior: true}
	adaptive8 := Header{Order: 8, Adaptive: true, Prior: true}
	for _, c := range []struct {
		name, file string
		h          Header
		size       int
		crc        uint32
	}{
		{"static 5", "opticks test", static5, 4142, 0x9291597b},
		{"static 5", "go_spec", static5, 113536, 0x70396b3f},
		{"static 5", "go_spec.html", static5, 180150, 0xadddda81},
		{"adaptive 5", "opticks test", adaptive5, 4072, 0x20ec2f14},
		{"adaptive 5", "go_spec", adaptive5, 62254, 0xb8972955},
		{"adaptive 5", "go_spec.html", adaptive5, 69440, 0x29b2dd21},
		{"adaptive 8", "opticks test", adaptive8, 3744, 0xb032bc1d},
		{"adaptive 8", "go_spec", adaptive8, 57264, 0xdad770b3},
		{"adaptive 8", "go_spec.html", adaptive8, 62403, 0x9f6c583e},
	} {
		f := files[c.file]
		if crc := crc32.ChecksumIEEE(f.data); crc != f.crc {
			t.Logf("%s: CRC %#08x, pinned for %#08x: not this text, skipped", c.file, crc, f.crc)
			continue
		}
		coded, err := Compress(c.h, src, f.data)
		if err != nil {
			t.Fatalf("%s %s: %v", c.name, c.file, err)
		}
		if crc := crc32.ChecksumIEEE(coded); len(coded) != c.size || crc != c.crc {
			t.Errorf("%s %s: %d bytes, CRC %#08x; pinned %d bytes, CRC %#08x", c.name, c.file, len(coded), crc, c.size, c.crc)
		}
		got, err := Decompress(coded, src)
		if err != nil || !bytes.Equal(got, f.data) {
			t.Errorf("%s %s: round trip fails (%v)", c.name, c.file, err)
		}
	}
}
