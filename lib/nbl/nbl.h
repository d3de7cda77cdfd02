/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef NBL_H
#define NBL_H

/**
 * @file
 * libnbl: the NDIS 6 NET_BUFFER_LIST / NET_BUFFER buffer model on DPDK.
 *
 * Objects
 * - struct nbl_mdl   : MDL, one contiguous virtual range; MDLs chain.
 * - struct nbl_buf   : NET_BUFFER (NB): an MDL chain, a data offset and
 *                      a data length (the "used" bytes).
 * - struct nbl_list  : NET_BUFFER_LIST (NBL): a list of NBs, a context
 *                      stack, out-of-band info and a completion status.
 * - struct nbl_list_pool / struct nbl_buf_pool : the pools they come from.
 *
 * Error contract (the same for every function of the library)
 * - Constructors (create, alloc, clone, ...) return NULL and set rte_errno
 *   (EINVAL bad argument, ENOMEM/ENOBUFS out of objects, ENOTSUP wrong pool
 *   shape, EEXIST name clash, EBUSY objects outstanding).
 * - Control calls return 0 or a negative errno value.
 * - Burst calls return a count; bulk calls are all-or-nothing: they return
 *   0 or a negative errno value and change nothing when they fail.
 * - Nothing in the library exits or aborts, except the assertions of a
 *   debug build (meson -Dnbl_debug=true).  A call that NDIS declares void
 *   and that is misused refuses, counts the refusal in the pool's
 *   statistics and logs through the NBL log type.
 *
 * Threads: pools are safe for concurrent use from any lcore (the
 * per-lcore mempool cache is used on EAL threads); each NBL, NB and MDL
 * has one owner at a time and is not locked.
 *
 * Memory layout of pools (the DPDK mapping, see docs in README):
 * - (fAllocateNetBuffer, DataSize) = (F,0) or (T,0): an rte_mempool whose
 *   elements hold the NBL (and its NB) and the preallocated context.
 * - (T,N): an rte_pktmbuf pool: the NBL, NB and MDL live in the mbuf's
 *   private area and the MDL describes the whole N-byte data room, so
 *   DataOffset is the mbuf headroom.  Such an NBL can be handed to a PMD
 *   without copying (see nbl_list_to_mbuf()).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>

#ifdef __cplusplus
extern "C" {
#endif

/** MEMORY_ALLOCATION_ALIGNMENT on 64-bit Windows. */
#define NBL_MAA 16

/** NDIS status values (NDIS_STATUS_*), stored in nbl_list::status. */
#define NBL_STATUS_SUCCESS           ((int32_t)0x00000000)
#define NBL_STATUS_PENDING           ((int32_t)0x00000103)
#define NBL_STATUS_FAILURE           ((int32_t)0xC0000001)
#define NBL_STATUS_RESOURCES         ((int32_t)0xC000009A)
#define NBL_STATUS_INVALID_LENGTH    ((int32_t)0xC0010014)
#define NBL_STATUS_SEND_ABORTED      ((int32_t)0xC001000C)
#define NBL_STATUS_RESET_IN_PROGRESS ((int32_t)0xC001000D)
#define NBL_STATUS_PAUSED            ((int32_t)0xC023002A)
#define NBL_STATUS_INVALID_PARAMETER ((int32_t)0xC0000004)

/** Out-of-band info slots (NDIS_NET_BUFFER_LIST_INFO). */
enum nbl_info_id {
	NBL_INFO_TCPIP_CHECKSUM = 0, /**< TcpIpChecksumNetBufferListInfo */
	NBL_INFO_TCP_LARGE_SEND,     /**< TcpLargeSendNetBufferListInfo */
	NBL_INFO_CLASSIFICATION,     /**< ClassificationHandleNetBufferListInfo */
	NBL_INFO_IEEE8021Q,          /**< Ieee8021QNetBufferListInfo */
	NBL_INFO_CANCEL_ID,          /**< NetBufferListCancelId */
	NBL_INFO_MEDIA_SPECIFIC,     /**< MediaSpecificInformation */
	NBL_INFO_FRAME_TYPE,         /**< NetBufferListFrameType (= ProtocolId) */
	NBL_INFO_HASH_VALUE,         /**< NetBufferListHashValue */
	NBL_INFO_HASH_INFO,          /**< NetBufferListHashInfo */
	NBL_INFO_WFP,                /**< WfpNetBufferListInfo */
	NBL_INFO_IPSEC_V1,           /**< IPsecOffloadV1NetBufferListInfo */
	NBL_INFO_IPSEC_V2,           /**< IPsecOffloadV2NetBufferListInfo */
	NBL_INFO_IPSEC_V2_TUNNEL,    /**< IPsecOffloadV2TunnelNetBufferListInfo */
	NBL_INFO_IPSEC_V2_HEADER,    /**< IPsecOffloadV2HeaderNetBufferListInfo */
	NBL_INFO_NBL_CURRENT_OWNER,  /**< NetBufferListCorrelationId slot */
	NBL_INFO_TIMESTAMP,          /**< NetBufferListTimestamp (nblgen) */
	NBL_INFO_MAX                 /**< number of slots */
};

/* MDL flags. */
#define NBL_MDL_F_NDIS_ALLOCATED 0x1 /**< allocated by a retreat */
#define NBL_MDL_F_MBUF           0x2 /**< @c mbuf backs the whole range */
#define NBL_MDL_F_EMBEDDED       0x4 /**< lives inside a pool element */
#define NBL_MDL_F_MIRROR         0x8 /**< describes another MDL's memory */

struct nbl_mdl;

/**
 * Retreat allocator (NET_BUFFER_ALLOCATE_MDL_HANDLER): return an MDL of at
 * least *size bytes and store its real size in *size, or NULL.
 */
typedef struct nbl_mdl *(*nbl_mdl_alloc_fn)(uint32_t *size);
/** Counterpart of an nbl_mdl_alloc_fn (NET_BUFFER_FREE_MDL_HANDLER). */
typedef void (*nbl_mdl_free_fn)(struct nbl_mdl *mdl);

/** MDL: one contiguous virtual range. */
struct nbl_mdl {
	struct nbl_mdl *next;   /**< next MDL of the chain or NULL */
	void *va;               /**< first byte */
	rte_iova_t iova;        /**< IO address of va, RTE_BAD_IOVA if none */
	uint32_t len;           /**< bytes */
	uint16_t flags;         /**< NBL_MDL_F_* */
	uint16_t reserved;
	struct rte_mbuf *mbuf;  /**< backing mbuf (NBL_MDL_F_MBUF) or NULL */
	nbl_mdl_alloc_fn alloc; /**< allocator that made it (NDIS-allocated) */
	void *user;             /**< free for the MDL's allocator */
};

