/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef NBL_NDIS_H
#define NBL_NDIS_H

/**
 * @file
 * NDIS 6 compatibility layer of libnbl.
 *
 * A protocol's send-path and buffer code written against the NDIS
 * NET_BUFFER_LIST / NET_BUFFER API compiles with only
 * @code #include <ndis.h> @endcode
 * (libnbl.pc puts the folder of this header on the include path) and
 * behaves as the rule book (docs: ndis-semantics.md, sections 0 to 6)
 * says.  Every name is a thin layer over the native API of nbl.h: the
 * NDIS types are the native structs, the functions are exported wrappers
 * and the accessor macros name the native fields.
 *
 * What differs from the WDK's ndis.h
 * - The structs are the native ones, so reach their fields through the
 *   accessor macros below (NET_BUFFER_DATA_LENGTH(nb), ...), never by
 *   their WDK member names (nb->DataLength does not compile).  The macros
 *   are lvalues where the WDK's are.  ParentNetBufferList, ChildRefCount
 *   and SourceHandle, which the WDK leaves to direct member access, have
 *   the macros NET_BUFFER_LIST_PARENT, NET_BUFFER_LIST_CHILD_REF_COUNT and
 *   NET_BUFFER_LIST_SOURCE_HANDLE (nblgen additions).
 * - ULONG is 32 bits and NDIS_STATUS an int, as on Windows (LLP64).
 * - Handles (NDIS_HANDLE) are plain pointers: an NBL pool handle is a
 *   struct nbl_list_pool *, an NB pool handle a struct nbl_buf_pool *.
 *   The driver handle passed to NdisAllocateNetBufferListPool,
 *   NdisAllocateNetBufferPool and NdisAllocateMdl is accepted and ignored
 *   (it may be NULL).
 * - Pool sizing.  NDIS pools grow on demand; ours are fixed rte_mempools.
 *   The NDIS pool allocators create pools with the library defaults:
 *   4095 objects (count 0 in nbl_list_pool_params / nbl_buf_pool_params),
 *   no per-lcore cache, any NUMA socket, and for NBL pools 64 overflow
 *   context blocks of 256 bytes.  When a pool runs out, allocation fails
 *   (NULL, rte_errno ENOBUFS) as an NDIS allocation fails under low
 *   resources.  A program that needs another size, a cache or a socket
 *   creates the pool with nbl_list_pool_create() or nbl_buf_pool_create()
 *   and passes the returned pointer wherever NDIS takes a pool handle.
 * - Functions that NDIS declares VOID refuse misuse instead of corrupting
 *   state: they change nothing, count the refusal in the pool's
 *   statistics and log it (a -Dnbl_debug=true build aborts instead).
 * - Functions that return a pointer return NULL on failure and leave the
 *   reason in rte_errno (EINVAL, ENOTSUP, ENOBUFS, ENOMEM), which NDIS
 *   does not report; functions that return NDIS_STATUS map the native
 *   error: -ENOMEM and -ENOBUFS give NDIS_STATUS_RESOURCES, anything else
 *   NDIS_STATUS_FAILURE.
 * - An MDL here is one virtually contiguous range (struct nbl_mdl) with
 *   no page list; MmGetSystemAddressForMdlSafe() is its address.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nbl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Basic types (Windows LLP64 sizes)                                   */
/* ------------------------------------------------------------------ */

#ifndef VOID
#define VOID void
#endif
typedef char CHAR, *PCHAR;
typedef uint8_t UCHAR, *PUCHAR;
typedef uint16_t USHORT, *PUSHORT;
typedef int32_t LONG, *PLONG;
typedef uint32_t ULONG, *PULONG;
typedef int INT, *PINT;
typedef unsigned int UINT, *PUINT;
typedef uint64_t ULONG64, *PULONG64;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef intptr_t LONG_PTR, *PLONG_PTR;
typedef size_t SIZE_T, *PSIZE_T;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef void *PVOID;
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/** Opaque handle: a pool, or a driver handle (ignored). */
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
/** Completion status: NDIS_STATUS_* (stored in NET_BUFFER_LIST_STATUS). */
typedef int NDIS_STATUS, *PNDIS_STATUS;

#define NDIS_STATUS_SUCCESS           ((NDIS_STATUS)NBL_STATUS_SUCCESS)
#define NDIS_STATUS_PENDING           ((NDIS_STATUS)NBL_STATUS_PENDING)
#define NDIS_STATUS_FAILURE           ((NDIS_STATUS)NBL_STATUS_FAILURE)
#define NDIS_STATUS_RESOURCES         ((NDIS_STATUS)NBL_STATUS_RESOURCES)
#define NDIS_STATUS_INVALID_LENGTH    ((NDIS_STATUS)NBL_STATUS_INVALID_LENGTH)
#define NDIS_STATUS_SEND_ABORTED      ((NDIS_STATUS)NBL_STATUS_SEND_ABORTED)
#define NDIS_STATUS_RESET_IN_PROGRESS \
	((NDIS_STATUS)NBL_STATUS_RESET_IN_PROGRESS)
