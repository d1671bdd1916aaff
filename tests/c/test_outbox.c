/*
** test_outbox.c: the outbox's queue, claims, back-off and dead letters, on a
** real store with two connections (two overlapping runs).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "outbox.h"
#include "store.h"

static char dir[] = "/tmp/planwatch-outbox.XXXXXX";
static char path[64];

/* The calling process as the holder of a claim named owner. */
static const outbox_holder *holder(const char *owner) {
  static outbox_holder h;
  outbox_holder_self(&h, owner);
  return &h;
}

static const char *state_of(store *s, int64_t id) {
  static char buf[16];
  sqlite3_stmt *st;
  buf[0] = '\0';
  sqlite3_prepare_v2(s->db, "SELECT state FROM outbox WHERE id = ?", -1, &st, NULL);
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW)
    snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return buf;
}

static int64_t queue(store *s, const char *key, time_t now, int *added) {
  outbox_msg m = { key, "mail", "vanthu@x.example.org", "Tiêu đề", "text",
                   NULL, NULL, NULL };
  int64_t id = 0;
  *added = outbox_enqueue(s->db, &m, now, &id);
  return id;
}

static void test_dedup(store *s) {
  int added;
  int64_t a = queue(s, "d1", 1000, &added);
  CHECK(added == 1 && a > 0, "a new key is queued");
  int64_t b = queue(s, "d1", 1000, &added);
  CHECK(added == 0 && b == a, "the same key again changes nothing");
}

/* Two connections claim in turn: no message is held by both. */
static void test_claims(store *s1, store *s2) {
  int added;
  for (int i = 0; i < 10; i++) {
    char key[16];
    snprintf(key, sizeof key, "c%d", i);
    queue(s1, key, 1000, &added);
  }
  int64_t first[32], second[32];
  int n1 = outbox_claim(s1->db, holder("run-1"), 2000, 300, first, 6);
  int n2 = outbox_claim(s2->db, holder("run-2"), 2000, 300, second, 32);
  CHECK(n1 == 6, "the first run claims the 6 it asked for (%d)", n1);
  CHECK(n2 == 5, "the second run gets only the other 5 (%d)", n2);
  int overlap = 0;
  for (int i = 0; i < n1; i++)
    for (int j = 0; j < n2; j++)
      overlap += first[i] == second[j];
  CHECK(overlap == 0, "no message is claimed twice");
  CHECK(outbox_claim(s2->db, holder("run-3"), 2100, 300, second, 32) == 0,
        "nothing is left to claim while the leases hold");
  int n3 = outbox_claim(s2->db, holder("run-3"), 2400, 300, second, 32);
  CHECK(n3 == 11, "after the leases expire every unsent message is claimable");
  for (int i = 0; i < n3; i++)
    outbox_sent(s2->db, second[i], 2400, "<id@x>");
  CHECK(outbox_claim(s1->db, holder("run-4"), 9999, 300, first, 32) == 0,
        "sent messages are never claimed again");
}

/* The wait outbox.h promises after the nth failure: OUTBOX_BACKOFF_BASE,
** doubled for each further failure, at most OUTBOX_BACKOFF_MAX. */
static long promised_wait(int n) {
  long wait = OUTBOX_BACKOFF_BASE;
  for (int i = 1; i < n; i++)
    wait = wait * 2 < OUTBOX_BACKOFF_MAX ? wait * 2 : OUTBOX_BACKOFF_MAX;
  return wait;
}

/* After failure n at t: not claimable a second before t + promised_wait(n),
** claimable at it (and then claimed). */
static int waits_its_backoff(store *s, int n, time_t t) {
  int64_t ids[4];
  long wait = promised_wait(n);
  int early = outbox_claim(s->db, holder("r"), t + wait - 1, 300, ids, 4);
  int due = outbox_claim(s->db, holder("r"), t + wait, 300, ids, 4);
  if (early != 0 || due != 1)
    check_note("after failure %d: %d claimed at %ld s, %d at %ld s", n, early,
               wait - 1, due, wait);
  return early == 0 && due == 1;
}