/* NB flags. */
#define NBL_BUF_F_EMBEDDED    0x1 /**< preallocated with its NBL */
#define NBL_BUF_F_NO_BACKFILL 0x2 /**< derived: back-fill counts as 0 */

/** NET_BUFFER. */
struct nbl_buf {
	/* first cache line: what an allocation resets */
	struct nbl_buf *next;        /**< Next */
	struct nbl_mdl *chain;       /**< MdlChain */
	struct nbl_mdl *cur;         /**< CurrentMdl: holds byte data_offset */
	uint32_t cur_off;            /**< CurrentMdlOffset */
	uint32_t data_offset;        /**< DataOffset */
	uint32_t data_length;        /**< DataLength */
	uint16_t checksum_bias;      /**< ChecksumBias */
	uint8_t flags;               /**< NBL_BUF_F_* */
	uint8_t ndis_mdls;           /**< NDIS-allocated MDLs in the chain */
	void *scratch;               /**< owner's scratch */
	struct nbl_buf_pool *pool;   /**< NdisPoolHandle, NULL if embedded */
	struct rte_mbuf *mbuf;       /**< backing mbuf of a data pool, or NULL */
	/* then the reserved areas, which belong to their users */
	void *protocol_reserved[6];  /**< ProtocolReserved (as the WDK's) */
	void *miniport_reserved[4];  /**< MiniportReserved */
} __rte_aligned(NBL_MAA);

/** One block of the NBL context stack (NET_BUFFER_LIST_CONTEXT). */
struct nbl_ctx {
	struct nbl_ctx *next; /**< block below, NULL for the bottom one */
	uint16_t size;        /**< bytes of data[] */
	uint16_t offset;      /**< unused bytes at the front of data[] */
	uint32_t tag;         /**< pool tag of the pusher */
	uint8_t data[] __rte_aligned(NBL_MAA); /**< ContextData */
};

/* NBL kinds (how it was allocated; each has its own free function). */
#define NBL_KIND_PLAIN       0 /**< nbl_list_alloc / nbl_list_alloc_with_buf */
#define NBL_KIND_CLONE       1 /**< nbl_list_clone */
#define NBL_KIND_FRAGMENT    2 /**< nbl_list_fragment */
#define NBL_KIND_REASSEMBLED 3 /**< nbl_list_reassemble */

/** NET_BUFFER_LIST.  The first cache line holds what the hot path uses. */
struct nbl_list {
	/* first cache line: what an allocation resets or checks */
	struct nbl_list *next;         /**< Next */
	struct nbl_buf *first_nb;      /**< FirstNetBuffer */
	struct nbl_list *parent;       /**< ParentNetBufferList */
	void *source_handle;           /**< SourceHandle */
	void *scratch;                 /**< Scratch */
	int32_t status;                /**< Status (NBL_STATUS_*) */
	int32_t child_refcnt;          /**< ChildRefCount */
	uint32_t nbl_flags;            /**< NblFlags */
	uint32_t flags;                /**< Flags */
	uint8_t kind;                  /**< NBL_KIND_* */
	uint8_t ctx_pushed;            /**< blocks pushed above allocation's */
	uint8_t info_dirty;            /**< an info slot may be non-zero */
	uint8_t ctx_dirty;             /**< context moved since the reset */
	uint8_t ctx_base;              /**< 1: allocation took an overflow block */
	uint8_t clone_flags;           /**< flags given to nbl_list_clone */
	uint16_t ctx_used0;            /**< context bytes of the allocation */
	/* second cache line */
	struct nbl_ctx *context;       /**< Context: top of the stack */
	struct nbl_list_pool *pool;    /**< NdisPoolHandle */
	struct rte_mbuf *mbuf;         /**< backing mbuf for (T,N) pools */
	struct nbl_ctx *ctx0;          /**< preallocated context block */
	void *derived;                 /**< private bookkeeping of derived NBLs */
	uint32_t delta;                /**< Δ of a fragment/reassembly */
	void *protocol_reserved[4];    /**< ProtocolReserved */
	void *miniport_reserved[2];    /**< MiniportReserved */
	void *info[NBL_INFO_MAX];      /**< NetBufferListInfo */
} __rte_cache_aligned;

/** Per-lcore counters of a pool (internal, read with ..._stats_get). */
struct nbl_pool_lcore_stats {
	uint64_t allocs;   /**< objects handed out */
	uint64_t frees;    /**< objects returned */
	uint64_t handoffs; /**< objects given to a PMD that frees them */
	uint64_t fails;    /**< allocations that failed */
	uint64_t refused;  /**< misuse refused (release build) */
} __rte_cache_aligned;

/** Counters of one pool. */
struct nbl_pool_stats {
	uint64_t allocs;      /**< objects handed out, ever */
	uint64_t frees;       /**< objects returned through the library */
	uint64_t handoffs;    /**< objects returned by a PMD (fire-and-forget) */
	uint64_t fails;       /**< failed allocations (exhaustion) */
	uint64_t refused;     /**< misuses refused */
	uint64_t outstanding; /**< allocs - frees - handoffs */
	uint32_t size;        /**< objects in the pool */
	uint32_t avail;       /**< objects in the mempool now (ring + caches) */
};

/** Parameters of an NBL pool (NET_BUFFER_LIST_POOL_PARAMETERS + DPDK). */
struct nbl_list_pool_params {
	uint16_t protocol_id;  /**< ProtocolId: 0 unless a protocol driver */
	bool alloc_nb;         /**< fAllocateNetBuffer */
	uint16_t context_size; /**< ContextSize, multiple of NBL_MAA */
	uint32_t data_size;    /**< DataSize: bytes of data per NBL (T,N) */
	uint32_t tag;          /**< PoolTag, four ASCII characters */
	uint32_t count;        /**< objects; 0 means 4095 */
	uint32_t cache_size;   /**< per-lcore cache; 0 means none */
	int socket_id;         /**< NUMA socket or SOCKET_ID_ANY */
	uint32_t ctx_blocks;   /**< overflow context blocks; 0 means 64 */
	uint16_t ctx_block_size; /**< bytes of one overflow block; 0: 256 */
	/** (T,N) only: data offset and length of a new NB.  Both 0 give the
	 * NDIS initial state (offset 0, length DataSize). */
	uint32_t init_offset;
	uint32_t init_length;  /**< see init_offset */
	/** Optional, called once per object when the pool is created, after
	 * the library wired it: build a packet template here. */
	void (*obj_init)(struct nbl_list *nbl, void *arg);
	void *obj_init_arg;    /**< argument of obj_init */
};

