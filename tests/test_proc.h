/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_PROC_H
#define TEST_PROC_H

/* The 'proc' suite (lib/proc, no EAL): test_proc.c holds main(), the
 * argument vectors and the lcore map; test_proc_out.c adds the TCases of
 * output files. */

#include <check.h>

#include "proc.h"

/* Output files: the check before a run, the temporary file, commit and
 * abort (test_proc_out.c). */
void proc_files_add_tcases(Suite *s);

#endif /* TEST_PROC_H */
