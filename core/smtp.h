#ifndef PW_SMTP_H
#define PW_SMTP_H
/*
** smtp: send built messages (mime.h) to an SMTP server through libcurl.
**
** A session holds one curl easy handle reused from message to message, so
** a run sends everything over one connection (libcurl keeps it open between
** transfers and sends QUIT when the session closes). Each message goes to
** ONE recipient per transfer, so every recipient gets its own result.
**
** Settings come from the environment, read here in C and never handed to
** Lua (the URL, which cannot hold credentials, is all Lua may learn):
**   PLANWATCH_SMTP_URL            smtp://host[:port] (STARTTLS when asked or
**                                 when credentials are set) or
**                                 smtps://host[:port] (TLS from the start);
**                                 credentials in the URL are refused
**   PLANWATCH_SMTP_USER           login; with it, TLS is required
**   PLANWATCH_SMTP_PASSWORD       its password, or
**   PLANWATCH_SMTP_PASSWORD_FILE  a file whose first line is the password
**   PLANWATCH_MAIL_FROM           the sender: "addr@host" or
**                                 "Display Name <addr@host>" (the name is
**                                 RFC 2047-encoded in From)
**   PLANWATCH_SMTP_HELO           the name given in EHLO (default: this
**                                 host's fully qualified name)
**   PLANWATCH_SMTP_STARTTLS=1     require STARTTLS on smtp:// without login
**   PLANWATCH_SMTP_TIMEOUT_MS     one message up to its final "."
**                                 (default 30000)
**   PLANWATCH_SMTP_FINAL_TIMEOUT_MS  the wait for the reply to the final "."
**                                 (default 600000: RFC 5321 section
**                                 4.5.3.2.6, "DATA Termination: 10 minutes")
**   PLANWATCH_SMTP_CONNECT_TIMEOUT_MS  TCP connect and greeting (default
**                                 10000, never more than the above)
** Durations take a unit (ms, s, min) or are milliseconds when plain digits;
** anything else is refused.
**   PLANWATCH_SMTP_CAFILE         CA certificates to verify the server with
**                                 (default: the system's)
**   PLANWATCH_SMTP_INSECURE=1     skip certificate checks: tests only
**
** Rules kept here (each one a measured libcurl 7.88 behaviour):
**  - addresses are validated before libcurl sees them: it passes CR/LF in
**    MAIL FROM / RCPT TO through, which injects SMTP commands;
**  - with credentials, TLS is required (CURLUSESSL_ALL): otherwise libcurl
**    silently skips AUTH when the server does not offer it before STARTTLS;
**  - the read position is rewound before every transfer;
**  - after ANY failure the connection is shut down and the handle replaced,
**    so the next message starts on a fresh connection (a server that
**    answered late leaves a stale reply that a reused connection would read);
**  - every wait is bounded: connect, whole transfer, and each server reply
**    (CURLOPT_SERVER_RESPONSE_TIMEOUT, which also bounds QUIT at close).
**
** Failures are classified by CURLcode first, then by the server's reply
** code: temporary (retry later) for 4xx, timeouts, refused or dropped
** connections; permanent for 5xx, a denied login, certificate and TLS
** errors, a bad address or URL. The password never appears in a message.
**
** Where a failure happened decides whose it is (the commands libcurl sends
** are watched through its debug callback, the body through the read
** callback):
**  - before RCPT (connect, greeting, EHLO, STARTTLS, TLS, AUTH, MAIL FROM)
**    it is the SESSION's: the message was not tried, and every other
**    message would fail the same way (`session` is set, with a hint naming
**    the setting to fix, and its code for a translation);
**  - at RCPT or DATA, or a reply to the final "." it is the message's;
**  - once the whole body and the final "." went out, no reply (a timeout
**    or a dropped connection) means the server may have stored it:
**    `unknown` is set, and the message must not be sent again blindly.
**
** libcurl itself is loaded by the first smtp_open (curl_loader.h), so commands
** that send nothing do not pay for loading it.
*/
#include <stddef.h>

