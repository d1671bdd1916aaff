/*
** mime.c: e-mail messages as bytes, and .eml files.
*/
#define _GNU_SOURCE /* syncfs */
#include "mime.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"

#define NAME_KEEP 100             /* bytes of a key kept in a file name */
#define NAME_SIZE 128             /* NAME_KEEP, "-", 16 hex digits, NUL */
#define WORD_MAX 75               /* longest encoded-word (RFC 2047) */
#define WORD_FRAME 12             /* strlen("=?UTF-8?B?") + strlen("?=") */
#define ASCII_RUN_MAX 900         /* longer unbroken ASCII runs get encoded */

/* ---------------------------------------------------------------- buffer */

void mime_buf_init(mime_buf *b, size_t max) {
  b->data = NULL;
  b->len = b->cap = 0;
  b->max = max;
  b->failed = 0;
}

void mime_buf_add(mime_buf *b, const void *p, size_t n) {
  if (b->failed || n == 0)
    return;
  if (n > b->max - b->len) {
    b->failed = 1;
    return;
  }
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 512;
    while (cap < b->len + n + 1)
      cap *= 2;
    if (cap > b->max + 1)
      cap = b->max + 1;
    char *grown = realloc(b->data, cap);
    if (grown == NULL) {
      b->failed = 1;
      return;
    }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void mime_buf_str(mime_buf *b, const char *s) {
  mime_buf_add(b, s, strlen(s));
}

void mime_buf_free(mime_buf *b) {
  free(b->data);
  mime_buf_init(b, b->max);
}

/* ------------------------------------------------------------ validation */

static void say(char err[MIME_ERR_SIZE], const char *fmt, const char *what,
                const char *detail) {
  snprintf(err, MIME_ERR_SIZE, fmt, what, detail);
}

/* Bytes in the UTF-8 sequence led by c (c from valid UTF-8). */
static size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

int mime_check_utf8(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return -1;
    if (n - i < len)
      return -1;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return -1;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return -1;
    i += len;
  }
  return 0;
}

int mime_check_text(const char *s, const char *what, char err[MIME_ERR_SIZE]) {
  if (s == NULL) {
    say(err, "%s is missing%s", what, "");
    return -1;
  }
  size_t n = strlen(s);
  if (n > MIME_MAX_VALUE) {
    say(err, "%s is too long (over %s bytes)", what, "4000");
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7F) {
      say(err, "%s contains a control character%s (CR, LF, tab and "
               "the like are refused in headers)", what,
          c == '\r' ? " (CR)" : c == '\n' ? " (LF)" : "");
      return -1;
    }
  }
  if (mime_check_utf8(s, n) != 0) {
    say(err, "%s is not valid UTF-8%s", what, "");
    return -1;
  }
  return 0;
}

static int is_atext(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* A dot-atom: atext runs joined by single dots; for a domain, labels of
** letters, digits and inner hyphens. */
static int dot_atom(const char *s, size_t n, int domain) {
  if (n == 0 || s[0] == '.' || s[n - 1] == '.' ||
      (domain && (s[0] == '-' || s[n - 1] == '-')))
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '.') {
      if (s[i + 1] == '.' || (domain && (s[i - 1] == '-' || s[i + 1] == '-')))
        return 0;
    } else if (domain ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-')
                      : !is_atext(c)) {
      return 0;
    }
  }
  return 1;
}

int mime_check_address(const char *a, char err[MIME_ERR_SIZE]) {
  if (a == NULL || *a == '\0') {
    say(err, "address is empty%s%s", "", "");
    return -1;
  }
  size_t n = strlen(a);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)a[i];
    const char *why = c < 0x20 || c == 0x7F ? "a control character (CR, LF...)"
                    : c == ' ' ? "a space"
                    : c == '<' || c == '>' ? "an angle bracket"
                    : c >= 0x80 ? "a non-ASCII byte (write the domain in "
                                  "its ASCII form)"
                    : NULL;
    if (why) {
      say(err, "address contains %s%s", why, "");
      return -1;
    }
  }
  const char *at = strrchr(a, '@');
  if (n > MIME_MAX_ADDRESS || at == NULL || at - a > 64 ||
      !dot_atom(a, (size_t)(at - a), 0) ||
      !dot_atom(at + 1, strlen(at + 1), 1)) {
    say(err, "address is not of the form local@domain%s%s", "", "");
    return -1;
  }
  return 0;
}

