#ifndef PW_WEBHOOK_H
#define PW_WEBHOOK_H
/*
** webhook: POST a JSON body to an http:// or https:// URL through libcurl.
**
** One curl easy handle serves every POST of a run, so calls to the same
** server reuse its connection; after a failure the handle is replaced, as
** in smtp.h. Redirects are not followed (a POST must not wander). Every wait
** is bounded: connect and the whole request.
**
** Results use smtp.h's smtp_result: ok for a 2xx answer; temporary for
** timeouts, refused or dropped connections, 408, 425, 429 and 5xx;
** permanent for every other answer (other 4xx, 3xx), a bad URL and TLS or
** certificate errors. Messages never repeat the URL (its path or query may
** hold a token; libcurl's own text may name the host); they quote the start
** of the answer's body, cut short.
*/
#include <stddef.h>

#include "smtp.h"

#define WEBHOOK_MAX_BODY (4u << 20)    /* largest JSON body posted */
#define WEBHOOK_MAX_URL 2048           /* longest URL */

typedef struct webhook webhook;

/* A webhook poster with these timeouts (milliseconds). NULL with a message
** in err. */
webhook *webhook_open(long connect_timeout_ms, long timeout_ms, char *err,
                      size_t size);

/* 0 when url is http[s]://... without spaces or control characters. */
int webhook_check_url(const char *url);

/* POST the n bytes at json to url with Content-Type: application/json and,
** when key is not NULL, "Idempotency-Key: key" (the outbox's deduplication
** key: a receiver that has seen it can drop the repeat). A failure with no
** answer once the whole body went out sets r->unknown; one with no answer
** before that sets r->session (the server, not the message). */
void webhook_post(webhook *w, const char *url, const char *json, size_t n,
                  const char *key, smtp_result *r);

/* Close the connection and free. NULL is fine. */
void webhook_close(webhook *w);

#endif
