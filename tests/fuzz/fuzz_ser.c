/*
** fuzz_ser.c: libFuzzer driver for the decoder of plugin answers (ser.h)
** on arbitrary bytes.
** The body is fuzz_ser in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_ser(data, size);
}
