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
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "curl_loader.h"
#include "mime.h"
#include "safefile.h"

#define DEFAULT_TIMEOUT_MS 30000L
#define DEFAULT_CONNECT_TIMEOUT_MS 10000L
/* RFC 5321 section 4.5.3.2.6: "DATA Termination: 10 minutes." A client that
** gives up sooner and sends again delivers twice (RFC 1047). */
#define DEFAULT_FINAL_TIMEOUT_MS 600000L
#define MAX_TIMEOUT_MS 3600000L

/* Where a transfer is, from the commands libcurl has sent. */
enum { PHASE_SESSION, PHASE_MAIL, PHASE_RCPT, PHASE_DATA };

struct smtp_session {
  const curl_loader *cu;         /* libcurl's functions */
  smtp_settings s;               /* a private copy, wiped at close */
  CURL *h;                       /* NULL after a failure: the next send makes one */
  char url[2 * SMTP_TEXT_MAX + 2]; /* the URL with the EHLO name as its path */
  char from[SMTP_TEXT_MAX + 2];  /* "<sender>" */
  const char *data;              /* the message being sent */
  size_t len, pos;               /* its size, and how much libcurl has read */
  int phase;                     /* PHASE_*: the last command sent */
  int eof;                       /* the whole body was handed over */
  int timed_out;                 /* the progress callback stopped the transfer */
  int final_reply;               /* a reply came after the body */
  double started, eof_at;        /* when the transfer began, the body ended */
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

int smtp_duration_env(const char *name, long fallback, long *ms, char *err,
                      size_t size) {
  const char *v = getenv(name);
  *ms = fallback;
  if (v == NULL || *v == '\0')
    return 0;
  char *end;
  errno = 0;
  long n = *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : -1;
  long scale = n < 0 || errno ? 0
             : *end == '\0' || strcmp(end, "ms") == 0 ? 1
             : strcmp(end, "s") == 0 ? 1000
             : strcmp(end, "min") == 0 ? 60000 : 0;
  if (scale == 0 || n < 1 || n > MAX_TIMEOUT_MS / scale) {
    snprintf(err, size, "%s='%.40s': give a duration from 1 ms to 1 h: "
             "milliseconds as digits, or a number followed by ms, s or min "
             "(2000, 2s, 10min)", name, v);
    return -1;
  }
  *ms = n * scale;
  return 0;
}

int smtp_count_env(const char *name, long fallback, long max, long *n,
                   char *err, size_t size) {
  const char *v = getenv(name);
  *n = fallback;
  if (v == NULL || *v == '\0')
    return 0;
  char *end;
  errno = 0;
  long k = *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : -1;
  if (k < 1 || k > max || errno || *end) {
    snprintf(err, size, "%s='%.40s': give a whole number from 1 to %ld",
             name, v, max);
    return -1;
  }
  *n = k;
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

/*
** "Name <addr>" (the name optionally in double quotes) into s->from_name
** and s->from; a bare address stays as it is. 0, or -1 with err.
*/
static int split_from(smtp_settings *s, char *err, size_t size) {
  size_t n = strlen(s->from);
  char *lt = strrchr(s->from, '<');
  if (lt == NULL)
    return 0;
  if (n < 3 || s->from[n - 1] != '>') {
    snprintf(err, size, "PLANWATCH_MAIL_FROM: write \"Name <address>\" "
             "or just the address");
    return -1;
  }
  char *name = s->from, *end = lt;
  while (*name == ' ')
    name++;
  while (end > name && end[-1] == ' ')
    end--;
  if (end - name >= 2 && *name == '"' && end[-1] == '"') {
    name++;
    end--;
  }
  snprintf(s->from_name, sizeof s->from_name, "%.*s", (int)(end - name), name);
  memmove(s->from, lt + 1, n - (size_t)(lt - s->from) - 2);
  s->from[n - (size_t)(lt - s->from) - 2] = '\0';
  return 0;
}

/* The EHLO name: letters, digits, '-' and '.', or an address literal. */
static int check_helo(const char *h) {
  size_t n = strlen(h);
  if (n == 0 || n > 253)
    return -1;
  if (h[0] == '[')
    return h[n - 1] == ']' && strspn(h + 1, "0123456789.:abcdefABCDEFIPv") == n - 2
               ? 0 : -1;
  return strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789-.") == n ? 0 : -1;
}

/* This host's fully qualified name (the canonical name of gethostname's
** answer), or the plain host name when none is known. */
static void default_helo(char *dst, size_t size) {
  char host[256] = "localhost";
  if (gethostname(host, sizeof host - 1) != 0)
    snprintf(host, sizeof host, "localhost");
  host[sizeof host - 1] = '\0';
  snprintf(dst, size, "%s", host);
  if (strchr(host, '.'))
    return;
  struct addrinfo hints, *ai = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_flags = AI_CANONNAME;
  if (getaddrinfo(host, NULL, &hints, &ai) == 0 && ai && ai->ai_canonname &&
      strchr(ai->ai_canonname, '.') && check_helo(ai->ai_canonname) == 0)
    snprintf(dst, size, "%s", ai->ai_canonname);
  if (ai)
    freeaddrinfo(ai);
}

static int read_helo(smtp_settings *s, char *err, size_t size) {
  int set = from_env(s->helo, "PLANWATCH_SMTP_HELO", err, size);
  if (set < 0)
    return -1;
  if (!set)
    default_helo(s->helo, sizeof s->helo);
  if (check_helo(s->helo) != 0) {
    snprintf(err, size, "PLANWATCH_SMTP_HELO='%.100s' must be a domain name "
             "(letters, digits, '-' and '.') or an address literal [1.2.3.4]",
             s->helo);
    return -1;
  }
  return 0;
}

int smtp_settings_from_env(smtp_settings *s, char *err, size_t size) {
  memset(s, 0, sizeof *s);
  if (from_env(s->from, "PLANWATCH_MAIL_FROM", err, size) < 0 ||
      split_from(s, err, size) < 0 ||
      smtp_duration_env("PLANWATCH_SMTP_TIMEOUT_MS", DEFAULT_TIMEOUT_MS,
                        &s->timeout_ms, err, size) < 0 ||
      smtp_duration_env("PLANWATCH_SMTP_FINAL_TIMEOUT_MS",
                        DEFAULT_FINAL_TIMEOUT_MS, &s->final_timeout_ms, err,
                        size) < 0 ||
      smtp_duration_env("PLANWATCH_SMTP_CONNECT_TIMEOUT_MS",
                        DEFAULT_CONNECT_TIMEOUT_MS, &s->connect_timeout_ms, err,
                        size) < 0)
    return -1;
  if (s->connect_timeout_ms > s->timeout_ms)
    s->connect_timeout_ms = s->timeout_ms;
  int url = from_env(s->url, "PLANWATCH_SMTP_URL", err, size);
  if (url <= 0)
    return url;
  if (smtp_check_url(s->url, err, size) != 0 ||
      from_env(s->cafile, "PLANWATCH_SMTP_CAFILE", err, size) < 0 ||
      read_helo(s, err, size) != 0 || read_credentials(s, err, size) != 0)
    return -1;
  s->starttls = flag_from_env("PLANWATCH_SMTP_STARTTLS");
  s->insecure = flag_from_env("PLANWATCH_SMTP_INSECURE");
  return 1;
}

/* --------------------------------------------------------------- session */

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ud) {
  smtp_session *ss = ud;
  size_t room = size * nitems, left = ss->len - ss->pos;
  if (room > left)
    room = left;
  memcpy(buf, ss->data + ss->pos, room);
  ss->pos += room;
  /* with the size known, libcurl asks no more once it has it all, and
  ** sends the final "." next */
  if (ss->pos == ss->len && !ss->eof) {
    ss->eof = 1;
    ss->eof_at = now_ms();
  }
  return room;
}

/* The commands libcurl sends tell how far a transfer got. */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t n,
                    void *ud) {
  smtp_session *ss = ud;
  (void)h;
  if (type != CURLINFO_HEADER_OUT || n < 4)
    return 0;
  if (strncasecmp(data, "MAIL", 4) == 0)
    ss->phase = PHASE_MAIL;
  else if (strncasecmp(data, "RCPT", 4) == 0)
    ss->phase = PHASE_RCPT;
  else if (strncasecmp(data, "DATA", 4) == 0)
    ss->phase = PHASE_DATA;
  return 0;
}

