/*
** smtp.c: SMTP sessions over libcurl, with settings from the environment.
*/
#define _DEFAULT_SOURCE
#include "smtp.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "curlrt.h"
#include "mime.h"
#include "safefile.h"

#define DEFAULT_TIMEOUT_MS 30000L
#define DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define MAX_TIMEOUT_MS 3600000L

struct smtp_session {
  const curlrt *cu;              /* libcurl's functions */
  smtp_settings s;               /* a private copy, wiped at close */
  CURL *h;                       /* NULL after a failure: the next send makes one */
  char from[SMTP_TEXT_MAX + 2];  /* "<sender>" */
  const char *data;              /* the message being sent */
  size_t len, pos;               /* its size, and how much libcurl has read */
  char reply[200];               /* the server's last reply line */
  char refusal[200];             /* its last 4xx or 5xx reply line */
  char errbuf[CURL_ERROR_SIZE];  /* libcurl's detail on a failure */
};

/* -------------------------------------------------------------- settings */

static void wipe(void *p, size_t n) {
  volatile unsigned char *v = p;
  while (n--)
    *v++ = 0;
}

void smtp_settings_clear(smtp_settings *s) {
  wipe(s->password, sizeof s->password);
}

static int has_control(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || *s == 0x7F)
      return 1;
  return 0;
}

/* Copy variable `name` into dst: 1 when set, 0 when unset or empty, -1. */
static int from_env(char *dst, const char *name, char *err, size_t size) {
  const char *v = getenv(name);
  dst[0] = '\0';
  if (v == NULL || *v == '\0')
    return 0;
  if (strlen(v) >= SMTP_TEXT_MAX || has_control(v)) {
    snprintf(err, size, "%s is too long or holds control characters", name);
    return -1;
  }
  strcpy(dst, v);
  return 1;
}

static int ms_from_env(long *dst, const char *name, long fallback, char *err,
                       size_t size) {
  const char *v = getenv(name);
  *dst = fallback;
  if (v == NULL || *v == '\0')
    return 0;
  char *end;
  errno = 0;
  long ms = strtol(v, &end, 10);
  if (errno || *end || ms < 1 || ms > MAX_TIMEOUT_MS) {
    snprintf(err, size, "%s must be a number of milliseconds from 1 to %ld",
             name, MAX_TIMEOUT_MS);
    return -1;
  }
  *dst = ms;
  return 0;
}

static int flag_from_env(const char *name) {
  const char *v = getenv(name);
  return v && strcmp(v, "1") == 0;
}

/*
** The first line of the file named by PLANWATCH_SMTP_PASSWORD_FILE. It must
** be a regular file (a FIFO would block) that its owner alone may read, as
** ssh requires of a private key; a file in $CREDENTIALS_DIRECTORY is
** exempt from the mode check, since systemd lets the service's user alone
** reach that folder whatever the file's mode bits say.
*/
static int password_file(smtp_settings *s, const char *path, char *err,
                         size_t size) {
  char why[SAFEFILE_ERR_SIZE], real[PATH_MAX], creds[PATH_MAX];
  const char *cd = getenv("CREDENTIALS_DIRECTORY");
  struct stat st = { 0 };
  FILE *f = safefile_fopen(path, why);
  if (f == NULL) {
    snprintf(err, size, "PLANWATCH_SMTP_PASSWORD_FILE: %s: %s", path, why);
    return -1;
  }
  int systemd = cd && *cd && realpath(cd, creds) && realpath(path, real) &&
                safefile_within(real, creds);
  if (!systemd && (fstat(fileno(f), &st) != 0 || (st.st_mode & 077))) {
    fclose(f);
    snprintf(err, size, "PLANWATCH_SMTP_PASSWORD_FILE: %s: readable by group "
             "or others (mode %03o); make it readable by its owner alone "
             "(chmod 600)", path, (unsigned)(st.st_mode & 0777));
    return -1;
  }
  int got = fgets(s->password, sizeof s->password, f) != NULL;
  fclose(f);
  size_t n = got ? strcspn(s->password, "\r\n") : 0;
  int whole = got && s->password[n] != '\0';
  s->password[n] = '\0';
  if (n == 0 || (!whole && n == sizeof s->password - 1) ||
      has_control(s->password)) {
    smtp_settings_clear(s);
    snprintf(err, size, "PLANWATCH_SMTP_PASSWORD_FILE: the first line must "
             "hold the password (at most %d bytes)", SMTP_TEXT_MAX - 2);
    return -1;
  }
  return 0;
}