#define NDIS_STATUS_PAUSED            ((NDIS_STATUS)NBL_STATUS_PAUSED)
#define NDIS_STATUS_INVALID_PARAMETER \
	((NDIS_STATUS)NBL_STATUS_INVALID_PARAMETER)

/** MEMORY_ALLOCATION_ALIGNMENT of 64-bit Windows (16). */
#define MEMORY_ALLOCATION_ALIGNMENT NBL_MAA

#ifndef FIELD_OFFSET
/** Offset of a member. */
#define FIELD_OFFSET(type, field) offsetof(type, field)
#endif
#ifndef RTL_FIELD_SIZE
/** Size of a member. */
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#endif
#ifndef RTL_SIZEOF_THROUGH_FIELD
/** Bytes of a struct up to and including a member. */
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#endif
#ifndef UNREFERENCED_PARAMETER
#define UNREFERENCED_PARAMETER(p) ((void)(p))
#endif
#ifndef ARGUMENT_PRESENT
#define ARGUMENT_PRESENT(p) ((p) != NULL)
#endif

/** NdisZeroMemory(Destination, Length). */
#define NdisZeroMemory(d, l) memset((d), 0, (l))
/** NdisFillMemory(Destination, Length, Fill). */
#define NdisFillMemory(d, l, f) memset((d), (f), (l))
/** NdisMoveMemory(Destination, Source, Length): regions may overlap. */
#define NdisMoveMemory(d, s, l) memmove((d), (s), (l))
/** NdisEqualMemory(Source1, Source2, Length): TRUE when equal. */
#define NdisEqualMemory(a, b, l) ((BOOLEAN)(memcmp((a), (b), (l)) == 0))

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

/** MDL: one virtually contiguous range (struct nbl_mdl). */
typedef struct nbl_mdl MDL, *PMDL;
/** NET_BUFFER (struct nbl_buf). */
typedef struct nbl_buf NET_BUFFER, *PNET_BUFFER;
/** NET_BUFFER_LIST (struct nbl_list). */
typedef struct nbl_list NET_BUFFER_LIST, *PNET_BUFFER_LIST;
/** One block of the NBL context stack (struct nbl_ctx). */
typedef struct nbl_ctx NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;

/** Header of every NDIS parameter structure. */
typedef struct _NDIS_OBJECT_HEADER {
	UCHAR Type;     /**< NDIS_OBJECT_TYPE_DEFAULT here */
	UCHAR Revision; /**< ..._REVISION_n of the structure */
	USHORT Size;    /**< NDIS_SIZEOF_..._REVISION_n */
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

/** Header Type of the pool parameter structures. */
#define NDIS_OBJECT_TYPE_DEFAULT 0x80

/** ProtocolId values (NET_BUFFER_LIST_POOL_PARAMETERS). */
#define NDIS_PROTOCOL_ID_DEFAULT 0x00
#define NDIS_PROTOCOL_ID_TCP_IP  0x02
#define NDIS_PROTOCOL_ID_IP6     0x03
#define NDIS_PROTOCOL_ID_IPX     0x06
#define NDIS_PROTOCOL_ID_NBF     0x07
#define NDIS_PROTOCOL_ID_MAX     0x0F
#define NDIS_PROTOCOL_ID_MASK    0x0F

/**
 * Parameters of NdisAllocateNetBufferListPool.  Revision 1 ends at
 * DataSize; revision 2 adds Flags.
 */
typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
	NDIS_OBJECT_HEADER Header;  /**< DEFAULT, revision 1 or 2, size */
	UCHAR ProtocolId;           /**< NDIS_PROTOCOL_ID_* */
	BOOLEAN fAllocateNetBuffer; /**< each NBL carries one NB */
	USHORT ContextSize;         /**< preallocated context, MAA multiple */
	ULONG PoolTag;              /**< four characters */
	ULONG DataSize;             /**< data bytes per NBL (needs alloc NB) */
	ULONG Flags;                /**< revision 2: ..._POOL_FLAG_VERIFY */
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;

#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 \
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 \
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, Flags)
/** Ask for driver-verifier checks: accepted; the checks of a
 * -Dnbl_debug=true build apply. */
#define NET_BUFFER_LIST_POOL_FLAG_VERIFY 0x00000001

/**
 * Parameters of NdisAllocateNetBufferPool.  Revision 1 ends at DataSize;
 * revision 2 adds Flags.
 */
typedef struct _NET_BUFFER_POOL_PARAMETERS {
	NDIS_OBJECT_HEADER Header; /**< DEFAULT, revision 1 or 2, size */
	ULONG PoolTag;             /**< four characters */
	ULONG DataSize;            /**< 0, or data bytes per NB */
	ULONG Flags;               /**< revision 2: NET_BUFFER_POOL_FLAG_* */
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;

#define NET_BUFFER_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_POOL_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 \
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 \
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, Flags)
/** See NET_BUFFER_LIST_POOL_FLAG_VERIFY. */
#define NET_BUFFER_POOL_FLAG_VERIFY 0x00000001

