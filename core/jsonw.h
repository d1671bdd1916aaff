#ifndef PW_JSONW_H
#define PW_JSONW_H
/*
** jsonw: the one way C writes JSON values, by the rule scripts/lib/json.lua
** writes them with, so both sides give the same bytes:
**
**   numbers  an integer in full; a real as the shortest of %.15g, %.16g and
**            %.17g that reads back as the same double; null for inf and nan.
**   strings  in quotes, '"' and '\' escaped, \b \f \n \r \t, every other
**            C0 control and DEL as \u00XX, and the C1 controls and the
**            bidirectional overrides and isolates (U+202A..U+202E,
**            U+2066..U+2069) as \uXXXX; all else, invalid UTF-8 too, as it
**            is. A terminal showing the JSON cannot be driven by it.
**
** Strings go to a sink (jsonw_put) so a writer can stream them; jsonw_strbuf
** is the sink for a strbuf.
*/
#include <stddef.h>

#include "strbuf.h"

/* Room for a number written by jsonw_int or jsonw_real, with its NUL. */
#define JSONW_NUMBER_MAX 32

/* Write i into buf; its length. */
size_t jsonw_int(long long i, char buf[JSONW_NUMBER_MAX]);

/* Write d into buf by the rule above ("null" when not finite); its length. */
size_t jsonw_real(double d, char buf[JSONW_NUMBER_MAX]);

/* Takes n bytes of s; 0, or non-zero to stop writing. */
typedef int (*jsonw_put)(void *to, const char *s, size_t n);

/* Write the n bytes of s as a JSON string to put(to, ...). 0, or what put
** returned when it was not 0. */
int jsonw_string(const char *s, size_t n, jsonw_put put, void *to);

/* Append s[0..n) as a JSON string to b. 0, or -1 out of memory. */
int jsonw_strbuf(strbuf *b, const char *s, size_t n);

#endif
