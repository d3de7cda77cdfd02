/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NDIS names (ndis.h) over the native API (nbl.h): argument translation,
 * status mapping and nothing else.  The native calls count and log the
 * misuse that the VOID functions refuse.
 */

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "ndis.h"

/* The NDIS layouts are those of the WDK. */
static_assert(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 == 16,
	      "NET_BUFFER_LIST_POOL_PARAMETERS revision 1 layout");
static_assert(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 == 20,
	      "NET_BUFFER_LIST_POOL_PARAMETERS revision 2 layout");
static_assert(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 == 12,
	      "NET_BUFFER_POOL_PARAMETERS revision 1 layout");
static_assert(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 == 16,
	      "NET_BUFFER_POOL_PARAMETERS revision 2 layout");
static_assert(sizeof(ULONG) == 4 && sizeof(USHORT) == 2 &&
	      sizeof(UCHAR) == 1, "Windows integer sizes");
static_assert((int)MaxNetBufferListInfo == (int)NBL_INFO_MAX,
	      "one NDIS name per info slot");

/* Native error (negative errno) to NDIS_STATUS. */
static NDIS_STATUS
ndis_status(int rc)
{
	if (rc == 0)
		return NDIS_STATUS_SUCCESS;
	if (rc == -ENOMEM || rc == -ENOBUFS)
		return NDIS_STATUS_RESOURCES;
	return NDIS_STATUS_FAILURE;
}

/*
 * Check an NDIS_OBJECT_HEADER: type DEFAULT, revision at least 1 and a
 * size that covers the structure of that revision.  Returns the revision
 * to read (1 or 2), or 0 if the header is bad.
 */
static unsigned int
ndis_header_revision(const NDIS_OBJECT_HEADER *h, size_t size_rev1,
		     size_t size_rev2)
{
	if (h->Type != NDIS_OBJECT_TYPE_DEFAULT || h->Revision < 1)
		return 0;
	if (h->Revision == 1)
		return h->Size >= size_rev1 ? 1 : 0;
	return h->Size >= size_rev2 ? 2 : 0;
}

/*
 * Check the header of NET_BUFFER_LIST_POOL_PARAMETERS or
 * NET_BUFFER_POOL_PARAMETERS (ndis_header_revision()) and, from revision 2
 * on, that *flags holds no bit outside allowed.
 */
static bool
ndis_pool_params_ok(const NDIS_OBJECT_HEADER *h, size_t size_rev1,
		    size_t size_rev2, const ULONG *flags, ULONG allowed)
{
	unsigned int rev = ndis_header_revision(h, size_rev1, size_rev2);

	return rev != 0 && (rev < 2 || (*flags & ~allowed) == 0);
}

NDIS_HANDLE
NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle,
			      PNET_BUFFER_LIST_POOL_PARAMETERS Parameters)
{
	struct nbl_list_pool_params p;

	RTE_SET_USED(NdisHandle);
	if (Parameters == NULL || !ndis_pool_params_ok(&Parameters->Header,
		NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
		NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2,
		&Parameters->Flags, NET_BUFFER_LIST_POOL_FLAG_VERIFY)) {
		rte_errno = EINVAL;
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.protocol_id = Parameters->ProtocolId;
	p.alloc_nb = Parameters->fAllocateNetBuffer != FALSE;
	p.context_size = Parameters->ContextSize;
	p.data_size = Parameters->DataSize;
	p.tag = Parameters->PoolTag;
	p.count = 0;		/* library default */
	p.cache_size = 0;
	p.socket_id = SOCKET_ID_ANY;
	return nbl_list_pool_create(&p);
}

VOID
NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle)
{
	(void)nbl_list_pool_free(PoolHandle);
}

NDIS_HANDLE
NdisAllocateNetBufferPool(NDIS_HANDLE NdisHandle,
			  PNET_BUFFER_POOL_PARAMETERS Parameters)
{
	struct nbl_buf_pool_params p;

	RTE_SET_USED(NdisHandle);
	if (Parameters == NULL || !ndis_pool_params_ok(&Parameters->Header,
		NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1,
		NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2,
		&Parameters->Flags, NET_BUFFER_POOL_FLAG_VERIFY)) {
		rte_errno = EINVAL;
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.tag = Parameters->PoolTag;
	p.data_size = Parameters->DataSize;
	p.count = 0;		/* library default */
	p.cache_size = 0;
	p.socket_id = SOCKET_ID_ANY;
	return nbl_buf_pool_create(&p);
}

VOID
NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle)
{
	(void)nbl_buf_pool_free(PoolHandle);
}

NDIS_HANDLE
NdisGetPoolFromNetBufferList(PNET_BUFFER_LIST NetBufferList)
{
	return NetBufferList == NULL ? NULL : NetBufferList->pool;
}

NDIS_HANDLE
NdisGetPoolFromNetBuffer(PNET_BUFFER NetBuffer)
{
	if (NetBuffer == NULL)
		return NULL;
	/* A preallocated NB sits right after its NBL
	 * (nbl_list_embedded_nb()). */
	if (NetBuffer->flags & NBL_BUF_F_EMBEDDED)
		return ((struct nbl_list *)NetBuffer - 1)->pool;
	return NetBuffer->pool;
}

