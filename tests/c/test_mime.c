/*
** test_mime.c: building e-mail messages (mime.h) — RFC 2047 subjects cut
** only between UTF-8 characters, CRLF line ends, line lengths, base64
** bodies, refusal of CR/LF and control characters — plus the SMTP
** settings read from the environment and the failure classes (smtp.h).
**
** Everything built is decoded again here by an independent reader
** (unfolding, encoded-words, base64) and compared with the input.
*/
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "mime.h"
#include "smtp.h"

/* ------------------------------------------------------------ decoding */

static int b64_value(char c) {
  const char *set =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const char *p = c ? strchr(set, c) : NULL;
  return p ? (int)(p - set) : -1;
}

/* Decode base64 (CRLF ignored) into out; returns the length or -1. */
static long b64_decode(const char *s, size_t n, char *out) {
  long len = 0;
  unsigned v = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\r' || s[i] == '\n')
      continue;
    if (s[i] == '=')
      break;
    int x = b64_value(s[i]);
    if (x < 0)
      return -1;
    v = (v << 6) | (unsigned)x;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[len++] = (char)((v >> bits) & 0xFF);
    }
  }
  return len;
}

/* The raw (folded) value of header `name` in msg, without the CRLF that
** ends it, copied into out; NULL when absent. */
static char *raw_header(const char *msg, const char *name, char *out,
                        size_t size) {
  size_t n = strlen(name);
  const char *p = msg;
  while (*p && !(p[0] == '\r' && p[1] == '\n')) {
    const char *end = strstr(p, "\r\n");
    while (end && (end[2] == ' ' || end[2] == '\t'))
      end = strstr(end + 2, "\r\n");
    if (end == NULL)
      return NULL;
    if (strncmp(p, name, n) == 0 && p[n] == ':') {
      const char *v = p + n + 1;
      while (*v == ' ')
        v++;
      snprintf(out, size, "%.*s", (int)(end - v), v);
      return out;
    }
    p = end + 2;
  }
  return NULL;
}

/* Remove every CRLF (unfolding); the folding space stays. */
static void unfold(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (r[0] == '\r' && r[1] == '\n') {
      r++;
      continue;
    }
    *w++ = *r;
  }
  *w = '\0';
}

/*
** Decode a folded header value made of encoded-words (or plain text).
** Checks along the way: each word at most 75 characters, each word's bytes
** valid UTF-8 on their own (no character cut between two words). Returns
** 0, or -1 (with a note) on a broken word.
*/
static int decode_words(const char *folded, char *out, size_t size) {
  char buf[8192], tmp[512];
  snprintf(buf, sizeof buf, "%s", folded);
  unfold(buf);
  if (strncmp(buf, "=?", 2) != 0) {
    snprintf(out, size, "%s", buf);
    return 0;
  }
  size_t len = 0;
  for (char *p = strtok(buf, " "); p; p = strtok(NULL, " ")) {
    size_t n = strlen(p);
    if (n > 75 || strncmp(p, "=?UTF-8?B?", 10) != 0 ||
        strcmp(p + n - 2, "?=") != 0) {
      check_note("bad encoded-word (%zu chars): %s", n, p);
      return -1;
    }
    long k = b64_decode(p + 10, n - 12, tmp);
    if (k <= 0 || mime_check_utf8(tmp, (size_t)k) != 0) {
      check_note("word does not hold whole UTF-8 characters: %s", p);
      return -1;
    }
    if (len + (size_t)k >= size)
      return -1;
    memcpy(out + len, tmp, (size_t)k);
    len += (size_t)k;
  }
  out[len] = '\0';
  return 0;
}

/* The decoded body of the first part of type `type` ("text/plain"). */
static long part_body(const char *msg, const char *type, char *out) {
  const char *p = strstr(msg, type);
  if (p == NULL)
    return -1;
  const char *start = strstr(p, "\r\n\r\n");
  if (start == NULL)
    return -1;
  start += 4;
  const char *end = strstr(start, "--");
  if (end == NULL)
    end = start + strlen(start);
  return b64_decode(start, (size_t)(end - start), out);
}

