/*
 * fuzz_assess_csv.c — arbitrary bytes into the self-inspection sheet CSV reader (RFC 4180) and the
 * import validation (fuzz_assess.h).
 */
#include "fuzz_assess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int parse_csv(const void *data, size_t size, struct assess_grid **g, struct ag_error *err)
{
    return assess_csv_parse(data, size, g, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_assess_grid(parse_csv, data, size);
}