static int check_header_name(const char *name, char err[MIME_ERR_SIZE]) {
  static const char *const reserved[] = {
    "from", "to", "cc", "bcc", "subject", "date", "message-id",
    "mime-version", "return-path", NULL
  };
  size_t n = name ? strlen(name) : 0;
  if (n == 0 || n > MIME_MAX_NAME) {
    say(err, "header name must have 1 to 60 characters%s%s", "", "");
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    if (name[i] <= 32 || name[i] >= 127 || name[i] == ':') {
      say(err, "header name may hold printable ASCII except ':' only%s%s",
          "", "");
      return -1;
    }
  for (int i = 0; reserved[i]; i++)
    if (strcasecmp(name, reserved[i]) == 0 ||
        strncasecmp(name, "content-", 8) == 0) {
      say(err, "header %s is set by planwatch, not by extra headers%s",
          name, "");
      return -1;
    }
  return 0;
}

static int check_mailbox(const mime_addr *a, const char *what,
                         char err[MIME_ERR_SIZE]) {
  char why[MIME_ERR_SIZE];
  if (mime_check_address(a->address, why) != 0) {
    snprintf(err, MIME_ERR_SIZE, "%s: %.180s", what, why);
    return -1;
  }
  if (a->name && mime_check_text(a->name, "display name", why) != 0) {
    snprintf(err, MIME_ERR_SIZE, "%s: %.180s", what, why);
    return -1;
  }
  return 0;
}

static int check_message(const mime_message *m, char err[MIME_ERR_SIZE]) {
  if (check_mailbox(&m->from, "from", err) != 0 ||
      check_mailbox(&m->to, "to", err) != 0 ||
      mime_check_text(m->subject, "subject", err) != 0)
    return -1;
  if (m->text == NULL && m->html == NULL) {
    say(err, "a message needs a text or an html body%s%s", "", "");
    return -1;
  }
  if ((m->text && mime_check_utf8(m->text, m->text_len) != 0) ||
      (m->html && mime_check_utf8(m->html, m->html_len) != 0)) {
    say(err, "the body is not valid UTF-8%s%s", "", "");
    return -1;
  }
  for (size_t i = 0; i < m->nheaders; i++) {
    char why[MIME_ERR_SIZE];
    if (check_header_name(m->headers[i].name, err) != 0)
      return -1;
    if (mime_check_text(m->headers[i].value, "value", why) != 0) {
      snprintf(err, MIME_ERR_SIZE, "header %.60s: %.130s", m->headers[i].name,
               why);
      return -1;
    }
  }
  return 0;
}

/* -------------------------------------------------------------- encoding */

static const char b64[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append the base64 form of n bytes (no line breaks); 4 chars per 3 bytes. */
static void base64_run(mime_buf *b, const unsigned char *s, size_t n) {
  char out[4];
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)s[i] << 16;
    if (i + 1 < n) v |= (uint32_t)s[i + 1] << 8;
    if (i + 2 < n) v |= s[i + 2];
    out[0] = b64[v >> 18];
    out[1] = b64[(v >> 12) & 63];
    out[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
    out[3] = i + 2 < n ? b64[v & 63] : '=';
    mime_buf_add(b, out, 4);
  }
}

void mime_base64(mime_buf *b, const void *p, size_t n) {
  const size_t per_line = MIME_BODY_LINE / 4 * 3;
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i += per_line) {
    base64_run(b, s + i, n - i < per_line ? n - i : per_line);
    mime_buf_add(b, "\r\n", 2);
  }
}

/*
** Append s as encoded-words from column col, one word per line after the
** first: each word holds whole UTF-8 characters only, so a decoder that
** joins the words (RFC 2047 drops the folding between them) gets s back.
** The first word fits in what is left of the line (at least one
** character); the others are at most WORD_MAX. Returns the column reached.
*/
static size_t put_words(mime_buf *b, const char *s, size_t col) {
  size_t n = strlen(s), i = 0;
  do {
    if (i > 0) {
      mime_buf_add(b, "\r\n ", 3);
      col = 1;
    }
    size_t room = col < MIME_LINE ? MIME_LINE - col : 0;
    if (room > WORD_MAX)
      room = WORD_MAX;
    size_t raw = room > WORD_FRAME ? (room - WORD_FRAME) / 4 * 3 : 0;
    size_t take = 0;
    while (i + take < n) {
      size_t c = utf8_len((unsigned char)s[i + take]);
      if (take > 0 && take + c > raw)
        break;
      take += c;
    }
    mime_buf_str(b, "=?UTF-8?B?");
    base64_run(b, (const unsigned char *)s + i, take);
    mime_buf_str(b, "?=");
    col += WORD_FRAME + (take + 2) / 3 * 4;
    i += take;
  } while (i < n);
  return col;
}

