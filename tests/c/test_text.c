/*
** test_text.c: UTF-8 validation, Latin case mapping, composition and
** diacritic removal (text.h).
**
** The letter rows below are the 67 vowel letters of Vietnamese (12 vowels,
** each bare and with its five tone marks) and D with stroke, in lower and
** upper case; they are data, spelled once in each case.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"

static const char LOWER[] =
    "aàáãảạăằắẵẳặâầấẫẩậeèéẽẻẹêềếễểệiìíĩỉịoòóõỏọôồốỗổộơờớỡởợ"
    "uùúũủụưừứữửựyỳýỹỷỵđ";
static const char UPPER[] =
    "AÀÁÃẢẠĂẰẮẴẲẶÂẦẤẪẨẬEÈÉẼẺẸÊỀẾỄỂỆIÌÍĨỈỊOÒÓÕỎỌÔỒỐỖỔỘƠỜỚỠỞỢ"
    "UÙÚŨỦỤƯỪỨỮỬỰYỲÝỸỶỴĐ";

typedef size_t (*transform)(const char *, size_t, char *);

/* f(in) compared with want; the output buffer is exactly strlen(in) long,
** so ASan catches a function that writes more than its input. */
static int gives(transform f, const char *in, const char *want) {
  size_t len = strlen(in);
  char *out = malloc(len + 1);
  if (out == NULL)
    return 0;
  size_t n = f(in, len, out);
  int ok = n == strlen(want) && memcmp(out, want, n) == 0;
  if (!ok)
    check_note("got \"%.*s\" (%zu bytes), want \"%s\"", (int)n, out, n, want);
  free(out);
  return ok;
}

static int bad_at(const char *s, size_t len, size_t want) {
  size_t bad = (size_t)-1;
  int valid = text_utf8_valid(s, len, &bad);
  if (valid || bad != want)
    check_note("valid=%d bad=%zu, want bad=%zu", valid, bad, want);
  return !valid && bad == want;
}

static void test_validate(void) {
  CHECK(text_utf8_valid("", 0, NULL), "the empty string is valid");
  CHECK(text_utf8_valid(LOWER, strlen(LOWER), NULL), "letters in NFC are valid");
  CHECK(text_utf8_valid("\xf0\x9f\x98\x80", 4, NULL), "a four-byte sequence is valid");
  CHECK(bad_at("ab\xe0\x80\x80", 5, 2), "an overlong three-byte form is refused at its first byte");
  CHECK(bad_at("\xc0\xaf", 2, 0), "an overlong two-byte slash is refused");
  CHECK(bad_at("x\xed\xa0\x80", 4, 1), "a UTF-16 surrogate is refused");
  CHECK(bad_at("\xf4\x90\x80\x80", 4, 0), "a code point above U+10FFFF is refused");
  CHECK(bad_at("abc\xe1\xbb", 5, 3), "a sequence cut short at the end is refused");
  CHECK(bad_at("a\x80z", 3, 1), "a lone continuation byte is refused");
  CHECK(bad_at("Vi\xea\x74", 4, 2), "a Windows-1258 byte is refused where it stands");
  CHECK(bad_at("ok\0\xff", 4, 3), "a NUL byte is valid, the byte after it is not");
}

static void test_codec(void) {
  char buf[4];
  uint32_t cp = 0;
  CHECK(text_utf8_encode(0x1EE6, buf) == 3 && text_utf8_decode(buf, 3, &cp) == 3
            && cp == 0x1EE6, "U+1EE6 encodes in three bytes and decodes back");
  CHECK(text_utf8_decode(buf, 2, &cp) == 0, "decoding stops at the end of the input");
  CHECK(text_utf8_encode(0x10FFFF, buf) == 4, "U+10FFFF takes four bytes");
}

