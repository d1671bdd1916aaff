#ifndef PW_SAFEFILE_H
#define PW_SAFEFILE_H
/*
** safefile: opening and replacing files whose names come from users,
** scripts or plugins.
**
** Reading: only a regular file is read. The file is opened with O_NONBLOCK
** (so opening a FIFO never waits for a writer), checked with fstat on the
** open descriptor (so what is checked is what is read), and refused when it
** is a FIFO, a device, a socket or a folder; the descriptor is then made
** blocking again. Every door that reads a file named from outside the
** program goes through here.
**
** Replacing: the new content is written to a temporary file created in the
** target's own folder under a fresh random name, with O_CREAT|O_EXCL|
** O_NOFOLLOW (a planted file or link at that name is never opened: another
** name is drawn), synced, then renamed over the target, and the folder
** synced. The target itself must not be a symbolic link: planwatch never
** writes through a link, and does not silently replace one either (the
** user names the file the link points to instead). A hard link at the target
** is replaced, never written through.
**
** Messages in err are the reason alone ("not a regular file", "No such
** file or directory"), in the run's language (say.h): the caller names the file as its own
** messages do.
*/
#include <stddef.h>
#include <stdio.h>

#define SAFEFILE_ERR_SIZE 512

/* Open path for reading, as described above. Returns the descriptor
** (O_CLOEXEC), or -1 with the reason in err. */
int safefile_open(const char *path, char err[SAFEFILE_ERR_SIZE]);

/* The same as a stdio stream ("rb"); NULL with the reason in err. */
FILE *safefile_fopen(const char *path, char err[SAFEFILE_ERR_SIZE]);

/* Create a new temporary file named ".NAME.XXXXXX" (X random) in folder
** dir, exclusively and without following links, mode 0666 less the umask.
** Its path goes to tmp. Returns the descriptor, or -1 with errno set. */
int safefile_temp(const char *dir, const char *name, char *tmp, size_t size);

/* Replace the file at path by the n bytes at data, as described above.
** Returns 0, or -1 with the reason in err (nothing is left behind). */
int safefile_replace(const char *path, const void *data, size_t n,
                     char err[SAFEFILE_ERR_SIZE]);

/*
** Resolve path into out (PATH_MAX bytes) the way a write to it would reach
** it: its folder by realpath, then its last name as written, not followed.
** A folder that does not exist yet resolves through its nearest existing
** ancestor; then "." and ".." are refused in the part that does not exist
** (it cannot be resolved). full = 1 follows the last name too when it
** exists (for a folder given by name). Returns 0, or -1 with errno set.
*/
int safefile_resolve(const char *path, int full, char *out);

/* Whether resolved path p is dir itself or inside it (both resolved). */
int safefile_within(const char *p, const char *dir);

/* Write n bytes of data to fd, again after EINTR and short writes; 0, or
** -1 with errno set. */
int safefile_write_all(int fd, const char *data, size_t n);

#endif