/* Every line ends in CRLF; none longer than max (headers: hmax). */
static int lines_ok(const char *msg, size_t len, size_t hmax, size_t max) {
  size_t line = 0, longest_head = 0, longest = 0;
  int in_head = 1;
  for (size_t i = 0; i < len; i++) {
    if (msg[i] == '\r' && i + 1 < len && msg[i + 1] == '\n') {
      if (in_head && line == 0)
        in_head = 0;
      if (in_head && line > longest_head)
        longest_head = line;
      if (!in_head && line > longest)
        longest = line;
      line = 0;
      i++;
    } else if (msg[i] == '\r' || msg[i] == '\n') {
      check_note("bare %s at byte %zu", msg[i] == '\r' ? "CR" : "LF", i);
      return 0;
    } else {
      line++;
    }
  }
  if (line != 0) {
    check_note("the message does not end with CRLF");
    return 0;
  }
  if (longest_head > hmax || longest > max) {
    check_note("longest header line %zu, body line %zu", longest_head,
               longest);
    return 0;
  }
  return 1;
}

/* ------------------------------------------------------------ fixtures */

static mime_message sample(const char *subject, const char *text,
                           const char *html) {
  mime_message m;
  memset(&m, 0, sizeof m);
  m.from.address = "planwatch@skhcn.yenbai.example.org";
  m.to.address = "vanthu@stttt.yenbai.example.org";
  m.subject = subject;
  m.text = text;
  m.text_len = text ? strlen(text) : 0;
  m.html = html;
  m.html_len = html ? strlen(html) : 0;
  return m;
}