/*
** Append printable ASCII s from column col, folding (CRLF before a run of
** spaces) when the next word would pass MIME_LINE. Unfolding gives s back.
*/
static size_t put_folded(mime_buf *b, const char *s, size_t col) {
  const char *p = s;
  while (*p) {
    const char *w = p;
    while (*w == ' ')
      w++;
    const char *q = w;
    while (*q && *q != ' ')
      q++;
    size_t seg = (size_t)(q - p);
    if (p != s && w != p && q != w && col + seg > MIME_LINE) {
      mime_buf_add(b, "\r\n", 2);
      col = 0;
    }
    mime_buf_add(b, p, seg);
    col += seg;
    p = q;
  }
  return col;
}

/* Whether a header value must be encoded: non-ASCII, "=?" (a decoder would
** take it for an encoded-word), or a run too long to fold. */
static int needs_words(const char *s) {
  size_t seg = 0; /* bytes since the last place a fold can go */
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c >= 0x80 || (c == '=' && p[1] == '?'))
      return 1;
    if (c == ' ' && p > s && p[-1] != ' ')
      seg = 0;
    if (++seg > ASCII_RUN_MAX)
      return 1;
  }
  return 0;
}

static size_t put_value(mime_buf *b, const char *s, size_t col) {
  return needs_words(s) ? put_words(b, s, col) : put_folded(b, s, col);
}

void mime_header_line(mime_buf *b, const char *name, const char *value) {
  mime_buf_str(b, name);
  mime_buf_add(b, ": ", 2);
  put_value(b, value, strlen(name) + 2);
  mime_buf_add(b, "\r\n", 2);
}

/* A display name made of atext words and spaces goes out as it is. */
static int plain_name(const char *s) {
  if (*s == '\0' || *s == ' ' || s[strlen(s) - 1] == ' ' || needs_words(s))
    return 0;
  for (; *s; s++)
    if (*s != ' ' && !is_atext((unsigned char)*s))
      return 0;
  return 1;
}

static void put_mailbox(mime_buf *b, const char *field, const mime_addr *a) {
  size_t col = strlen(field) + 2;
  mime_buf_str(b, field);
  mime_buf_add(b, ": ", 2);
  if (a->name && *a->name) {
    col = plain_name(a->name) ? put_folded(b, a->name, col)
                              : put_words(b, a->name, col);
    if (col + 3 + strlen(a->address) > MIME_LINE)
      mime_buf_add(b, "\r\n", 2);
    mime_buf_add(b, " ", 1);
  }
  mime_buf_add(b, "<", 1);
  mime_buf_str(b, a->address);
  mime_buf_add(b, ">\r\n", 3);
}

/* --------------------------------------------------------------- message */

static void random_hex(char *out, size_t nbytes) {
  unsigned char r[32];
  if (nbytes > sizeof r)
    nbytes = sizeof r;
  if (getrandom(r, nbytes, 0) != (ssize_t)nbytes) {
    /* unique enough for an identifier when the kernel cannot help */
    static unsigned long counter;
    unsigned long x = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
    for (size_t i = 0; i < nbytes; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL + counter++;
      r[i] = (unsigned char)(x >> 33);
    }
  }
  for (size_t i = 0; i < nbytes; i++)
    sprintf(out + 2 * i, "%02x", r[i]);
}

static void put_date(mime_buf *b, time_t t) {
  static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
                                     "Fri", "Sat" };
  static const char *const month[] = { "Jan", "Feb", "Mar", "Apr", "May",
                                       "Jun", "Jul", "Aug", "Sep", "Oct",
                                       "Nov", "Dec" };
  struct tm tm;
  char buf[64];
  localtime_r(&t, &tm);
  long off = tm.tm_gmtoff / 60;
  char sign = off < 0 ? '-' : '+';
  if (off < 0)
    off = -off;
  snprintf(buf, sizeof buf, "Date: %s, %d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
           day[tm.tm_wday % 7], tm.tm_mday, month[tm.tm_mon % 12],
           tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
           off / 60, off % 60);
  mime_buf_str(b, buf);
}

/* The body with every line end made CRLF (the canonical form of text). */
static void put_canonical(mime_buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '\r' && s[i] != '\n')
      continue;
    mime_buf_add(b, s + start, i - start);
    mime_buf_add(b, "\r\n", 2);
    if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
      i++;
    start = i + 1;
  }
  mime_buf_add(b, s + start, n - start);
}

