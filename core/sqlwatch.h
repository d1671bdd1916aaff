#ifndef PW_SQLWATCH_H
#define PW_SQLWATCH_H
/*
** sqlwatch: the clock of scripts' SQL statements (PLANWATCH_SQL_SECONDS).
**
** SQLite's progress handler runs between virtual machine steps, so it cannot
** stop one long step: a sort's merge, printf or replace() on a large value,
** a LIKE that backtracks. A watch thread does, started with the first
** statement and stopped by sqlwatch_stop:
**  - at the statement's deadline, if the script's thread is inside
**    sqlite3_step (sqlwatch_enter .. sqlwatch_leave), it calls
**    sqlite3_interrupt, which SQLite checks at every jump of its virtual
**    machine, more often than the progress handler and at no cost to the
**    step; the step returns SQLITE_INTERRUPT;
**  - if that same step is still running at twice the limit, it is inside
**    one operation SQLite cannot interrupt: the thread writes a message
**    naming PLANWATCH_SQL_SECONDS and ends the process with status 2 (as
**    the scripts' own watchdog does, sandbox.h; every write is in a
**    transaction, which the next open rolls back).
** A thread rather than a signal timer: a signal would interrupt whatever
** system call the script's thread is in (SMTP, a file), and re-arming a
** timer for every step of pw.rows would cost a system call per row; here a
** step costs two atomic stores and a new statement sets its deadline with
** one. The thread sleeps until the deadline, and waits without a timeout
** when no statement is due.
*/
#include <pthread.h>
#include <stdatomic.h>

#include <sqlite3.h>

typedef struct sqlwatch {
  double seconds;                 /* the limit; 0 = no watch */
  char msg[400];                  /* what the thread writes before ending */
  _Atomic(sqlite3 *) db;          /* connection inside sqlite3_step, or NULL */
  atomic_ullong calls;            /* steps entered, to tell one from the next */
  atomic_llong deadline;          /* ns on CLOCK_MONOTONIC; 0 = none yet */
  atomic_int idle;                /* the thread waits without a timeout */
  int started, stop;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
} sqlwatch;

/* Set the limit (0 = none) and the language of the final message ("vi" or
** "en"). Starts nothing. */
void sqlwatch_init(sqlwatch *w, double seconds, const char *lang);

/* A statement starts: its deadline is now + the limit. Starts the thread
** the first time; 0, or -1 when it could not be started (the progress
** handler still stops statements between steps). */
int sqlwatch_start(sqlwatch *w);

/* The script's thread enters and leaves sqlite3_step on db. */
void sqlwatch_enter(sqlwatch *w, sqlite3 *db);
void sqlwatch_leave(sqlwatch *w);

/* Stop and join the thread; safe when it never started. The next
** sqlwatch_start, or sqlwatch_enter of a statement under way, starts it
** again (planwatch stops it before every fork: forkrun.h). */
void sqlwatch_stop(sqlwatch *w);

#endif