/* A Vietnamese subject of exactly 200 characters (2- and 3-byte letters). */
static void vietnamese_200(char *out, size_t size) {
  const char *phrase = "Báo cáo kết quả thực hiện Kế hoạch số 114/KH-UBND "
                       "năm 2025 của Sở Thông tin và Truyền thông — ";
  size_t chars = 0, len = 0;
  while (chars < 200) {
    for (const char *p = phrase; *p && chars < 200;) {
      size_t n = (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p < 0xE0 ? 2 : 3;
      memcpy(out + len, p, n);
      len += n;
      p += n;
      chars++;
    }
  }
  out[len] = '\0';
  (void)size;
}

/* ---------------------------------------------------------------- tests */

static void test_vietnamese_subject(void) {
  char subject[1024], got[2048], raw[4096], id[MIME_ID_SIZE], err[MIME_ERR_SIZE];
  vietnamese_200(subject, sizeof subject);
  mime_message m = sample(subject, "x", NULL);
  mime_buf b;
  CHECK(mime_build(&m, &b, id, err) == 0, "a 200-character Vietnamese subject builds");
  CHECK(raw_header(b.data, "Subject", raw, sizeof raw) != NULL, "it has a Subject");
  CHECK(strstr(raw, "=?UTF-8?B?") == raw, "the subject is RFC 2047 B-encoded");
  CHECK(decode_words(raw, got, sizeof got) == 0,
        "every encoded-word is at most 75 chars and holds whole UTF-8 characters");
  CHECK(strcmp(got, subject) == 0, "decoding the words gives the subject back");
  CHECK(lines_ok(b.data, b.len, 78, 76), "CRLF only; header lines <= 78, body lines <= 76");
  mime_buf_free(&b);

  /* 4-byte characters, and a cut that falls on every possible offset */
  for (int shift = 0; shift < 4; shift++) {
    char s[600] = "";
    for (int i = 0; i < shift; i++)
      strcat(s, "a");
    for (int i = 0; i < 40; i++)
      strcat(s, i % 3 ? "ữ" : "😀");
    m = sample(s, "x", NULL);
    int ok = mime_build(&m, &b, id, err) == 0 &&
             raw_header(b.data, "Subject", raw, sizeof raw) &&
             decode_words(raw, got, sizeof got) == 0 && strcmp(got, s) == 0;
    CHECK(ok, "4-byte and 3-byte characters after %d ASCII bytes round-trip", shift);
    mime_buf_free(&b);
  }
}

static void test_ascii_subject(void) {
  char raw[2048], id[MIME_ID_SIZE], err[MIME_ERR_SIZE];
  mime_message m = sample("Monthly report due", "x", NULL);
  mime_buf b;
  mime_build(&m, &b, id, err);
  CHECK(strstr(b.data, "\r\nSubject: Monthly report due\r\n") != NULL,
        "a short ASCII subject goes out as it is");
  mime_buf_free(&b);

  const char *lng = "Reminder: the annual report on Plan 114 implementation for "
                    "2025 is due on 16 December 2025; please send it to the "
                    "planning office of the Department of Science and Technology";
  m = sample(lng, "x", NULL);
  mime_build(&m, &b, id, err);
  raw_header(b.data, "Subject", raw, sizeof raw);
  CHECK(strstr(raw, "=?") == NULL && strstr(raw, "\r\n ") != NULL,
        "a long ASCII subject is folded, not encoded");
  unfold(raw);
  CHECK(strcmp(raw, lng) == 0, "unfolding gives the long subject back");
  CHECK(lines_ok(b.data, b.len, 78, 76), "folded lines stay within 78 bytes");
  mime_buf_free(&b);

  m = sample("a =?UTF-8?B?eA==?= lookalike", "x", NULL);
  mime_build(&m, &b, id, err);
  raw_header(b.data, "Subject", raw, sizeof raw);
  char got[256];
  CHECK(strncmp(raw, "=?UTF-8?B?", 10) == 0 && decode_words(raw, got, sizeof got) == 0 &&
        strcmp(got, "a =?UTF-8?B?eA==?= lookalike") == 0,
        "an ASCII subject holding \"=?\" is encoded so no reader decodes it");
  mime_buf_free(&b);
}

static void test_bodies(void) {
  char id[MIME_ID_SIZE], err[MIME_ERR_SIZE], got[70000];
  static char text[60000];
  size_t n = 0;
  while (n < sizeof text - 200)
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "Dòng %zu: chỉ tiêu năng suất lao động tăng 6,2%%/năm.\n", n);
  const char *html = "<p>Kính gửi <b>Sở Công Thương</b>,</p>\r\n<p>Hạn nộp: 16/12/2025.</p>";
  mime_message m = sample("Nhắc việc", text, html);
  mime_buf b;
  CHECK(mime_build(&m, &b, id, err) == 0, "a message with text and html builds");
  CHECK(strstr(b.data, "Content-Type: multipart/alternative; boundary=\"=_pw_") != NULL,
        "two bodies make multipart/alternative");
  CHECK(strstr(b.data, "Content-Transfer-Encoding: base64") != NULL &&
        strstr(b.data, "charset=UTF-8") != NULL, "parts are UTF-8 in base64");
  CHECK(lines_ok(b.data, b.len, 78, 76), "CRLF only, body lines of at most 76");

  /* the canonical text: every LF made CRLF */
  static char want[70000];
  size_t w = 0;
  for (size_t i = 0; text[i]; i++) {
    if (text[i] == '\n')
      want[w++] = '\r';
    want[w++] = text[i];
  }
  long k = part_body(b.data, "text/plain", got);
  CHECK(k == (long)w && memcmp(got, want, w) == 0,
        "the text part decodes to the text with CRLF line ends");
  k = part_body(b.data, "text/html", got);
  CHECK(k == (long)strlen(html) && memcmp(got, html, (size_t)k) == 0,
        "the html part decodes to the html");
  mime_buf_free(&b);

  m = sample("Nhắc việc", "chỉ có văn bản", NULL);
  mime_build(&m, &b, id, err);
  CHECK(strstr(b.data, "multipart") == NULL &&
        strstr(b.data, "\r\nContent-Type: text/plain; charset=UTF-8\r\n") != NULL,
        "a text-only message is a single text/plain part");
  mime_buf_free(&b);

  m = sample("x", NULL, NULL);
  CHECK(mime_build(&m, &b, id, err) == -1, "a message without a body is refused (%s)", err);

  static char big[MIME_MAX_MESSAGE];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  m = sample("x", big, NULL);
  CHECK(mime_build(&m, &b, id, err) == -1 && b.data == NULL,
        "a message past MIME_MAX_MESSAGE is refused cleanly (%s)", err);

  const char bad[] = { 'o', 'k', (char)0xC3, '(', 0 };
  m = sample("x", bad, NULL);
  CHECK(mime_build(&m, &b, id, err) == -1, "a body that is not UTF-8 is refused");
}

