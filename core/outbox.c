/*
** outbox.c: queue, claim, and settle messages in the store.
*/
#define _POSIX_C_SOURCE 200809L
#include "outbox.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Field 22 of /proc/PID/stat (start time in clock ticks since boot) after
** the boot id: "" when unknown. */
static void start_of(long pid, char *out, size_t size) {
  char path[64], buf[1024], boot[64] = "";
  out[0] = '\0';
  FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
  if (f) {
    if (fgets(boot, sizeof boot, f) == NULL)
      boot[0] = '\0';
    boot[strcspn(boot, "\n")] = '\0';
    fclose(f);
  }
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  f = fopen(path, "r");
  if (f == NULL)
    return;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *p = strrchr(buf, ')'); /* the command name may hold spaces */
  for (int field = 2; p && field < 22; field++)
    p = strchr(p + 1, ' ');
  if (p)
    snprintf(out, size, "%s:%.*s", boot, (int)strcspn(p + 1, " "), p + 1);
}

void outbox_holder_self(outbox_holder *h, const char *owner) {
  memset(h, 0, sizeof *h);
  snprintf(h->owner, sizeof h->owner, "%s", owner);
  if (gethostname(h->host, sizeof h->host - 1) != 0)
    snprintf(h->host, sizeof h->host, "?");
  h->pid = (long)getpid();
  start_of(h->pid, h->start, sizeof h->start);
}

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

const char *const outbox_states[] = {
  "queued", "sending", "sent", "failed", "unknown", "dead", "dismissed", NULL
};

/* count(*) of sql with ?1 text (NULL: null) and ?2 an integer; the second
** column, when there is one, into second (32 bytes). -1 on error. */
static long long count(sqlite3 *db, const char *sql, const char *text,
                       int64_t n, char *second) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, text);
  sqlite3_bind_int64(st, 2, n);
  if (sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int64(st, 0);
    if (second)
      snprintf(second, 32, "%s", sqlite3_column_text(st, 1)
               ? (const char *)sqlite3_column_text(st, 1) : "");
  }
  sqlite3_finalize(st);
  return v;
}

long long outbox_count_open(sqlite3 *db, const char *transport) {
  return count(db, "SELECT count(*) FROM outbox WHERE (?1 IS NULL OR "
               "transport = ?1) AND state IN " OUTBOX_STATES_OPEN,
               transport, 0, NULL);
}

long long outbox_count_troubled(sqlite3 *db, int64_t id) {
  return count(db, "SELECT count(*) FROM outbox WHERE (?2 = 0 OR id = ?2) "
               "AND state IN " OUTBOX_STATES_TROUBLED, NULL, id, NULL);
}

