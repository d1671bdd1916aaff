/*
** forkrun.c: untrusted work in a child process with a deadline.
*/
#define _GNU_SOURCE /* pipe2 */
#include "forkrun.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the child's side ---- */

static void send_all(forkrun_chan *ch, const void *p, size_t n) {
  const unsigned char *q = p;
  while (n > 0 && !ch->failed) {
    ssize_t w = write(ch->fd, q, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      ch->failed = 1;
      return;
    }
    q += w;
    n -= (size_t)w;
  }
}

void forkrun_tick(forkrun_chan *ch) {
  if (!ch->answered)
    send_all(ch, "T", 1);
}

void forkrun_answer(forkrun_chan *ch, const void *p, size_t n) {
  unsigned char head[9] = { 'A' };
  if (ch->answered)
    return;
  ch->answered = 1;
  for (int i = 0; i < 8; i++)
    head[1 + i] = (unsigned char)((uint64_t)n >> (8 * i));
  send_all(ch, head, sizeof head);
  send_all(ch, p, n);
}

/* The child never returns: see forkrun.h for why it ends with _exit. */
static void child(forkrun_fn fn, void *ud, int fd, pid_t parent) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (getppid() != parent) /* the parent died before prctl took effect */
    _exit(1);
  forkrun_chan ch = { fd, 0, 0 };
  fn(ud, &ch);
  _exit(ch.answered && !ch.failed ? 0 : 1);
}

/* ---- the parent's side ---- */

/* Where the parent is in the child's frames. */
typedef struct reader {
  int state;               /* 0 frame tag, 1 length, 2 body, 3 done */
  unsigned char len8[8];   /* the length's bytes */
  int got8;                /* how many of them */
  size_t need;             /* body bytes still to come */
  double deadline;         /* 0: none */
  double seconds;          /* the limit, for restarting the clock */
  size_t max;              /* the answer's cap */
  int eof;                 /* the child closed the pipe: it is exiting */
  forkrun_result *res;
} reader;

enum { READ_MORE, READ_GARBLED, READ_TOO_LARGE, READ_NO_MEMORY };

static int start_body(reader *r) {
  uint64_t n = 0;
  for (int i = 0; i < 8; i++)
    n |= (uint64_t)r->len8[i] << (8 * i);
  if (n > r->max)
    return READ_TOO_LARGE;
  r->res->answer = malloc(n ? (size_t)n : 1);
  if (r->res->answer == NULL)
    return READ_NO_MEMORY;
  r->need = (size_t)n;
  r->state = r->need ? 2 : 3;
  return READ_MORE;
}

/* Take n bytes of the child's frames. */
static int feed(reader *r, const unsigned char *p, size_t n) {
  while (n > 0) {
    if (r->state == 0) {
      if (*p == 'A')
        r->state = 1;
      else if (*p == 'T' && r->seconds > 0)
        r->deadline = now_seconds() + r->seconds + FORKRUN_MARGIN;
      else if (*p != 'T')
        return READ_GARBLED;
      p++, n--;
    } else if (r->state == 1) {
      r->len8[r->got8++] = *p++;
      n--;
      int rc = r->got8 == 8 ? start_body(r) : READ_MORE;
      if (rc != READ_MORE)
        return rc;
    } else if (r->state == 2) {
      size_t k = n < r->need ? n : r->need;
      memcpy(r->res->answer + r->res->len, p, k);
      r->res->len += k;
      r->need -= k;
      p += k, n -= k;
      if (r->need == 0)
        r->state = 3;
    } else {
      return READ_GARBLED; /* nothing may follow the answer */
    }
  }
  return READ_MORE;
}

/* Milliseconds to wait for the next bytes: -1 forever, 0 the deadline
** has passed. */
static int wait_ms(const reader *r) {
  if (r->deadline == 0)
    return -1;
  double left = r->deadline - now_seconds();
  if (left <= 0)
    return 0;
  return left > 3600 ? 3600 * 1000 : (int)(left * 1000) + 1;
}

/* Read the child's frames until the end of the pipe or a reason to stop
** it. Returns the status it ended with, FORKRUN_ANSWERED meaning "as far as
** the frames go". */
static forkrun_status read_frames(reader *r, int fd) {
  unsigned char chunk[65536];
  for (;;) {
    int ms = wait_ms(r);
    if (ms == 0)
      return FORKRUN_TIMEOUT;
    struct pollfd pfd = { fd, POLLIN, 0 };
    int rc = poll(&pfd, 1, ms);
    if (rc < 0 && errno == EINTR)
      continue;
    if (rc < 0) {
      r->res->error = errno;
      return FORKRUN_ERROR;
    }
    if (rc == 0)
      continue; /* wait_ms says whether the deadline has come */
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      r->res->error = errno;
      return FORKRUN_ERROR;
    }
    if (n == 0) {
      r->eof = 1;
      return r->state == 3 ? FORKRUN_ANSWERED : FORKRUN_NO_ANSWER;
    }
    switch (feed(r, chunk, (size_t)n)) {
    case READ_GARBLED: return FORKRUN_NO_ANSWER;
    case READ_TOO_LARGE: return FORKRUN_TOO_LARGE;
    case READ_NO_MEMORY: r->res->error = ENOMEM; return FORKRUN_ERROR;
    default: break;
    }
  }
}

/* Reap the child; a status of -1 means it was reaped elsewhere. */
static int reap(pid_t pid) {
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR)
      return -1;
  return st;
}

static forkrun_prefork_fn prefork_fn;
static void *prefork_ud;

void forkrun_set_prefork(forkrun_prefork_fn fn, void *ud) {
  prefork_fn = fn;
  prefork_ud = ud;
}

int forkrun_run(forkrun_fn fn, void *ud, double seconds, size_t max,
                forkrun_result *res) {
  int fds[2];
  memset(res, 0, sizeof *res);
  res->exit_code = -1;
  if (pipe2(fds, O_CLOEXEC) != 0) {
    res->status = FORKRUN_ERROR;
    res->error = errno;
    return -1;
  }
  pid_t parent = getpid();
  if (prefork_fn)
    prefork_fn(prefork_ud);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    child(fn, ud, fds[1], parent);
  }
  close(fds[1]);
  if (pid < 0) {
    res->status = FORKRUN_ERROR;
    res->error = errno;
    close(fds[0]);
    return -1;
  }
  reader r = { .seconds = seconds, .max = max, .res = res };
  if (seconds > 0)
    r.deadline = now_seconds() + seconds + FORKRUN_MARGIN;
  forkrun_status how = read_frames(&r, fds[0]);
  if (!r.eof) /* stopped before the end: the child may still run */
    kill(pid, SIGKILL);
  close(fds[0]);
  int st = reap(pid);
  if (r.eof) { /* it ended by itself: its own status tells how */
    if (st != -1 && WIFSIGNALED(st)) {
      how = FORKRUN_CRASHED;
      res->signal = WTERMSIG(st);
    } else if (st != -1 && WEXITSTATUS(st) != 0) {
      how = FORKRUN_NO_ANSWER;
      res->exit_code = WEXITSTATUS(st);
    }
  }
  res->status = how;
  if (how != FORKRUN_ANSWERED) {
    free(res->answer);
    res->answer = NULL;
    res->len = 0;
    return -1;
  }
  return 0;
}

void forkrun_result_free(forkrun_result *res) {
  free(res->answer);
  res->answer = NULL;
  res->len = 0;
}