static void test_headers(void) {
  char id[MIME_ID_SIZE], err[MIME_ERR_SIZE], raw[1024], got[1024];
  mime_header extra[] = {
    { "Auto-Submitted", "auto-generated" },
    { "X-Planwatch-Key", "BC_KH114/STTTT/2025/-7" },
    { "X-Planwatch-Unit", "Sở Thông tin và Truyền thông" },
  };
  mime_message m = sample("Nhắc việc", "x", NULL);
  m.headers = extra;
  m.nheaders = 3;
  m.from.name = "Văn phòng UBND tỉnh Yên Bái";
  m.to.name = "Sở TT&TT";
  m.date = 1764288000; /* 2025-11-28 00:00:00 UTC */
  mime_buf b;
  CHECK(mime_build(&m, &b, id, err) == 0, "a message with extra headers builds");
  CHECK(strstr(b.data, "\r\nAuto-Submitted: auto-generated\r\n") &&
        strstr(b.data, "\r\nX-Planwatch-Key: BC_KH114/STTTT/2025/-7\r\n"),
        "extra ASCII headers go out as given");
  raw_header(b.data, "X-Planwatch-Unit", raw, sizeof raw);
  CHECK(decode_words(raw, got, sizeof got) == 0 &&
        strcmp(got, "Sở Thông tin và Truyền thông") == 0,
        "a non-ASCII extra header is encoded and decodes back");
  raw_header(b.data, "From", raw, sizeof raw);
  char *lt = strstr(raw, " <planwatch@skhcn.yenbai.example.org>");
  if (lt)
    *lt = '\0';
  CHECK(lt && decode_words(raw, got, sizeof got) == 0 &&
        strcmp(got, "Văn phòng UBND tỉnh Yên Bái") == 0,
        "the sender's display name is encoded and the address follows in <>");
  raw_header(b.data, "To", raw, sizeof raw);
  CHECK(strncmp(raw, "=?UTF-8?B?", 10) == 0,
        "a display name with '&' is encoded, not sent raw");
  raw_header(b.data, "Message-ID", raw, sizeof raw);
  size_t idlen = strlen(raw);
  CHECK(strcmp(raw, id) == 0 && raw[0] == '<' && idlen == 34 + strlen("skhcn.yenbai.example.org") + 1 &&
        strstr(raw, "@skhcn.yenbai.example.org>") == raw + 33,
        "Message-ID is <32 random hex digits @ the sender's domain> (%s)", raw);
  raw_header(b.data, "Date", raw, sizeof raw);
  CHECK(strlen(raw) == 31 && raw[3] == ',' && raw[25] == ' ' &&
        (raw[26] == '+' || raw[26] == '-'),
        "Date is an RFC 5322 date (%s)", raw);
  CHECK(strstr(b.data, "\r\nMIME-Version: 1.0\r\n") != NULL, "MIME-Version: 1.0");
  CHECK(lines_ok(b.data, b.len, 78, 76), "CRLF only with extra headers");
  mime_buf_free(&b);

  char again[MIME_ID_SIZE];
  snprintf(again, sizeof again, "%s", id);
  mime_build(&m, &b, id, err);
  CHECK(strcmp(again, id) != 0, "two messages get two Message-IDs");
  mime_buf_free(&b);
}