long long outbox_count_later(sqlite3 *db, time_t now, char first[32]) {
  char at[32];
  outbox_time(now, at);
  return count(db, "SELECT count(*), min(next_attempt_at) FROM outbox WHERE "
               "state IN ('queued', 'failed', 'unknown') AND "
               "next_attempt_at > ?1", at, 0, first);
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
    " body_html, payload, next_attempt_at, created_at, recipient_name)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING";
  sqlite3_stmt *st;
  char at[32];
  outbox_time(now, at);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  const char *v[] = { m->key, m->transport, m->recipient, m->subject,
                      m->text, m->html, m->payload, at, at,
                      m->recipient_name };
  for (int i = 0; i < 10; i++)
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
int outbox_claim(sqlite3 *db, const outbox_holder *h, time_t now, int lease,
                 int64_t *ids, int max) {
  static const char sql[] =
    "UPDATE outbox SET state = 'sending', lease_owner = ?1,"
    "  lease_until = ?2, lease_host = ?5, lease_pid = ?6, lease_start = ?7"
    "  WHERE id IN (SELECT id FROM outbox"
    "  WHERE (state IN ('queued', 'failed') AND next_attempt_at <= ?3)"
    "     OR (state = 'unknown' AND unknowns = 1 AND next_attempt_at <= ?3)"
    "     OR (state = 'sending' AND lease_until < ?3)"
    "  ORDER BY id LIMIT ?4) RETURNING id";
  sqlite3_stmt *st;
  char at[32], until[32];
  int n = 0, rc;
  outbox_time(now, at);
  outbox_time(now + lease, until);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, h->owner);
  bind_text(st, 2, until);
  bind_text(st, 3, at);
  sqlite3_bind_int(st, 4, max);
  bind_text(st, 5, h->host);
  sqlite3_bind_int64(st, 6, h->pid);
  bind_text(st, 7, h->start);
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

/* Run sql with ?1 = id, ?2 = at (now + delay), ?3 = text; changes or -1. */
static int update(sqlite3 *db, const char *sql, int64_t id, time_t at,
                  const char *text) {
  sqlite3_stmt *st;
  char when[32];
  outbox_time(at, when);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_int64(st, 1, id);
  bind_text(st, 2, when);
  bind_text(st, 3, text);
  int rc = sqlite3_step(st);
  int n = sqlite3_changes(db);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? n : -1;
}

int outbox_retry(sqlite3 *db, int64_t id, time_t now) {
  return update(db, "UPDATE outbox SET state = 'queued', attempts = 0,"
                " next_attempt_at = ?2 WHERE state IN " OUTBOX_STATES_TROUBLED
                " AND (?1 = 0 OR id = ?1)", id, now, NULL);
}

int outbox_release(sqlite3 *db, int64_t id, time_t now, long delay,
                   const char *error) {
  return update(db, "UPDATE outbox SET state = 'queued', next_attempt_at = ?2,"
                " last_error = ?3, lease_until = NULL WHERE id = ?1"
                " AND state = 'sending'", id, now + delay, error) < 0 ? -1 : 0;
}

const char *outbox_unknown(sqlite3 *db, int64_t id, time_t now,
                           const char *error) {
  int attempts = attempts_of(db, id);
  if (attempts < 0)
    return NULL;
  return update(db, "UPDATE outbox SET state = 'unknown', attempts = attempts"
                " + 1, unknowns = unknowns + 1, last_error = ?3,"
                " next_attempt_at = ?2, lease_until = NULL WHERE id = ?1",
                id, now + backoff(attempts + 1), error) < 0 ? NULL : "unknown";
}

int outbox_dismiss(sqlite3 *db, int64_t id, time_t now) {
  return update(db, "UPDATE outbox SET state = 'dismissed', lease_until = NULL,"
                " sent_at = NULL, last_error = coalesce(last_error, '') ||"
                " ' (dismissed ' || ?2 || ')' WHERE (?1 = 0 AND state = 'dead')"
                " OR (?1 <> 0 AND id = ?1 AND state IN ('dead', 'unknown',"
                " 'failed'))", id, now, NULL);
}

/* Whether the process pid with start time `start` (as start_of writes
** it) still runs on this host. */
static int holder_alive(long pid, const char *start) {
  char now_start[80];
  if (pid <= 0)
    return 1; /* nothing recorded: trust the lease */
  start_of(pid, now_start, sizeof now_start);
  if (now_start[0] == '\0')
    return 0; /* no such process */
  return start == NULL || start[0] == '\0' || strcmp(start, now_start) == 0;
}

int outbox_reclaim(sqlite3 *db, const outbox_holder *self, time_t now) {
  static const char sql[] =
    "SELECT DISTINCT lease_pid, lease_start FROM outbox WHERE state ="
    " 'sending' AND lease_until >= ?1 AND lease_host = ?2";
  sqlite3_stmt *st;
  char at[32];
  long dead[64];
  char starts[64][80];
  int ndead = 0, total = 0;
  outbox_time(now, at);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  bind_text(st, 1, at);
  bind_text(st, 2, self->host);
  while (sqlite3_step(st) == SQLITE_ROW && ndead < 64) {
    long pid = (long)sqlite3_column_int64(st, 0);
    const char *start = (const char *)sqlite3_column_text(st, 1);
    if (pid == self->pid && start && strcmp(start, self->start) == 0)
      continue;
    if (!holder_alive(pid, start)) {
      dead[ndead] = pid;
      snprintf(starts[ndead++], sizeof starts[0], "%s", start ? start : "");
    }
  }
  sqlite3_finalize(st);
  for (int i = 0; i < ndead; i++) {
    if (sqlite3_prepare_v2(db, "UPDATE outbox SET state = 'queued',"
                           " lease_until = NULL WHERE state = 'sending'"
                           " AND lease_host = ?1 AND lease_pid = ?2"
                           " AND coalesce(lease_start, '') = ?3", -1, &st,
                           NULL) != SQLITE_OK)
      return -1;
    bind_text(st, 1, self->host);
    sqlite3_bind_int64(st, 2, dead[i]);
    bind_text(st, 3, starts[i]);
    int rc = sqlite3_step(st);
    total += sqlite3_changes(db);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
      return -1;
  }
  return total;
}