/*
** The waits libcurl 7.88 cannot tell apart: up to the final "." a message
** has timeout_ms; after it, final_timeout_ms for the reply. libcurl calls
** this at least about once a second while it waits.
*/
static int progress_cb(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow) {
  smtp_session *ss = ud;
  (void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
  double now = now_ms();
  if (ss->eof ? now - ss->eof_at > (double)ss->s.final_timeout_ms
              : now - ss->started > (double)ss->s.timeout_ms) {
    ss->timed_out = 1;
    return 1;
  }
  return 0;
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
  if (k > 0 && ss->eof)
    ss->final_reply = 1;
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
  long longest = s->final_timeout_ms > s->timeout_ms ? s->final_timeout_ms
                                                     : s->timeout_ms;
  SET(CURLOPT_URL, ss->url);
  SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  SET(CURLOPT_NOSIGNAL, 1L);
  SET(CURLOPT_UPLOAD, 1L);
  SET(CURLOPT_READFUNCTION, read_cb);
  SET(CURLOPT_READDATA, ss);
  SET(CURLOPT_HEADERFUNCTION, reply_cb);
  SET(CURLOPT_HEADERDATA, ss);
  SET(CURLOPT_DEBUGFUNCTION, debug_cb);
  SET(CURLOPT_DEBUGDATA, ss);
  SET(CURLOPT_VERBOSE, 1L);
  SET(CURLOPT_XFERINFOFUNCTION, progress_cb);
  SET(CURLOPT_XFERINFODATA, ss);
  SET(CURLOPT_NOPROGRESS, 0L);
  SET(CURLOPT_ERRORBUFFER, ss->errbuf);
  SET(CURLOPT_CONNECTTIMEOUT_MS, s->connect_timeout_ms);
  /* a backstop: progress_cb enforces the two waits */
  SET(CURLOPT_TIMEOUT_MS, s->timeout_ms + s->final_timeout_ms);
  SET(CURLOPT_SERVER_RESPONSE_TIMEOUT, (longest + 999) / 1000);
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
  const curl_loader *cu = curl_loader_get(err, size);
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
  /* libcurl takes the EHLO name from the URL's path; a URL that already
  ** has one keeps it */
  const char *host = strstr(s->url, "://") + 3;
  snprintf(ss->url, sizeof ss->url, "%s%s%s", s->url,
           strchr(host, '/') ? "" : "/", strchr(host, '/') ? "" : s->helo);
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

/* The reply code of the server's last refusal, or code. */
static long refusal_code(const smtp_session *ss, long code) {
  long c = atol(ss->refusal);
  return c >= 400 && c < 600 ? c : code;
}

static int has_word(const char *s, const char *word) {
  size_t n = strlen(word);
  for (; *s; s++)
    if (strncasecmp(s, word, n) == 0)
      return 1;
  return 0;
}

/*
** The hints of session failures: a code that scripts translate (see
** scripts/lib/delivery.lua), and the English text, kept for callers that
** do not.
*/
typedef enum {
  HINT_NONE, HINT_LOGIN, HINT_NO_STARTTLS, HINT_CERT, HINT_HANDSHAKE,
  HINT_NO_SERVER, HINT_WANTS_TLS, HINT_WANTS_LOGIN, HINT_SENDER, HINT_HELO
} hint_id;

static const struct {
  const char *code, *text;
} hints[] = {
  [HINT_NONE] = { "", "" },
  [HINT_LOGIN] = { "login-refused", "the login was refused: check "
    "PLANWATCH_SMTP_USER and PLANWATCH_SMTP_PASSWORD (or _FILE); one attempt "
    "only, so the account is not locked" },
  [HINT_NO_STARTTLS] = { "no-starttls", "the server offers no STARTTLS: for "
    "TLS from the first byte (port 465) use smtps:// in PLANWATCH_SMTP_URL" },
  [HINT_CERT] = { "untrusted-certificate", "the server's certificate is not "
    "trusted: set PLANWATCH_SMTP_CAFILE to the CA certificate that signed it" },
  [HINT_HANDSHAKE] = { "tls-handshake", "the TLS handshake failed: smtps:// "
    "is for port 465, smtp:// with PLANWATCH_SMTP_STARTTLS=1 for 587 "
    "(PLANWATCH_SMTP_URL)" },
  [HINT_NO_SERVER] = { "no-server", "no working SMTP server at "
    "PLANWATCH_SMTP_URL: check its host and port, or try later" },
  [HINT_WANTS_TLS] = { "wants-tls", "the server wants TLS first: set "
    "PLANWATCH_SMTP_STARTTLS=1, or use smtps:// in PLANWATCH_SMTP_URL" },
  [HINT_WANTS_LOGIN] = { "wants-login", "the server wants a login: set "
    "PLANWATCH_SMTP_USER and PLANWATCH_SMTP_PASSWORD (or _FILE)" },
  [HINT_SENDER] = { "sender-refused", "the server refused the sender: check "
    "PLANWATCH_MAIL_FROM" },
  [HINT_HELO] = { "greeting-refused", "the server refused the greeting: set "
    "PLANWATCH_SMTP_HELO to this host's fully qualified name (or check "
    "PLANWATCH_SMTP_URL)" },
};

/* The hint for a reply code the server gave before RCPT. */
static hint_id reply_hint(const smtp_session *ss, long code) {
  if (code == 530 && has_word(ss->refusal, "TLS"))
    return HINT_WANTS_TLS;
  if (code == 535 || code == 534)
    return HINT_LOGIN;
  if (code == 530)
    return HINT_WANTS_LOGIN;
  if (code >= 500 && ss->phase == PHASE_MAIL)
    return HINT_SENDER;
  if (code >= 500)
    return HINT_HELO;
  return HINT_NONE;
}

/*
** A failure before RCPT: every message would meet it. `stop` when trying
** again in this run cannot help (a setting is wrong), with the setting
** named in r->hint (and r->hint_code).
*/
static void session_failure(smtp_session *ss, CURLcode rc, long code,
                            smtp_result *r) {
  hint_id h = HINT_NONE;
  r->session = 1;
  r->stop = !r->temporary;
  if (atol(ss->refusal) >= 400)
    rc = CURLE_OK; /* the server answered: its reply says more (below) */
  switch (rc) {
  case CURLE_LOGIN_DENIED: case CURLE_AUTH_ERROR:
    h = HINT_LOGIN; /* one attempt only, so the account is not locked */
    r->stop = 1;
    break;
  case CURLE_USE_SSL_FAILED:
    h = HINT_NO_STARTTLS;
    break;
  case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
    h = HINT_CERT;
    break;
  case CURLE_SSL_CONNECT_ERROR:
    h = HINT_HANDSHAKE;
    break;
  case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_OPERATION_TIMEDOUT: case CURLE_ABORTED_BY_CALLBACK:
  case CURLE_GOT_NOTHING: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
    h = HINT_NO_SERVER;
    r->temporary = 1;
    r->stop = 0;
    break;
  default:
    h = reply_hint(ss, refusal_code(ss, code));
    if (h == HINT_NONE)
      r->stop = 0;
    break;
  }
  snprintf(r->hint, sizeof r->hint, "%s", hints[h].text);
  snprintf(r->hint_code, sizeof r->hint_code, "%s", hints[h].code);
}

static void classify(smtp_session *ss, CURLcode rc, long code,
                     smtp_result *r) {
  r->curl_code = (int)rc;
  r->code = code;
  r->ok = rc == CURLE_OK;
  if (r->ok) {
    snprintf(r->message, sizeof r->message, "%s",
             ss->reply[0] ? ss->reply : "accepted");
    return;
  }
  if (ss->timed_out)
    rc = CURLE_OPERATION_TIMEDOUT;
  const char *what = ss->errbuf[0] ? ss->errbuf : ss->cu->easy_strerror(rc);
  if (ss->timed_out)
    what = ss->eof ? "no reply to the final \".\" in time "
                     "(PLANWATCH_SMTP_FINAL_TIMEOUT_MS)"
                   : "no reply in time (PLANWATCH_SMTP_TIMEOUT_MS)";
  int answered = ss->refusal[0] != '\0';
  r->temporary = smtp_temporary(rc, refusal_code(ss, code));
  /* the body and the final "." went out and no reply came back: the
  ** server may have stored it */
  r->unknown = ss->eof && !ss->final_reply;
  if (!r->unknown && (ss->phase <= PHASE_MAIL ||
                      refusal_code(ss, code) == 421))
    session_failure(ss, rc, code, r);
  snprintf(r->message, sizeof r->message, "%.200s%s%.150s (curl %d)%s", what,
           answered ? "; server said: " : "", answered ? ss->refusal : "",
           (int)rc,
           r->unknown ? "; the whole message was sent, so the server may "
                        "have stored it" : "");
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
  ss->phase = PHASE_SESSION;
  ss->eof = ss->timed_out = ss->final_reply = 0;
  ss->started = now_ms();
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

/*
** libcurl with CURLOPT_CONNECT_ONLY runs SMTP's whole connect phase
** (greeting, EHLO, STARTTLS, AUTH) and stops before MAIL FROM: the settings
** are tried and nothing is sent. The handle is a separate one, closed after.
*/
void smtp_check(smtp_session *ss, smtp_result *r) {
  memset(r, 0, sizeof *r);
  CURL *h = new_handle(ss);
  if (h == NULL) {
    fail(r, 1, "libcurl could not set up a transfer%s", "");
    r->session = 1;
    return;
  }
  ss->phase = PHASE_SESSION;
  ss->eof = ss->timed_out = ss->final_reply = 0;
  ss->started = now_ms();
  ss->reply[0] = ss->refusal[0] = ss->errbuf[0] = '\0';
  ss->data = "";
  ss->len = ss->pos = 0;
  CURLcode rc = ss->cu->easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  if (rc == CURLE_OK)
    rc = ss->cu->easy_perform(h);
  long code = 0;
  ss->cu->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  classify(ss, rc, code, r);
  if (!r->ok && !r->session)
    session_failure(ss, rc, code, r);
  if (r->ok)
    snprintf(r->message, sizeof r->message, "%s", ss->reply[0] ? ss->reply
                                                               : "connected");
  CURL *keep = ss->h;
  ss->h = h;
  drop_connection(ss);
  ss->h = keep;
  ss->data = NULL;
}

void smtp_close(smtp_session *ss) {
  if (ss == NULL)
    return;
  if (ss->h)
    ss->cu->easy_cleanup(ss->h);
  wipe(ss, sizeof *ss);
  free(ss);
}
