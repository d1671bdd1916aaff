/*
** outbox.c: queue, claim, and settle messages in the store.
*/
#define _POSIX_C_SOURCE 200809L
#include "outbox.h"

#include <string.h>

void outbox_time(time_t t, char buf[32]) {
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s) {
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

static int64_t find_key(sqlite3 *db, const char *key) {
  sqlite3_stmt *st;
  int64_t id = 0;
  if (sqlite3_prepare_v2(db, "SELECT id FROM outbox WHERE dedup_key = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, key);
  if (sqlite3_step(st) == SQLITE_ROW)
    id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return id;
}

int outbox_enqueue(sqlite3 *db, const outbox_msg *m, time_t now, int64_t *id) {
  static const char sql[] =
    "INSERT INTO outbox (dedup_key, transport, recipient, subject, body_text,"
    " body_html, payload, next_attempt_at, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING";
  sqlite3_stmt *st;
  char at[32];
  outbox_time(now, at);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  const char *v[] = { m->key, m->transport, m->recipient, m->subject,
                      m->text, m->html, m->payload, at, at };
  for (int i = 0; i < 9; i++)
    bind_text(st, i + 1, v[i]);
  int rc = sqlite3_step(st);
  int added = sqlite3_changes(db) > 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return -1;
  *id = find_key(db, m->key);
  return *id < 0 ? -1 : added;
}

/*
** The claim is a single UPDATE ... RETURNING: SQLite runs writers one at a
** time, so a message can be claimed by one run only until its lease ends.
*/
int outbox_claim(sqlite3 *db, const char *owner, time_t now, int lease,
                 int64_t *ids, int max) {
  static const char sql[] =
    "UPDATE outbox SET state = 'sending', lease_owner = ?1,"
    "  lease_until = ?2 WHERE id IN (SELECT id FROM outbox"
    "  WHERE (state IN ('queued', 'failed') AND next_attempt_at <= ?3)"
    "     OR (state = 'sending' AND lease_until < ?3)"
    "  ORDER BY id LIMIT ?4) RETURNING id";
  sqlite3_stmt *st;
  char at[32], until[32];
  int n = 0, rc;
  outbox_time(now, at);
  outbox_time(now + lease, until);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, owner);
  bind_text(st, 2, until);
  bind_text(st, 3, at);
  sqlite3_bind_int(st, 4, max);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
    ids[n++] = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : -1;
}

int outbox_sent(sqlite3 *db, int64_t id, time_t now, const char *message_id) {
  static const char sql[] =
    "UPDATE outbox SET state = 'sent', sent_at = ?, message_id = ?,"
    " attempts = attempts + 1, lease_until = NULL, last_error = NULL"
    " WHERE id = ?";
  sqlite3_stmt *st;
  char at[32];
  outbox_time(now, at);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, at);
  bind_text(st, 2, message_id);
  sqlite3_bind_int64(st, 3, id);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Seconds to wait after the given number of failed attempts. */
static long backoff(int attempts) {
  long wait = OUTBOX_BACKOFF_BASE;
  for (int i = 1; i < attempts && wait < OUTBOX_BACKOFF_MAX; i++)
    wait *= 2;
  return wait < OUTBOX_BACKOFF_MAX ? wait : OUTBOX_BACKOFF_MAX;
}

static int attempts_of(sqlite3 *db, int64_t id) {
  sqlite3_stmt *st;
  int n = -1;
  if (sqlite3_prepare_v2(db, "SELECT attempts FROM outbox WHERE id = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

const char *outbox_failed(sqlite3 *db, int64_t id, time_t now, int temporary,
                          const char *error) {
  static const char sql[] =
    "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?,"
    " next_attempt_at = ?, lease_until = NULL WHERE id = ?";
  int attempts = attempts_of(db, id);
  if (attempts < 0)
    return NULL;
  const char *state = temporary && attempts + 1 < OUTBOX_MAX_ATTEMPTS
                          ? "failed" : "dead";
  char next[32];
  outbox_time(now + backoff(attempts + 1), next);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  bind_text(st, 1, state);
  bind_text(st, 2, error);
  bind_text(st, 3, next);
  sqlite3_bind_int64(st, 4, id);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? state : NULL;
}

int outbox_retry(sqlite3 *db, int64_t id, time_t now) {
  static const char sql[] =
    "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?"
    " WHERE state IN ('failed', 'dead') AND (?2 = 0 OR id = ?2)";
  sqlite3_stmt *st;
  char at[32];
  outbox_time(now, at);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, at);
  sqlite3_bind_int64(st, 2, id);
  int rc = sqlite3_step(st);
  int n = sqlite3_changes(db);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? n : -1;
}