int smtp_check_url(const char *url, char *err, size_t size) {
  size_t skip = strncasecmp(url, "smtp://", 7) == 0    ? 7
              : strncasecmp(url, "smtps://", 8) == 0   ? 8
              : 0;
  if (skip == 0) {
    snprintf(err, size, "PLANWATCH_SMTP_URL must start with smtp:// or smtps://");
    return -1;
  }
  const char *host = url + skip;
  size_t authority = strcspn(host, "/?#");
  if (authority == 0 || memchr(host, '@', authority) != NULL ||
      strpbrk(url, " \\") != NULL || has_control(url)) {
    snprintf(err, size, "PLANWATCH_SMTP_URL must be smtp[s]://host[:port] "
             "(credentials go in PLANWATCH_SMTP_USER and "
             "PLANWATCH_SMTP_PASSWORD, never in the URL)");
    return -1;
  }
  return 0;
}

static int read_credentials(smtp_settings *s, char *err, size_t size) {
  int user = from_env(s->user, "PLANWATCH_SMTP_USER", err, size);
  if (user < 0)
    return -1;
  const char *pw = getenv("PLANWATCH_SMTP_PASSWORD");
  const char *file = getenv("PLANWATCH_SMTP_PASSWORD_FILE");
  int has_pw = pw && *pw, has_file = file && *file;
  if (has_pw && has_file) {
    snprintf(err, size, "set PLANWATCH_SMTP_PASSWORD or "
             "PLANWATCH_SMTP_PASSWORD_FILE, not both");
    return -1;
  }
  if (has_pw && (strlen(pw) >= sizeof s->password || has_control(pw))) {
    snprintf(err, size, "PLANWATCH_SMTP_PASSWORD is too long or holds "
             "control characters");
    return -1;
  }
  if (has_pw)
    strcpy(s->password, pw);
  else if (has_file && password_file(s, file, err, size) != 0)
    return -1;
  if (user != (has_pw || has_file)) {
    smtp_settings_clear(s);
    snprintf(err, size, "PLANWATCH_SMTP_USER and a password "
             "(PLANWATCH_SMTP_PASSWORD or _FILE) go together");
    return -1;
  }
  return 0;
}

int smtp_settings_from_env(smtp_settings *s, char *err, size_t size) {
  memset(s, 0, sizeof *s);
  if (from_env(s->from, "PLANWATCH_MAIL_FROM", err, size) < 0 ||
      ms_from_env(&s->timeout_ms, "PLANWATCH_SMTP_TIMEOUT_MS",
                  DEFAULT_TIMEOUT_MS, err, size) < 0 ||
      ms_from_env(&s->connect_timeout_ms, "PLANWATCH_SMTP_CONNECT_TIMEOUT_MS",
                  DEFAULT_CONNECT_TIMEOUT_MS, err, size) < 0)
    return -1;
  if (s->connect_timeout_ms > s->timeout_ms)
    s->connect_timeout_ms = s->timeout_ms;
  int url = from_env(s->url, "PLANWATCH_SMTP_URL", err, size);
  if (url <= 0)
    return url;
  if (smtp_check_url(s->url, err, size) != 0 ||
      from_env(s->cafile, "PLANWATCH_SMTP_CAFILE", err, size) < 0 ||
      read_credentials(s, err, size) != 0)
    return -1;
  s->starttls = flag_from_env("PLANWATCH_SMTP_STARTTLS");
  s->insecure = flag_from_env("PLANWATCH_SMTP_INSECURE");
  return 1;
}

/* --------------------------------------------------------------- session */

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ud) {
  smtp_session *ss = ud;
  size_t room = size * nitems, left = ss->len - ss->pos;
  if (room > left)
    room = left;
  memcpy(buf, ss->data + ss->pos, room);
  ss->pos += room;
  return room;
}