PNET_BUFFER_LIST
NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle,
				      USHORT ContextSize,
				      USHORT ContextBackFill, PMDL MdlChain,
				      ULONG DataOffset, SIZE_T DataLength)
{
	if (PoolHandle == NULL || DataLength > UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_list_alloc_with_buf(PoolHandle, ContextSize,
				       ContextBackFill, MdlChain, DataOffset,
				       (uint32_t)DataLength);
}

PNET_BUFFER_LIST
NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize,
			  USHORT ContextBackFill)
{
	if (PoolHandle == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_list_alloc(PoolHandle, ContextSize, ContextBackFill);
}

VOID
NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList)
{
	(void)nbl_list_free(NetBufferList);
}

PNET_BUFFER
NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, PMDL MdlChain,
		      ULONG DataOffset, SIZE_T DataLength)
{
	if (PoolHandle == NULL || DataLength > UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_buf_alloc(PoolHandle, MdlChain, DataOffset,
			     (uint32_t)DataLength);
}

PNET_BUFFER
NdisAllocateNetBufferMdlAndData(NDIS_HANDLE PoolHandle)
{
	if (PoolHandle == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_buf_alloc_data(PoolHandle);
}

VOID
NdisFreeNetBuffer(PNET_BUFFER NetBuffer)
{
	(void)nbl_buf_free(NetBuffer);
}

PMDL
NdisAllocateMdl(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, UINT Length)
{
	RTE_SET_USED(NdisHandle);
	return nbl_mdl_create(VirtualAddress, Length);
}

VOID
NdisFreeMdl(PMDL Mdl)
{
	nbl_mdl_free(Mdl);
}

NDIS_STATUS
NdisRetreatNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta,
	ULONG DataBackFill, NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler)
{
	if (NetBuffer == NULL)
		return NDIS_STATUS_FAILURE;
	return ndis_status(nbl_buf_retreat(NetBuffer, DataOffsetDelta,
					   DataBackFill, AllocateMdlHandler));
}

VOID
NdisAdvanceNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta,
			      BOOLEAN FreeMdl,
			      NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler)
{
	if (NetBuffer == NULL)
		return;
	(void)nbl_buf_advance(NetBuffer, DataOffsetDelta, FreeMdl != FALSE,
			      FreeMdlHandler);
}

NDIS_STATUS
NdisRetreatNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList,
	ULONG DataOffsetDelta, ULONG DataBackFill,
	NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler,
	NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler)
{
	if (NetBufferList == NULL)
		return NDIS_STATUS_FAILURE;
	return ndis_status(nbl_list_retreat(NetBufferList, DataOffsetDelta,
					    DataBackFill, AllocateMdlHandler,
					    FreeMdlHandler));
}

VOID
NdisAdvanceNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList,
				  ULONG DataOffsetDelta, BOOLEAN FreeMdl,
				  NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler)
{
	if (NetBufferList == NULL)
		return;
	(void)nbl_list_advance(NetBufferList, DataOffsetDelta,
			       FreeMdl != FALSE, FreeMdlHandler);
}

VOID
NdisAdjustNetBufferCurrentMdl(PNET_BUFFER NetBuffer)
{
	if (NetBuffer == NULL)
		return;
	(void)nbl_buf_adjust_cur(NetBuffer);
}

PVOID
NdisGetDataBuffer(PNET_BUFFER NetBuffer, ULONG BytesNeeded, PVOID Storage,
		  UINT AlignMultiple, UINT AlignOffset)
{
	if (NetBuffer == NULL)
		return NULL;
	return nbl_buf_data_get(NetBuffer, BytesNeeded, Storage,
				AlignMultiple, AlignOffset);
}

NDIS_STATUS
NdisAllocateNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
				 USHORT ContextSize, USHORT ContextBackFill,
				 ULONG PoolTag)
{
	if (NetBufferList == NULL)
		return NDIS_STATUS_FAILURE;
	return ndis_status(nbl_list_ctx_push(NetBufferList, ContextSize,
					     ContextBackFill, PoolTag));
}

VOID
NdisFreeNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
			     USHORT ContextSize)
{
	if (NetBufferList == NULL)
		return;
	(void)nbl_list_ctx_pop(NetBufferList, ContextSize);
}

/* Info slots copied by NdisCopySendNetBufferListInfo. */
static const uint8_t ndis_send_info[] = {
	TcpIpChecksumNetBufferListInfo,
	IPsecOffloadV1NetBufferListInfo,
	IPsecOffloadV2NetBufferListInfo,
	TcpLargeSendNetBufferListInfo,
	Ieee8021QNetBufferListInfo,
	MediaSpecificInformation,
	NetBufferListCancelId,
	NetBufferListProtocolId,
	IPsecOffloadV2TunnelNetBufferListInfo,
	IPsecOffloadV2HeaderNetBufferListInfo,
	NetBufferListTimestamp,
};