/** Retreat allocator (NetAllocateMdl): an MDL of at least *BufferSize
 * bytes, its real size stored back, or NULL. */
typedef PMDL NET_BUFFER_ALLOCATE_MDL(PULONG BufferSize);
/** Pointer to a NET_BUFFER_ALLOCATE_MDL (same type as nbl_mdl_alloc_fn). */
typedef NET_BUFFER_ALLOCATE_MDL *NET_BUFFER_ALLOCATE_MDL_HANDLER;
/** Counterpart of a NET_BUFFER_ALLOCATE_MDL (NetFreeMdl). */
typedef VOID NET_BUFFER_FREE_MDL(PMDL Mdl);
/** Pointer to a NET_BUFFER_FREE_MDL (same type as nbl_mdl_free_fn). */
typedef NET_BUFFER_FREE_MDL *NET_BUFFER_FREE_MDL_HANDLER;

/** Clone flags (NdisAllocateCloneNetBufferList). */
#define NDIS_CLONE_FLAGS_RESERVED          0x00000001
#define NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS 0x00000002

/**
 * Out-of-band info slots: the NDIS names of enum nbl_info_id.  Aliases
 * share a slot as in the WDK.
 */
typedef enum _NDIS_NET_BUFFER_LIST_INFO {
	TcpIpChecksumNetBufferListInfo = NBL_INFO_TCPIP_CHECKSUM,
	TcpOffloadBytesTransferred = NBL_INFO_TCPIP_CHECKSUM,
	IPsecOffloadV1NetBufferListInfo = NBL_INFO_IPSEC_V1,
	IPsecOffloadV2NetBufferListInfo = NBL_INFO_IPSEC_V2,
	TcpLargeSendNetBufferListInfo = NBL_INFO_TCP_LARGE_SEND,
	TcpReceiveNoPush = NBL_INFO_TCP_LARGE_SEND,
	ClassificationHandleNetBufferListInfo = NBL_INFO_CLASSIFICATION,
	Ieee8021QNetBufferListInfo = NBL_INFO_IEEE8021Q,
	NetBufferListCancelId = NBL_INFO_CANCEL_ID,
	MediaSpecificInformation = NBL_INFO_MEDIA_SPECIFIC,
	NetBufferListFrameType = NBL_INFO_FRAME_TYPE,
	NetBufferListProtocolId = NBL_INFO_FRAME_TYPE,
	NetBufferListHashValue = NBL_INFO_HASH_VALUE,
	NetBufferListHashInfo = NBL_INFO_HASH_INFO,
	WfpNetBufferListInfo = NBL_INFO_WFP,
	IPsecOffloadV2TunnelNetBufferListInfo = NBL_INFO_IPSEC_V2_TUNNEL,
	IPsecOffloadV2HeaderNetBufferListInfo = NBL_INFO_IPSEC_V2_HEADER,
	NetBufferListCorrelationId = NBL_INFO_NBL_CURRENT_OWNER,
	NetBufferListTimestamp = NBL_INFO_TIMESTAMP, /**< nblgen addition */
	MaxNetBufferListInfo = NBL_INFO_MAX
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

/** Page priorities of MmGetSystemAddressForMdlSafe / NdisQueryMdl (all
 * equivalent here: the memory is always mapped). */
typedef enum _MM_PAGE_PRIORITY {
	LowPagePriority = 0,
	NormalPagePriority = 16,
	HighPagePriority = 32
} MM_PAGE_PRIORITY;
#define MdlMappingNoWrite   0x80000000
#define MdlMappingNoExecute 0x40000000

/* ------------------------------------------------------------------ */
/* Accessor macros                                                     */
/* ------------------------------------------------------------------ */

/* NET_BUFFER_LIST (lvalues unless noted). */
#define NET_BUFFER_LIST_NEXT_NBL(nbl)          ((nbl)->next)
#define NET_BUFFER_LIST_FIRST_NB(nbl)          ((nbl)->first_nb)
#define NET_BUFFER_LIST_FLAGS(nbl)             ((nbl)->flags)
#define NET_BUFFER_LIST_NBL_FLAGS(nbl)         ((nbl)->nbl_flags)
#define NET_BUFFER_LIST_STATUS(nbl)            ((nbl)->status)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(nbl) ((nbl)->protocol_reserved)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(nbl) ((nbl)->miniport_reserved)
/** Out-of-band info slot, an lvalue (PVOID); marks the info written. */
#define NET_BUFFER_LIST_INFO(nbl, id) (*nbl_list_info_ref((nbl), (id)))
/** First used context byte (PUCHAR, rvalue; NULL without context). */
#define NET_BUFFER_LIST_CONTEXT_DATA_START(nbl) \
	((PUCHAR)nbl_list_ctx_data(nbl))
/** Used bytes of the top context block (rvalue). */
#define NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl) \
	((USHORT)nbl_list_ctx_size(nbl))
/** ParentNetBufferList (nblgen addition: the WDK uses the member). */
#define NET_BUFFER_LIST_PARENT(nbl)            ((nbl)->parent)
/** ChildRefCount (nblgen addition: the WDK uses the member). */
#define NET_BUFFER_LIST_CHILD_REF_COUNT(nbl)   ((nbl)->child_refcnt)
/** SourceHandle (nblgen addition: the WDK uses the member). */
#define NET_BUFFER_LIST_SOURCE_HANDLE(nbl)     ((nbl)->source_handle)

/** Cancel id of an NBL (info slot NetBufferListCancelId). */
#define NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl) \
	((nbl)->info[NetBufferListCancelId])
/** Set the cancel id of an NBL. */
#define NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(nbl, id) \
	(NET_BUFFER_LIST_INFO((nbl), NetBufferListCancelId) = (PVOID)(id))
/** Set the protocol id slot of an NBL. */
#define NdisSetNetBufferListProtocolId(nbl, id) \
	(NET_BUFFER_LIST_INFO((nbl), NetBufferListProtocolId) = \
		(PVOID)(ULONG_PTR)(UCHAR)(id))

/* NblFlags and Flags helpers. */
#define NdisTestNblFlag(nbl, f)  ((BOOLEAN)(((nbl)->nbl_flags & (f)) != 0))
#define NdisTestNblFlags(nbl, f) \
	((BOOLEAN)(((nbl)->nbl_flags & (f)) == (ULONG)(f)))
#define NdisSetNblFlag(nbl, f)   ((nbl)->nbl_flags |= (f))
#define NdisClearNblFlag(nbl, f) ((nbl)->nbl_flags &= ~(ULONG)(f))
#define NBL_TEST_FLAG(nbl, f)    ((BOOLEAN)(((nbl)->flags & (f)) != 0))
#define NBL_SET_FLAG(nbl, f)     ((nbl)->flags |= (f))
#define NBL_CLEAR_FLAG(nbl, f)   ((nbl)->flags &= ~(ULONG)(f))
/** Bits of NET_BUFFER_LIST_FLAGS that belong to the protocol. */
#define NBL_PROT_RSVD_FLAGS      0xFFF00003
#define NBL_TEST_PROT_RSVD_FLAG(nbl, f) NBL_TEST_FLAG(nbl, f)
#define NBL_SET_PROT_RSVD_FLAG(nbl, f)  NBL_SET_FLAG(nbl, f)
#define NBL_CLEAR_PROT_RSVD_FLAG(nbl, f) NBL_CLEAR_FLAG(nbl, f)

/*
 * NET_BUFFER (lvalues).  Changing DataOffset by hand requires
 * NdisAdjustNetBufferCurrentMdl() afterwards; NET_BUFFER_PROTOCOL_RESERVED
 * has RTE_DIM(((NET_BUFFER *)0)->protocol_reserved) slots.
 */
#define NET_BUFFER_NEXT_NB(nb)             ((nb)->next)
#define NET_BUFFER_FIRST_MDL(nb)           ((nb)->chain)
#define NET_BUFFER_DATA_LENGTH(nb)         ((nb)->data_length)
#define NET_BUFFER_DATA_OFFSET(nb)         ((nb)->data_offset)
#define NET_BUFFER_CURRENT_MDL(nb)         ((nb)->cur)
#define NET_BUFFER_CURRENT_MDL_OFFSET(nb)  ((nb)->cur_off)
#define NET_BUFFER_CHECKSUM_BIAS(nb)       ((nb)->checksum_bias)
#define NET_BUFFER_PROTOCOL_RESERVED(nb)   ((nb)->protocol_reserved)
#define NET_BUFFER_MINIPORT_RESERVED(nb)   ((nb)->miniport_reserved)

/* MDL. */
/** Next MDL of a chain (lvalue). */
#define NDIS_MDL_LINKAGE(mdl)                     ((mdl)->next)
/** NdisGetNextMdl(CurrentMdl, &NextMdl). */
#define NdisGetNextMdl(cur, pnext)                (*(pnext) = (cur)->next)
/** First byte of an MDL. */
#define MmGetMdlVirtualAddress(mdl)               ((PVOID)(mdl)->va)
/** Bytes of an MDL. */
#define MmGetMdlByteCount(mdl)                    ((ULONG)(mdl)->len)
/** Mapped address of an MDL: always its virtual address here. */
#define MmGetSystemAddressForMdlSafe(mdl, prio)   ((PVOID)(mdl)->va)

/** @internal store an MDL's address through an optional PVOID *. */
static inline void
nbl_ndis_query_va(void *va_out, const struct nbl_mdl *mdl)
{
	if (va_out != NULL)
		*(PVOID *)va_out = mdl->va;
}

/**
 * NdisQueryMdl(Mdl, &VirtualAddress or NULL, &Length, Priority): the
 * address (when asked) and the byte count of an MDL.
 */
#define NdisQueryMdl(mdl, pva, plen, prio) do { \
	nbl_ndis_query_va((pva), (mdl)); \
	*(plen) = MmGetMdlByteCount(mdl); \
	(void)(prio); \
} while (0)

