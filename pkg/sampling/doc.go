// Package sampling turns a model's next-token logits into a token: greedy
// decoding, the logit filters top-k, top-p (nucleus), min-p and locally typical
// sampling, repetition, frequency and presence penalties, and seeded draws by
// inverse CDF or the Gumbel-max trick.
//
// Filters take logits and return a new slice in which removed tokens have logit
// −Inf (probability 0 after softmax); the input is never modified. Filters
// compose, and their order matters: [Sampler] applies temperature first, then
// top-k, top-p and min-p, as Hugging Face transformers does. Ties are broken
// towards the lower token index, so every result is deterministic.
//
// The reference implementations here favour clarity (top-k and top-p sort a
// copy of the row, O(V log V), or O(V) when the row is sorted already); the
// batched float32 engines elsewhere in the course select thresholds in O(V)
// and are tested against these. A [Workspace] runs the same filters into a
// row the caller owns, reusing its scratch rows, for loops that must not
// allocate.
//
// Programmer errors (empty logits, k < 1, p outside its range, a row with no
// finite logit) panic with a message naming the function and the bad value;
// [New] returns an error for a bad [Config].
package sampling
