/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The EAL of an EAL-using Check suite (test_eal.h). */

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "nbl.h"
#include "test_eal.h"

#define MAX_ARGS 24

int
test_eal_init(const char *name, const char *lcores, const char *const *args)
{
	static char prefix[64];
	static char *argv[MAX_ARGS + 16];
	const char *fixed[] = {
		name, "--no-huge", "-m", "512", "--no-pci", "--no-shconf",
		"--no-telemetry", "--file-prefix", prefix, "-l", lcores,
	};
	int argc = 0;
	unsigned int i;

	snprintf(prefix, sizeof(prefix), "%s_%d", name, (int)getpid());
	for (i = 0; i < RTE_DIM(fixed); i++)
		argv[argc++] = (char *)(uintptr_t)fixed[i];
	for (i = 0; args != NULL && args[i] != NULL; i++) {
		if (i == MAX_ARGS) {
			fprintf(stderr, "%s: more than %d EAL arguments\n",
				name, MAX_ARGS);
			return -1;
		}
		argv[argc++] = (char *)(uintptr_t)args[i];
	}
	argv[argc] = NULL;
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "%s: rte_eal_init: %s\n", name,
			rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

int
test_eal_run(const char *name, Suite *s)
{
	SRunner *sr = srunner_create(s);
	uint64_t leaked;
	int failed;

	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* whole-run check: nothing left anywhere, internal pools included */
	if (nbl_internal_pools_release() != 0)
		failed++;
	leaked = nbl_leak_check(stderr);
	if (leaked != 0) {
		fprintf(stderr, "%s: %" PRIu64 " objects leaked\n", name,
			leaked);
		failed++;
	}
	return failed;
}

int
test_eal_small_ring_port(const char *dev,
			 struct rte_ring *rings[TEST_EAL_SMALL_RINGS],
			 uint16_t *port)
{
	char name[RTE_RING_NAMESIZE];
	unsigned int i;

	for (i = 0; i < TEST_EAL_SMALL_RINGS; i++) {
		/* the names net_ring's probe looks for */
		snprintf(name, sizeof(name), "ETH_RXTX%u_%s", i, dev);
		rings[i] = rte_ring_create(name, 16, SOCKET_ID_ANY,
					   RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rings[i] == NULL)
			return -1;
	}
	if (rte_dev_probe(dev) != 0)
		return -1;
	return rte_eth_dev_get_port_by_name(dev, port);
}

void
test_eal_small_ring_free(uint16_t port,
			 struct rte_ring *rings[TEST_EAL_SMALL_RINGS])
{
	unsigned int i;

	rte_eth_dev_close(port);
	for (i = 0; i < TEST_EAL_SMALL_RINGS; i++)
		rte_ring_free(rings[i]);
}

int
test_eal_fini(int failed)
{
	char run_dir[PATH_MAX];

	snprintf(run_dir, sizeof(run_dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	rmdir(run_dir);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
