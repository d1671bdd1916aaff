/*
** mailsend.c: mail sessions by SMTP, into files, or as a dry run (see
** mailsend.h).
*/
#define _POSIX_C_SOURCE 200809L
#include "mailsend.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const via_names[] = { "smtp", "file", "dry-run" };

const char *mailsend_via_name(mailsend_via kind) {
  assert(kind >= MAILSEND_SMTP && kind <= MAILSEND_DRY_RUN);
  return via_names[kind];
}

const char *mailsend_dir(void) {
  const char *d = getenv("PLANWATCH_MAIL_DIR");
  return d && *d ? d : MAILSEND_DEFAULT_DIR;
}

int mailsend_choose(smtp_settings *s, char *err, size_t size, int *none) {
  int rc = smtp_settings_from_env(s, err, size);
  if (none)
    *none = 0;
  const char *t = getenv("PLANWATCH_TRANSPORT");
  if (t && strcmp(t, "file") == 0)
    return MAILSEND_FILE;
  if (rc < 0)
    return -1;
  if (t && *t && strcmp(t, "smtp") != 0) {
    snprintf(err, size, "PLANWATCH_TRANSPORT='%.40s' must be smtp or file", t);
    return -1;
  }
  if (rc == 1)
    return MAILSEND_SMTP;
  if (none)
    *none = 1;
  snprintf(err, size, "no mail transport: set PLANWATCH_SMTP_URL "
           "(smtp://host:port or smtps://host:port) and PLANWATCH_MAIL_FROM "
           "to send, or PLANWATCH_TRANSPORT=file to write the messages to "
           "%s instead", mailsend_dir());
  return -1;
}

int mailsend_open(mailsend *ms, int dry_run, int batch, char *err,
                  size_t size) {
  smtp_settings s;
  memset(ms, 0, sizeof *ms);
  ms->closed = 1;
  int kind = mailsend_choose(&s, err, size, NULL);
  if (kind == MAILSEND_SMTP && !dry_run &&
      (ms->smtp = smtp_open(&s, err, size)) == NULL)
    kind = -1;
  smtp_settings_clear(&s);
  if (kind < 0 && !dry_run)   /* a dry run sends nothing, so needs no settings */
    return -1;
  ms->kind = dry_run ? MAILSEND_DRY_RUN : (mailsend_via)kind;
  snprintf(ms->from, sizeof ms->from, "%s",
           s.from[0] ? s.from : MAILSEND_DEFAULT_FROM);
  snprintf(ms->from_name, sizeof ms->from_name, "%s", s.from_name);
  snprintf(ms->dir, sizeof ms->dir, "%s", mailsend_dir());
  ms->batch = batch && ms->kind == MAILSEND_FILE;
  ms->closed = 0;
  return 0;
}

/* The file's name: the key, or the Message-ID without <> (up to '@'),
** after "ID-" when the message has an outbox number. NULL: out of memory. */
static char *file_name(const char *key, long long outbox_id, const char *id) {
  size_t n = key && *key ? strlen(key) : strcspn(id + 1, "@>");
  char *name = malloc(n + 32);
  if (name == NULL)
    return NULL;
  const char *base = key && *key ? key : id + 1;
  if (outbox_id > 0)     /* the outbox's own number keeps each message apart */
    snprintf(name, n + 32, "%lld-%.*s", outbox_id, (int)n, base);
  else
    snprintf(name, n + 32, "%.*s", (int)n, base);
  return name;
}

static void save_file(mailsend *ms, const char *data, size_t len,
                      const char *name, smtp_result *r, char *path,
                      size_t path_size) {
  char err[MIME_ERR_SIZE];
  if (ms->batch && ms->npending < MAILSEND_PENDING_MAX) { /* on disk at sync */
    r->ok = mime_write(ms->dir, name, data, len, path, path_size,
                       &ms->pending[ms->npending], err) == 0;
    ms->npending += r->ok;
  } else {
    r->ok = mime_save(ms->dir, name, data, len, path, path_size, err) == 0;
  }
  assert(ms->npending <= MAILSEND_PENDING_MAX);
  r->temporary = !r->ok;
  snprintf(r->message, sizeof r->message, "%s",
           r->ok ? "written to the mail folder" : err);
}

void mailsend_deliver(mailsend *ms, const mime_message *m, const char *data,
                      size_t len, const char *key, long long outbox_id,
                      const char *id, smtp_result *r, char *path,
                      size_t path_size) {
  memset(r, 0, sizeof *r);
  assert(!ms->closed);
  switch (ms->kind) {
  case MAILSEND_SMTP:
    smtp_send(ms->smtp, m->to.address, data, len, r);
    break;
  case MAILSEND_FILE: {
    char *name = file_name(key, outbox_id, id);
    if (name == NULL) {
      r->temporary = 1;
      snprintf(r->message, sizeof r->message, "out of memory");
      break;
    }
    save_file(ms, data, len, name, r, path, path_size);
    free(name);
    break;
  }
  case MAILSEND_DRY_RUN:
    r->ok = 1;
    snprintf(r->message, sizeof r->message, "dry run: not sent");
    break;
  }
}

int mailsend_sync(mailsend *ms, char err[MIME_ERR_SIZE]) {
  size_t n = ms->npending;
  ms->npending = 0;
  return n == 0 ? 0 : mime_sync(ms->dir, ms->pending, n, err);
}

void mailsend_check(mailsend *ms, smtp_result *r) {
  memset(r, 0, sizeof *r);
  if (ms->kind == MAILSEND_SMTP) {
    smtp_check(ms->smtp, r);
    return;
  }
  r->ok = 1;
  snprintf(r->message, sizeof r->message, "%s", ms->kind == MAILSEND_FILE
           ? "file transport: nothing to check" : "dry run");
}

int mailsend_close(mailsend *ms, char err[MIME_ERR_SIZE]) {
  int rc = ms->closed ? 0 : mailsend_sync(ms, err);
  smtp_close(ms->smtp);
  ms->smtp = NULL;
  ms->closed = 1;
  return rc;
}
