/*
** webhook.c: JSON POSTs over libcurl.
*/
#include "webhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "curl_loader.h"

struct webhook {
  const curl_loader *cu;         /* libcurl's functions */
  CURL *h;                       /* NULL after a failure: the next post makes one */
  struct curl_slist *headers;    /* Content-Type and friends */
  long connect_timeout_ms, timeout_ms;
  char answer[120];              /* the start of the response body */
  size_t answer_len;
  int body_sent;                 /* the whole request body went out */
  char errbuf[CURL_ERROR_SIZE];
};

/* Keep the start of the answer for messages; discard the rest. */
static size_t answer_cb(char *buf, size_t size, size_t nitems, void *ud) {
  webhook *w = ud;
  size_t n = size * nitems;
  for (size_t i = 0; i < n && w->answer_len < sizeof w->answer - 1; i++) {
    unsigned char c = (unsigned char)buf[i];
    w->answer[w->answer_len++] = c >= 0x20 && c < 0x7F ? (char)c : ' ';
  }
  w->answer[w->answer_len] = '\0';
  return n;
}

/* Notes when the whole body has gone out: after that, a missing answer
** means the receiver may have acted on it. */
static int progress_cb(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow) {
  webhook *w = ud;
  (void)dltotal; (void)dlnow;
  if (ultotal > 0 && ulnow >= ultotal)
    w->body_sent = 1;
  return 0;
}

#define SET(opt, val) \
  if (rc == CURLE_OK) rc = w->cu->easy_setopt(h, opt, val)

static CURL *new_handle(webhook *w) {
  CURL *h = w->cu->easy_init();
  if (h == NULL)
    return NULL;
  CURLcode rc = CURLE_OK;
  SET(CURLOPT_PROTOCOLS_STR, "http,https");
  SET(CURLOPT_NOSIGNAL, 1L);
  SET(CURLOPT_HTTPHEADER, w->headers);
  SET(CURLOPT_USERAGENT, "planwatch");
  SET(CURLOPT_WRITEFUNCTION, answer_cb);
  SET(CURLOPT_WRITEDATA, w);
  SET(CURLOPT_XFERINFOFUNCTION, progress_cb);
  SET(CURLOPT_XFERINFODATA, w);
  SET(CURLOPT_NOPROGRESS, 0L);
  SET(CURLOPT_ERRORBUFFER, w->errbuf);
  SET(CURLOPT_CONNECTTIMEOUT_MS, w->connect_timeout_ms);
  SET(CURLOPT_TIMEOUT_MS, w->timeout_ms);
  if (rc != CURLE_OK) {
    w->cu->easy_cleanup(h);
    return NULL;
  }
  return h;
}

webhook *webhook_open(long connect_timeout_ms, long timeout_ms, char *err,
                      size_t size) {
  const curl_loader *cu = curl_loader_get(err, size);
  if (cu == NULL)
    return NULL;
  webhook *w = calloc(1, sizeof *w);
  struct curl_slist *h1 = NULL, *h2 = NULL;
  if (w == NULL ||
      (h1 = cu->slist_append(NULL, "Content-Type: application/json")) == NULL ||
      (h2 = cu->slist_append(h1, "Expect:")) == NULL) {
    cu->slist_free_all(h1);
    free(w);
    snprintf(err, size, "not enough memory");
    return NULL;
  }
  w->cu = cu;
  w->headers = h2;
  w->connect_timeout_ms = connect_timeout_ms < timeout_ms ? connect_timeout_ms
                                                          : timeout_ms;
  w->timeout_ms = timeout_ms;
  return w;
}

int webhook_check_url(const char *url) {
  size_t n = strlen(url);
  size_t skip = strncasecmp(url, "http://", 7) == 0    ? 7
              : strncasecmp(url, "https://", 8) == 0   ? 8
              : 0;
  if (skip == 0 || n == skip || n > WEBHOOK_MAX_URL)
    return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)url[i];
    if (c <= 0x20 || c >= 0x7F)
      return -1;
  }
  return 0;
}