static void test_case(void) {
  CHECK(gives(text_lower_str, UPPER, LOWER), "lower maps every capital letter of the rows");
  CHECK(gives(text_upper_str, LOWER, UPPER), "upper maps every small letter of the rows");
  CHECK(text_lower(0x110) == 0x111 && text_upper(0x111) == 0x110,
        "D with stroke U+0110 <-> U+0111");
  CHECK(text_lower(0x1EE6) == 0x1EE7 && text_upper(0x1EBF) == 0x1EBE,
        "U+1EE6 -> U+1EE7 and U+1EBF -> U+1EBE (Latin Extended Additional)");
  CHECK(text_lower(0x1A0) == 0x1A1 && text_lower(0x1AF) == 0x1B0,
        "O and U with horn (Latin Extended-B)");
  CHECK(text_lower(0xC9) == 0xE9 && text_upper(0xFF) == 0x178,
        "Latin-1: U+00C9, and U+00FF -> U+0178");
  CHECK(text_lower(0xD7) == 0xD7 && text_upper(0xF7) == 0xF7,
        "the multiplication and division signs are not letters");
  CHECK(text_lower(0x1E9E) == 0xDF, "capital sharp s lowers to U+00DF");
  CHECK(text_upper(0xDF) == 0xDF, "U+00DF has no one-letter capital and stays");
  CHECK(text_lower(0x130) == 'i' && text_upper(0x131) == 'I', "dotted and dotless i");
  CHECK(text_upper(0x3B1) == 0x3B1 && text_lower(0x410) == 0x410,
        "Greek and Cyrillic pass through");
  CHECK(gives(text_upper_str, "plan 114/kh-ubnd, 6,2%", "PLAN 114/KH-UBND, 6,2%"),
        "digits and punctuation are kept");
  CHECK(gives(text_lower_str, "A\xff" "B", "a\xff" "b"), "a malformed byte is copied as it is");
}

/* Every code point of the ranges: case mapping never lengthens UTF-8 and
** round-trips where both directions exist. */
static void test_case_lengths(void) {
  static const uint32_t ranges[][2] = {
    { 0x41, 0x7A }, { 0xC0, 0x24F }, { 0x1E00, 0x1EFF }
  };
  int longer = 0, mapped = 0;
  for (size_t r = 0; r < 3; r++)
    for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
      char a[4], b[4];
      uint32_t lo = text_lower(cp), up = text_upper(cp);
      if (text_utf8_encode(lo, a) > text_utf8_encode(cp, b) ||
          text_utf8_encode(up, a) > text_utf8_encode(cp, b))
        longer++;
      if (lo != cp)
        mapped++;
    }
  CHECK(longer == 0, "no case mapping lengthens a letter's UTF-8");
  CHECK(mapped == 327,
        "327 letters of the ranges have a small letter, as in Unicode 14 (%d)", mapped);
}

/* Append cp to buf as UTF-8. */
static void put(char *buf, uint32_t cp) {
  size_t n = strlen(buf);
  buf[n + text_utf8_encode(cp, buf + n)] = '\0';
}

/* The decomposed form of row letter i (canonical order: horn, dot below,
** then the marks above in their order), built from its parts. */
static void decompose(size_t i, char *buf) {
  static const char base[] = "aaaeeiooouuy";
  static const uint32_t vowel_mark[] = {
    0, 0x306, 0x302, 0, 0x302, 0, 0, 0x302, 0x31B, 0, 0x31B, 0
  };
  static const uint32_t tone[] = { 0, 0x300, 0x301, 0x303, 0x309, 0x323 };
  size_t v = i / 6, t = i % 6;
  buf[0] = base[v];
  buf[1] = '\0';
  if (vowel_mark[v] == 0x31B) put(buf, 0x31B);
  if (tone[t] == 0x323) put(buf, 0x323);
  if (vowel_mark[v] && vowel_mark[v] != 0x31B) put(buf, vowel_mark[v]);
  if (tone[t] && tone[t] != 0x323) put(buf, tone[t]);
}

/* The i-th letter of LOWER as its own string. */
static void letter(size_t i, char *buf) {
  size_t at = 0;
  for (size_t k = 0; k < i; k++) {
    uint32_t cp;
    at += text_utf8_decode(LOWER + at, sizeof LOWER - 1 - at, &cp);
  }
  uint32_t cp;
  size_t n = text_utf8_decode(LOWER + at, sizeof LOWER - 1 - at, &cp);
  memcpy(buf, LOWER + at, n);
  buf[n] = '\0';
}