#include <curl/curl.h>

#define SMTP_TEXT_MAX 512         /* room for a URL, user, address or path */

typedef struct smtp_settings {
  char url[SMTP_TEXT_MAX];       /* smtp:// or smtps:// URL, no credentials */
  char user[SMTP_TEXT_MAX];      /* login, or "" for none */
  char password[SMTP_TEXT_MAX];  /* never printed; wiped by smtp_settings_clear */
  char from[SMTP_TEXT_MAX];      /* sender address, or "" when not set */
  char from_name[SMTP_TEXT_MAX]; /* its display name, or "" */
  char helo[SMTP_TEXT_MAX];      /* the EHLO name */
  char cafile[SMTP_TEXT_MAX];    /* CA bundle, or "" for the system's */
  int starttls;                  /* require STARTTLS even without a login */
  int insecure;                  /* do not verify the server's certificate */
  long connect_timeout_ms;       /* connect and greeting */
  long timeout_ms;               /* one message up to the final "." */
  long final_timeout_ms;         /* the reply to the final "." */
} smtp_settings;

/* What became of one message (or one webhook POST, see webhook.h). */
typedef struct smtp_result {
  int ok;             /* delivered (the server accepted it) */
  int temporary;      /* when not ok: worth retrying later */
  long code;          /* the server's reply code (SMTP or HTTP), 0 if none */
  int curl_code;      /* libcurl's CURLcode, 0 when none */
  int session;        /* the session failed before the message was tried */
  int stop;           /* a setting is wrong: trying again now cannot help */
  int unknown;        /* all sent, no answer: may have been delivered */
  char hint[160];     /* the setting to check, in English, or "" */
  char hint_code[32]; /* that hint as a word scripts translate, or "" */
  char message[512];  /* what happened, for people; never a password */
} smtp_result;

typedef struct smtp_session smtp_session;

/* Fill s from the environment. Returns 1 when PLANWATCH_SMTP_URL is set
** and valid, 0 when it is not set (s holds the defaults, and `from` when
** set), -1 with a message in err (never a password) when a setting is bad. */
int smtp_settings_from_env(smtp_settings *s, char *err, size_t size);

/* Overwrite the password in s. */
void smtp_settings_clear(smtp_settings *s);

/* Check a URL given as PLANWATCH_SMTP_URL: 0, or -1 with a reason. */
int smtp_check_url(const char *url, char *err, size_t size);

/* Open a session with a copy of s (the caller may clear s afterwards).
** Connects lazily, at the first message. NULL with a message in err. */
smtp_session *smtp_open(const smtp_settings *s, char *err, size_t size);

/* Send the n bytes at data (a message built by mime_build, CRLF line ends)
** from the session's sender to one recipient. */
void smtp_send(smtp_session *ss, const char *to, const char *data, size_t n,
               smtp_result *r);

/* Try the session's settings without sending a message: connect, TLS,
** EHLO and AUTH, then QUIT. r->ok, or a failure as smtp_send reports a
** session failure. */
void smtp_check(smtp_session *ss, smtp_result *r);

/* Read the duration in environment variable `name` into *ms: plain digits
** are milliseconds, or a number followed by ms, s or min. Unset or empty:
** fallback. 0, or -1 with a message in err (out of 1 ms .. 1 h). */
int smtp_duration_env(const char *name, long fallback, long *ms, char *err,
                      size_t size);

/* Read a count in environment variable `name` (digits only, 1..max). */
int smtp_count_env(const char *name, long fallback, long max, long *n,
                   char *err, size_t size);

/* End the session: QUIT, close, wipe the password, free. NULL is fine. */
void smtp_close(smtp_session *ss);

/* Whether a failed transfer that ended with curl code c and reply `code`
** is worth retrying; shared with webhook.c for transport-level errors. */
int smtp_temporary(CURLcode c, long code);

#endif