static void test_refusals(void) {
  static const char *const bad_addresses[] = {
    "a@x.vn\r\nRCPT TO:<b@x.vn>", "a@x.vn\n", "a@x.vn\r", "a\t@x.vn",
    "a b@x.vn", "<a@x.vn>", "a@x.vn>", "a@x.vn\x7f", "ax.vn", "@x.vn", "a@",
    "a@@x.vn", "a..b@x.vn", "a@x..vn", "a@-x.vn", "vă@x.vn", "", NULL
  };
  char err[MIME_ERR_SIZE], id[MIME_ID_SIZE];
  for (int i = 0; bad_addresses[i]; i++)
    CHECK(mime_check_address(bad_addresses[i], err) == -1,
          "address %d refused: %s", i, err);
  CHECK(mime_check_address("van.thu+bc114@so-tttt.yenbai.gov.vn", err) == 0,
        "a plain address passes");

  mime_buf b;
  mime_message m = sample("x", "x", NULL);
  m.to.address = "b@x.vn>\r\nRCPT TO:<evil@x.vn";
  CHECK(mime_build(&m, &b, id, err) == -1 && b.data == NULL,
        "CR/LF in the recipient refuses the message (%s)", err);

  static const char *const bad_values[] = {
    "Nhắc\r\nBcc: evil@x.vn", "line\nbreak", "carriage\rreturn", "tab\there",
    "del\x7f", "bell\a", NULL
  };
  for (int i = 0; bad_values[i]; i++) {
    m = sample(bad_values[i], "x", NULL);
    CHECK(mime_build(&m, &b, id, err) == -1 && b.data == NULL,
          "subject with control character %d refused (%s)", i, err);
    mime_header h = { "X-Planwatch-Key", bad_values[i] };
    m = sample("x", "x", NULL);
    m.headers = &h;
    m.nheaders = 1;
    CHECK(mime_build(&m, &b, id, err) == -1, "header value %d refused", i);
    m = sample("x", "x", NULL);
    m.from.name = bad_values[i];
    CHECK(mime_build(&m, &b, id, err) == -1, "display name %d refused", i);
  }
  const char overlong[] = { 'x', (char)0xC0, (char)0xAF, 0 };
  m = sample(overlong, "x", NULL);
  CHECK(mime_build(&m, &b, id, err) == -1, "an overlong UTF-8 subject is refused");

  static const char *const bad_names[] = {
    "X Key", "X:Key", "", "Subject", "bcc", "Content-Type", "Message-ID",
    "X-Ký", NULL
  };
  for (int i = 0; bad_names[i]; i++) {
    mime_header h = { bad_names[i], "v" };
    m = sample("x", "x", NULL);
    m.headers = &h;
    m.nheaders = 1;
    CHECK(mime_build(&m, &b, id, err) == -1, "header name '%s' refused (%s)",
          bad_names[i], err);
  }
}

static void test_save(void) {
  char dir[] = "/tmp/planwatch-mime.XXXXXX", path[512], err[MIME_ERR_SIZE];
  CHECK(mkdtemp(dir) != NULL, "a scratch folder");
  char sub[600];
  snprintf(sub, sizeof sub, "%s/outbox/mail", dir);
  CHECK(mime_save(sub, "BC_KH114/STTTT/2025/../-7 x", "abc\r\n", 5, path,
                  sizeof path, err) == 0, "an .eml file is saved (%s)", err);
  char want[700];
  snprintf(want, sizeof want, "%s/BC_KH114_STTTT_2025_.._-7_x-", sub);
  size_t wn = strlen(want);
  CHECK(strncmp(path, want, wn) == 0 && strlen(path) == wn + 16 + 4 &&
        strspn(path + wn, "0123456789abcdef") == 16 &&
        strcmp(path + wn + 16, ".eml") == 0,
        "its name is the key made safe and a hash of the key (%s)", path);
  struct stat st;
  CHECK(stat(path, &st) == 0 && st.st_size == 5, "it holds the message");
  char first[512];
  snprintf(first, sizeof first, "%s", path);
  CHECK(mime_save(sub, "BC_KH114/STTTT/2025/../-7 x", "abcd\r\n", 6, path,
                  sizeof path, err) == 0 && strcmp(path, first) == 0,
        "the same key again gets the same name (%s)", path);
  CHECK(stat(path, &st) == 0 && st.st_size == 6, "its later copy replaces the first");
  CHECK(mime_save(sub, "BC_KH114:STTTT:2025:..:-7 x", "x", 1, path,
                  sizeof path, err) == 0 && strcmp(path, first) != 0,
        "a key differing only in replaced bytes gets a name of its own (%s)",
        path);
  CHECK(stat(first, &st) == 0 && st.st_size == 6, "and leaves the other file as it was");
  CHECK(mime_save(sub, "plain-key_1.x", "x", 1, path, sizeof path, err) == 0 &&
        strstr(path, "/plain-key_1.x.eml") != NULL, "a safe key is its name (%s)", path);
  CHECK(mime_save(sub, ".hidden", "x", 1, path, sizeof path, err) == 0 &&
        strstr(path, "/_hidden-") != NULL, "a leading dot is replaced");
  char cmd[700];
  snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) = 4", sub);
  CHECK(system(cmd) == 0, "no temporary file is left behind");
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK(system(cmd) == 0, "cleanup");
}

