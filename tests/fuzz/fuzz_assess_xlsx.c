/*
 * fuzz_assess_xlsx.c — arbitrary bytes into the self-inspection sheet XLSX reader (libzip + expat)
 * and the import validation (fuzz_assess.h).
 */
#include "fuzz_assess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_assess_grid(assess_xlsx_parse, data, size);
}