/** NBL pool.  Read-only for users; allocate with nbl_list_pool_create. */
struct nbl_list_pool {
	struct rte_mempool *mp;      /**< objects (pktmbuf pool for (T,N)) */
	struct rte_mempool *ctx_mp;  /**< overflow context blocks */
	uint32_t elt_off;            /**< NBL offset in an mbuf (T,N) */
	uint32_t data_size;          /**< DataSize */
	uint32_t init_offset;        /**< DataOffset of a new (T,N) NB */
	uint32_t init_length;        /**< DataLength of a new (T,N) NB */
	uint16_t ctx_size;           /**< preallocated context bytes */
	uint16_t ctx_block_size;     /**< data bytes of an overflow block */
	uint16_t protocol_id;        /**< ProtocolId */
	bool alloc_nb;               /**< fAllocateNetBuffer */
	uint32_t tag;                /**< PoolTag */
	uint32_t count;              /**< objects */
	void (*obj_init)(struct nbl_list *nbl, void *arg); /**< template */
	void *obj_init_arg;          /**< its argument */
	char name[RTE_MEMPOOL_NAMESIZE]; /**< mempool name */
	struct nbl_pool_lcore_stats stats[RTE_MAX_LCORE + 1]; /**< counters */
} __rte_cache_aligned;

/** Parameters of an NB pool (NET_BUFFER_POOL_PARAMETERS + DPDK). */
struct nbl_buf_pool_params {
	uint32_t tag;        /**< PoolTag */
	uint32_t data_size;  /**< DataSize: 0, or bytes of data per NB */
	uint32_t count;      /**< objects; 0 means 4095 */
	uint32_t cache_size; /**< per-lcore cache */
	int socket_id;       /**< NUMA socket or SOCKET_ID_ANY */
};

/** NB pool.  Read-only for users. */
struct nbl_buf_pool {
	struct rte_mempool *mp;      /**< objects */
	uint32_t data_size;          /**< DataSize */
	uint32_t tag;                /**< PoolTag */
	uint32_t count;              /**< objects */
	char name[RTE_MEMPOOL_NAMESIZE]; /**< mempool name */
	struct nbl_pool_lcore_stats stats[RTE_MAX_LCORE + 1]; /**< counters */
} __rte_cache_aligned;

/** Log type of the library (registered at load). */
extern int nbl_logtype;

/** @internal stats slot of the calling thread. */
static inline struct nbl_pool_lcore_stats *
nbl_stats_slot(struct nbl_pool_lcore_stats *stats)
{
	unsigned int id = rte_lcore_id();

	return &stats[id < RTE_MAX_LCORE ? id : RTE_MAX_LCORE];
}

/* ------------------------------------------------------------------ */
/* Pools                                                               */
/* ------------------------------------------------------------------ */

/**
 * Create an NBL pool (NdisAllocateNetBufferListPool).
 *
 * The (alloc_nb, data_size) shape decides what each NBL carries: (F,0)
 * nothing, (T,0) one NB without MDL, (T,N) one NB, one MDL and N bytes;
 * (F,N) is illegal.  The mempool is named nbl_<tag>_<seq> so two pools with
 * one tag never clash.
 *
 * @param p
 *   Parameters; context_size must be a multiple of NBL_MAA, data_size at
 *   most 65535 (an mbuf's data room), init_offset + init_length at most
 *   data_size, cache_size at most RTE_MEMPOOL_CACHE_MAX_SIZE.
 * @return
 *   The pool, or NULL with rte_errno EINVAL (bad parameter or the (F,N)
 *   shape), EEXIST (mempool name taken) or ENOMEM (no memory).
 */
struct nbl_list_pool *nbl_list_pool_create(const struct nbl_list_pool_params *p);

/**
 * Free an NBL pool (NdisFreeNetBufferListPool).
 *
 * @param pool
 *   The pool, or NULL (no-op).
 * @return
 *   0, or -EBUSY if an NBL is still outstanding: the pool is kept (a debug
 *   build aborts with a leak report instead).
 */
int nbl_list_pool_free(struct nbl_list_pool *pool);

/**
 * Create an NB pool (NdisAllocateNetBufferPool).
 *
 * @param p
 *   Parameters.  With data_size 0 allocate NBs with nbl_buf_alloc(), with
 *   data_size > 0 (at most 65535) only with nbl_buf_alloc_data().
 * @return
 *   The pool, or NULL with rte_errno EINVAL or ENOMEM.
 */
struct nbl_buf_pool *nbl_buf_pool_create(const struct nbl_buf_pool_params *p);

/**
 * Free an NB pool (NdisFreeNetBufferPool).
 *
 * @param pool
 *   The pool, or NULL (no-op).
 * @return
 *   0, or -EBUSY if an NB is still outstanding (the pool is kept).
 */
int nbl_buf_pool_free(struct nbl_buf_pool *pool);

/**
 * Read the counters of an NBL pool.
 *
 * @param pool
 *   The pool.
 * @param st
 *   Filled in.
 * @return
 *   0, or -EINVAL if an argument is NULL.
 */
int nbl_list_pool_stats_get(const struct nbl_list_pool *pool,
			    struct nbl_pool_stats *st);

/**
 * Read the counters of an NB pool.
 *
 * @param pool
 *   The pool.
 * @param st
 *   Filled in.
 * @return
 *   0, or -EINVAL if an argument is NULL.
 */
int nbl_buf_pool_stats_get(const struct nbl_buf_pool *pool,
			   struct nbl_pool_stats *st);

/**
 * Check every pool of the process, the MDLs the library allocated and the
 * overflow context blocks: print one line per pool that is not full again
 * (outstanding objects, or a mempool that misses objects).
 *
 * @param f
 *   Where to print the report; NULL prints nothing.
 * @return
 *   The number of objects missing (0 means nothing leaked).
 */
uint64_t nbl_leak_check(FILE *f);

/* ------------------------------------------------------------------ */
/* MDLs                                                                */
/* ------------------------------------------------------------------ */

/**
 * Describe caller memory with an MDL (NdisAllocateMdl).  The memory stays
 * the caller's; freeing the MDL never frees it.
 *
 * @param va
 *   First byte.
 * @param len
 *   Bytes (> 0).
 * @return
 *   The MDL, or NULL with rte_errno EINVAL or ENOMEM.
 */
struct nbl_mdl *nbl_mdl_create(void *va, uint32_t len);

/**
 * Free an MDL made by nbl_mdl_create() (NdisFreeMdl).
 *
 * @param mdl
 *   The MDL, or NULL (no-op).
 */
void nbl_mdl_free(struct nbl_mdl *mdl);

/**
 * Bytes of an MDL chain.
 *
 * @param mdl
 *   First MDL, or NULL.
 * @return
 *   Sum of the lengths.
 */
uint64_t nbl_mdl_chain_len(const struct nbl_mdl *mdl);

/* ------------------------------------------------------------------ */
/* Allocation                                                          */
/* ------------------------------------------------------------------ */