/* ------------------------------------------------------------------ */
/* Pools                                                               */
/* ------------------------------------------------------------------ */

/**
 * Create an NBL pool (fixed size, see "Pool sizing" above).
 *
 * @param NdisHandle
 *   Driver handle: ignored, may be NULL.
 * @param Parameters
 *   Header {NDIS_OBJECT_TYPE_DEFAULT, revision 1 or 2, at least the size
 *   of that revision}, ProtocolId, fAllocateNetBuffer, ContextSize (a
 *   multiple of MEMORY_ALLOCATION_ALIGNMENT), PoolTag, DataSize, and with
 *   revision 2 Flags (0 or NET_BUFFER_LIST_POOL_FLAG_VERIFY).
 * @return
 *   The pool handle, or NULL with rte_errno EINVAL (bad header, flags or
 *   parameter, or the illegal shape fAllocateNetBuffer FALSE with
 *   DataSize > 0) or ENOMEM.
 */
NDIS_HANDLE NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle,
		PNET_BUFFER_LIST_POOL_PARAMETERS Parameters);

/**
 * Free an NBL pool.  Every NBL taken from it must have been freed: if one
 * is outstanding the pool is kept (refused, counted and logged; a debug
 * build aborts with a leak report).
 *
 * @param PoolHandle
 *   Handle from NdisAllocateNetBufferListPool, or NULL (no-op).
 */
