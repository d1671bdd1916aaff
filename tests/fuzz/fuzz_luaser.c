/*
** fuzz_luaser.c: libFuzzer driver for the decoder of plugin answers (luaser.h)
** on arbitrary bytes.
** The body is fuzz_luaser in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_luaser(data, size);
}