/**
 * Allocate an NBL (NdisAllocateNetBufferList).  Works with every pool
 * shape; it carries what the pool's shape gives it.
 *
 * @param pool
 *   NBL pool.
 * @param ctx_size
 *   Context bytes used (multiple of NBL_MAA).
 * @param ctx_backfill
 *   Unused context bytes wanted in front of them (multiple of NBL_MAA).
 * @return
 *   The NBL in its initial state, or NULL with rte_errno EINVAL (sizes)
 *   or ENOBUFS (pool or overflow context pool exhausted).
 */
struct nbl_list *nbl_list_alloc(struct nbl_list_pool *pool,
				uint16_t ctx_size, uint16_t ctx_backfill);

/**
 * Allocate an NBL and its NB in one step (NdisAllocateNetBufferAndNetBuffer
 * List); the pool must be (T,0).
 *
 * @param pool
 *   NBL pool of shape (T,0).
 * @param ctx_size
 *   Context bytes used (multiple of NBL_MAA).
 * @param ctx_backfill
 *   Unused context bytes in front (multiple of NBL_MAA).
 * @param chain
 *   Caller MDL chain, or NULL (then offset and length must be 0).
 * @param data_offset
 *   DataOffset: the initial back-fill.
 * @param data_length
 *   DataLength; offset + length must fit in the chain.
 * @return
 *   The NBL, or NULL with rte_errno ENOTSUP (pool shape), EINVAL
 *   (sizes, offset or length) or ENOBUFS.
 */
struct nbl_list *nbl_list_alloc_with_buf(struct nbl_list_pool *pool,
					 uint16_t ctx_size,
					 uint16_t ctx_backfill,
					 struct nbl_mdl *chain,
					 uint32_t data_offset,
					 uint32_t data_length);

/**
 * Free an NBL and everything preallocated with it (NdisFreeNetBufferList).
 * NBs from nbl_buf_alloc() are not freed.  Pushed context blocks and
 * NDIS-allocated MDLs left over are a misuse: a debug build aborts; a
 * release build counts it as refused, logs and frees them.
 *
 * @param nbl
 *   NBL from nbl_list_alloc() or nbl_list_alloc_with_buf(), or NULL.
 * @return
 *   0, or -EINVAL if it is a derived NBL (refused, nothing freed).
 */
int nbl_list_free(struct nbl_list *nbl);

/**
 * Allocate an NB from a pool whose DataSize is 0 (NdisAllocateNetBuffer).
 *
 * @param pool
 *   NB pool.
 * @param chain
 *   Caller MDL chain or NULL (then offset and length must be 0).
 * @param data_offset
 *   DataOffset.
 * @param data_length
 *   DataLength.
 * @return
 *   The NB (unlinked), or NULL with rte_errno ENOTSUP (pool has data),
 *   EINVAL or ENOBUFS.
 */
struct nbl_buf *nbl_buf_alloc(struct nbl_buf_pool *pool, struct nbl_mdl *chain,
			      uint32_t data_offset, uint32_t data_length);

/**
 * Allocate an NB with its MDL and data from a pool whose DataSize is above
 * 0 (NdisAllocateNetBufferMdlAndData).  Offset 0, length DataSize.
 *
 * @param pool
 *   NB pool with data.
 * @return
 *   The NB, or NULL with rte_errno ENOTSUP (pool has no data) or ENOBUFS.
 */
struct nbl_buf *nbl_buf_alloc_data(struct nbl_buf_pool *pool);

/**
 * Free an NB from nbl_buf_alloc() or nbl_buf_alloc_data()
 * (NdisFreeNetBuffer).  Unlink it from its NBL first.
 *
 * @param nb
 *   The NB, or NULL.
 * @return
 *   0, or -EINVAL for an embedded NB (refused).
 */
int nbl_buf_free(struct nbl_buf *nb);

/* ------------------------------------------------------------------ */
/* Retreat and advance                                                 */
/* ------------------------------------------------------------------ */

/** @internal slow path of nbl_buf_retreat(). */
int nbl_buf_retreat_slow(struct nbl_buf *nb, uint32_t delta,
			 uint32_t backfill, nbl_mdl_alloc_fn alloc);
/** @internal slow path of nbl_buf_advance(). */
int nbl_buf_advance_slow(struct nbl_buf *nb, uint32_t delta, bool free_mdl,
			 nbl_mdl_free_fn free_fn);

/**
 * Move the data start back by delta bytes (NdisRetreatNetBufferDataStart).
 * Uses the back-fill when delta <= DataOffset; otherwise allocates an MDL
 * of delta + backfill bytes (through alloc, or the library's allocator when
 * NULL) and links it at the head (rule A: DataOffset = backfill + old
 * DataOffset).  Writes no data.
 *
 * @param nb
 *   The NB.
 * @param delta
 *   Bytes.
 * @param backfill
 *   Extra bytes to allocate in front when allocating.
 * @param alloc
 *   Allocator or NULL.
 * @return
 *   0, -ENOMEM (allocation failed, NB unchanged) or -EINVAL.
 */
static inline int
nbl_buf_retreat(struct nbl_buf *nb, uint32_t delta, uint32_t backfill,
		nbl_mdl_alloc_fn alloc)
{
	if (likely(delta <= nb->cur_off && !(nb->flags & NBL_BUF_F_NO_BACKFILL))) {
		nb->data_offset -= delta;
		nb->data_length += delta;
		nb->cur_off -= delta;
		return 0;
	}
	return nbl_buf_retreat_slow(nb, delta, backfill, alloc);
}

/**
 * Move the data start forward by delta bytes (NdisAdvanceNetBufferDataStart).
 * With free_mdl, NDIS-allocated MDLs at the head that become wholly unused
 * are unlinked and freed (by free_fn, which must pair with the allocator:
 * NULL with NULL); caller MDLs are never freed.
 *
 * @param nb
 *   The NB.
 * @param delta
 *   Bytes, at most DataLength.
 * @param free_mdl
 *   Free wholly unused NDIS-allocated head MDLs.
 * @param free_fn
 *   Free handler or NULL.
 * @return
 *   0, or -EINVAL (delta > DataLength or a handler mismatch: refused and
 *   counted, NB unchanged; a debug build aborts).
 */
static inline int
nbl_buf_advance(struct nbl_buf *nb, uint32_t delta, bool free_mdl,
		nbl_mdl_free_fn free_fn)
{
	if (likely(nb->cur == nb->chain && nb->cur != NULL &&
		   delta <= nb->data_length &&
		   nb->cur_off + delta < nb->cur->len)) {
		nb->data_offset += delta;
		nb->data_length -= delta;
		nb->cur_off += delta;
		return 0;
	}
	return nbl_buf_advance_slow(nb, delta, free_mdl, free_fn);
}