static void drop_connection(webhook *w) {
  w->cu->easy_cleanup(w->h);
  w->h = NULL;
}

static void classify(webhook *w, CURLcode rc, long code, smtp_result *r) {
  r->curl_code = (int)rc;
  r->code = code;
  if (rc != CURLE_OK) {
    r->temporary = smtp_temporary(rc, 0);
    /* no answer once the body was out: the receiver may have it */
    r->unknown = w->body_sent && code == 0;
    /* no answer at all before that: the server, not this message */
    r->session = !r->unknown && code == 0 && r->temporary;
    if (r->session) {
      snprintf(r->hint, sizeof r->hint, "the webhook server does not answer "
               "(PLANWATCH_WEBHOOK_TIMEOUT_MS, PLANWATCH_WEBHOOK_CONNECT_"
               "TIMEOUT_MS)");
      snprintf(r->hint_code, sizeof r->hint_code, "webhook-no-answer");
    }
    snprintf(r->message, sizeof r->message, "%s (curl %d)%s",
             w->errbuf[0] ? w->errbuf : w->cu->easy_strerror(rc), (int)rc,
             r->unknown ? "; the whole request was sent, so the receiver may "
                          "have it" : "");
    return;
  }
  r->ok = code >= 200 && code < 300;
  r->temporary = !r->ok && (code == 408 || code == 425 || code == 429 ||
                            (code >= 500 && code < 600));
  snprintf(r->message, sizeof r->message, "HTTP %ld%s%s%s", code,
           w->answer_len ? ": " : "", w->answer,
           code >= 300 && code < 400 ? " (redirects are not followed)" : "");
}

void webhook_post(webhook *w, const char *url, const char *json, size_t n,
                  const char *key, smtp_result *r) {
  memset(r, 0, sizeof *r);
  char idem[300];
  if (key && (strlen(key) > 256 || strpbrk(key, "\r\n") != NULL)) {
    snprintf(r->message, sizeof r->message, "webhook: the idempotency key "
             "is too long or holds a line break");
    return;
  }
  if (webhook_check_url(url) != 0 || n > WEBHOOK_MAX_BODY) {
    snprintf(r->message, sizeof r->message, n > WEBHOOK_MAX_BODY
             ? "webhook body is too large"
             : "webhook URL must be http:// or https:// without spaces or "
               "control characters");
    return;
  }
  if (w->h == NULL && (w->h = new_handle(w)) == NULL) {
    r->temporary = 1;
    snprintf(r->message, sizeof r->message, "libcurl could not set up a "
             "transfer");
    return;
  }
  w->answer[0] = w->errbuf[0] = '\0';
  w->answer_len = 0;
  w->body_sent = 0;
  struct curl_slist *headers = w->headers, *extra = NULL;
  if (key && *key) {
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", key);
    extra = w->cu->slist_append(NULL, idem);
    if (extra == NULL) {
      r->temporary = 1;
      snprintf(r->message, sizeof r->message, "not enough memory");
      return;
    }
    for (struct curl_slist *p = w->headers; p; p = p->next)
      if (w->cu->slist_append(extra, p->data) == NULL) {
        w->cu->slist_free_all(extra);
        r->temporary = 1;
        snprintf(r->message, sizeof r->message, "not enough memory");
        return;
      }
    headers = extra;
  }
  CURL *h = w->h;
  CURLcode rc = CURLE_OK;
  SET(CURLOPT_HTTPHEADER, headers);
  SET(CURLOPT_URL, url);
  SET(CURLOPT_POSTFIELDS, json);
  SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
  if (rc == CURLE_OK)
    rc = w->cu->easy_perform(h);
  long code = 0;
  w->cu->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  w->cu->easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
  w->cu->easy_setopt(h, CURLOPT_HTTPHEADER, w->headers);
  w->cu->slist_free_all(extra);
  classify(w, rc, code, r);
  if (!r->ok)
    drop_connection(w);
}

void webhook_close(webhook *w) {
  if (w == NULL)
    return;
  if (w->h)
    w->cu->easy_cleanup(w->h);
  w->cu->slist_free_all(w->headers);
  free(w);
}
