#ifndef PW_LUA_MAIL_H
#define PW_LUA_MAIL_H
/*
** lua_mail: pw.mail, the binding of the transports (mime.h, mailsend.h,
** webhook.h) for scripts. C builds and sends; the wording, recipients and
** keys all come from Lua.
**
**   pw.mail.build{ from=, to=, subject=, text=, html=, headers= }
**       -> the message bytes, its Message-ID | nil, message
**   pw.mail.session([{ dry_run = true, batch = true }])
**       -> a session; raises when the SMTP settings are unusable (except
**          for a dry run, which needs none)
**   session:send{ to=, subject=, text=, html=, headers=, key=, from_name= }
**       -> { ok=, temporary=, code=, message=, message_id=, transport=,
**            path= (file transport), data= (dry run) }
**   session:sync()    -> true | nil, message: the batch's files are on disk
**   session:close()   QUIT, and sync (also on garbage collection and
**                     <close>, where a sync error is lost) -> true | nil,
**                     message
**   pw.mail.transport() -> "smtp", URL | "file", folder
**                          (a third value: why the SMTP settings are bad)
**   pw.mail.webhook(url, json_text) -> { ok=, temporary=, code=, message= }
**   pw.mail.check_address(s) -> true | nil, message
**
** An address (from, to) is "local@domain" or { address =, name = }; the name
** is a display name in UTF-8. headers holds "Name: value" strings in order,
** and/or name = value pairs (sent sorted by name). A message that fails
** validation (CR, LF or another control character in an address, a header
** or the subject; a malformed address; invalid UTF-8) is never sent: send
** returns ok = false, temporary = false.
**
** A session is a mailsend session (mailsend.h: how the environment chooses
** SMTP, the file transport or none, the mail folder, batches, the sender);
** batch changes nothing for SMTP and dry runs. A dry-run session builds
** messages and returns their bytes without sending anything. Webhook
** timeouts: PLANWATCH_WEBHOOK_TIMEOUT_MS (default 30000).
*/
#include <lua.h>

#include "runctx.h"

/* Add the `mail` table described above to the table on top of L. */
void lua_mail_register(lua_State *L, runctx *ctx);

#endif