/**
 * Retreat every NB of an NBL (NdisRetreatNetBufferListDataStart),
 * all-or-nothing: on failure the NBs already retreated are advanced back
 * (their allocations freed through free_fn) and the error is returned.
 *
 * @param nbl
 *   The NBL.
 * @param delta
 *   Bytes.
 * @param backfill
 *   Extra bytes when allocating.
 * @param alloc
 *   Allocator or NULL.
 * @param free_fn
 *   Its counterpart, used to roll back; it must pair with alloc (NULL with
 *   NULL).
 * @return
 *   0, -ENOMEM, or -EINVAL (unpaired handlers: refused and counted);
 *   nothing changed on error.
 */
int nbl_list_retreat(struct nbl_list *nbl, uint32_t delta, uint32_t backfill,
		     nbl_mdl_alloc_fn alloc, nbl_mdl_free_fn free_fn);

/**
 * Advance every NB of an NBL (NdisAdvanceNetBufferListDataStart).
 * All-or-nothing: refused (-EINVAL, nothing changed) if delta exceeds the
 * DataLength of any NB.
 *
 * @param nbl
 *   The NBL.
 * @param delta
 *   Bytes.
 * @param free_mdl
 *   As for nbl_buf_advance().
 * @param free_fn
 *   As for nbl_buf_advance().
 * @return
 *   0 or -EINVAL.
 */
int nbl_list_advance(struct nbl_list *nbl, uint32_t delta, bool free_mdl,
		     nbl_mdl_free_fn free_fn);

/**
 * Recompute CurrentMdl and CurrentMdlOffset from DataOffset
 * (NdisAdjustNetBufferCurrentMdl).  Call it after changing the fields by
 * hand.
 *
 * @param nb
 *   The NB.
 * @return
 *   0, or -EINVAL if DataOffset + DataLength exceeds the chain.
 */
int nbl_buf_adjust_cur(struct nbl_buf *nb);

/**
 * Default retreat allocator (the one used when none is given): an MDL and
 * *size bytes of DMA-able memory in one rte_malloc block.
 *
 * @param size
 *   In: bytes wanted; out: bytes given.
 * @return
 *   The MDL, flagged NDIS-allocated, or NULL.
 */
struct nbl_mdl *nbl_mdl_default_alloc(uint32_t *size);

/**
 * Counterpart of nbl_mdl_default_alloc().
 *
 * @param mdl
 *   MDL from nbl_mdl_default_alloc().
 */
void nbl_mdl_default_free(struct nbl_mdl *mdl);

/* ------------------------------------------------------------------ */
/* Data access                                                         */
/* ------------------------------------------------------------------ */

/**
 * Get a contiguous view of the first bytes of an NB (NdisGetDataBuffer).
 *
 * @param nb
 *   The NB (never changed).
 * @param bytes
 *   Bytes needed.
 * @param storage
 *   Caller buffer of at least bytes, or NULL.
 * @param align_multiple
 *   Power of two (1: any address).
 * @param align_offset
 *   Wanted address % align_multiple.
 * @return
 *   A pointer into the frame when the bytes are contiguous in CurrentMdl
 *   and aligned; else storage filled with a copy; else NULL.  NULL
 *   whenever DataLength < bytes.
 */
void *nbl_buf_data_get(const struct nbl_buf *nb, uint32_t bytes,
		       void *storage, uint32_t align_multiple,
		       uint32_t align_offset);

/**
 * Copy bytes of an NB's data (any MDL layout) into a buffer.
 *
 * @param nb
 *   The NB.
 * @param off
 *   Offset from the data start.
 * @param len
 *   Bytes.
 * @param dst
 *   Destination.
 * @return
 *   0, or -EINVAL if off + len exceeds DataLength.
 */
int nbl_buf_copy_out(const struct nbl_buf *nb, uint32_t off, uint32_t len,
		     void *dst);

/**
 * Copy bytes into an NB's data (any MDL layout), e.g. a header written
 * after a retreat.
 *
 * @param nb
 *   The NB.
 * @param off
 *   Offset from the data start.
 * @param src
 *   Source.
 * @param len
 *   Bytes.
 * @return
 *   0, or -EINVAL if off + len exceeds DataLength.
 */
int nbl_buf_copy_in(struct nbl_buf *nb, uint32_t off, const void *src,
		    uint32_t len);

/* ------------------------------------------------------------------ */
/* Context                                                             */
/* ------------------------------------------------------------------ */

/**
 * Reserve context bytes (NdisAllocateNetBufferListContext): take them from
 * the top block's unused front when it has room, else push a new block of
 * size + backfill bytes from the pool's overflow context pool.
 *
 * @param nbl
 *   The NBL.
 * @param size
 *   Bytes, a multiple of sizeof(void *).
 * @param backfill
 *   Unused bytes in front of a pushed block (multiple of sizeof(void *)).
 * @param tag
 *   Pool tag of the caller.
 * @return
 *   0, -EINVAL (size not a multiple, NBL without context) or -ENOBUFS
 *   (no overflow block); nothing changed on error.
 */
int nbl_list_ctx_push(struct nbl_list *nbl, uint16_t size, uint16_t backfill,
		      uint32_t tag);

/**
 * Release context bytes (NdisFreeNetBufferListContext), strictly LIFO.  A
 * pushed block that becomes wholly unused is freed.
 *
 * @param nbl
 *   The NBL.
 * @param size
 *   Bytes given to the matching nbl_list_ctx_push().
 * @return
 *   0, or -EINVAL when it would release more than was pushed (refused and
 *   counted, nothing changed; a debug build aborts).
 */
int nbl_list_ctx_pop(struct nbl_list *nbl, uint16_t size);

/**
 * First used context byte (NET_BUFFER_LIST_CONTEXT_DATA_START).
 * @param nbl The NBL.
 * @return Pointer, or NULL for an NBL without context.
 */
static inline uint8_t *
nbl_list_ctx_data(const struct nbl_list *nbl)
{
	return nbl->context == NULL ? NULL :
		nbl->context->data + nbl->context->offset;
}

/**
 * Used context bytes of the top block (NET_BUFFER_LIST_CONTEXT_DATA_SIZE).
 * @param nbl The NBL.
 * @return Bytes.
 */
static inline uint16_t
nbl_list_ctx_size(const struct nbl_list *nbl)
{
	return nbl->context == NULL ? 0 :
		(uint16_t)(nbl->context->size - nbl->context->offset);
}

/**
 * Reference to an out-of-band info slot (NET_BUFFER_LIST_INFO), usable as
 * an lvalue.  Marks the NBL's info as written.
 * @param nbl The NBL.
 * @param id The slot (enum nbl_info_id).
 * @return Pointer to the slot.
 */
static inline void **
nbl_list_info_ref(struct nbl_list *nbl, unsigned int id)
{
	nbl->info_dirty = 1;
	return &nbl->info[id];
}

/* ------------------------------------------------------------------ */
/* Out-of-band info values (the NDIS *_NET_BUFFER_LIST_INFO unions)    */
/* ------------------------------------------------------------------ */

