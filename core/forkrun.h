#ifndef PW_FORKRUN_H
#define PW_FORKRUN_H
/*
** forkrun: do a piece of untrusted work in a child process, under a
** wall-clock deadline the parent enforces.
**
** The instruction hook of a sandbox only runs between Lua instructions, so
** one long call into C (a backtracking pattern match over a long string)
** cannot be stopped from inside the process. forkrun_run forks: the child
** does the work and writes its answer into a pipe; the parent waits with
** poll() until the deadline (the time limit plus FORKRUN_MARGIN), and kills
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

#define FORKRUN_MARGIN 1.0  /* seconds the parent waits past the time limit */

/* The child's end of the pipe. */
typedef struct forkrun_chan {
  int fd;        /* the pipe's write end */
  int answered;  /* an answer was sent */
  int failed;    /* a write failed (the parent is gone) */
} forkrun_chan;

/* The work, run in the child; it calls forkrun_tick and forkrun_answer. */
typedef void (*forkrun_fn)(void *ud, forkrun_chan *ch);

typedef enum forkrun_status {
  FORKRUN_ANSWERED,   /* the child answered and exited normally */
  FORKRUN_TIMEOUT,    /* still running at the deadline: killed */
  FORKRUN_CRASHED,    /* the child died of a signal */
  FORKRUN_NO_ANSWER,  /* it exited without a well-formed answer */
  FORKRUN_TOO_LARGE,  /* its answer was over the cap: killed */
  FORKRUN_ERROR       /* the parent could not fork or read: see error */
} forkrun_status;

typedef struct forkrun_result {
  forkrun_status status;   /* how the child ended */
  int signal;              /* FORKRUN_CRASHED: the signal */
  int exit_code;           /* FORKRUN_NO_ANSWER: the exit status, or -1 */
  int error;               /* FORKRUN_ERROR: errno */
  unsigned char *answer;   /* FORKRUN_ANSWERED: the bytes (malloc'd) */
  size_t len;              /* their number */
} forkrun_result;

/* A function forkrun_run calls in the parent just before each fork, to
** stop any other thread of the process: a child inherits, still locked,
** every lock another thread held at the fork, and the sanitizers'
** allocator, unlike glibc's malloc, takes no lock around fork, so a child
** forked while another thread was inside malloc waits forever at its first
** allocation. The thread is started again when next needed (sqlwatch.h).
** NULL: nothing to stop. */
typedef void (*forkrun_prefork_fn)(void *ud);
void forkrun_set_prefork(forkrun_prefork_fn fn, void *ud);

/* Run fn(ud, ch) in a child process. seconds: the time limit (0: none),
** enforced at seconds + FORKRUN_MARGIN after the start or after the last
** tick; max: the largest answer accepted. Fills *res; returns 0 when the
** child answered, -1 otherwise. Free the answer with forkrun_result_free. */
int forkrun_run(forkrun_fn fn, void *ud, double seconds, size_t max,
                forkrun_result *res);

void forkrun_result_free(forkrun_result *res);

/* In the child: a new stretch of work begins (the parent's clock restarts). */
void forkrun_tick(forkrun_chan *ch);

/* In the child: send the answer, once. */
void forkrun_answer(forkrun_chan *ch, const void *p, size_t n);

#endif