static void test_backoff(store *s) {
  int added;
  int64_t id = queue(s, "b1", 3000, &added), ids[4];
  CHECK(outbox_claim(s->db, holder("r"), 3000, 300, ids, 4) == 1, "claimed");
  CHECK(strcmp(outbox_failed(s->db, id, 3000, 1, "451 busy"), "failed") == 0,
        "a temporary failure waits to be retried");
  CHECK(outbox_claim(s->db, holder("r"), 3000 + OUTBOX_BACKOFF_BASE - 1, 300, ids, 4) == 0,
        "not before its back-off");
  CHECK(outbox_claim(s->db, holder("r"), 3000 + OUTBOX_BACKOFF_BASE, 300, ids, 4) == 1,
        "claimable again after %d s", OUTBOX_BACKOFF_BASE);
  time_t t = 3000 + OUTBOX_BACKOFF_BASE;
  const char *state = "failed";
  int failures = 1, on_time = 1;
  while (strcmp(state, "failed") == 0 && failures < 20) {
    state = outbox_failed(s->db, id, t, 1, "451 busy");
    failures++;
    if (strcmp(state, "failed") == 0) {
      on_time &= waits_its_backoff(s, failures, t);
      t += promised_wait(failures);
    }
  }
  CHECK(on_time, "each retry waits %d s, doubled at each failure up to %d s",
        OUTBOX_BACKOFF_BASE, OUTBOX_BACKOFF_MAX);
  CHECK(strcmp(state, "dead") == 0 && failures == OUTBOX_MAX_ATTEMPTS,
        "dead after %d attempts (%d)", OUTBOX_MAX_ATTEMPTS, failures);
  CHECK(outbox_retry(s->db, id, t) == 1 && strcmp(state_of(s, id), "queued") == 0,
        "retry puts a dead message back in the queue");
}

static void test_permanent(store *s) {
  int added;
  int64_t id = queue(s, "p1", 5000, &added), ids[4];
  outbox_claim(s->db, holder("r"), 5000, 300, ids, 4);
  CHECK(strcmp(outbox_failed(s->db, id, 5000, 0, "550 no such user"), "dead") == 0,
        "a permanent failure is dead at once");
  int n = outbox_claim(s->db, holder("r"), 99999, 300, ids, 4), claimed = 0;
  for (int i = 0; i < n; i++)
    claimed |= ids[i] == id;
  CHECK(n >= 0 && !claimed && strcmp(state_of(s, id), "dead") == 0,
        "a dead message is not claimed");
}

/* The counts scripts ask for instead of naming states: a webhook through
** queued, failed and sent. */
static void test_counts(store *s) {
  long long open0 = outbox_count_open(s->db, "webhook");
  long long troubled0 = outbox_count_troubled(s->db, 0);
  outbox_msg m = { "w1", "webhook", "https://hook.example.vn/a", NULL, NULL,
                   NULL, "{}", NULL };
  int64_t id = 0, ids[8];
  char first[32], due[32];
  outbox_enqueue(s->db, &m, 7000, &id);
  CHECK(open0 >= 0 && outbox_count_open(s->db, "webhook") == open0 + 1 &&
        outbox_count_troubled(s->db, id) == 0,
        "a queued message may go out and needs no person");
  outbox_claim(s->db, holder("r"), 7000, 300, ids, 8);
  outbox_failed(s->db, id, 7000, 1, "503 busy");
  CHECK(outbox_count_open(s->db, "webhook") == open0 + 1 &&
        outbox_count_troubled(s->db, id) == 1 &&
        outbox_count_troubled(s->db, 0) == troubled0 + 1,
        "a failed message may still go out, and a person should look at it");
  outbox_time(7000 + OUTBOX_BACKOFF_BASE, due);
  CHECK(outbox_count_later(s->db, 7000, first) >= 1 && strcmp(first, due) == 0,
        "it waits for its retry at %s (%s)", due, first);
  outbox_claim(s->db, holder("r"), 7000 + OUTBOX_BACKOFF_BASE, 300, ids, 8);
  outbox_sent(s->db, id, 7000 + OUTBOX_BACKOFF_BASE, NULL);
  CHECK(outbox_count_open(s->db, "webhook") == open0 &&
        outbox_count_troubled(s->db, 0) == troubled0 &&
        outbox_count_open(s->db, "no-such-transport") == 0,
        "a sent message is neither open nor troubled");
}

int main(void) {
  if (mkdtemp(dir) == NULL)
    return 2;
  snprintf(path, sizeof path, "%s/o.db", dir);
  store s1, s2;
  if (store_open(&s1, path, 0) != 0 || store_open(&s2, path, 0) != 0) {
    fprintf(stderr, "%s\n", s1.err);
    return 2;
  }
  test_dedup(&s1);
  test_claims(&s1, &s2);
  test_backoff(&s1);
  test_permanent(&s2);
  test_counts(&s1);
  store_close(&s1);
  store_close(&s2);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    check_note("could not remove %s", dir);
  return check_done();
}