/*
 * NBL_INFO_TCPIP_CHECKSUM (NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO,
 * Transmit view): IsIPv4:1 IsIPv6:1 TcpChecksum:1 UdpChecksum:1
 * IpHeaderChecksum:1 Reserved:11 TcpHeaderOffset:10.
 */
#define NBL_CSUM_TX_IPV4        (1u << 0) /**< IsIPv4 */
#define NBL_CSUM_TX_IPV6        (1u << 1) /**< IsIPv6 */
#define NBL_CSUM_TX_TCP         (1u << 2) /**< TcpChecksum */
#define NBL_CSUM_TX_UDP         (1u << 3) /**< UdpChecksum */
#define NBL_CSUM_TX_IP          (1u << 4) /**< IpHeaderChecksum */
#define NBL_CSUM_TX_TCP_OFF_SHIFT 16      /**< TcpHeaderOffset position */
#define NBL_CSUM_TX_TCP_OFF_MASK  0x3ffu  /**< TcpHeaderOffset width */

/**
 * Build a TcpIpChecksum info value.
 * @param flags NBL_CSUM_TX_* bits.
 * @param tcp_off TcpHeaderOffset (bytes from the frame start), 0 if none.
 * @return The value to store with nbl_list_info_ref().
 */
static inline void *
nbl_csum_info(uint32_t flags, uint32_t tcp_off)
{
	return (void *)(uintptr_t)(flags |
		((tcp_off & NBL_CSUM_TX_TCP_OFF_MASK) <<
		 NBL_CSUM_TX_TCP_OFF_SHIFT));
}

/*
 * NBL_INFO_TCP_LARGE_SEND (NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO,
 * LSOv2 Transmit view): MSS:20 TcpHeaderOffset:10 Reserved:1 Type:1
 * IPVersion:2.  Type 1 is LSOv2; IPVersion 0 is IPv4, 1 is IPv6.
 */
#define NBL_LSO_MSS_MASK        0xfffffu     /**< MSS width */
#define NBL_LSO_TCP_OFF_SHIFT   20           /**< TcpHeaderOffset position */
#define NBL_LSO_TCP_OFF_MASK    0x3ffu       /**< TcpHeaderOffset width */
#define NBL_LSO_TYPE_V2         (1ull << 31) /**< Type: LSOv2 */
#define NBL_LSO_IPV6            (1ull << 32) /**< IPVersion: IPv6 */

/**
 * Build an LSOv2 info value.
 * @param mss Maximum TCP payload per segment (> 0).
 * @param tcp_off TcpHeaderOffset: bytes from the frame start to TCP.
 * @param ipv6 IPv6 frame (else IPv4).
 * @return The value to store with nbl_list_info_ref().
 */
static inline void *
nbl_lso_info(uint32_t mss, uint32_t tcp_off, bool ipv6)
{
	uint64_t v = (mss & NBL_LSO_MSS_MASK) |
		((uint64_t)(tcp_off & NBL_LSO_TCP_OFF_MASK) <<
		 NBL_LSO_TCP_OFF_SHIFT) | NBL_LSO_TYPE_V2;

	if (ipv6)
		v |= NBL_LSO_IPV6;
	return (void *)(uintptr_t)v;
}

/*
 * NBL_INFO_IEEE8021Q (NDIS_NET_BUFFER_LIST_8021Q_INFO.TagHeader):
 * UserPriority:3 CanonicalFormatId:1 VlanId:12.  Not the wire TCI layout:
 * convert with nbl_8021q_to_tci().
 */
#define NBL_8021Q_PRIO_MASK  0x7u    /**< UserPriority (bits 0-2) */
#define NBL_8021Q_CFI_SHIFT  3       /**< CanonicalFormatId (bit 3) */
#define NBL_8021Q_VLAN_SHIFT 4       /**< VlanId (bits 4-15) */
#define NBL_8021Q_VLAN_MASK  0xfffu  /**< VlanId width */

/**
 * Build an Ieee8021Q info value.
 * @param prio UserPriority (0-7).
 * @param cfi CanonicalFormatId (0 or 1).
 * @param vlan VlanId (0-4095).
 * @return The value to store with nbl_list_info_ref().
 */
static inline void *
nbl_8021q_info(uint8_t prio, uint8_t cfi, uint16_t vlan)
{
	return (void *)(uintptr_t)((prio & NBL_8021Q_PRIO_MASK) |
		((uint32_t)(cfi & 1) << NBL_8021Q_CFI_SHIFT) |
		((uint32_t)(vlan & NBL_8021Q_VLAN_MASK) <<
		 NBL_8021Q_VLAN_SHIFT));
}

/**
 * Wire TCI (PCP:3 DEI:1 VID:12, host order) of an Ieee8021Q info value.
 * @param info The info value.
 * @return The TCI.
 */
static inline uint16_t
nbl_8021q_to_tci(const void *info)
{
	uintptr_t v = (uintptr_t)info;

	return (uint16_t)(((v & NBL_8021Q_PRIO_MASK) << 13) |
		(((v >> NBL_8021Q_CFI_SHIFT) & 1) << 12) |
		((v >> NBL_8021Q_VLAN_SHIFT) & NBL_8021Q_VLAN_MASK));
}

/* ------------------------------------------------------------------ */
/* Derived NBLs                                                        */
/* ------------------------------------------------------------------ */

/** Share the original MDL memory (NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS). */
#define NBL_CLONE_F_USE_ORIGINAL_MDLS 0x1

/**
 * Clone an NBL (NdisAllocateCloneNetBufferList): one NB per original NB,
 * covering its used data only (no back-fill), over the same memory, with
 * no context and zeroed info.  The caller sets parent and child count.
 *
 * @param orig
 *   The NBL to clone.
 * @param nbl_pool
 *   Pool of the clone, or NULL for the library's internal pool.
 * @param nb_pool
 *   Pool (DataSize 0) of the clone's NBs, or NULL for the internal one.
 * @param flags
 *   NBL_CLONE_F_*.
 * @return
 *   The clone, or NULL with rte_errno EINVAL, ENOTSUP or ENOBUFS.
 */
struct nbl_list *nbl_list_clone(struct nbl_list *orig,
				struct nbl_list_pool *nbl_pool,
				struct nbl_buf_pool *nb_pool, uint32_t flags);

/**
 * Free a clone (NdisFreeCloneNetBufferList).
 *
 * @param clone
 *   The clone.
 * @param flags
 *   The flags given to nbl_list_clone().
 * @return
 *   0, or -EINVAL for a flag mismatch or an NBL that is not a clone
 *   (refused and counted; a debug build aborts).
 */
int nbl_list_clone_free(struct nbl_list *clone, uint32_t flags);

