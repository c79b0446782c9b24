package grader

import (
	"regexp"
	"strings"
	"unicode"
)

// escape matches a terminal escape sequence: CSI (ESC [ … final byte),
// OSC, DCS, SOS, PM and APC strings (ESC ] … up to BEL or ESC \), and
// the two-byte ESC forms.
var escape = regexp.MustCompile(`\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -~]?)|\x9b[0-?]*[ -/]*[@-~]?`)

// Sanitize makes text from a submission safe to print or record: invalid
// UTF-8 becomes U+FFFD, terminal escape sequences are removed whole, and
// so is every other control character (C0, DEL, C1; CR included) except
// tab and newline, and every bidirectional override (U+202A–U+202E,
// U+2066–U+2069), which could reorder what a terminal shows.
func Sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = escape.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case unicode.IsControl(r), r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s)
}
