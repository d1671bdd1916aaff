#ifndef PW_MIME_H
#define PW_MIME_H
/*
** mime: build one e-mail message (RFC 5322 + MIME) as bytes ready for SMTP,
** and store such bytes as an .eml file.
**
** The message carries Date, From, To, Subject, Message-ID (<random@domain of
** the sender>), MIME-Version, the caller's extra headers, and a text/plain
** part, a text/html part, or both as multipart/alternative. Bodies are UTF-8,
** their line ends made CRLF, then base64-encoded in lines of 76 characters:
** base64 rather than quoted-printable because the bodies are mostly
** Vietnamese, where nearly every word holds a non-ASCII letter.
**
** Header values that are printable ASCII go out as they are, folded with
** CRLF SP before a space so that lines stay within 78 bytes where a word
** allows it (never over 998). Any other value (non-ASCII, or one holding
** "=?") becomes RFC 2047 encoded-words, "=?UTF-8?B?...?=", each at most 75
** characters and cut only between UTF-8 characters, folded with CRLF SP.
** Display names other than plain words are encoded the same way.
**
** Everything is validated before a byte is built: addresses must be
** local@domain (dot-atom, ASCII, no spaces, angle brackets or control
** characters); header names are printable ASCII without ':'; header values,
** subjects and display names must be valid UTF-8 without control characters
** (0x00-0x1F, 0x7F; CR and LF included: they would inject headers or SMTP
** commands). Bodies must be valid UTF-8. The output has CRLF line ends only.
*/
#include <stddef.h>
#include <time.h>

#define MIME_MAX_MESSAGE (16u << 20) /* largest message built, bytes */
#define MIME_MAX_ADDRESS 254         /* longest address (RFC 5321) */
#define MIME_MAX_VALUE 4000          /* longest header value, bytes */
#define MIME_MAX_NAME 60             /* longest extra header name */
#define MIME_LINE 78                 /* header lines are folded to this */
#define MIME_BODY_LINE 76            /* base64 body line length */
#define MIME_ID_SIZE 320             /* room for a Message-ID with <> */
#define MIME_ERR_SIZE 200            /* room for an error message */

/* A growing buffer with a ceiling: an append past `max` or a failed
** allocation sets `failed` and is ignored, so a run of appends is checked
** once at the end. `data` is NUL-terminated whenever len > 0. */
typedef struct mime_buf {
  char *data;   /* the bytes, or NULL while empty */
  size_t len;   /* bytes held */
  size_t cap;   /* bytes allocated */
  size_t max;   /* most bytes it may hold */
  int failed;   /* an append did not fit or could not allocate */
} mime_buf;

void mime_buf_init(mime_buf *b, size_t max);
void mime_buf_add(mime_buf *b, const void *p, size_t n);
void mime_buf_str(mime_buf *b, const char *s);
void mime_buf_free(mime_buf *b);

/* A mailbox: an address and an optional display name (UTF-8, or NULL). */
typedef struct mime_addr {
  const char *name;     /* display name, or NULL */
  const char *address;  /* local@domain */
} mime_addr;

/* One extra header, e.g. { "Auto-Submitted", "auto-generated" }. */
typedef struct mime_header {
  const char *name;
  const char *value;
} mime_header;

typedef struct mime_message {
  mime_addr from;
  mime_addr to;
  const char *subject;          /* UTF-8; required (may be "") */
  const char *text;             /* text/plain body, or NULL */
  size_t text_len;
  const char *html;             /* text/html body, or NULL; one of the two */
  size_t html_len;
  const mime_header *headers;   /* extra headers, in order */
  size_t nheaders;
  time_t date;                  /* the Date header; 0 means now */
} mime_message;

/* Build m into out (initialised here, to be freed by the caller) and write
** its Message-ID, angle brackets included, to msgid. Returns 0, or -1 with
** a message in err (out is then empty). Structural headers (From, To,
** Subject, Date, Message-ID, MIME-Version, Content-*) cannot be given as
** extra headers. */
int mime_build(const mime_message *m, mime_buf *out,
               char msgid[MIME_ID_SIZE], char err[MIME_ERR_SIZE]);

/* 0 when addr is a plain local@domain address; else -1 and a reason. */
int mime_check_address(const char *addr, char err[MIME_ERR_SIZE]);

/* 0 when s is valid UTF-8 with no control character; else -1 and a reason
** that names `what`. */
int mime_check_text(const char *s, const char *what, char err[MIME_ERR_SIZE]);

/* 0 when the n bytes at s are valid UTF-8. */
int mime_check_utf8(const char *s, size_t n);

/* Append "name: value" + CRLF, encoded and folded as described above. The
** value must have passed mime_check_text. */
void mime_header_line(mime_buf *b, const char *name, const char *value);

/* Append the base64 form of n bytes, in lines of MIME_BODY_LINE + CRLF. */
void mime_base64(mime_buf *b, const void *p, size_t n);

/*
** The file transport: write the n bytes at data to dir/<name>.eml. The
** name is the key reduced to letters, digits, '.', '-' and '_' and cut to
** 100 bytes; when a byte was replaced (a leading '.' too) or the key cut,
** "-" and 16 hex digits of a hash of the whole key follow, so two keys
** never share a file. The file is written under a temporary name, then
** given its name exclusively (link), so a reader never sees half a message
** and no other key's file is replaced; a file of the same key, left by an
** earlier try, is replaced. dir is created when missing. The path written
** goes to path (size bytes). Returns 0, or -1 with a message in err.
*/
int mime_save(const char *dir, const char *key, const char *data, size_t n,
              char *path, size_t size, char err[MIME_ERR_SIZE]);

/*
** The same for a batch of files, with one wait for the disk instead of one
** per file. mime_write writes the file and gives it its name at once,
** without waiting for the disk, and leaves its descriptor open in *fd;
** mime_sync then waits until every file of the batch and the folder's
** entries are on disk (on Linux with one syncfs of the folder's file
** system) and closes the descriptors, all of them even when it fails.
** Until mime_sync returns 0 a crash of the machine (not of the process:
** the page cache outlives that) may lose or truncate those files. Both
** return 0, or -1 with a message in err.
*/
int mime_write(const char *dir, const char *key, const char *data, size_t n,
               char *path, size_t size, int *fd, char err[MIME_ERR_SIZE]);
int mime_sync(const char *dir, const int *fds, size_t count,
              char err[MIME_ERR_SIZE]);

#endif