/**
 * Fragment an NBL (NdisAllocateFragmentNetBufferList).  For each source NB:
 * skip start_offset used bytes, cut the rest into pieces of at most
 * max_len bytes, and make each piece an NB retreated by delta (allocating
 * delta + backfill bytes).
 *
 * @param orig
 *   Source NBL (unchanged).
 * @param nbl_pool
 *   Pool of the fragment NBL or NULL.
 * @param nb_pool
 *   Pool (DataSize 0) of its NBs or NULL.
 * @param start_offset
 *   Bytes to skip in every source NB.
 * @param max_len
 *   Largest piece (> 0).
 * @param delta
 *   Header room of every piece.
 * @param backfill
 *   Extra bytes in front.
 * @return
 *   The fragment NBL, or NULL with rte_errno EINVAL (start_offset beyond an
 *   NB, max_len 0) or ENOBUFS/ENOMEM.
 */
struct nbl_list *nbl_list_fragment(struct nbl_list *orig,
				   struct nbl_list_pool *nbl_pool,
				   struct nbl_buf_pool *nb_pool,
				   uint32_t start_offset, uint32_t max_len,
				   uint32_t delta, uint32_t backfill);

/**
 * Free a fragment NBL (NdisFreeFragmentNetBufferList); advances by delta
 * first.
 *
 * @param frag
 *   The fragment NBL.
 * @param delta
 *   The delta given at allocation.
 * @return
 *   0, or -EINVAL (not a fragment NBL, or another delta: refused).
 */
int nbl_list_fragment_free(struct nbl_list *frag, uint32_t delta);

/**
 * Reassemble an NBL (NdisAllocateReassembledNetBufferList): one NB made of
 * each source NB's used data minus its first start_offset bytes,
 * concatenated (no copy), then retreated by delta.
 *
 * @param frag
 *   Source NBL.
 * @param pool
 *   (T,0) pool or NULL.
 * @param start_offset
 *   Bytes skipped in each source NB.
 * @param delta
 *   Header room.
 * @param backfill
 *   Extra bytes in front.
 * @return
 *   The NBL, or NULL with rte_errno EINVAL, ENOTSUP or ENOBUFS/ENOMEM.
 */
struct nbl_list *nbl_list_reassemble(struct nbl_list *frag,
				     struct nbl_list_pool *pool,
				     uint32_t start_offset, uint32_t delta,
				     uint32_t backfill);

/**
 * Free a reassembled NBL (NdisFreeReassembledNetBufferList).
 *
 * @param nbl
 *   The reassembled NBL.
 * @param delta
 *   The delta given at allocation.
 * @return
 *   0, or -EINVAL (refused).
 */
int nbl_list_reassemble_free(struct nbl_list *nbl, uint32_t delta);

/**
 * Release the library's internal pools (those used for NULL pool handles)
 * when they are empty.  Call before the final leak check.
 *
 * @return
 *   0, or -EBUSY if one still has objects out (kept).
 */
int nbl_internal_pools_release(void);

/* ------------------------------------------------------------------ */
/* Hot path: bulk allocation, free and hand-off (static inline)        */
/* ------------------------------------------------------------------ */

/** @internal mempool object of an NBL (the mbuf for (T,N) pools). */
static inline void *
nbl_list_obj(const struct nbl_list_pool *pool, struct nbl_list *nbl)
{
	return RTE_PTR_SUB(nbl, pool->elt_off);
}

/** @internal NBL of a mempool object. */
static inline struct nbl_list *
nbl_list_of_obj(const struct nbl_list_pool *pool, void *obj)
{
	return (struct nbl_list *)RTE_PTR_ADD(obj, pool->elt_off);
}

/** @internal embedded NB of an NBL from a pool with alloc_nb. */
static inline struct nbl_buf *
nbl_list_embedded_nb(struct nbl_list *nbl)
{
	return (struct nbl_buf *)(nbl + 1);
}

/** @internal embedded MDL of a (T,N) NBL. */
static inline struct nbl_mdl *
nbl_list_embedded_mdl(struct nbl_list *nbl)
{
	return (struct nbl_mdl *)(nbl_list_embedded_nb(nbl) + 1);
}

/**
 * @internal Put an NBL taken from the mempool into its initial state.
 * ctx_size + ctx_backfill must fit the preallocated context.
 */
static inline void
nbl_list_reset(const struct nbl_list_pool *pool, struct nbl_list *nbl,
	       uint16_t ctx_size)
{
	/* One cache line of the NBL and one of its NB are written; the
	 * context and the info slots only when they were touched. */
	nbl->next = NULL;
	nbl->parent = NULL;
	nbl->source_handle = NULL;
	nbl->scratch = NULL;
	nbl->status = NBL_STATUS_SUCCESS;
	nbl->child_refcnt = 0;
	nbl->nbl_flags = 0;
	nbl->flags = 0;
	if (unlikely(nbl->ctx_dirty || nbl->ctx_used0 != ctx_size)) {
		nbl->context = nbl->ctx0;
		nbl->ctx0->offset = (uint16_t)(pool->ctx_size - ctx_size);
		nbl->ctx_used0 = ctx_size;
		nbl->ctx_dirty = 0;
	}
	if (unlikely(nbl->info_dirty)) {
		memset(nbl->info, 0, sizeof(nbl->info));
		nbl->info[NBL_INFO_FRAME_TYPE] =
			(void *)(uintptr_t)pool->protocol_id;
		nbl->info_dirty = 0;
	}
	if (pool->alloc_nb) {
		struct nbl_buf *nb = nbl_list_embedded_nb(nbl);

		nbl->first_nb = nb;
		nb->next = NULL;
		nb->checksum_bias = 0;
		nb->scratch = NULL;
		if (pool->data_size != 0) {
			nb->chain = nb->cur = nbl_list_embedded_mdl(nbl);
			nb->data_offset = nb->cur_off = pool->init_offset;
			nb->data_length = pool->init_length;
		} else {
			nb->chain = nb->cur = NULL;
			nb->data_offset = nb->cur_off = 0;
			nb->data_length = 0;
		}
	} else {
		nbl->first_nb = NULL;
	}
}

/**
 * Allocate n NBLs at once (bulk nbl_list_alloc()), all-or-nothing.  The
 * context request must fit the pool's preallocated context.
 *
 * @param pool
 *   NBL pool.
 * @param nbls
 *   Array of n entries, filled in on success.
 * @param n
 *   Number of NBLs.
 * @param ctx_size
 *   Context bytes used (multiple of NBL_MAA).
 * @param ctx_backfill
 *   Unused context bytes in front (multiple of NBL_MAA); ctx_size +
 *   ctx_backfill must not exceed the pool's context_size.
 * @return
 *   0, -EINVAL (context request) or -ENOBUFS (not enough objects; nothing
 *   allocated).
 */
