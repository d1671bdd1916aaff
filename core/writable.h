#ifndef PW_WRITABLE_H
#define PW_WRITABLE_H
/*
** writable: which files a run may create or replace, decided in C whatever
** the script asks.
**
** A run writes only what its command line names: the paths given with the
** global option --write-to PATH, and the values of the options that a
** command under scripts/ declares in its header
** (`--! planwatch: writes-to --html --md`: `report --html FILE`). A named
** path grants itself and, when it is a folder, everything inside it.
** --write (the database) changes nothing here.
**
** Never writable, even when named: the scripts/ folder of the installation
** (hence scripts/lib, the library every command loads), the plugins folder
** (--plugins, PLANWATCH_PLUGINS) and the installation's plugins/, the
** planwatch executable, and the database with its side files (DB-wal,
** DB-shm, DB-journal and any other DB-*): scripts change the database with
** SQL only.
**
** Paths are compared resolved (safefile_resolve): a link in a folder's path
** is followed, so a named folder that leads into scripts/ is refused; the
** last name is not, and safefile_replace refuses a link there.
*/
#include <stddef.h>

#include "runctx.h"

/* Whether the run may write path: 0 with the path to write in resolved
** (PATH_MAX bytes), or -1 with the reason in err. */
int writable_check(const runctx *ctx, const char *path, char *resolved,
                   char *err, size_t size);

/* Whether the resolved path lies in a place no run may write (the list
** above): NULL, or what that place is, for a message. Folders a setting
** names (the mail folder) are checked with this. */
const char *writable_protected(const runctx *ctx, const char *resolved);

#endif
