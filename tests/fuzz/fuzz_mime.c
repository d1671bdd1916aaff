/*
** fuzz_mime.c: libFuzzer driver for the message builder and RFC 2047
** encoder (mime.h).
** The body is fuzz_mime in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_mime(data, size);
}
