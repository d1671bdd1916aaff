#ifndef PW_OUTBOX_H
#define PW_OUTBOX_H
/*
** outbox: the queue of messages waiting to go out, in the store's `outbox`
** table.
**
** Every message has a deduplication key; queueing a key that is already
** there changes nothing, so a stage is queued once however often cron runs.
** A message moves queued -> sending -> sent, or -> failed (a temporary
** failure: retried after an exponential back-off) -> ... -> dead (a permanent
** failure, or too many attempts). A run claims messages by setting a lease:
** the claim is one UPDATE inside an immediate transaction, so two overlapping
** runs never claim the same message. A message left in `sending` by a crash
** is claimed again once its lease has expired: delivery is at least once,
** and a duplicate can only happen for a message whose send completed at the
** server but whose `sent` mark was never written (the crash window).
*/
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#define OUTBOX_MAX_ATTEMPTS 8    /* after this many failures: dead */
#define OUTBOX_BACKOFF_BASE 60   /* seconds before the first retry */
#define OUTBOX_BACKOFF_MAX 21600 /* the longest wait between attempts (6 h) */

typedef struct outbox_msg {
  const char *key;        /* deduplication key, unique */
  const char *transport;  /* "mail" or "webhook" */
  const char *recipient;  /* an address or a URL */
  const char *subject;    /* may be NULL for webhooks */
  const char *text;       /* plain-text body (mail) */
  const char *html;       /* HTML body (mail), may be NULL */
  const char *payload;    /* JSON body (webhook), may be NULL */
} outbox_msg;

/* Queue m. Returns 1 when queued, 0 when the key was already there, -1 on
** error (the message is in sqlite3_errmsg). *id gets the message's id. */
int outbox_enqueue(sqlite3 *db, const outbox_msg *m, time_t now, int64_t *id);

/* Claim up to max messages due at now (queued or failed with their next
** attempt due, or sending with an expired lease) for owner, for lease
** seconds. Writes their ids to ids; returns how many, or -1. */
int outbox_claim(sqlite3 *db, const char *owner, time_t now, int lease,
                 int64_t *ids, int max);

/* Mark a claimed message sent. 0 or -1. */
int outbox_sent(sqlite3 *db, int64_t id, time_t now, const char *message_id);

/* Record a failed attempt: temporary failures are retried after a back-off
** until OUTBOX_MAX_ATTEMPTS; permanent ones go dead at once. Returns the new
** state's name ("failed" or "dead"), or NULL on error. */
const char *outbox_failed(sqlite3 *db, int64_t id, time_t now, int temporary,
                          const char *error);

/* Put failed and dead messages (id 0: all of them) back in the queue, due
** now, with their attempts reset. Returns how many, or -1. */
int outbox_retry(sqlite3 *db, int64_t id, time_t now);

/* Format t as the store's UTC timestamp "YYYY-MM-DDTHH:MM:SSZ". */
void outbox_time(time_t t, char buf[32]);

#endif
