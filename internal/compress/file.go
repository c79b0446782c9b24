package compress

import (
	"fmt"
	"hash/crc32"

	"github.com/bitsandlogits/course/pkg/ngram"
)

// NewModel builds the model that header h names. prior is the text the
// model starts from (the Opticks training split for the course's files);
// it is ignored when h.Prior is false and must match h.PriorCRC otherwise.
func NewModel(h Header, prior []byte) (Predictor, error) {
	if h.Prior && crc32.ChecksumIEEE(prior) != h.PriorCRC {
		return nil, fmt.Errorf("%w: the file was coded with a prior text of CRC %08x, this one is %08x (another Opticks?)",
			ErrFormat, h.PriorCRC, crc32.ChecksumIEEE(prior))
	}
	if h.Adaptive {
		a := NewAdaptive(h.Order)
		if h.Prior {
			a.Learn(prior)
		}
		return a, nil
	}
	ids := make([]int, len(prior))
	for i, b := range prior {
		ids[i] = int(b)
	}
	return &Static{M: ngram.Train(ids, h.Order, 256)}, nil
}

// Prepare completes h (Model, PriorCRC) for the options Order, Adaptive
// and Prior, checks it and builds its model from prior.
func Prepare(h Header, prior []byte) (Header, Predictor, error) {
	h.PriorCRC = 0
	if h.Prior {
		h.PriorCRC = crc32.ChecksumIEEE(prior)
	}
	h.Model = ModelNgram
	if _, err := ParseHeader(h.append(nil)); err != nil {
		return h, nil, err
	}
	m, err := NewModel(h, prior)
	return h, m, err
}

// Compress codes data with the model described by h (Order, Adaptive,
// Prior); prior is the model's starting text.
func Compress(h Header, prior, data []byte) ([]byte, error) {
	h, m, err := Prepare(h, prior)
	if err != nil {
		return nil, err
	}
	return Encode(h, m, data), nil
}

// Decompress reverses Compress; prior must be the same starting text.
func Decompress(file, prior []byte) ([]byte, error) {
	h, err := ParseHeader(file)
	if err != nil {
		return nil, err
	}
	m, err := NewModel(h, prior)
	if err != nil {
		return nil, err
	}
	return Decode(h, m, file[HeaderSize:])
}
