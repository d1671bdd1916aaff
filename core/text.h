#ifndef PW_TEXT_H
#define PW_TEXT_H
/*
** text: Unicode primitives over UTF-8 for reading documents. They know
** letters, never words: UTF-8 validation, simple case mapping of Latin
** letters (ASCII, Latin-1 Supplement, Latin Extended-A and -B, Latin
** Extended Additional U+1E00..U+1EFF), composition of a Latin letter with
** the combining marks that follow it (NFC for Latin text: a decomposed
** "o" + U+0323 + U+0302 becomes the one code point U+1ED9), and removal of
** diacritics (U+1ED9 becomes "o", U+0110 becomes "D").
**
** Code points outside those ranges pass through every function unchanged.
** The string functions copy a byte that does not start a well-formed
** sequence as it is; callers that must refuse such input check it first
** with text_utf8_valid. None of them ever makes a string longer, so an
** output buffer of the input's length is always enough.
*/
#include <stddef.h>
#include <stdint.h>

/* Code points looked at as one letter and its marks; marks beyond them
** are copied as they are. */
#define TEXT_CLUSTER_MAX 32

/* 1 when s[0..len) is well-formed UTF-8 (no overlong form, no surrogate,
** nothing above U+10FFFF, no sequence cut short); else 0, and *bad (when
** not NULL) is the offset of the first byte of the first bad sequence. */
int text_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode the sequence at s (len bytes available): its length 1..4 and *cp,
** or 0 when it is not well-formed. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp (at most U+10FFFF, not a surrogate) into out[0..4); returns
** its length. */
size_t text_utf8_encode(uint32_t cp, char *out);

/* Simple case mapping of a Latin letter; anything else is returned as is. */
uint32_t text_lower(uint32_t cp);
uint32_t text_upper(uint32_t cp);

/* Canonical combining class of a mark in U+0300..U+036F; 0 otherwise. */
int text_ccc(uint32_t cp);

/* The precomposed letter for letter + mark, or 0 when there is none. */
uint32_t text_compose(uint32_t letter, uint32_t mark);

/* The ASCII letter a Latin letter is written on ("o" for U+1ED9, "D" for
** U+0110); cp itself otherwise. */
uint32_t text_base(uint32_t cp);

/* 1 for a combining diacritical mark (U+0300..U+036F), which text_strip_str
** drops. */
int text_is_mark(uint32_t cp);

/* The string forms: each writes the result of s[0..len) to out, which has
** room for len bytes, and returns the number of bytes written. */
size_t text_lower_str(const char *s, size_t len, char *out);
size_t text_upper_str(const char *s, size_t len, char *out);
size_t text_nfc_str(const char *s, size_t len, char *out);
size_t text_strip_str(const char *s, size_t len, char *out);

/*
** Characters a terminal acts on instead of showing: C0 controls, DEL, C1
** controls (U+0080..U+009F), the bidirectional embeddings and overrides
** U+202A..U+202E and isolates U+2066..U+2069. text_is_control says whether
** cp is one of them (LF included).
*/
int text_is_control(uint32_t cp);

/* The longest text_escape_str output for len input bytes. */
#define TEXT_ESCAPE_MAX(len) (4 * (len))

/* Write s[0..len) to out with every control character shown as an escape
** a terminal prints as text: \x1B for a byte below U+0080 (and DEL),
** \u009B / \u202E for the others, \xNN for each byte of an ill-formed
** sequence. LF is kept when keep_lf is not 0. out has room for
** TEXT_ESCAPE_MAX(len) bytes; returns the number written. */
size_t text_escape_str(const char *s, size_t len, int keep_lf, char *out);

#endif