/* A batch: each file has its name at once; mime_sync closes every
** descriptor, and fails when the folder is gone. */
static void test_batch(void) {
  char dir[] = "/tmp/planwatch-mime.XXXXXX", path[512], err[MIME_ERR_SIZE];
  CHECK(mkdtemp(dir) != NULL, "a scratch folder");
  char sub[600];
  snprintf(sub, sizeof sub, "%s/mail", dir);
  int fds[2] = { -1, -1 };
  CHECK(mime_write(sub, "a/1", "abc\r\n", 5, path, sizeof path, &fds[0],
                   err) == 0 && fds[0] >= 0, "a file is written (%s)", err);
  struct stat st;
  CHECK(strstr(path, "/a_1-") != NULL && stat(path, &st) == 0 &&
        st.st_size == 5, "under its name before the sync (%s)", path);
  CHECK(mime_write(sub, "b", "x", 1, path, sizeof path, &fds[1], err) == 0,
        "a second file (%s)", err);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) = 2", sub);
  CHECK(system(cmd) == 0, "no temporary file is left behind");
  CHECK(mime_sync(sub, fds, 2, err) == 0, "the batch is synced (%s)", err);
  CHECK(fcntl(fds[0], F_GETFD) == -1 && fcntl(fds[1], F_GETFD) == -1,
        "and its descriptors closed");
  CHECK(mime_write(sub, "c", "x", 1, path, sizeof path, &fds[0], err) == 0,
        "a third file (%s)", err);
  snprintf(cmd, sizeof cmd, "rm -rf %s", sub);
  CHECK(system(cmd) == 0, "the folder is removed");
  CHECK(mime_sync(sub, fds, 1, err) == -1 && strstr(err, "/mail") != NULL,
        "a sync without its folder fails (%s)", err);
  CHECK(fcntl(fds[0], F_GETFD) == -1, "and still closes the descriptor");
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK(system(cmd) == 0, "cleanup");
}

/* ------------------------------------------------------------ smtp.h */

static void clear_env(void) {
  static const char *const vars[] = {
    "PLANWATCH_SMTP_URL", "PLANWATCH_SMTP_USER", "PLANWATCH_SMTP_PASSWORD",
    "PLANWATCH_SMTP_PASSWORD_FILE", "PLANWATCH_MAIL_FROM",
    "PLANWATCH_SMTP_TIMEOUT_MS", "PLANWATCH_SMTP_CONNECT_TIMEOUT_MS",
    "PLANWATCH_SMTP_CAFILE", "PLANWATCH_SMTP_INSECURE",
    "PLANWATCH_SMTP_STARTTLS", NULL
  };
  for (int i = 0; vars[i]; i++)
    unsetenv(vars[i]);
}

