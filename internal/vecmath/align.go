package vecmath

import "unsafe"

// alignedNew returns a zero T at an address that is a multiple of align,
// a power of two: vector constant tables are read whole, and a load that
// crosses a cache line costs two (legacy SSE faults on one that is not
// 16-byte aligned). T must hold no pointers: it lives in a byte slice.
func alignedNew[T any](align int) *T {
	buf := make([]byte, int(unsafe.Sizeof(*new(T)))+align-1)
	p := unsafe.Pointer(&buf[0])
	return (*T)(unsafe.Add(p, -int(uintptr(p))&(align-1)))
}
