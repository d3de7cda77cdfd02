/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The EAL of an EAL-using Check suite: one rte_eal_init() in main() with
 * no hugepages, no PCI, no shared config and no telemetry, a --file-prefix
 * of the suite's name and pid (parallel suites do not collide); the
 * suite's run in CK_NOFORK mode with the whole-run leak check; a ring port
 * with a small TX ring; and the clean-up that leaves no runtime directory.
 */

#ifndef NBLGEN_TEST_EAL_H
#define NBLGEN_TEST_EAL_H

#include <stdint.h>

#include <check.h>
#include <rte_ring.h>

/** Queue rings of a small ring port. */
#define TEST_EAL_SMALL_RINGS 16

/**
 * rte_eal_init() for suite NAME.
 *
 * @param name    the suite's name: file prefix and messages
 * @param lcores  the -l list ("0", "0-1")
 * @param args    further EAL arguments (--vdev ..., --log-level ...),
 *                NULL-terminated; at most 24
 * @return 0, or -1 with a message on stderr
 */
int test_eal_init(const char *name, const char *lcores,
		  const char *const *args);

/**
 * Run suite S in CK_NOFORK mode, then release libnbl's internal pools and
 * check that no object of any pool is left out.
 *
 * @return the failed tests, plus one when anything leaked
 */
int test_eal_run(const char *name, Suite *s);

/**
 * Create ring port DEV ("net_ring9") on TEST_EAL_SMALL_RINGS queue rings
 * of 16 slots (15 usable): a TX ring that refuses frames unless the test
 * reads it.
 *
 * @param rings  receives the rings (for the test to read)
 * @param port   receives the port id
 * @return 0, or -1
 */
int test_eal_small_ring_port(const char *dev,
			     struct rte_ring *rings[TEST_EAL_SMALL_RINGS],
			     uint16_t *port);

/** Close PORT and free the RINGS of test_eal_small_ring_port(). */
void test_eal_small_ring_free(uint16_t port,
			      struct rte_ring *rings[TEST_EAL_SMALL_RINGS]);

/**
 * rte_eal_cleanup() and removal of the runtime directory (left empty by
 * --no-shconf and --no-telemetry).
 *
 * @param failed  the suite's failures
 * @return main()'s exit status: EXIT_SUCCESS when FAILED is 0
 */
int test_eal_fini(int failed);

#endif /* NBLGEN_TEST_EAL_H */
