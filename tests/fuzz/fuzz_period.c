/*
** fuzz_period.c: libFuzzer driver for the period and date parsers
** (period.h) and the arithmetic on what parses.
** The body is fuzz_period in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_period(data, size);
}