VOID NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle);

/**
 * Create an NB pool (fixed size, see "Pool sizing" above).
 *
 * @param NdisHandle
 *   Driver handle: ignored, may be NULL.
 * @param Parameters
 *   Header {NDIS_OBJECT_TYPE_DEFAULT, revision 1 or 2, size}, PoolTag,
 *   DataSize (0: use NdisAllocateNetBuffer; above 0: use only
 *   NdisAllocateNetBufferMdlAndData), and with revision 2 Flags.
 * @return
 *   The pool handle, or NULL with rte_errno EINVAL or ENOMEM.
 */
NDIS_HANDLE NdisAllocateNetBufferPool(NDIS_HANDLE NdisHandle,
		PNET_BUFFER_POOL_PARAMETERS Parameters);

/**
 * Free an NB pool; kept (refused) while an NB is outstanding.
 *
 * @param PoolHandle
 *   Handle from NdisAllocateNetBufferPool, or NULL (no-op).
 */
VOID NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle);

/**
 * The pool an NBL was allocated from.
 *
 * @param NetBufferList
 *   The NBL.
 * @return
 *   Its pool handle (NULL for NULL).
 */
NDIS_HANDLE NdisGetPoolFromNetBufferList(PNET_BUFFER_LIST NetBufferList);

/**
 * The pool an NB was allocated from; for an NB preallocated with its NBL,
 * the NBL's pool.
 *
 * @param NetBuffer
 *   The NB.
 * @return
 *   Its pool handle (NULL for NULL).
 */
NDIS_HANDLE NdisGetPoolFromNetBuffer(PNET_BUFFER NetBuffer);

/* ------------------------------------------------------------------ */
/* Allocation                                                          */
/* ------------------------------------------------------------------ */

/**
 * Allocate an NBL and its NB in one step; the pool must have been created
 * with fAllocateNetBuffer TRUE and DataSize 0.
 *
 * @param PoolHandle
 *   NBL pool handle.
 * @param ContextSize
 *   Used context bytes (multiple of MEMORY_ALLOCATION_ALIGNMENT).
 * @param ContextBackFill
 *   Unused context bytes in front (multiple of MEMORY_ALLOCATION_ALIGNMENT);
 *   ContextSize + ContextBackFill must fit the pool's ContextSize.
 * @param MdlChain
 *   Caller MDL chain (never freed by the library), or NULL; then
 *   DataOffset and DataLength must be 0.
 * @param DataOffset
 *   Initial back-fill.
 * @param DataLength
 *   Used bytes; DataOffset + DataLength must fit in the chain.
 * @return
 *   The NBL, or NULL with rte_errno ENOTSUP (pool shape), EINVAL (sizes,
 *   offset or length) or ENOBUFS (pool exhausted).
 */
PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle,
		USHORT ContextSize, USHORT ContextBackFill, PMDL MdlChain,
		ULONG DataOffset, SIZE_T DataLength);

/**
 * Allocate an NBL from any pool shape: (F,0) no NB, (T,0) an NB without
 * MDL, (T,N) an NB with an N-byte MDL at offset 0, length N.
 *
 * @param PoolHandle
 *   NBL pool handle.
 * @param ContextSize
 *   Used context bytes (multiple of MEMORY_ALLOCATION_ALIGNMENT).
 * @param ContextBackFill
 *   Unused context bytes in front (multiple of MEMORY_ALLOCATION_ALIGNMENT).
 * @return
 *   The NBL, or NULL with rte_errno EINVAL or ENOBUFS.
 */
PNET_BUFFER_LIST NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle,
		USHORT ContextSize, USHORT ContextBackFill);