static void put_part(mime_buf *b, const char *type, const char *s, size_t n) {
  mime_buf tmp;
  mime_buf_init(&tmp, b->max);
  put_canonical(&tmp, s, n);
  mime_buf_str(b, "Content-Type: text/");
  mime_buf_str(b, type);
  mime_buf_str(b, "; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n");
  if (tmp.failed)
    b->failed = 1;
  else if (tmp.len == 0)
    mime_buf_add(b, "\r\n", 2);
  else
    mime_base64(b, tmp.data, tmp.len);
  mime_buf_free(&tmp);
}

static void put_body(mime_buf *b, const mime_message *m) {
  if (m->text == NULL || m->html == NULL) {
    if (m->text)
      put_part(b, "plain", m->text, m->text_len);
    else
      put_part(b, "html", m->html, m->html_len);
    return;
  }
  /* "=_" cannot occur in base64, so no body line can match the boundary. */
  char boundary[40] = "=_pw_";
  random_hex(boundary + 5, 12);
  mime_buf_str(b, "Content-Type: multipart/alternative; boundary=\"");
  mime_buf_str(b, boundary);
  mime_buf_str(b, "\"\r\n\r\n--");
  mime_buf_str(b, boundary);
  mime_buf_add(b, "\r\n", 2);
  put_part(b, "plain", m->text, m->text_len);
  mime_buf_str(b, "--");
  mime_buf_str(b, boundary);
  mime_buf_add(b, "\r\n", 2);
  put_part(b, "html", m->html, m->html_len);
  mime_buf_str(b, "--");
  mime_buf_str(b, boundary);
  mime_buf_str(b, "--\r\n");
}

