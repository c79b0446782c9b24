package compress

import (
	"fmt"
	"hash/crc32"

	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/ngram"
)

// Sources holds what the models are built from.
type Sources struct {
	Prior []byte        // the n-grams' starting text: the Opticks training split for the course's files
	Net   *neural.Exact // the MLP, for ModelNeural
}

// NewModel builds the model that header h names from src. src.Prior is
// ignored when h.Prior is false and must match h.PriorCRC otherwise; for
// the MLP, src.Net's weights must.
func NewModel(h Header, src Sources) (Predictor, error) {
	if h.Model == ModelNeural {
		if src.Net == nil {
			return nil, fmt.Errorf("%w: the file was coded with the neural model, which is not loaded", ErrFormat)
		}
		if src.Net.WeightsCRC() != h.PriorCRC || src.Net.ContextLength() != h.Order {
			return nil, fmt.Errorf("%w: the file was coded with a neural model of weights CRC %08x and context %d, this one is %08x and %d",
				ErrFormat, h.PriorCRC, h.Order, src.Net.WeightsCRC(), src.Net.ContextLength())
		}
		return &Neural{X: src.Net}, nil
	}
	prior := src.Prior
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

// Prepare completes h (PriorCRC, and for the MLP Order and Prior) for the
// options Model (0 means ModelNgram), Order, Adaptive and Prior, checks it
// and builds its model from src.
func Prepare(h Header, src Sources) (Header, Predictor, error) {
	h.PriorCRC = 0
	switch h.Model {
	case 0, ModelNgram:
		h.Model = ModelNgram
		if h.Prior {
			h.PriorCRC = crc32.ChecksumIEEE(src.Prior)
		}
	case ModelNeural:
		if src.Net == nil {
			return h, nil, fmt.Errorf("%w: no neural model given", ErrFormat)
		}
		h.Order, h.Prior, h.PriorCRC = src.Net.ContextLength(), true, src.Net.WeightsCRC()
	}
	if _, err := ParseHeader(h.append(nil)); err != nil {
		return h, nil, err
	}
	m, err := NewModel(h, src)
	return h, m, err
}

// Compress codes data with the model described by h (Model, Order,
// Adaptive, Prior), built from src.
func Compress(h Header, src Sources, data []byte) ([]byte, error) {
	h, m, err := Prepare(h, src)
	if err != nil {
		return nil, err
	}
	return Encode(h, m, data), nil
}

// Decompress reverses Compress; src must hold the same starting text or
// network.
func Decompress(file []byte, src Sources) ([]byte, error) {
	h, err := ParseHeader(file)
	if err != nil {
		return nil, err
	}
	m, err := NewModel(h, src)
	if err != nil {
		return nil, err
	}
	return Decode(h, m, file[HeaderSize:])
}