static void test_compose(void) {
  int composed = 0;
  for (size_t i = 0; i < 72; i++) {
    char nfd[16], want[8];
    decompose(i, nfd);
    letter(i, want);
    if (gives(text_nfc_str, nfd, want))
      composed++;
  }
  CHECK(composed == 72,
        "every decomposed vowel letter composes to its one code point (%d of 72)", composed);
  CHECK(gives(text_nfc_str, "o\xcc\x82\xcc\xa3", "ộ"),
        "marks out of canonical order are reordered (o, circumflex, dot below)");
  CHECK(gives(text_nfc_str, "ô\xcc\xa3", "ộ"),
        "a precomposed letter takes one more mark (U+00F4 + dot below)");
  CHECK(gives(text_nfc_str, "ư\xcc\x80", "ừ"), "u with horn takes a grave accent");
  CHECK(gives(text_nfc_str, "U\xcc\x9b\xcc\x89", "Ử"), "capital U, horn, hook above");
  CHECK(gives(text_nfc_str, "o\xcc\x81\xcc\x81", "ó\xcc\x81"),
        "a second mark of the same class stays uncomposed");
  CHECK(gives(text_nfc_str, "\xcc\x81" "a", "\xcc\x81" "a"),
        "a mark with no letter before it is kept");
  CHECK(gives(text_nfc_str, "\xce\xb1\xcc\x81", "\xce\xb1\xcc\x81"),
        "a Greek letter with a mark is left alone");
  CHECK(gives(text_nfc_str, "e\xcc\xa3\xff\xcc\x82", "ẹ\xff\xcc\x82"),
        "a malformed byte ends the cluster and is copied");
  CHECK(gives(text_nfc_str, LOWER, LOWER), "text already in NFC is unchanged");

  char many[2 + 2 * (TEXT_CLUSTER_MAX + 4)];
  strcpy(many, "a");
  for (int i = 0; i < TEXT_CLUSTER_MAX + 4; i++) strcat(many, "\xcc\x80");
  char *out = malloc(sizeof many);
  size_t n = out ? text_nfc_str(many, strlen(many), out) : 0;
  CHECK(out && n <= strlen(many) && memcmp(out, "à", 2) == 0,
        "a run of %d marks is composed as far as it can be, within its length", TEXT_CLUSTER_MAX + 4);
  free(out);
}

static void test_strip(void) {
  CHECK(gives(text_strip_str, LOWER,
              "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooo"
              "uuuuuuuuuuuuyyyyyyd"), "every small letter of the rows loses its marks");
  CHECK(gives(text_strip_str, UPPER,
              "AAAAAAAAAAAAAAAAAAEEEEEEEEEEEEIIIIIIOOOOOOOOOOOOOOOOOO"
              "UUUUUUUUUUUUYYYYYYD"), "every capital letter of the rows loses its marks");
  CHECK(gives(text_strip_str, "Ñ, ç, Ł, ø & Ǻ", "N, c, L, o & A"),
        "other Latin letters lose theirs");
  CHECK(gives(text_strip_str, "o\xcc\x9b\xcc\xa3", "o"), "combining marks are dropped");
  CHECK(gives(text_strip_str, "KH&CN 6,2%/x", "KH&CN 6,2%/x"), "ASCII is unchanged");
  CHECK(text_base(0x3B1) == 0x3B1, "a Greek letter is its own base");
  CHECK(text_is_mark(0x323) && !text_is_mark(0x2BC), "U+0323 is a mark, U+02BC is not");
}

/* NUL is a character like any other: kept by every function. */
static void test_nul(void) {
  static const char in[] = "\xc4\x90\0o\xcc\x82";
  transform f[] = { text_lower_str, text_upper_str, text_nfc_str, text_strip_str };
  static const char *const want[] = { "\xc4\x91\0o\xcc\x82", "\xc4\x90\0O\xcc\x82",
                                      "\xc4\x90\0\xc3\xb4", "D\0o" };
  static const size_t want_len[] = { 6, 6, 5, 3 };
  int kept = 0;
  for (int i = 0; i < 4; i++) {
    char out[sizeof in];
    size_t n = f[i](in, sizeof in - 1, out);
    kept += n == want_len[i] && memcmp(out, want[i], n) == 0;
  }
  CHECK(kept == 4, "a NUL byte is kept by lower, upper, nfc and strip (%d of 4)", kept);
}

int main(void) {
  test_validate();
  test_codec();
  test_case();
  test_case_lengths();
  test_compose();
  test_strip();
  test_nul();
  return check_done();
}