/**
 * Free an NBL from NdisAllocateNetBufferList or
 * NdisAllocateNetBufferAndNetBufferList with what was preallocated with it.
 * NBs from NdisAllocateNetBuffer are not freed (free them first); a
 * derived NBL is refused (use its own free function).
 *
 * @param NetBufferList
 *   The NBL, or NULL (no-op).
 */
VOID NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList);

/**
 * Allocate an unlinked NB from an NB pool whose DataSize is 0.
 *
 * @param PoolHandle
 *   NB pool handle.
 * @param MdlChain
 *   Caller MDL chain, or NULL (then offset and length must be 0).
 * @param DataOffset
 *   Initial back-fill.
 * @param DataLength
 *   Used bytes.
 * @return
 *   The NB, or NULL with rte_errno ENOTSUP (pool has data), EINVAL or
 *   ENOBUFS.
 */
PNET_BUFFER NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, PMDL MdlChain,
		ULONG DataOffset, SIZE_T DataLength);

/**
 * Allocate an NB with its MDL and DataSize bytes (offset 0, length
 * DataSize) from an NB pool whose DataSize is above 0.
 *
 * @param PoolHandle
 *   NB pool handle.
 * @return
 *   The NB, or NULL with rte_errno ENOTSUP (pool without data) or ENOBUFS.
 */
PNET_BUFFER NdisAllocateNetBufferMdlAndData(NDIS_HANDLE PoolHandle);

/**
 * Free an NB from NdisAllocateNetBuffer or NdisAllocateNetBufferMdlAndData
 * (unlink it from its NBL first).  A preallocated NB is refused.
 *
 * @param NetBuffer
 *   The NB, or NULL (no-op).
 */
VOID NdisFreeNetBuffer(PNET_BUFFER NetBuffer);

/**
 * Describe caller memory with an MDL; the memory stays the caller's.
 *
 * @param NdisHandle
 *   Driver handle: ignored, may be NULL.
 * @param VirtualAddress
 *   First byte.
 * @param Length
 *   Bytes (> 0).
 * @return
 *   The MDL, or NULL with rte_errno EINVAL or ENOMEM.
 */
PMDL NdisAllocateMdl(NDIS_HANDLE NdisHandle, PVOID VirtualAddress,
		UINT Length);

/**
 * Free an MDL from NdisAllocateMdl (not the memory it describes).
 *
 * @param Mdl
 *   The MDL, or NULL (no-op).
 */
VOID NdisFreeMdl(PMDL Mdl);

/* ------------------------------------------------------------------ */
/* Retreat and advance                                                 */
/* ------------------------------------------------------------------ */

/**
 * Move an NB's data start back by DataOffsetDelta bytes.  Uses the
 * back-fill when it suffices; otherwise links a new MDL of DataOffsetDelta
 * + DataBackFill bytes at the head (new DataOffset = DataBackFill + old
 * DataOffset).  Writes no data.
 *
 * @param NetBuffer
 *   The NB.
 * @param DataOffsetDelta
 *   Bytes.
 * @param DataBackFill
 *   Extra bytes allocated in front when an MDL is allocated.
 * @param AllocateMdlHandler
 *   Allocator, or NULL for the library's.
 * @return
 *   NDIS_STATUS_SUCCESS, NDIS_STATUS_RESOURCES (allocation failed) or
 *   NDIS_STATUS_FAILURE; the NB is unchanged on failure.
 */
NDIS_STATUS NdisRetreatNetBufferDataStart(PNET_BUFFER NetBuffer,
		ULONG DataOffsetDelta, ULONG DataBackFill,
		NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler);

/**
 * Move an NB's data start forward by DataOffsetDelta bytes (at most
 * DataLength; more is refused).  With FreeMdl, MDLs that a retreat
 * allocated and that are now wholly unused are freed; caller MDLs never.
 *
 * @param NetBuffer
 *   The NB.
 * @param DataOffsetDelta
 *   Bytes.
 * @param FreeMdl
 *   TRUE to free unused retreat-allocated head MDLs.
 * @param FreeMdlHandler
 *   Counterpart of the retreat's allocator (NULL with NULL).
 */
VOID NdisAdvanceNetBufferDataStart(PNET_BUFFER NetBuffer,
		ULONG DataOffsetDelta, BOOLEAN FreeMdl,
		NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);

/**
 * Retreat every NB of an NBL, all-or-nothing: on failure the NBs already
 * retreated are advanced back (through FreeMdlHandler).
 *
 * @param NetBufferList
 *   The NBL.
 * @param DataOffsetDelta
 *   Bytes.
 * @param DataBackFill
 *   Extra bytes when allocating.
 * @param AllocateMdlHandler
 *   Allocator, or NULL.
 * @param FreeMdlHandler
 *   Its counterpart, or NULL.
 * @return
 *   NDIS_STATUS_SUCCESS, NDIS_STATUS_RESOURCES or NDIS_STATUS_FAILURE;
 *   nothing changed on failure.
 */
NDIS_STATUS NdisRetreatNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList,
		ULONG DataOffsetDelta, ULONG DataBackFill,
		NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler,
		NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);

