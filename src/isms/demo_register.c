/*
 * demo_register.c — the register part of the demo airport (placeholder until the workflow lands).
 */
#include "isms/isms.h"

int isms_demo_register(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    (void)st;
    (void)cat;
    (void)err;
    return AG_OK;
}
