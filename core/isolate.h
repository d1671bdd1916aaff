#ifndef PW_ISOLATE_H
#define PW_ISOLATE_H
/*
** isolate: do a piece of untrusted work in a child process, under a
** wall-clock deadline the parent enforces.
**
** The instruction hook of a sandbox only runs between Lua instructions, so
** one long call into C (a backtracking pattern match over a long string)
** cannot be stopped from inside the process. isolate_run forks: the child
** does the work and writes its answer into a pipe; the parent waits with
** poll() until the deadline (the time limit plus ISOLATE_MARGIN), and kills
** the child with SIGKILL if it is still running then. A child that dies of a
** signal (a crash) cannot take the parent with it.
**
** The child talks in frames: 'T' (a tick: a new stretch of work starts, and
** the parent restarts its clock, as sandbox_call restarts the limits of
** each run) and, once, 'A' + an 8-byte little-endian length + the answer.
** The parent checks the frames and caps the answer at `max` bytes; the
** answer itself is untrusted bytes for the caller to validate.
**
** The child inherits a copy of the parent's memory (so work can read the
** parent's data without copying it first) and must not use what the parent
** owns: database connections, network sessions, stdio buffers. It ends
** with _exit(), never exit(): no atexit handler runs (LeakSanitizer would
** report the inherited heap that the child never frees, and handlers such
** as the REPL's history save belong to the parent) and no stdio buffer
** inherited from the parent is flushed a second time. On Linux the child
** is killed when the parent dies (PR_SET_PDEATHSIG), so killing planwatch
** leaves no sandbox running.
*/
#include <stddef.h>

#define ISOLATE_MARGIN 1.0  /* seconds the parent waits past the time limit */

/* The child's end of the pipe. */
typedef struct isolate_chan {
  int fd;        /* the pipe's write end */
  int answered;  /* an answer was sent */
  int failed;    /* a write failed (the parent is gone) */
} isolate_chan;

/* The work, run in the child; it calls isolate_tick and isolate_answer. */
typedef void (*isolate_fn)(void *ud, isolate_chan *ch);

typedef enum isolate_status {
  ISOLATE_ANSWERED,   /* the child answered and exited normally */
  ISOLATE_TIMEOUT,    /* still running at the deadline: killed */
  ISOLATE_CRASHED,    /* the child died of a signal */
  ISOLATE_NO_ANSWER,  /* it exited without a well-formed answer */
  ISOLATE_TOO_LARGE,  /* its answer was over the cap: killed */
  ISOLATE_ERROR       /* the parent could not fork or read: see error */
} isolate_status;

typedef struct isolate_result {
  isolate_status status;   /* how the child ended */
  int signal;              /* ISOLATE_CRASHED: the signal */
  int exit_code;           /* ISOLATE_NO_ANSWER: the exit status, or -1 */
  int error;               /* ISOLATE_ERROR: errno */
  unsigned char *answer;   /* ISOLATE_ANSWERED: the bytes (malloc'd) */
  size_t len;              /* their number */
} isolate_result;

/* A function isolate_run calls in the parent just before each fork, to
** stop any other thread of the process: a child inherits, still locked,
** every lock another thread held at the fork, and the sanitizers'
** allocator, unlike glibc's malloc, takes no lock around fork, so a child
** forked while another thread was inside malloc waits forever at its first
** allocation. The thread is started again when next needed (sqlwatch.h).
** NULL: nothing to stop. */
typedef void (*isolate_prefork_fn)(void *ud);
void isolate_set_prefork(isolate_prefork_fn fn, void *ud);

/* Run fn(ud, ch) in a child process. seconds: the time limit (0: none),
** enforced at seconds + ISOLATE_MARGIN after the start or after the last
** tick; max: the largest answer accepted. Fills *res; returns 0 when the
** child answered, -1 otherwise. Free the answer with isolate_result_free. */
int isolate_run(isolate_fn fn, void *ud, double seconds, size_t max,
                isolate_result *res);

void isolate_result_free(isolate_result *res);

/* In the child: a new stretch of work begins (the parent's clock restarts). */
void isolate_tick(isolate_chan *ch);

/* In the child: send the answer, once. */
void isolate_answer(isolate_chan *ch, const void *p, size_t n);

#endif
