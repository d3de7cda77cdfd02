/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_STATS_H
#define TEST_STATS_H

/* Shared by the files of the stats Check suite (no EAL). */

#include <stdint.h>

#include <check.h>

#include "stats.h"

/* A counter of a block by its schema name (fails the test if unknown). */
uint64_t *tst_field(struct stats_tx *b, const char *name);

/* Set every counter of b: the i-th of the schema to base * (i + 1). */
void tst_fill(struct stats_tx *b, uint64_t base);

/* The blocks of tst_reg_make(): stream 0 (port 0) has blocks 0 and 1
 * (lcores 1 and 2), stream 1 (port 1) block 2 (lcore 3), stream 2 (port
 * 0) block 3 (lcore 1); block i is tst_fill(1, 10, 100, 1000), block 0
 * with requested 500. */
extern struct stats_tx tst_blocks[4];

/* A registry of 2 ports ("net_null0", "net_ring0") and 3 streams over
 * tst_blocks (refilled), not started. */
struct stats_reg *tst_reg_make(void);

/* The same over tst_blocks as they are. */
struct stats_reg *tst_reg_on_blocks(void);

/* The sampler, results and telemetry TCases (test_stats_output.c,
 * test_stats_results.c, test_stats_telemetry.c). */
void stats_output_add_tcases(Suite *s);
void stats_results_add_tcases(Suite *s);
void stats_telemetry_add_tcases(Suite *s);

#endif /* TEST_STATS_H */
