#ifndef PW_CURL_LOADER_H
#define PW_CURL_LOADER_H
/*
** curl_loader: libcurl, loaded when a message or a webhook is first sent.
**
** libcurl and the thirty-odd libraries it pulls in (TLS, HTTP/2, LDAP,
** Kerberos, ...) cost a process about 6 ms of dynamic loading, five times
** what everything else costs together. Most planwatch commands never send
** anything, so the binary does not link libcurl: the first caller of
** curl_loader_get() opens libcurl.so.4 with dlopen, resolves the few functions
** below and runs curl_global_init; curl_global_cleanup runs at exit, so
** LeakSanitizer sees libcurl and OpenSSL tidy. The library stays loaded
** for the life of the process.
**
** Types and constants still come from <curl/curl.h> (the libcurl4 ABI,
** SONAME libcurl.so.4); only the calls go through this table.
*/
#include <stddef.h>

#include <curl/curl.h>

typedef struct curl_loader {
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
  CURLcode (*easy_perform)(CURL *h);
  CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
  void (*easy_cleanup)(CURL *h);
  const char *(*easy_strerror)(CURLcode c);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
  void (*slist_free_all)(struct curl_slist *list);
} curl_loader;

/* libcurl, loaded and initialised on the first call. NULL when it cannot
** be (not installed, a symbol missing, curl_global_init failed), with the
** reason in err; later calls give the same answer without retrying. */
const curl_loader *curl_loader_get(char *err, size_t size);

#endif
