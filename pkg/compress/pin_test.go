package compress

import (
	"bytes"
	"hash/crc32"
	"testing"

	"github.com/bitsandlogits/course/pkg/corpus"
)

// TestPinnedOutput pins the size and CRC-32 of the coded bytes of the two
// texts of the chapter's table, so that a faster model cannot change them.
func TestPinnedOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("codes two texts at order 8")
	}
	sp, err := corpus.OpticksSplit()
	if err != nil {
		t.Skip(err)
	}
	spec, err := corpus.GoSpec()
	if err != nil {
		t.Skip(err)
	}
	src := Sources{Prior: []byte(sp.Train)}
	files := map[string][]byte{"opticks test": []byte(sp.Test), "go_spec": []byte(spec)}
	for _, c := range []struct {
		name, file string
		h          Header
		size       int
		crc        uint32
	}{
		{"static 5", "opticks test", Header{Order: 5, Prior: true}, 4142, 0x9291597b},
		{"static 5", "go_spec", Header{Order: 5, Prior: true}, 113536, 0x70396b3f},
		{"adaptive 5", "opticks test", Header{Order: 5, Adaptive: true, Prior: true}, 4072, 0x20ec2f14},
		{"adaptive 5", "go_spec", Header{Order: 5, Adaptive: true, Prior: true}, 62254, 0xb8972955},
		{"adaptive 8", "opticks test", Header{Order: 8, Adaptive: true, Prior: true}, 3744, 0xb032bc1d},
		{"adaptive 8", "go_spec", Header{Order: 8, Adaptive: true, Prior: true}, 57264, 0xdad770b3},
	} {
		data := files[c.file]
		coded, err := Compress(c.h, src, data)
		if err != nil {
			t.Fatalf("%s %s: %v", c.name, c.file, err)
		}
		if crc := crc32.ChecksumIEEE(coded); len(coded) != c.size || crc != c.crc {
			t.Errorf("%s %s: %d bytes, CRC %#08x; pinned %d bytes, CRC %#08x", c.name, c.file, len(coded), crc, c.size, c.crc)
		}
		got, err := Decompress(coded, src)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s %s: round trip fails (%v)", c.name, c.file, err)
		}
	}
}