static void test_settings(void) {
  smtp_settings s;
  char err[400];
  const char *secret = "S3cr3t-mật-khẩu";
  clear_env();
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == 0 && s.timeout_ms == 30000,
        "no PLANWATCH_SMTP_URL: not configured, default timeouts");
  setenv("PLANWATCH_SMTP_URL", "smtp://127.0.0.1:2525", 1);
  setenv("PLANWATCH_MAIL_FROM", "planwatch@x.vn", 1);
  setenv("PLANWATCH_SMTP_TIMEOUT_MS", "2000", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == 1 && s.timeout_ms == 2000 &&
        s.connect_timeout_ms == 2000 && !s.user[0],
        "a URL alone configures SMTP; the connect timeout is capped by the total");
  setenv("PLANWATCH_SMTP_TIMEOUT_MS", "soon", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1, "a bad timeout is refused");
  unsetenv("PLANWATCH_SMTP_TIMEOUT_MS");

  setenv("PLANWATCH_SMTP_URL", "smtp://user:S3cr3t@mail.x.vn", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1 && !strstr(err, "S3cr3t"),
        "credentials inside the URL are refused, without repeating them");
  setenv("PLANWATCH_SMTP_URL", "http://mail.x.vn", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1, "a non-SMTP URL is refused");
  setenv("PLANWATCH_SMTP_URL", "smtps://mail.x.vn:465", 1);
  setenv("PLANWATCH_SMTP_USER", "planwatch", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1,
        "a user without a password is refused");
  setenv("PLANWATCH_SMTP_PASSWORD", secret, 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == 1 && strcmp(s.password, secret) == 0,
        "user and password are read");
  smtp_settings_clear(&s);
  CHECK(s.password[0] == '\0', "smtp_settings_clear wipes the password");

  char file[] = "/tmp/planwatch-pw.XXXXXX";
  int fd = mkstemp(file);
  CHECK(fd >= 0 && write(fd, "from-file\nsecond line\n", 22) == 22, "a password file");
  close(fd);
  setenv("PLANWATCH_SMTP_PASSWORD_FILE", file, 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1 && !strstr(err, secret),
        "a password and a password file together are refused");
  unsetenv("PLANWATCH_SMTP_PASSWORD");
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == 1 &&
        strcmp(s.password, "from-file") == 0,
        "PLANWATCH_SMTP_PASSWORD_FILE gives its first line");
  smtp_settings_clear(&s);
  unlink(file);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1,
        "a missing password file is an error (%s)", err);
  clear_env();

  setenv("PLANWATCH_SMTP_URL", "smtp://127.0.0.1:1", 1);
  setenv("PLANWATCH_MAIL_FROM", "planwatch@x.vn\r\nRCPT TO:<evil@x.vn>", 1);
  CHECK(smtp_settings_from_env(&s, err, sizeof err) == -1,
        "CR/LF in PLANWATCH_MAIL_FROM is refused");
  setenv("PLANWATCH_MAIL_FROM", "planwatch@x.vn>", 1);
  smtp_settings_from_env(&s, err, sizeof err);
  CHECK(smtp_open(&s, err, sizeof err) == NULL, "a malformed sender is refused (%s)", err);
  clear_env();
}

static void test_classes(void) {
  static const struct { CURLcode c; long code; int temporary; } cases[] = {
    { CURLE_COULDNT_CONNECT, 0, 1 }, { CURLE_OPERATION_TIMEDOUT, 250, 1 },
    { CURLE_GOT_NOTHING, 0, 1 }, { CURLE_SEND_ERROR, 0, 1 },
    { CURLE_RECV_ERROR, 0, 1 }, { CURLE_SEND_ERROR, 451, 1 },
    { CURLE_SEND_ERROR, 550, 0 }, { CURLE_WEIRD_SERVER_REPLY, 554, 0 },
    { CURLE_WEIRD_SERVER_REPLY, 452, 1 }, { CURLE_LOGIN_DENIED, 535, 0 },
    { CURLE_LOGIN_DENIED, 454, 0 }, { CURLE_PEER_FAILED_VERIFICATION, 220, 0 },
    { CURLE_USE_SSL_FAILED, 250, 0 }, { CURLE_SSL_CACERT_BADFILE, 0, 0 },
    { CURLE_URL_MALFORMAT, 0, 0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK(smtp_temporary(cases[i].c, cases[i].code) == cases[i].temporary,
          "curl %d with reply %ld is %s", (int)cases[i].c, cases[i].code,
          cases[i].temporary ? "temporary" : "permanent");
}

int main(void) {
  test_vietnamese_subject();
  test_ascii_subject();
  test_bodies();
  test_headers();
  test_refusals();
  test_save();
  test_batch();
  test_settings();
  test_classes();
  return check_done();
}
