package compress

// contexts is Adaptive's store of contexts and their followers, kept in
// flat slices without pointers (the garbage collector has nothing to scan).
// A context is named by its index in nodes, which never changes; one
// open-addressing hash table per order finds it from its packed bytes, and
// its followers sit in a block of fol. Each follower b of a context h also
// remembers the context h·b one order up (succ), so that the contexts of the
// next byte are found from the followers just counted, without hashing.
type contexts struct {
	tabs  []table    // tabs[k-1]: the contexts of order k
	nodes []ctxNode  // nodes[0] is unused: index 0 means "none"
	fol   []follower // the followers of every context, in blocks
	syms  []byte     // the bytes of the one context of order 1, ascending
	rank  [256]uint8 // rank[b]: b's index in syms, for b in syms
	root  uint32     // the node of order 1, once it has followers
}

// ctxNode is one context: how often it occurred and its n distinct
// followers fol[off:off+n] (room for size).
type ctxNode struct {
	total, off uint32
	n, size    uint16
}

// follower is a byte seen after a context, its count and the context one
// order up that it leads to (0 until known).
type follower struct {
	cnt, succ uint32
	sym       byte
}

// table maps packed context bytes to node indices by linear probing.
type table struct {
	slots []slot
	used  int
	shift uint // 64 − log₂ len(slots)
}

type slot struct {
	key  uint64
	node uint32 // 0: empty
}

const initialTableBits = 8

func newContexts(order int) *contexts {
	c := &contexts{tabs: make([]table, order), nodes: make([]ctxNode, 1, 1024)}
	for k := range c.tabs {
		c.tabs[k] = table{slots: make([]slot, 1<<initialTableBits), shift: 64 - initialTableBits}
	}
	return c
}

// home is the first slot to probe for key (Fibonacci hashing).
func (t *table) home(key uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> t.shift }

// followers returns the followers of node id.
func (c *contexts) followers(id uint32) []follower {
	nd := &c.nodes[id]
	return c.fol[nd.off : nd.off+uint32(nd.n)]
}

// get returns the node of key at order k, or 0 if it has not been seen.
func (c *contexts) get(k int, key uint64) uint32 {
	t := &c.tabs[k-1]
	mask := uint64(len(t.slots) - 1)
	for i := t.home(key); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.node == 0 || s.key == key {
			return s.node
		}
	}
}

// getOrAdd returns the node of key at order k, adding one without
// followers if needed.
func (c *contexts) getOrAdd(k int, key uint64) uint32 {
	t := &c.tabs[k-1]
	mask := uint64(len(t.slots) - 1)
	i := t.home(key)
	for ; t.slots[i].node != 0; i = (i + 1) & mask {
		if t.slots[i].key == key {
			return t.slots[i].node
		}
	}
	id := uint32(len(c.nodes))
	c.nodes = append(c.nodes, ctxNode{off: uint32(len(c.fol)), size: 1})
	c.fol = append(c.fol, follower{})
	t.slots[i] = slot{key, id}
	if t.used++; 2*t.used > len(t.slots) {
		t.grow()
	}
	return id
}

// grow doubles the table and re-inserts every slot.
func (t *table) grow() {
	old := t.slots
	t.slots, t.shift = make([]slot, 2*len(old)), t.shift-1
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.node == 0 {
			continue
		}
		i := t.home(s.key)
		for t.slots[i].node != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// find returns the index in fol of b after node id, or −1.
func (c *contexts) find(id uint32, b byte) int {
	if j := c.rank[b]; id == c.root && int(j) < len(c.syms) && c.syms[j] == b {
		return int(c.nodes[id].off) + int(j)
	}
	fs := c.followers(id)
	for j := range fs {
		if fs[j].sym == b {
			return int(c.nodes[id].off) + j
		}
	}
	return -1
}

// follower returns the index in fol of b after node id, appending b with
// count 0 if it is new (isNew is then true). Appending may move the node's
// followers (and no other's).
func (c *contexts) follower(id uint32, b byte) (i uint32, isNew bool) {
	if j := c.find(id, b); j >= 0 {
		return uint32(j), false
	}
	nd := &c.nodes[id]
	if nd.n == nd.size { // move to a block twice as large at the end
		off := uint32(len(c.fol))
		c.fol = append(c.fol, c.fol[nd.off:nd.off+uint32(nd.n)]...)
		c.fol = append(c.fol, make([]follower, nd.size)...)
		nd.off, nd.size = off, 2*nd.size
	}
	i = nd.off + uint32(nd.n)
	c.fol[i] = follower{sym: b}
	nd.n++
	return i, true
}

// sortLast moves the follower just appended to node id into ascending
// order of bytes, mirrors the result in syms (for the one context of order
// 1) and returns its index in fol.
func (c *contexts) sortLast(id uint32) uint32 {
	fs := c.followers(id)
	j := len(fs) - 1
	last := fs[j]
	for ; j > 0 && fs[j-1].sym > last.sym; j-- {
		fs[j] = fs[j-1]
	}
	fs[j] = last
	c.syms, c.root = c.syms[:0], id
	for r, f := range fs {
		c.syms = append(c.syms, f.sym)
		c.rank[f.sym] = uint8(r)
	}
	return c.nodes[id].off + uint32(j)
}
