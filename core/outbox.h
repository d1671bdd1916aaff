#ifndef PW_OUTBOX_H
#define PW_OUTBOX_H
/*
** outbox: the queue of messages waiting to go out, in the store's `outbox`
** table.
**
** Every message has a deduplication key; queueing a key that is already
** there changes nothing, so a stage is queued once however often cron runs.
** A message moves queued -> sending -> sent, or -> failed (a temporary
** failure: retried after an exponential back-off, OUTBOX_BACKOFF_BASE
** seconds after the first failure, doubled at each further one, at most
** OUTBOX_BACKOFF_MAX) -> ... -> dead (a permanent
** failure, or too many attempts), or -> unknown (the whole message went out
** and no answer came: the server may have it). An unknown message is sent
** again by itself once at most (after a back-off); a second unknown waits
** for a person (`outbox retry` or `outbox dismiss`). A dead or unknown
** message a person gives up on becomes `dismissed`.
**
** A run claims messages by setting a lease: the claim is one UPDATE inside
** an immediate transaction, so two overlapping runs never claim the same
** message. The claim records its holder (host, PID, and the process's
** start time with the boot id, which tells a reused PID apart). A message
** left in `sending` by a crash is claimed again once its lease has expired,
** or at once by a run on the same host that finds its holder gone:
** delivery is at least once, and a duplicate can only happen for a message
** whose send completed at the server but whose `sent` mark was never
** written (the crash window).
**
** A failure of the session (the server unreachable, TLS or login refused)
** is not the message's: outbox_release puts it back in the queue without
** counting an attempt.
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
  const char *recipient_name; /* display name in To, may be NULL */
} outbox_msg;

/* Who holds a claim. */
typedef struct outbox_holder {
  char owner[96];         /* this run's id */
  char host[256];         /* host name */
  long pid;
  char start[80];         /* boot id and process start time, or "" */
} outbox_holder;

/* Fill h for the calling process, with owner as the run's id. */
void outbox_holder_self(outbox_holder *h, const char *owner);

/* Queue m. Returns 1 when queued, 0 when the key was already there, -1 on
** error (the message is in sqlite3_errmsg). *id gets the message's id. */
int outbox_enqueue(sqlite3 *db, const outbox_msg *m, time_t now, int64_t *id);

/* Claim up to max messages due at now (queued or failed with their next
** attempt due, unknown once and due, or sending with an expired lease)
** for holder h, for lease seconds. Writes their ids to ids; returns how
** many, or -1. */
int outbox_claim(sqlite3 *db, const outbox_holder *h, time_t now, int lease,
                 int64_t *ids, int max);

/* Take back the messages leased by processes of this host that are gone
** (no such PID, or one started at another time): they are due again.
** Returns how many, or -1. */
int outbox_reclaim(sqlite3 *db, const outbox_holder *self, time_t now);

/* Put a claimed message back in the queue, due after delay seconds, with
** error noted and no attempt counted (the session failed, not it). */
int outbox_release(sqlite3 *db, int64_t id, time_t now, long delay,
                   const char *error);

/* Record an attempt whose outcome is unknown. Returns "unknown", or NULL. */
const char *outbox_unknown(sqlite3 *db, int64_t id, time_t now,
                           const char *error);

/* Dismiss a dead, unknown or failed message (id 0: every dead one).
** Returns how many, or -1. */
int outbox_dismiss(sqlite3 *db, int64_t id, time_t now);

/* Mark a claimed message sent. 0 or -1. */
int outbox_sent(sqlite3 *db, int64_t id, time_t now, const char *message_id);

/* Every state a message can be in, in its life's order; NULL-terminated. */
extern const char *const outbox_states[];

/* The states of a message that may still go out (queued, waiting for a
** retry, unanswered, or held by a run), and of one a person should look at
** (failed and waiting, dead, unanswered), as SQL lists. */
#define OUTBOX_STATES_OPEN "('queued', 'failed', 'unknown', 'sending')"
#define OUTBOX_STATES_TROUBLED "('failed', 'dead', 'unknown')"

/* Messages that may still go out (OUTBOX_STATES_OPEN), of transport ("mail",
** "webhook"; NULL: any). -1 on error. */
long long outbox_count_open(sqlite3 *db, const char *transport);

/* Messages a person should look at (OUTBOX_STATES_TROUBLED); with id > 0,
** 1 when that message is one, else 0. -1 on error. */
long long outbox_count_troubled(sqlite3 *db, int64_t id);

/* Messages queued, failed or unknown whose next attempt is after now; the
** earliest such time goes to first ("" when none). -1 on error. */
long long outbox_count_later(sqlite3 *db, time_t now, char first[32]);

/* Record a failed attempt: temporary failures are retried after a back-off
** until OUTBOX_MAX_ATTEMPTS; permanent ones go dead at once. Returns the new
** state's name ("failed" or "dead"), or NULL on error. */
const char *outbox_failed(sqlite3 *db, int64_t id, time_t now, int temporary,
                          const char *error);

/* Put failed, dead and unknown messages (id 0: all of them) back in the
** queue, due now, with their attempts reset. Returns how many, or -1. */
int outbox_retry(sqlite3 *db, int64_t id, time_t now);

/* Format t as the store's UTC timestamp "YYYY-MM-DDTHH:MM:SSZ". */
void outbox_time(time_t t, char buf[32]);

#endif
