/*
** sqlwatch.c: the watch thread of scripts' SQL statements.
*/
#define _POSIX_C_SOURCE 200809L
#include "sqlwatch.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define POLL_NS 50000000LL /* while an interrupted step winds down */

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void sqlwatch_init(sqlwatch *w, double seconds, const char *lang) {
  memset(w, 0, sizeof *w);
  w->seconds = seconds;
  snprintf(w->msg, sizeof w->msg,
           lang && strcmp(lang, "en") == 0
               ? "planwatch: stopped: an SQL statement was still running at "
                 "twice its time limit of %g s (PLANWATCH_SQL_SECONDS), "
                 "inside one SQLite operation that cannot be interrupted\n"
               : "planwatch: dừng: một câu lệnh SQL vẫn chạy khi đã gấp đôi "
                 "giới hạn thời gian %g giây (PLANWATCH_SQL_SECONDS), bên "
                 "trong một thao tác của SQLite không ngắt được\n",
           seconds);
}

/* Called with w->mu held. until: ns, or 0 for no timeout. */
static void wait_until(sqlwatch *w, long long until) {
  if (until == 0) {
    pthread_cond_wait(&w->cv, &w->mu);
    return;
  }
  struct timespec ts = { (time_t)(until / 1000000000LL),
                         (long)(until % 1000000000LL) };
  pthread_cond_timedwait(&w->cv, &w->mu, &ts);
}

/* Nothing to watch until a new statement or a step past the deadline wakes
** the thread. idle is set before db is read again (both sequentially
** consistent), so a step that starts meanwhile either is seen here or sees
** idle and wakes the thread. */
static void wait_idle(sqlwatch *w, long long deadline) {
  atomic_store(&w->idle, 1);
  if (atomic_load(&w->db) == NULL && atomic_load(&w->deadline) == deadline &&
      !w->stop)
    wait_until(w, 0);
  atomic_store(&w->idle, 0);
}

static void end_process(const sqlwatch *w) {
  ssize_t n = write(2, w->msg, strlen(w->msg));
  (void)n;
  _exit(2);
}

/* The step on db (the calls-th) is past its deadline: interrupt it, then
** wait for it to return until twice the limit. */
static void stop_step(sqlwatch *w, sqlite3 *db, unsigned long long call,
                      long long deadline) {
  long long last = deadline + (long long)(w->seconds * 1e9);
  sqlite3_interrupt(db);
  for (;;) {
    if (w->stop || atomic_load(&w->db) != db ||
        atomic_load(&w->calls) != call)
      return;
    long long now = now_ns();
    if (now >= last)
      end_process(w);
    wait_until(w, now + POLL_NS < last ? now + POLL_NS : last);
  }
}

static void *watch(void *arg) {
  sqlwatch *w = arg;
  pthread_mutex_lock(&w->mu);
  while (!w->stop) {
    long long deadline = atomic_load(&w->deadline);
    if (now_ns() < deadline) {
      wait_until(w, deadline);
      continue;
    }
    sqlite3 *db = atomic_load(&w->db);
    unsigned long long call = atomic_load(&w->calls);
    if (db == NULL)
      wait_idle(w, deadline);
    else
      stop_step(w, db, call, deadline);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

static void wake(sqlwatch *w) {
  pthread_mutex_lock(&w->mu);
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

static int launch(sqlwatch *w) {
  pthread_condattr_t ca;
  if (pthread_condattr_init(&ca) != 0)
    return -1;
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  int rc = pthread_cond_init(&w->cv, &ca);
  pthread_condattr_destroy(&ca);
  if (rc != 0)
    return -1;
  if (pthread_mutex_init(&w->mu, NULL) != 0) {
    pthread_cond_destroy(&w->cv);
    return -1;
  }
  w->stop = 0;
  if (pthread_create(&w->thread, NULL, watch, w) != 0) {
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    return -1;
  }
  w->started = 1;
  return 0;
}

int sqlwatch_start(sqlwatch *w) {
  if (w->seconds <= 0)
    return 0;
  atomic_store(&w->deadline, now_ns() + (long long)(w->seconds * 1e9));
  if (!w->started)
    return launch(w);
  if (atomic_load(&w->idle))
    wake(w);
  return 0;
}

void sqlwatch_enter(sqlwatch *w, sqlite3 *db) {
  /* stopped for a fork (forkrun.h) while a statement was under way */
  if (!w->started && (w->seconds <= 0 || atomic_load(&w->deadline) == 0 ||
                      launch(w) != 0))
    return;
  atomic_store_explicit(&w->calls,
                        atomic_load_explicit(&w->calls, memory_order_relaxed) + 1,
                        memory_order_relaxed);
  atomic_store(&w->db, db);
  if (atomic_load(&w->idle))
    wake(w);
}

void sqlwatch_leave(sqlwatch *w) {
  if (w->started)
    atomic_store_explicit(&w->db, NULL, memory_order_release);
}

void sqlwatch_stop(sqlwatch *w) {
  if (!w->started)
    return;
  pthread_mutex_lock(&w->mu);
  w->stop = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->cv);
  w->started = 0;
}