int mime_build(const mime_message *m, mime_buf *out,
               char msgid[MIME_ID_SIZE], char err[MIME_ERR_SIZE]) {
  mime_buf_init(out, MIME_MAX_MESSAGE);
  msgid[0] = '\0';
  if (check_message(m, err) != 0)
    return -1;
  char hex[40];
  random_hex(hex, 16);
  snprintf(msgid, MIME_ID_SIZE, "<%s@%s>", hex, strrchr(m->from.address, '@') + 1);
  put_date(out, m->date ? m->date : time(NULL));
  put_mailbox(out, "From", &m->from);
  put_mailbox(out, "To", &m->to);
  mime_header_line(out, "Subject", m->subject);
  mime_buf_str(out, "Message-ID: ");
  mime_buf_str(out, msgid);
  mime_buf_str(out, "\r\nMIME-Version: 1.0\r\n");
  for (size_t i = 0; i < m->nheaders; i++)
    mime_header_line(out, m->headers[i].name, m->headers[i].value);
  put_body(out, m);
  if (out->failed) {
    mime_buf_free(out);
    snprintf(err, MIME_ERR_SIZE, "the message is larger than %u bytes "
             "(or memory ran out)", MIME_MAX_MESSAGE);
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------ .eml files */

/* mkdir -p: create dir and its missing parents. */
static int make_dirs(const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  for (char *p = path + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
      return -1;
    *p = '/';
  }
  if (mkdir(path, 0755) != 0 && errno != EEXIST)
    return -1;
  return 0;
}

/* FNV-1a, 64 bits: the file name's mark of the whole key. */
static unsigned long long key_hash(const char *key) {
  unsigned long long h = 14695981039346656037ULL;
  for (const unsigned char *p = (const unsigned char *)key; p && *p; p++) {
    h ^= *p;
    h *= 1099511627211ULL;
  }
  return h;
}

/*
** The file name of key: its letters, digits, '-', '_' and '.' (not
** leading); when any other byte was replaced or the key cut, "-" and the
** hash of the whole key follow, so keys that differ only there get names
** of their own.
*/
static void file_name(const char *key, char name[NAME_SIZE]) {
  size_t n = 0;
  int changed = 0;
  for (; key && key[n] && n < NAME_KEEP; n++) {
    unsigned char c = (unsigned char)key[n];
    int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               (c == '.' && n > 0);
    name[n] = keep ? (char)c : '_';
    changed |= !keep;
  }
  changed |= n == 0 || (key && key[n]);
  if (n == 0)
    name[n++] = '_';
  name[n] = '\0';
  if (changed)
    snprintf(name + n, NAME_SIZE - n, "-%016llx", key_hash(key));
}

/*
** Open a new temporary file beside dir/<key>.eml (its final name goes to
** path, the temporary one, fresh and never a planted link, to tmp: see
** safefile_temp). The folder is made only when the open
** finds it missing: one mkdir per component on every message would cost
** more system calls than the message itself. Returns the descriptor, or -1
** with a message in err.
*/
static int open_temp(const char *dir, const char *key, char *path,
                     size_t size, char tmp[PATH_MAX],
                     char err[MIME_ERR_SIZE]) {
  char name[NAME_SIZE];
  file_name(key, name);
  if (snprintf(path, size, "%s/%s.eml", dir, name) >= (int)size) {
    snprintf(err, MIME_ERR_SIZE, "mail folder path is too long");
    return -1;
  }
  int fd = safefile_temp(dir, name, tmp, PATH_MAX);
  if (fd < 0 && errno == ENOENT) {
    if (make_dirs(dir) != 0) {
      snprintf(err, MIME_ERR_SIZE, "%.120s: %s", dir, strerror(errno));
      return -1;
    }
    fd = safefile_temp(dir, name, tmp, PATH_MAX);
  }
  if (fd < 0)
    snprintf(err, MIME_ERR_SIZE, "%.120s: %s", dir, strerror(errno));
  return fd;
}

/* Give up a temporary file whose write failed with errno e. */
static int drop_temp(const char *tmp, const char *path, int e,
                     char err[MIME_ERR_SIZE]) {
  unlink(tmp);
  snprintf(err, MIME_ERR_SIZE, "%.120s: %s", path, strerror(e));
  return -1;
}

/*
** Give the complete temporary file tmp its name path: link() creates the
** name exclusively, so no other file is ever replaced by accident. A name
** already there belongs to this key (file_name keeps keys apart): an
** earlier try of the same message that a crash kept from being recorded
** as written, replaced by this copy so a retry leaves one file. Returns 0,
** or -1 with errno set.
*/
static int publish(const char *tmp, const char *path) {
  if (link(tmp, path) == 0) {
    unlink(tmp); /* a leftover dot file is harmless: the message is named */
    return 0;
  }
  if (errno != EEXIST)
    return -1;
  return rename(tmp, path);
}

int mime_save(const char *dir, const char *key, const char *data, size_t n,
              char *path, size_t size, char err[MIME_ERR_SIZE]) {
  char tmp[PATH_MAX];
  int fd = open_temp(dir, key, path, size, tmp, err);
  if (fd < 0)
    return -1;
  int bad = safefile_write_all(fd, data, n) != 0 || fsync(fd) != 0;
  int e = errno;
  bad |= close(fd) != 0;
  if (!bad && publish(tmp, path) == 0)
    return 0;
  return drop_temp(tmp, path, bad ? e : errno, err);
}

int mime_write(const char *dir, const char *key, const char *data, size_t n,
               char *path, size_t size, int *fd_out,
               char err[MIME_ERR_SIZE]) {
  char tmp[PATH_MAX];
  int fd = open_temp(dir, key, path, size, tmp, err);
  if (fd < 0)
    return -1;
  if (safefile_write_all(fd, data, n) != 0 || publish(tmp, path) != 0) {
    int e = errno;
    close(fd);
    return drop_temp(tmp, path, e, err);
  }
  *fd_out = fd;
  return 0;
}

/*
** On Linux one syncfs() on the folder writes the batch and the folder's
** entries out and waits once for the disk. An fsync per file waits for the
** disk's cache to be flushed once per file, which on a busy disk costs
** milliseconds each: seconds for a few thousand messages. syncfs also
** writes out other dirty data of that file system, which the kernel would
** write within seconds anyway. Elsewhere each file is synced, then the
** folder.
*/
static int sync_files(int dirfd, const int *fds, size_t count) {
#ifdef __linux__
  (void)fds, (void)count;
  return syncfs(dirfd);
#else
  for (size_t i = 0; i < count; i++)
    if (fsync(fds[i]) != 0)
      return -1;
  return fsync(dirfd);
#endif
}

int mime_sync(const char *dir, const int *fds, size_t count,
              char err[MIME_ERR_SIZE]) {
  int e = 0;
  int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0 || sync_files(d, fds, count) != 0)
    e = errno;
  if (d >= 0)
    close(d);
  for (size_t i = 0; i < count; i++)
    close(fds[i]);
  if (e == 0)
    return 0;
  snprintf(err, MIME_ERR_SIZE, "%.120s: %s", dir, strerror(e));
  return -1;
}