/* Keep the server's last reply line, printable and short, for messages,
** and its last refusal (4xx/5xx): libcurl may QUIT after one. */
static size_t reply_cb(char *buf, size_t size, size_t nitems, void *ud) {
  smtp_session *ss = ud;
  size_t n = size * nitems, k = 0;
  char line[sizeof ss->reply];
  for (size_t i = 0; i < n && buf[i] != '\r' && buf[i] != '\n' &&
                     k < sizeof line - 1; i++) {
    unsigned char c = (unsigned char)buf[i];
    line[k++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
  }
  line[k] = '\0';
  if (k > 0)
    memcpy(ss->reply, line, k + 1);
  if (line[0] == '4' || line[0] == '5')
    memcpy(ss->refusal, line, k + 1);
  return n;
}

#define SET(opt, val) \
  if (rc == CURLE_OK) rc = ss->cu->easy_setopt(h, opt, val)

static CURL *new_handle(smtp_session *ss) {
  const smtp_settings *s = &ss->s;
  CURL *h = ss->cu->easy_init();
  if (h == NULL)
    return NULL;
  CURLcode rc = CURLE_OK;
  SET(CURLOPT_URL, s->url);
  SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  SET(CURLOPT_NOSIGNAL, 1L);
  SET(CURLOPT_UPLOAD, 1L);
  SET(CURLOPT_READFUNCTION, read_cb);
  SET(CURLOPT_READDATA, ss);
  SET(CURLOPT_HEADERFUNCTION, reply_cb);
  SET(CURLOPT_HEADERDATA, ss);
  SET(CURLOPT_ERRORBUFFER, ss->errbuf);
  SET(CURLOPT_CONNECTTIMEOUT_MS, s->connect_timeout_ms);
  SET(CURLOPT_TIMEOUT_MS, s->timeout_ms);
  SET(CURLOPT_SERVER_RESPONSE_TIMEOUT, (s->timeout_ms + 999) / 1000);
  SET(CURLOPT_MAIL_FROM, ss->from);
  if (s->starttls || s->user[0])
    SET(CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  if (s->user[0]) {
    SET(CURLOPT_USERNAME, s->user);
    SET(CURLOPT_PASSWORD, s->password);
  }
  if (s->cafile[0])
    SET(CURLOPT_CAINFO, s->cafile);
  if (s->insecure) {
    SET(CURLOPT_SSL_VERIFYPEER, 0L);
    SET(CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (rc != CURLE_OK) {
    ss->cu->easy_cleanup(h);
    return NULL;
  }
  return h;
}

smtp_session *smtp_open(const smtp_settings *s, char *err, size_t size) {
  char why[MIME_ERR_SIZE];
  if (s->from[0] == '\0') {
    snprintf(err, size, "PLANWATCH_MAIL_FROM is not set: it gives the "
             "sender's address");
    return NULL;
  }
  if (mime_check_address(s->from, why) != 0) {
    snprintf(err, size, "PLANWATCH_MAIL_FROM: %s", why);
    return NULL;
  }
  const curlrt *cu = curlrt_get(err, size);
  if (cu == NULL)
    return NULL;
  smtp_session *ss = calloc(1, sizeof *ss);
  if (ss == NULL) {
    snprintf(err, size, "not enough memory");
    return NULL;
  }
  ss->cu = cu;
  ss->s = *s;
  snprintf(ss->from, sizeof ss->from, "<%s>", s->from);
  return ss;
}

/*
** After a failure, the connection must not carry another message: shut its
** socket (so neither a reuse nor the QUIT at cleanup can wait on it) and
** drop the handle; the next send connects afresh.
*/
static void drop_connection(smtp_session *ss) {
  curl_socket_t sock = CURL_SOCKET_BAD;
  if (ss->cu->easy_getinfo(ss->h, CURLINFO_ACTIVESOCKET, &sock) == CURLE_OK &&
      sock != CURL_SOCKET_BAD)
    shutdown(sock, SHUT_RDWR);
  ss->cu->easy_cleanup(ss->h);
  ss->h = NULL;
}

int smtp_temporary(CURLcode c, long code) {
  switch (c) {
  case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_CONNECT: case CURLE_OPERATION_TIMEDOUT:
  case CURLE_GOT_NOTHING: case CURLE_OUT_OF_MEMORY:
    return 1;
  case CURLE_LOGIN_DENIED: case CURLE_AUTH_ERROR: case CURLE_USE_SSL_FAILED:
  case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH: case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE: case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED: case CURLE_SSL_ENGINE_INITFAILED:
  case CURLE_UNSUPPORTED_PROTOCOL: case CURLE_URL_MALFORMAT:
  case CURLE_NOT_BUILT_IN: case CURLE_BAD_FUNCTION_ARGUMENT:
    return 0;
  default:
    break;
  }
  if (code >= 400 && code < 500)
    return 1;
  if (code >= 500 && code < 600)
    return 0;
  return 1; /* the connection broke: send or receive error, odd reply */
}

/* Replace every copy of the password in msg by "***". */
static void redact(char *msg, size_t size, const char *password) {
  size_t n = strlen(password), k = 0;
  char out[sizeof ((smtp_result *)0)->message];
  if (n == 0)
    return;
  for (const char *p = msg; *p && k < sizeof out - 3;) {
    if (strncmp(p, password, n) == 0) {
      memcpy(out + k, "***", 3);
      k += 3;
      p += n;
    } else {
      out[k++] = *p++;
    }
  }
  out[k] = '\0';
  snprintf(msg, size, "%s", out);
}

static void classify(smtp_session *ss, CURLcode rc, long code,
                     smtp_result *r) {
  r->curl_code = (int)rc;
  r->code = code;
  r->ok = rc == CURLE_OK;
  if (r->ok) {
    snprintf(r->message, sizeof r->message, "%s",
             ss->reply[0] ? ss->reply : "accepted");
  } else {
    r->temporary = smtp_temporary(rc, code);
    const char *what = ss->errbuf[0] ? ss->errbuf : ss->cu->easy_strerror(rc);
    int answered = code >= 400 && atol(ss->refusal) == code;
    snprintf(r->message, sizeof r->message, "%.200s%s%.150s (curl %d)%s", what,
             answered ? "; server said: " : "", answered ? ss->refusal : "",
             (int)rc,
             rc == CURLE_OPERATION_TIMEDOUT && ss->pos == ss->len
                 ? "; the whole message was sent, so the server may have "
                   "accepted it"
                 : "");
  }
  if (ss->s.password[0])
    redact(r->message, sizeof r->message, ss->s.password);
}

static void fail(smtp_result *r, int temporary, const char *fmt,
                 const char *detail) {
  r->ok = 0;
  r->temporary = temporary;
  snprintf(r->message, sizeof r->message, fmt, detail);
}

void smtp_send(smtp_session *ss, const char *to, const char *data, size_t n,
               smtp_result *r) {
  char why[MIME_ERR_SIZE], rcpt[MIME_MAX_ADDRESS + 3];
  memset(r, 0, sizeof *r);
  if (mime_check_address(to, why) != 0) {
    fail(r, 0, "recipient: %s", why);
    return;
  }
  if (ss->h == NULL && (ss->h = new_handle(ss)) == NULL) {
    fail(r, 1, "libcurl could not set up a transfer%s", "");
    return;
  }
  snprintf(rcpt, sizeof rcpt, "<%s>", to);
  struct curl_slist *list = ss->cu->slist_append(NULL, rcpt);
  if (list == NULL) {
    fail(r, 1, "not enough memory%s", "");
    return;
  }
  ss->data = data;
  ss->len = n;
  ss->pos = 0;
  ss->reply[0] = ss->refusal[0] = ss->errbuf[0] = '\0';
  CURLcode rc = ss->cu->easy_setopt(ss->h, CURLOPT_MAIL_RCPT, list);
  if (rc == CURLE_OK)
    rc = ss->cu->easy_setopt(ss->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)n);
  if (rc == CURLE_OK)
    rc = ss->cu->easy_perform(ss->h);
  long code = 0;
  ss->cu->easy_getinfo(ss->h, CURLINFO_RESPONSE_CODE, &code);
  ss->cu->easy_setopt(ss->h, CURLOPT_MAIL_RCPT, NULL);
  ss->cu->slist_free_all(list);
  classify(ss, rc, code, r);
  ss->data = NULL;
  if (rc != CURLE_OK)
    drop_connection(ss);
}

void smtp_close(smtp_session *ss) {
  if (ss == NULL)
    return;
  if (ss->h)
    ss->cu->easy_cleanup(ss->h);
  wipe(ss, sizeof *ss);
  free(ss);
}
