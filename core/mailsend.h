#ifndef PW_MAILSEND_H
#define PW_MAILSEND_H
/*
** mailsend: a mail session, the transport a built message (mime.h) goes
** out by: SMTP (smtp.h), one .eml file per message in a folder, or a dry
** run that sends nothing.
**
** The environment chooses, never a silent default: PLANWATCH_SMTP_URL (with
** the settings smtp.h reads) sends by SMTP; PLANWATCH_TRANSPORT=file writes
** the messages into PLANWATCH_MAIL_DIR (default ./outbox-mail) instead;
** neither set is an error, for writing files instead of sending must be
** asked for. The sender is PLANWATCH_MAIL_FROM (for files and dry runs
** planwatch@localhost when unset).
**
** The file transport names each file after the message's key (or its
** Message-ID without brackets), prefixed "ID-" with the outbox's number of
** the message when it has one; the file is on disk when mailsend_deliver
** returns, or, in a batch session (up to MAILSEND_PENDING_MAX files at a
** time, more are written as without batch), once mailsend_sync returns 0:
** one wait for the disk serves the whole batch.
**
** A session owns its SMTP connection and the descriptors of its batch;
** mailsend_close releases them and may be called more than once.
*/
#include <limits.h>
#include <stddef.h>

#include "mime.h"
#include "smtp.h"

#define MAILSEND_PENDING_MAX 256 /* files a batch leaves unsynced at most */
#define MAILSEND_DEFAULT_DIR "./outbox-mail"
#define MAILSEND_DEFAULT_FROM "planwatch@localhost"

typedef enum {
  MAILSEND_SMTP, MAILSEND_FILE, MAILSEND_DRY_RUN
} mailsend_via;

typedef struct mailsend {
  mailsend_via kind;
  smtp_session *smtp;            /* MAILSEND_SMTP: the connection; NULL once
                                    closed */
  char from[SMTP_TEXT_MAX];      /* sender address */
  char from_name[SMTP_TEXT_MAX]; /* its display name, or "" */
  char dir[PATH_MAX];            /* MAILSEND_FILE: the folder */
  int closed;                    /* closed, or never opened */
  int batch;                     /* MAILSEND_FILE: files wait for sync */
  int pending[MAILSEND_PENDING_MAX]; /* their open descriptors */
  size_t npending;
} mailsend;

/* "smtp", "file" or "dry-run". */
const char *mailsend_via_name(mailsend_via kind);

/* The mail folder of the file transport (PLANWATCH_MAIL_DIR or the
** default). */
const char *mailsend_dir(void);

/*
** The transport the environment chooses: MAILSEND_SMTP (s filled; clear it
** with smtp_settings_clear) or MAILSEND_FILE, or -1 with err. *none (when
** not NULL) tells that nothing at all was set, the error's one case
** without a wrong setting.
*/
int mailsend_choose(smtp_settings *s, char *err, size_t size, int *none);

/*
** Open a session as the environment chooses (a dry run needs no settings
** and sends nothing); batch asks the file transport to sync files in
** batches. 0, or -1 with err (ms is then closed).
*/
int mailsend_open(mailsend *ms, int dry_run, int batch, char *err,
                  size_t size);

/*
** Send the message m built into data (len bytes, Message-ID id) by the
** session's transport; key and outbox_id (0: none) name its file. r tells
** what happened; path gets the file written (file transport).
*/
void mailsend_deliver(mailsend *ms, const mime_message *m, const char *data,
                      size_t len, const char *key, long long outbox_id,
                      const char *id, smtp_result *r, char *path,
                      size_t path_size);

/* Wait until the batch's files are on disk: 0, or -1 with err. */
int mailsend_sync(mailsend *ms, char err[MIME_ERR_SIZE]);

/* Try the settings, send nothing (SMTP only; other transports answer ok). */
void mailsend_check(mailsend *ms, smtp_result *r);

/* Sync what a batch left, close the SMTP connection: 0, or -1 with err
** when the batch failed to sync. The session is closed either way. */
int mailsend_close(mailsend *ms, char err[MIME_ERR_SIZE]);

#endif
