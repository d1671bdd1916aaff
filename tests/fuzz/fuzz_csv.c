/*
** fuzz_csv.c: libFuzzer driver for the CSV reader (csv.h): records that do
** not depend on chunking, UTF-8 verdicts.
** The body is fuzz_csv in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_csv(data, size);
}