/**
 * Advance every NB of an NBL; refused as a whole (nothing changed) if
 * DataOffsetDelta exceeds the DataLength of one of them.
 *
 * @param NetBufferList
 *   The NBL.
 * @param DataOffsetDelta
 *   Bytes.
 * @param FreeMdl
 *   As for NdisAdvanceNetBufferDataStart.
 * @param FreeMdlHandler
 *   As for NdisAdvanceNetBufferDataStart.
 */
VOID NdisAdvanceNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList,
		ULONG DataOffsetDelta, BOOLEAN FreeMdl,
		NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);

/**
 * Recompute CurrentMdl and CurrentMdlOffset from DataOffset, after the
 * fields were changed by hand.  Refused (NB unchanged) when DataOffset +
 * DataLength exceeds the MDL chain.
 *
 * @param NetBuffer
 *   The NB.
 */
VOID NdisAdjustNetBufferCurrentMdl(PNET_BUFFER NetBuffer);

/* ------------------------------------------------------------------ */
/* Data access                                                         */
/* ------------------------------------------------------------------ */

/**
 * Contiguous view of the first BytesNeeded used bytes of an NB.
 *
 * @param NetBuffer
 *   The NB (never changed).
 * @param BytesNeeded
 *   Bytes.
 * @param Storage
 *   Caller buffer of at least BytesNeeded bytes, or NULL.
 * @param AlignMultiple
 *   Power of two; 1 means no alignment.
 * @param AlignOffset
 *   Wanted address modulo AlignMultiple.
 * @return
 *   A pointer into the frame when the bytes are contiguous in CurrentMdl
 *   and aligned (writes through it change the frame); else Storage
 *   holding a copy; else NULL.  NULL whenever DataLength < BytesNeeded.
 */
PVOID NdisGetDataBuffer(PNET_BUFFER NetBuffer, ULONG BytesNeeded,
		PVOID Storage, UINT AlignMultiple, UINT AlignOffset);

/* ------------------------------------------------------------------ */
/* Context and info                                                    */
/* ------------------------------------------------------------------ */

/**
 * Reserve ContextSize bytes of NBL context: from the top block's unused
 * front when it has room, else in a new block with ContextBackFill unused
 * bytes in front.
 *
 * @param NetBufferList
 *   The NBL.
 * @param ContextSize
 *   Bytes, a multiple of sizeof(void *).
 * @param ContextBackFill
 *   Unused bytes in front of a new block (multiple of sizeof(void *)).
 * @param PoolTag
 *   Tag of the caller.
 * @return
 *   NDIS_STATUS_SUCCESS, NDIS_STATUS_RESOURCES (no overflow block) or
 *   NDIS_STATUS_FAILURE (bad size, NBL without context); nothing changed
 *   on failure.
 */
NDIS_STATUS NdisAllocateNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
		USHORT ContextSize, USHORT ContextBackFill, ULONG PoolTag);

/**
 * Release ContextSize bytes reserved by the matching
 * NdisAllocateNetBufferListContext (strictly last in, first out).
 * Releasing more than was reserved is refused.
 *
 * @param NetBufferList
 *   The NBL.
 * @param ContextSize
 *   Bytes given to the matching allocation.
 */
VOID NdisFreeNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
		USHORT ContextSize);

/**
 * Copy the send-path out-of-band info of one NBL to another: the slots
 * the WDK documents (TcpIpChecksum, IPsecOffloadV1/V2, TcpLargeSend,
 * Ieee8021Q, MediaSpecificInformation, NetBufferListCancelId,
 * NetBufferListProtocolId, IPsecOffloadV2Tunnel, IPsecOffloadV2Header)
 * and nblgen's NetBufferListTimestamp.  Other slots of the destination
 * are kept.
 *
 * @param DestNetBufferList
 *   Destination NBL.
 * @param SrcNetBufferList
 *   Source NBL.
 */
VOID NdisCopySendNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList,
		const NET_BUFFER_LIST *SrcNetBufferList);

/**
 * Copy the receive-path out-of-band info of one NBL to another: the slots
 * the WDK documents (TcpIpChecksum, IPsecOffloadV1/V2, TcpReceiveNoPush,
 * Ieee8021Q, MediaSpecificInformation, NetBufferListFrameType,
 * NetBufferListHashValue, NetBufferListHashInfo, IPsecOffloadV2Tunnel,
 * IPsecOffloadV2Header) and nblgen's NetBufferListTimestamp.
 *
 * @param DestNetBufferList
 *   Destination NBL.
 * @param SrcNetBufferList
 *   Source NBL.
 */
VOID NdisCopyReceiveNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList,
		const NET_BUFFER_LIST *SrcNetBufferList);

/* ------------------------------------------------------------------ */
/* Derived NBLs                                                        */
/* ------------------------------------------------------------------ */

