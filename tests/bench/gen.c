/*
** gen.c: synthetic indicator values for the benchmarks, as CSV.
**
**   gen OUT.csv INDICATORS UNITS MONTHS [FIRST_YEAR]
**
** writes the header "indicator,unit,period,value" and one line for every
** indicator, unit and month: INDICATORS x UNITS x MONTHS lines, months from
** January of FIRST_YEAR (default 2021). Indicator codes are CT01, CT02 ...,
** unit codes DV0001, DV0002 ... (the plan bench.lua writes declares them).
** Lines come in arrival order, month by month and unit by unit, as the
** departments' reports come in, not in the store's key order. Values are
** positive numbers with one decimal, the same on every run.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT_BUFFER (1 << 20)

/* Append the decimal digits of v (at least width of them) at p. */
static char *put_uint(char *p, unsigned long v, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n < width)
    tmp[n++] = '0';
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

/* A value that looks measured: 0.1 .. 99999.9, scattered by a hash. */
static char *put_value(char *p, unsigned long i, unsigned long u,
                       unsigned long m) {
  unsigned long h = (i * 2654435761u) ^ (u * 40503u) ^ (m * 2246822519u);
  h = (h ^ (h >> 13)) * 1274126177u;
  unsigned long tenths = h % 999999 + 1;
  p = put_uint(p, tenths / 10, 1);
  *p++ = '.';
  *p++ = (char)('0' + tenths % 10);
  return p;
}

int main(int argc, char **argv) {
  if (argc < 5 || argc > 6) {
    fputs("usage: gen OUT.csv INDICATORS UNITS MONTHS [FIRST_YEAR]\n", stderr);
    return 2;
  }
  long nind = atol(argv[2]), nunits = atol(argv[3]), nmonths = atol(argv[4]);
  long first = argc == 6 ? atol(argv[5]) : 2021;
  if (nind < 1 || nind > 99 || nunits < 1 || nunits > 9999 || nmonths < 1 ||
      first < 1000 || first + nmonths / 12 > 9999) {
    fputs("gen: 1-99 indicators, 1-9999 units, years 1000-9999\n", stderr);
    return 2;
  }
  FILE *f = fopen(argv[1], "wb");
  char *buf = malloc(OUT_BUFFER);
  if (f == NULL || buf == NULL) {
    perror(argv[1]);
    return 1;
  }
  char *p = buf;
  p += sprintf(p, "indicator,unit,period,value\n");
  for (long m = 0; m < nmonths; m++) {
    char period[24];
    snprintf(period, sizeof period, "%04ld-%02ld", first + m / 12,
             m % 12 + 1);
    for (long u = 1; u <= nunits; u++)
      for (long i = 1; i <= nind; i++) {
        if (p - buf > OUT_BUFFER - 64) {
          fwrite(buf, 1, (size_t)(p - buf), f);
          p = buf;
        }
        *p++ = 'C', *p++ = 'T';
        p = put_uint(p, (unsigned long)i, 2);
        *p++ = ',', *p++ = 'D', *p++ = 'V';
        p = put_uint(p, (unsigned long)u, 4);
        *p++ = ',';
        memcpy(p, period, 7);
        p += 7;
        *p++ = ',';
        p = put_value(p, (unsigned long)i, (unsigned long)u, (unsigned long)m);
        *p++ = '\n';
      }
  }
  fwrite(buf, 1, (size_t)(p - buf), f);
  free(buf);
  if (fclose(f) != 0) {
    perror(argv[1]);
    return 1;
  }
  return 0;
}