/* Info slots copied by NdisCopyReceiveNetBufferListInfo. */
static const uint8_t ndis_recv_info[] = {
	TcpIpChecksumNetBufferListInfo,
	IPsecOffloadV1NetBufferListInfo,
	IPsecOffloadV2NetBufferListInfo,
	TcpReceiveNoPush,
	Ieee8021QNetBufferListInfo,
	MediaSpecificInformation,
	NetBufferListFrameType,
	NetBufferListHashValue,
	NetBufferListHashInfo,
	IPsecOffloadV2TunnelNetBufferListInfo,
	IPsecOffloadV2HeaderNetBufferListInfo,
	NetBufferListTimestamp,
};

static void
ndis_copy_info(struct nbl_list *dst, const struct nbl_list *src,
	       const uint8_t *slots, unsigned int n)
{
	unsigned int i;

	if (dst == NULL || src == NULL || dst == src)
		return;
	for (i = 0; i < n; i++)
		*nbl_list_info_ref(dst, slots[i]) = src->info[slots[i]];
}

VOID
NdisCopySendNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList,
			      const NET_BUFFER_LIST *SrcNetBufferList)
{
	ndis_copy_info(DestNetBufferList, SrcNetBufferList, ndis_send_info,
		       RTE_DIM(ndis_send_info));
}

VOID
NdisCopyReceiveNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList,
				 const NET_BUFFER_LIST *SrcNetBufferList)
{
	ndis_copy_info(DestNetBufferList, SrcNetBufferList, ndis_recv_info,
		       RTE_DIM(ndis_recv_info));
}

/* NDIS clone flags to native ones; UINT32_MAX for an unknown flag. */
static uint32_t
ndis_clone_flags(ULONG flags)
{
	if (flags & ~(ULONG)(NDIS_CLONE_FLAGS_RESERVED |
			     NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS))
		return UINT32_MAX;
	return (flags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) ?
		NBL_CLONE_F_USE_ORIGINAL_MDLS : 0;
}

PNET_BUFFER_LIST
NdisAllocateCloneNetBufferList(PNET_BUFFER_LIST OriginalNetBufferList,
			       NDIS_HANDLE NetBufferListPoolHandle,
			       NDIS_HANDLE NetBufferPoolHandle,
			       ULONG AllocateCloneFlags)
{
	uint32_t flags = ndis_clone_flags(AllocateCloneFlags);

	if (OriginalNetBufferList == NULL || flags == UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_list_clone(OriginalNetBufferList, NetBufferListPoolHandle,
			      NetBufferPoolHandle, flags);
}

VOID
NdisFreeCloneNetBufferList(PNET_BUFFER_LIST CloneNetBufferList,
			   ULONG FreeCloneFlags)
{
	uint32_t flags = ndis_clone_flags(FreeCloneFlags);

	if (CloneNetBufferList == NULL)
		return;
	/* An unknown flag cannot match the allocation's: the native call
	 * refuses the mismatch, counts and logs it. */
	(void)nbl_list_clone_free(CloneNetBufferList, flags);
}

PNET_BUFFER_LIST
NdisAllocateFragmentNetBufferList(PNET_BUFFER_LIST OriginalNetBufferList,
				  NDIS_HANDLE NetBufferListPool,
				  NDIS_HANDLE NetBufferPool,
				  ULONG StartOffset, ULONG MaximumLength,
				  ULONG DataOffsetDelta, ULONG DataBackFill,
				  ULONG AllocateFragmentFlags)
{
	if (OriginalNetBufferList == NULL || AllocateFragmentFlags != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_list_fragment(OriginalNetBufferList, NetBufferListPool,
				 NetBufferPool, StartOffset, MaximumLength,
				 DataOffsetDelta, DataBackFill);
}

VOID
NdisFreeFragmentNetBufferList(PNET_BUFFER_LIST FragmentNetBufferList,
			      ULONG DataOffsetDelta, ULONG FreeFragmentFlags)
{
	RTE_SET_USED(FreeFragmentFlags);
	if (FragmentNetBufferList == NULL)
		return;
	(void)nbl_list_fragment_free(FragmentNetBufferList, DataOffsetDelta);
}

PNET_BUFFER_LIST
NdisAllocateReassembledNetBufferList(PNET_BUFFER_LIST FragmentNetBufferList,
	NDIS_HANDLE NetBufferAndNetBufferListPoolHandle, ULONG StartOffset,
	ULONG DataOffsetDelta, ULONG DataBackFill,
	ULONG AllocateReassembleFlags)
{
	if (FragmentNetBufferList == NULL || AllocateReassembleFlags != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_list_reassemble(FragmentNetBufferList,
				   NetBufferAndNetBufferListPoolHandle,
				   StartOffset, DataOffsetDelta, DataBackFill);
}

VOID
NdisFreeReassembledNetBufferList(PNET_BUFFER_LIST ReassembledNetBufferList,
				 ULONG DataOffsetDelta,
				 ULONG FreeReassembleFlags)
{
	RTE_SET_USED(FreeReassembleFlags);
	if (ReassembledNetBufferList == NULL)
		return;
	(void)nbl_list_reassemble_free(ReassembledNetBufferList,
				       DataOffsetDelta);
}
