/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef NBL_PRIVATE_H
#define NBL_PRIVATE_H

/* Internal to libnbl: not installed. */

#include <rte_debug.h>
#include <rte_log.h>

#include "nbl.h"

#define NBL_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, nbl_logtype, "NBL: " fmt "\n", ##__VA_ARGS__)

/*
 * Misuse of the NDIS rules: a debug build aborts, a release build logs and
 * counts it in the given stats slot array (may be NULL) and the caller
 * refuses the operation.
 */
#ifdef NBL_DEBUG
#define NBL_MISUSE(stats, fmt, ...) do { \
	(void)(stats); \
	rte_panic("NBL misuse: " fmt "\n", ##__VA_ARGS__); \
} while (0)
#else
#define NBL_MISUSE(stats, fmt, ...) do { \
	struct nbl_pool_lcore_stats *s_ = (stats); \
	if (s_ != NULL) \
		nbl_stats_slot(s_)->refused++; \
	NBL_LOG(ERR, "misuse refused: " fmt, ##__VA_ARGS__); \
} while (0)
#endif

/* Transient NB flag of nbl_list_retreat(): this NB's retreat allocated. */
#define NBL_BUF_F_ROLLBACK 0x80

/* Library-made MDL structs (mirrors, caller MDLs): counted for the leak
 * check.  nbl_mdl_lib_alloc returns a zeroed MDL describing [va, va+len). */
struct nbl_mdl *nbl_mdl_lib_alloc(void *va, rte_iova_t iova, uint32_t len,
				  uint16_t flags);
void nbl_mdl_lib_free(struct nbl_mdl *mdl);

/* Raw NBL/NB for derived NBLs: initial state, no context; counted. */
struct nbl_list *nbl_list_alloc_raw(struct nbl_list_pool *pool);
void nbl_list_free_raw(struct nbl_list *nbl);

/* Count one object out of / back into a pool (used by nbl_buf_alloc...). */
void nbl_mdl_counter_add(int64_t delta);
int64_t nbl_mdl_counter_get(void);
int64_t nbl_ctx_counter_get(void);

/* Internal pools for NULL pool handles of derived NBLs (lazily made). */
struct nbl_list_pool *nbl_internal_list_pool(void);
struct nbl_buf_pool *nbl_internal_buf_pool(void);

/* Registry of pools for nbl_leak_check(). */
void nbl_registry_add_list(struct nbl_list_pool *p);
void nbl_registry_del_list(struct nbl_list_pool *p);
void nbl_registry_add_buf(struct nbl_buf_pool *p);
void nbl_registry_del_buf(struct nbl_buf_pool *p);

/* Free the overflow context blocks above the allocation's (leftovers). */
void nbl_ctx_release_all(struct nbl_list *nbl);
/* Free every NDIS-allocated MDL left in an NB's chain (leftovers). */
void nbl_buf_release_ndis_mdls(struct nbl_buf *nb);


#endif /* NBL_PRIVATE_H */
