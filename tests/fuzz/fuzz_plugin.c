/*
** fuzz_plugin.c: libFuzzer driver for the plugin loader (plugin.h) on
** arbitrary text as a plugin file.
** The body is fuzz_plugin in targets.h; `make fuzz` builds and runs it.
*/
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_plugin(data, size);
}