static inline int
nbl_list_alloc_bulk(struct nbl_list_pool *pool, struct nbl_list **nbls,
		    unsigned int n, uint16_t ctx_size, uint16_t ctx_backfill)
{
	struct nbl_pool_lcore_stats *st = nbl_stats_slot(pool->stats);
	unsigned int i;

	if (unlikely((uint32_t)ctx_size + ctx_backfill > pool->ctx_size ||
		     ((ctx_size | ctx_backfill) & (NBL_MAA - 1)) != 0))
		return -EINVAL;
	if (unlikely(rte_mempool_get_bulk(pool->mp, (void **)nbls, n) != 0)) {
		st->fails += n;
		return -ENOBUFS;
	}
	/* The objects' lines are rarely in L1: ask for all of them first. */
	for (i = 0; i < n; i++) {
		nbls[i] = nbl_list_of_obj(pool, nbls[i]);
	}
	for (i = 0; i < n; i++)
		nbl_list_reset(pool, nbls[i], ctx_size);
	st->allocs += n;
	return 0;
}

/** @internal slow, checking free of one NBL (leftovers, misuse). */
int nbl_list_free_checked(struct nbl_list *nbl);

/**
 * Free n NBLs of one pool at once (bulk nbl_list_free()).  NBLs that still
 * carry pushed context or NDIS-allocated MDLs take the checking path.
 *
 * @param pool
 *   The pool all of them come from.
 * @param nbls
 *   The NBLs (the array is overwritten).
 * @param n
 *   Number of NBLs.
 */
static inline void
nbl_list_free_bulk(struct nbl_list_pool *pool, struct nbl_list **nbls,
		   unsigned int n)
{
	struct nbl_pool_lcore_stats *st = nbl_stats_slot(pool->stats);
	void **objs = (void **)nbls;
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		struct nbl_list *nbl = nbls[i];

#ifdef NBL_DEBUG
		RTE_VERIFY(nbl->pool == pool);
#endif
		if (unlikely((nbl->ctx_pushed | nbl->ctx_base) != 0 ||
			     nbl->kind != NBL_KIND_PLAIN ||
			     (pool->alloc_nb &&
			      nbl_list_embedded_nb(nbl)->ndis_mdls != 0))) {
			nbl_list_free_checked(nbl);
			continue;
		}
		objs[k++] = nbl_list_obj(pool, nbl);
	}
	rte_mempool_put_bulk(pool->mp, objs, k);
	st->frees += k;
}

/**
 * Prepare the mbuf of a (T,N) NBL's single NB for a PMD: data_off,
 * data_len and pkt_len from the NB, ol_flags cleared (set offload flags
 * after this call).  The NB must still use its embedded MDL alone.  While
 * its owner holds an NBL, the mbuf is in the free state (refcnt 1, one
 * segment, next NULL).
 *
 * @param nbl
 *   NBL from a (T,N) pool.
 * @return
 *   Its mbuf.
 */
static inline struct rte_mbuf *
nbl_list_to_mbuf(struct nbl_list *nbl)
{
	/* A (T,N) NBL starts the mbuf's private area: no load of nbl->mbuf
	 * (a cache line the hot path does not touch otherwise). */
	struct rte_mbuf *m = (struct rte_mbuf *)RTE_PTR_SUB(nbl,
						sizeof(struct rte_mbuf));
	const struct nbl_buf *nb = nbl_list_embedded_nb(nbl);

	const uint16_t off = (uint16_t)nb->data_offset;
	const uint32_t len = nb->data_length;

	/* A sender mostly reuses one layout: store only what changed (every
	 * store of a burst counts on the hot path). */
	if (unlikely(m->data_off != off))
		m->data_off = off;
	if (unlikely(m->pkt_len != len || m->data_len != (uint16_t)len)) {
		m->data_len = (uint16_t)len;
		m->pkt_len = len;
	}
	if (unlikely(m->ol_flags != 0))
		m->ol_flags = 0;
	return m;
}

/**
 * Take n NBLs of a (T,N) pool straight as mbufs for a PMD, all-or-nothing,
 * without giving them to a caller: the template burst of a fire-and-forget
 * sender.  The NBLs are not reset (nobody sees them): each mbuf carries
 * the frame its buffer holds (the template written once by the pool's
 * obj_init) at the pool's initial DataOffset, len bytes long.  They count
 * as allocated: hand them to the PMD and count them with
 * nbl_list_pool_handoff(), and give back the ones it refused with
 * nbl_list_pool_mbufs_put().
 *
 * @param pool
 *   A (T,N) pool.
 * @param m
 *   Array of n entries, filled in.
 * @param n
 *   Number of mbufs.
 * @param len
 *   Frame length; init_offset + len must not exceed DataSize.
 * @return
 *   0, or -ENOBUFS (not enough objects: nothing taken).
 */
static inline int
nbl_list_pool_mbufs_get(struct nbl_list_pool *pool, struct rte_mbuf **m,
			unsigned int n, uint16_t len)
{
	struct nbl_pool_lcore_stats *st = nbl_stats_slot(pool->stats);
	const uint16_t off = (uint16_t)pool->init_offset;
	unsigned int i;

#ifdef NBL_DEBUG
	RTE_VERIFY(pool->data_size != 0 &&
		   (uint32_t)off + len <= pool->data_size);
#endif
	if (unlikely(rte_mempool_get_bulk(pool->mp, (void **)m, n) != 0)) {
		st->fails += n;
		return -ENOBUFS;
	}
	for (i = 0; i < n; i++) {
		m[i]->data_off = off;
		m[i]->data_len = len;
		m[i]->pkt_len = len;
		m[i]->ol_flags = 0;
	}
	st->allocs += n;
	return 0;
}

/**
 * Give back mbufs from nbl_list_pool_mbufs_get() that no PMD took.
 *
 * @param pool
 *   Their pool.
 * @param m
 *   The mbufs.
 * @param n
 *   How many.
 */
static inline void
nbl_list_pool_mbufs_put(struct nbl_list_pool *pool, struct rte_mbuf **m,
			unsigned int n)
{
	rte_mempool_put_bulk(pool->mp, (void **)m, n);
	nbl_stats_slot(pool->stats)->frees += n;
}

/**
 * NBL of an mbuf taken from a (T,N) pool.
 *
 * @param m
 *   The mbuf.
 * @return
 *   Its NBL.
 */
static inline struct nbl_list *
nbl_list_from_mbuf(struct rte_mbuf *m)
{
	return (struct nbl_list *)rte_mbuf_to_priv(m);
}

/**
 * Account n NBLs of a (T,N) pool as handed to a PMD that will free their
 * mbufs straight into the pool (fire-and-forget sending).  After this the
 * caller owns them no more.
 *
 * @param pool
 *   Their pool.
 * @param n
 *   Number of NBLs.
 */
static inline void
nbl_list_pool_handoff(struct nbl_list_pool *pool, unsigned int n)
{
	nbl_stats_slot(pool->stats)->handoffs += n;
}

#ifdef __cplusplus
}
#endif

#endif /* NBL_H */