/**
 * Clone an NBL: one NB per original NB over the same memory, covering the
 * used data only (a clone has no back-fill), no context, zeroed info.
 * The caller sets the clone's parent and the original's child count.
 *
 * @param OriginalNetBufferList
 *   The NBL to clone.
 * @param NetBufferListPoolHandle
 *   NBL pool of the clone, or NULL for the library's internal pool.
 * @param NetBufferPoolHandle
 *   NB pool (DataSize 0) of its NBs, or NULL for the internal pool.
 * @param AllocateCloneFlags
 *   0 or NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS (share the original MDLs);
 *   NDIS_CLONE_FLAGS_RESERVED is ignored.
 * @return
 *   The clone, or NULL with rte_errno EINVAL (unknown flag), ENOTSUP or
 *   ENOBUFS.
 */
PNET_BUFFER_LIST NdisAllocateCloneNetBufferList(
		PNET_BUFFER_LIST OriginalNetBufferList,
		NDIS_HANDLE NetBufferListPoolHandle,
		NDIS_HANDLE NetBufferPoolHandle, ULONG AllocateCloneFlags);

/**
 * Free a clone.  Refused when the flags differ from the allocation's or
 * the NBL is not a clone.
 *
 * @param CloneNetBufferList
 *   The clone.
 * @param FreeCloneFlags
 *   The flags given to NdisAllocateCloneNetBufferList.
 */
VOID NdisFreeCloneNetBufferList(PNET_BUFFER_LIST CloneNetBufferList,
		ULONG FreeCloneFlags);

/**
 * Fragment an NBL: for each source NB, skip StartOffset used bytes, cut
 * the rest into pieces of at most MaximumLength bytes and make each piece
 * an NB retreated by DataOffsetDelta.
 *
 * @param OriginalNetBufferList
 *   Source NBL (unchanged).
 * @param NetBufferListPool
 *   NBL pool of the fragment NBL, or NULL.
 * @param NetBufferPool
 *   NB pool (DataSize 0) of its NBs, or NULL.
 * @param StartOffset
 *   Bytes skipped in every source NB.
 * @param MaximumLength
 *   Largest piece (> 0).
 * @param DataOffsetDelta
 *   Header room of every piece.
 * @param DataBackFill
 *   Extra bytes allocated in front.
 * @param AllocateFragmentFlags
 *   Reserved: must be 0.
 * @return
 *   The fragment NBL, or NULL with rte_errno EINVAL (StartOffset beyond an
 *   NB, MaximumLength 0, flags), ENOBUFS or ENOMEM.
 */
PNET_BUFFER_LIST NdisAllocateFragmentNetBufferList(
		PNET_BUFFER_LIST OriginalNetBufferList,
		NDIS_HANDLE NetBufferListPool, NDIS_HANDLE NetBufferPool,
		ULONG StartOffset, ULONG MaximumLength, ULONG DataOffsetDelta,
		ULONG DataBackFill, ULONG AllocateFragmentFlags);

/**
 * Free a fragment NBL (advances its NBs by DataOffsetDelta first).
 * Refused for another delta or an NBL that is not a fragment NBL.
 *
 * @param FragmentNetBufferList
 *   The fragment NBL.
 * @param DataOffsetDelta
 *   The delta given at allocation.
 * @param FreeFragmentFlags
 *   Reserved (ignored).
 */
VOID NdisFreeFragmentNetBufferList(PNET_BUFFER_LIST FragmentNetBufferList,
		ULONG DataOffsetDelta, ULONG FreeFragmentFlags);

/**
 * Reassemble an NBL: one NB made of each source NB's used data minus its
 * first StartOffset bytes, concatenated without copy, then retreated by
 * DataOffsetDelta.
 *
 * @param FragmentNetBufferList
 *   Source NBL.
 * @param NetBufferAndNetBufferListPoolHandle
 *   A (fAllocateNetBuffer TRUE, DataSize 0) NBL pool, or NULL.
 * @param StartOffset
 *   Bytes skipped in each source NB.
 * @param DataOffsetDelta
 *   Header room.
 * @param DataBackFill
 *   Extra bytes allocated in front.
 * @param AllocateReassembleFlags
 *   Reserved: must be 0.
 * @return
 *   The NBL, or NULL with rte_errno EINVAL, ENOTSUP, ENOBUFS or ENOMEM.
 */
PNET_BUFFER_LIST NdisAllocateReassembledNetBufferList(
		PNET_BUFFER_LIST FragmentNetBufferList,
		NDIS_HANDLE NetBufferAndNetBufferListPoolHandle,
		ULONG StartOffset, ULONG DataOffsetDelta, ULONG DataBackFill,
		ULONG AllocateReassembleFlags);

/**
 * Free a reassembled NBL; refused for another delta or an NBL that is not
 * a reassembled one.
 *
 * @param ReassembledNetBufferList
 *   The reassembled NBL.
 * @param DataOffsetDelta
 *   The delta given at allocation.
 * @param FreeReassembleFlags
 *   Reserved (ignored).
 */
VOID NdisFreeReassembledNetBufferList(
		PNET_BUFFER_LIST ReassembledNetBufferList,
		ULONG DataOffsetDelta, ULONG FreeReassembleFlags);

#ifdef __cplusplus
}
#endif

#endif /* NBL_NDIS_H */
