/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The buffer side of an NDIS protocol's send path, written against
 * <ndis.h> alone (plus libc and the EAL start-up that ndis.h brings in):
 * a frame over caller memory that gets a header in its back-fill, NBL
 * context for the layers, an allocating retreat, clones for a second
 * sender; then a two-NB list (pool data and a two-MDL caller chain) that
 * is fragmented to an MTU and reassembled.
 * The install test compiles it with nothing but
 * `pkg-config --cflags --libs libnbl` against an installed libnbl and runs
 * it.  Every step is checked against what NDIS documents; the program
 * exits 0 only when all checks pass and the library's leak check finds
 * nothing, and prints the failed check otherwise.
 *
 * Usage: ndis_example <EAL arguments>
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>

/* Pool tags: four characters, packed as the WDK's multi-character
 * constants are ('xNbl' style, first character in the high byte). */
#define TAG(a, b, c, d) (((ULONG)(a) << 24) | ((ULONG)(b) << 16) | \
			 ((ULONG)(c) << 8) | (ULONG)(d))
#define TAG_NBL   TAG('x', 'N', 'b', 'l')
#define TAG_LIST  TAG('x', 'L', 's', 't')
#define TAG_NB    TAG('x', 'N', 'b', ' ')
#define TAG_DATA  TAG('x', 'N', 'b', 'd')
#define TAG_CTX   TAG('x', 'C', 't', 'x')

#define ETH_HLEN     14	/* what the protocol prepends */
#define HEADROOM     64	/* back-fill reserved in front of the payload */
#define PAYLOAD_LEN  46
#define CTX_SIZE     16	/* context used at allocation */
#define CTX_BACKFILL 16	/* context back-fill for a layer above */
#define CTX_PUSH     64	/* a layer's context that needs a new block */
#define BIG_DELTA    100	/* retreat beyond the back-fill */
#define BIG_BACKFILL 8
#define DATA_SIZE    128	/* bytes of a data-pool NB */
#define SEG_OFFSET   40	/* data offset in the two-MDL chain */
#define SEG_MDL1     32	/* first MDL of that chain */
#define SEG_MDL2     64	/* second MDL */
#define SEG_LEN      (SEG_MDL1 + SEG_MDL2 - SEG_OFFSET)
#define MTU_PIECE    48	/* fragment size */
#define N_PIECES     5	/* 128 -> 48+48+32, 56 -> 48+8 */

/* Caller memory described by an MDL: back-fill, then the payload. */
static UCHAR frame_buf[HEADROOM + PAYLOAD_LEN];
/* Caller memory described by a chain of two MDLs. */
static UCHAR seg_buf[SEG_MDL1 + SEG_MDL2];

static const UCHAR eth_hdr[ETH_HLEN] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,	/* destination */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,	/* source */
	0x88, 0xb5,				/* local experimental */
};

/* Everything the program owns, for teardown on any exit path. */
struct state {
	NDIS_HANDLE nbl_pool;	/* (T,0) with context: the send NBLs */
	NDIS_HANDLE list_pool;	/* (F,0) without context: clones, lists */
	NDIS_HANDLE nb_pool;	/* DataSize 0: NBs over caller MDLs */
	NDIS_HANDLE data_pool;	/* DataSize 128: NBs with their data */
	PMDL mdl;
	PMDL seg_mdl[2];
	PNET_BUFFER_LIST list;	/* the two-NB list */
	PNET_BUFFER nb_data;	/* its first NB, from data_pool */
	PNET_BUFFER nb_seg;	/* its second NB, over seg_mdl */
	ULONG list_retreated;	/* an NBL retreat of list not undone yet */
	PNET_BUFFER_LIST frag;
	PNET_BUFFER_LIST reasm;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER_LIST clone;
	ULONG clone_flags;
	USHORT ctx_pushed[2];	/* context sizes still allocated, LIFO */
	unsigned int n_ctx;
	ULONG retreated;	/* an allocating retreat not undone yet */
	unsigned int checks;
};

#define CHECK(st, cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "ndis_example: line %d: check failed: %s: ", \
			__LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		return -1; \
	} \
	(st)->checks++; \
} while (0)

/* Undo whatever objects are still allocated, in the NDIS teardown order
 * (pools stay). */
static void
free_objects(struct state *st)
{
	if (st->frag != NULL) {
		NdisFreeFragmentNetBufferList(st->frag, ETH_HLEN, 0);
		st->frag = NULL;
	}
	if (st->reasm != NULL) {
		NdisFreeReassembledNetBufferList(st->reasm, ETH_HLEN, 0);
		st->reasm = NULL;
	}
	if (st->list_retreated != 0) {
		NdisAdvanceNetBufferListDataStart(st->list, st->list_retreated,
						  TRUE, NULL);
		st->list_retreated = 0;
	}
	if (st->list != NULL)
		NET_BUFFER_LIST_FIRST_NB(st->list) = NULL;
	NdisFreeNetBuffer(st->nb_seg);
	NdisFreeNetBuffer(st->nb_data);
	st->nb_seg = st->nb_data = NULL;
	NdisFreeNetBufferList(st->list);
	st->list = NULL;
	NdisFreeMdl(st->seg_mdl[0]);
	NdisFreeMdl(st->seg_mdl[1]);
	st->seg_mdl[0] = st->seg_mdl[1] = NULL;
	if (st->clone != NULL) {
		NdisFreeCloneNetBufferList(st->clone, st->clone_flags);
		NET_BUFFER_LIST_CHILD_REF_COUNT(st->nbl)--;
		st->clone = NULL;
	}
	while (st->n_ctx > 0)
		NdisFreeNetBufferListContext(st->nbl,
					     st->ctx_pushed[--st->n_ctx]);
	if (st->retreated != 0) {
		NdisAdvanceNetBufferDataStart(NET_BUFFER_LIST_FIRST_NB(st->nbl),
					      st->retreated, TRUE, NULL);
		st->retreated = 0;
	}
	if (st->nbl != NULL) {
		NdisFreeNetBufferList(st->nbl);
		st->nbl = NULL;
	}
	if (st->mdl != NULL) {
		NdisFreeMdl(st->mdl);
		st->mdl = NULL;
	}
}

static void
free_pools(struct state *st)
{
	NdisFreeNetBufferListPool(st->nbl_pool);
	NdisFreeNetBufferListPool(st->list_pool);
	NdisFreeNetBufferPool(st->nb_pool);
	NdisFreeNetBufferPool(st->data_pool);
	st->nbl_pool = st->list_pool = st->nb_pool = st->data_pool = NULL;
}

static int
create_pools(struct state *st)
{
	NET_BUFFER_LIST_POOL_PARAMETERS lp;
	NET_BUFFER_POOL_PARAMETERS bp;
	NDIS_HANDLE bad;

	NdisZeroMemory(&lp, sizeof(lp));
	lp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	lp.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	lp.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	lp.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
	lp.fAllocateNetBuffer = TRUE;
	lp.ContextSize = CTX_SIZE + CTX_BACKFILL;
	lp.PoolTag = TAG_NBL;
	lp.DataSize = 0;
	st->nbl_pool = NdisAllocateNetBufferListPool(NULL, &lp);
	CHECK(st, st->nbl_pool != NULL, "(T,0) NBL pool: %s",
	      rte_strerror(rte_errno));

	lp.fAllocateNetBuffer = FALSE;
	lp.ContextSize = 0;
	lp.PoolTag = TAG_LIST;
	st->list_pool = NdisAllocateNetBufferListPool(NULL, &lp);
	CHECK(st, st->list_pool != NULL, "(F,0) NBL pool: %s",
	      rte_strerror(rte_errno));

	/* (F,N) is illegal. */
	lp.DataSize = 256;
	bad = NdisAllocateNetBufferListPool(NULL, &lp);
	NdisFreeNetBufferListPool(bad);
	CHECK(st, bad == NULL, "an (F,N) pool was created");
	/* A header of another object type is refused. */
	lp.DataSize = 0;
	lp.Header.Type = 0;
	bad = NdisAllocateNetBufferListPool(NULL, &lp);
	NdisFreeNetBufferListPool(bad);
	CHECK(st, bad == NULL,
	      "a pool was created from a bad NDIS_OBJECT_HEADER");

	NdisZeroMemory(&bp, sizeof(bp));
	bp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	bp.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	bp.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	bp.PoolTag = TAG_NB;
	bp.DataSize = 0;
	st->nb_pool = NdisAllocateNetBufferPool(NULL, &bp);
	CHECK(st, st->nb_pool != NULL, "NB pool: %s", rte_strerror(rte_errno));

	/* Revision 2 of the parameters, with Flags. */
	bp.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	bp.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	bp.PoolTag = TAG_DATA;
	bp.DataSize = DATA_SIZE;
	bp.Flags = 0;
	st->data_pool = NdisAllocateNetBufferPool(NULL, &bp);
	CHECK(st, st->data_pool != NULL, "NB pool with data: %s",
	      rte_strerror(rte_errno));
	return 0;
}

/* Allocate the send NBL over the caller's buffer and prepend a header. */
static int
build_frame(struct state *st)
{
	PNET_BUFFER nb;
	PUCHAR hdr;
	ULONG i;

	for (i = 0; i < PAYLOAD_LEN; i++)
		frame_buf[HEADROOM + i] = (UCHAR)(0xa0 + i);
	st->mdl = NdisAllocateMdl(NULL, frame_buf, sizeof(frame_buf));
	CHECK(st, st->mdl != NULL, "NdisAllocateMdl: %s",
	      rte_strerror(rte_errno));
	CHECK(st, MmGetMdlVirtualAddress(st->mdl) == (PVOID)frame_buf &&
	      MmGetMdlByteCount(st->mdl) == sizeof(frame_buf),
	      "MDL describes %p/%u", MmGetMdlVirtualAddress(st->mdl),
	      (unsigned int)MmGetMdlByteCount(st->mdl));

	/* The pool shape rule: one-step allocation only from (T,0). */
	st->nbl = NdisAllocateNetBufferAndNetBufferList(st->list_pool, 0, 0,
			st->mdl, HEADROOM, PAYLOAD_LEN);
	CHECK(st, st->nbl == NULL,
	      "NdisAllocateNetBufferAndNetBufferList worked on an (F,0) pool");

	st->nbl = NdisAllocateNetBufferAndNetBufferList(st->nbl_pool, CTX_SIZE,
			CTX_BACKFILL, st->mdl, HEADROOM, PAYLOAD_LEN);
	CHECK(st, st->nbl != NULL, "NdisAllocateNetBufferAndNetBufferList: %s",
	      rte_strerror(rte_errno));
	CHECK(st, NdisGetPoolFromNetBufferList(st->nbl) == st->nbl_pool,
	      "pool of the NBL");
	CHECK(st, NET_BUFFER_LIST_NEXT_NBL(st->nbl) == NULL &&
	      NET_BUFFER_LIST_PARENT(st->nbl) == NULL &&
	      NET_BUFFER_LIST_CHILD_REF_COUNT(st->nbl) == 0,
	      "initial Next, parent and child count");
	nb = NET_BUFFER_LIST_FIRST_NB(st->nbl);
	CHECK(st, nb != NULL && NET_BUFFER_NEXT_NB(nb) == NULL, "one NB");
	CHECK(st, NET_BUFFER_FIRST_MDL(nb) == st->mdl &&
	      NET_BUFFER_CURRENT_MDL(nb) == st->mdl &&
	      NET_BUFFER_DATA_OFFSET(nb) == HEADROOM &&
	      NET_BUFFER_CURRENT_MDL_OFFSET(nb) == HEADROOM &&
	      NET_BUFFER_DATA_LENGTH(nb) == PAYLOAD_LEN,
	      "initial NB: offset %u length %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(nb),
	      (unsigned int)NET_BUFFER_DATA_LENGTH(nb));

	/* Retreat within the back-fill: no allocation, same MDL. */
	CHECK(st, NdisRetreatNetBufferDataStart(nb, ETH_HLEN, 0, NULL) ==
	      NDIS_STATUS_SUCCESS, "retreat into the back-fill");
	CHECK(st, NET_BUFFER_FIRST_MDL(nb) == st->mdl &&
	      NET_BUFFER_CURRENT_MDL(nb) == st->mdl &&
	      NET_BUFFER_DATA_OFFSET(nb) == HEADROOM - ETH_HLEN &&
	      NET_BUFFER_CURRENT_MDL_OFFSET(nb) == HEADROOM - ETH_HLEN &&
	      NET_BUFFER_DATA_LENGTH(nb) == ETH_HLEN + PAYLOAD_LEN,
	      "after retreat: offset %u length %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(nb),
	      (unsigned int)NET_BUFFER_DATA_LENGTH(nb));

	/* Write the header through the contiguous view. */
	hdr = NdisGetDataBuffer(nb, ETH_HLEN, NULL, 1, 0);
	CHECK(st, hdr == &frame_buf[HEADROOM - ETH_HLEN],
	      "NdisGetDataBuffer gave %p, not a pointer into the frame",
	      (void *)hdr);
	NdisMoveMemory(hdr, eth_hdr, ETH_HLEN);
	CHECK(st, NdisEqualMemory(&frame_buf[HEADROOM - ETH_HLEN], eth_hdr,
				  ETH_HLEN), "header bytes in the buffer");
	for (i = 0; i < PAYLOAD_LEN; i++)
		CHECK(st, frame_buf[HEADROOM + i] == (UCHAR)(0xa0 + i),
		      "payload byte %u changed", (unsigned int)i);
	/* Asking for more than DataLength gives NULL, storage or not. */
	{
		UCHAR storage[ETH_HLEN + PAYLOAD_LEN + 1];

		CHECK(st, NdisGetDataBuffer(nb, sizeof(storage), storage, 1, 0)
		      == NULL, "NdisGetDataBuffer past the data");
	}
	NET_BUFFER_LIST_STATUS(st->nbl) = NDIS_STATUS_PENDING;
	CHECK(st, NET_BUFFER_LIST_STATUS(st->nbl) == NDIS_STATUS_PENDING,
	      "status is an lvalue");
	return 0;
}

/* Context: reuse the allocation's back-fill, then push a new block. */
static int
context(struct state *st)
{
	PUCHAR start0 = NET_BUFFER_LIST_CONTEXT_DATA_START(st->nbl);
	PUCHAR p;

	CHECK(st, start0 != NULL &&
	      NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl) == CTX_SIZE,
	      "allocation context: %u bytes",
	      (unsigned int)NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl));
	NdisFillMemory(start0, CTX_SIZE, 0x5a);

	CHECK(st, NdisAllocateNetBufferListContext(st->nbl, CTX_BACKFILL, 0,
			TAG_CTX) == NDIS_STATUS_SUCCESS,
	      "context in back-fill");
	st->ctx_pushed[st->n_ctx++] = CTX_BACKFILL;
	p = NET_BUFFER_LIST_CONTEXT_DATA_START(st->nbl);
	CHECK(st, p == start0 - CTX_BACKFILL &&
	      NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl) ==
	      CTX_SIZE + CTX_BACKFILL,
	      "context back-fill was not used in place");
	NdisFillMemory(p, CTX_BACKFILL, 0x11);

	CHECK(st, NdisAllocateNetBufferListContext(st->nbl, CTX_PUSH, 16,
			TAG_CTX) == NDIS_STATUS_SUCCESS, "context block push");
	st->ctx_pushed[st->n_ctx++] = CTX_PUSH;
	p = NET_BUFFER_LIST_CONTEXT_DATA_START(st->nbl);
	CHECK(st, p != NULL &&
	      NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl) == CTX_PUSH,
	      "pushed block: %u bytes",
	      (unsigned int)NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl));
	NdisZeroMemory(p, CTX_PUSH);

	/* A size that is not a multiple of sizeof(void *) fails. */
	CHECK(st, NdisAllocateNetBufferListContext(st->nbl, 12, 0, TAG_CTX) !=
	      NDIS_STATUS_SUCCESS, "context of 12 bytes accepted");

	NdisFreeNetBufferListContext(st->nbl, st->ctx_pushed[--st->n_ctx]);
	CHECK(st, NET_BUFFER_LIST_CONTEXT_DATA_START(st->nbl) ==
	      start0 - CTX_BACKFILL, "pop of the pushed block");
	NdisFreeNetBufferListContext(st->nbl, st->ctx_pushed[--st->n_ctx]);
	CHECK(st, NET_BUFFER_LIST_CONTEXT_DATA_START(st->nbl) == start0 &&
	      NET_BUFFER_LIST_CONTEXT_DATA_SIZE(st->nbl) == CTX_SIZE,
	      "context back to the allocation's");
	CHECK(st, start0[0] == 0x5a && start0[CTX_SIZE - 1] == 0x5a,
	      "allocation context data changed");
	return 0;
}

/* Retreat beyond the back-fill (allocates a head MDL), then advance. */
static int
round_trip(struct state *st)
{
	PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(st->nbl);
	const ULONG off0 = NET_BUFFER_DATA_OFFSET(nb);
	const ULONG len0 = NET_BUFFER_DATA_LENGTH(nb);
	const ULONG cur_off0 = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
	UCHAR storage[BIG_DELTA + ETH_HLEN + PAYLOAD_LEN];
	PMDL head;
	PUCHAR data;

	CHECK(st, NdisRetreatNetBufferDataStart(nb, BIG_DELTA, BIG_BACKFILL,
			NULL) == NDIS_STATUS_SUCCESS, "allocating retreat");
	st->retreated = BIG_DELTA;
	head = NET_BUFFER_FIRST_MDL(nb);
	CHECK(st, head != st->mdl && NDIS_MDL_LINKAGE(head) == st->mdl,
	      "a new MDL was not linked at the head");
	CHECK(st, NET_BUFFER_DATA_LENGTH(nb) == len0 + BIG_DELTA &&
	      NET_BUFFER_DATA_OFFSET(nb) == BIG_BACKFILL + off0 &&
	      NET_BUFFER_CURRENT_MDL(nb) == head &&
	      NET_BUFFER_CURRENT_MDL_OFFSET(nb) == BIG_BACKFILL + off0,
	      "after allocating retreat: offset %u length %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(nb),
	      (unsigned int)NET_BUFFER_DATA_LENGTH(nb));

	/* The frame now spans two MDLs: the view is a copy in storage whose
	 * tail is the old frame. */
	data = NdisGetDataBuffer(nb, sizeof(storage), storage, 1, 0);
	CHECK(st, data == storage, "split data not copied to storage");
	CHECK(st, NdisEqualMemory(storage + BIG_DELTA, eth_hdr, ETH_HLEN) &&
	      NdisEqualMemory(storage + BIG_DELTA + ETH_HLEN,
			      &frame_buf[HEADROOM], PAYLOAD_LEN),
	      "old frame not found after the new bytes");

	NdisAdvanceNetBufferDataStart(nb, BIG_DELTA, TRUE, NULL);
	st->retreated = 0;
	CHECK(st, NET_BUFFER_FIRST_MDL(nb) == st->mdl &&
	      NET_BUFFER_CURRENT_MDL(nb) == st->mdl &&
	      NET_BUFFER_DATA_OFFSET(nb) == off0 &&
	      NET_BUFFER_CURRENT_MDL_OFFSET(nb) == cur_off0 &&
	      NET_BUFFER_DATA_LENGTH(nb) == len0,
	      "round trip did not restore the NB: offset %u length %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(nb),
	      (unsigned int)NET_BUFFER_DATA_LENGTH(nb));

	/* NBL-level round trip inside the back-fill. */
	CHECK(st, NdisRetreatNetBufferListDataStart(st->nbl, 8, 0, NULL, NULL)
	      == NDIS_STATUS_SUCCESS && NET_BUFFER_DATA_OFFSET(nb) == off0 - 8,
	      "NBL retreat");
	NdisAdvanceNetBufferListDataStart(st->nbl, 8, FALSE, NULL);
	CHECK(st, NET_BUFFER_DATA_OFFSET(nb) == off0 &&
	      NET_BUFFER_DATA_LENGTH(nb) == len0, "NBL advance");
	return 0;
}

/* Clone for a second sender, with and without the original MDLs. */
static int
clone_once(struct state *st, ULONG flags)
{
	PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(st->nbl);
	PNET_BUFFER cnb;
	UCHAR storage[ETH_HLEN + PAYLOAD_LEN];
	PUCHAR data;

	st->clone = NdisAllocateCloneNetBufferList(st->nbl, st->list_pool,
						   st->nb_pool, flags);
	CHECK(st, st->clone != NULL, "clone (flags %#x): %s",
	      (unsigned int)flags, rte_strerror(rte_errno));
	st->clone_flags = flags;
	NET_BUFFER_LIST_PARENT(st->clone) = st->nbl;
	NET_BUFFER_LIST_CHILD_REF_COUNT(st->nbl)++;

	CHECK(st, NET_BUFFER_LIST_CONTEXT_DATA_START(st->clone) == NULL,
	      "a clone has no context");
	CHECK(st, NET_BUFFER_LIST_INFO(st->clone, Ieee8021QNetBufferListInfo)
	      == NULL, "a clone's info starts zeroed");
	NdisCopySendNetBufferListInfo(st->clone, st->nbl);
	CHECK(st, NET_BUFFER_LIST_INFO(st->clone, Ieee8021QNetBufferListInfo)
	      == (PVOID)(ULONG_PTR)42, "send info not copied");
	CHECK(st, NET_BUFFER_LIST_INFO(st->clone, NetBufferListHashValue) ==
	      NULL, "the send copy copied the receive hash");

	cnb = NET_BUFFER_LIST_FIRST_NB(st->clone);
	CHECK(st, cnb != NULL && cnb != nb && NET_BUFFER_NEXT_NB(cnb) == NULL,
	      "one NB per original NB");
	CHECK(st, NET_BUFFER_DATA_LENGTH(cnb) == NET_BUFFER_DATA_LENGTH(nb),
	      "clone length %u", (unsigned int)NET_BUFFER_DATA_LENGTH(cnb));
	data = NdisGetDataBuffer(cnb, sizeof(storage), storage, 1, 0);
	CHECK(st, data != NULL && NdisEqualMemory(data, eth_hdr, ETH_HLEN) &&
	      NdisEqualMemory(data + ETH_HLEN, &frame_buf[HEADROOM],
			      PAYLOAD_LEN), "clone bytes differ");
	/* No copy: the clone's view is the original's memory. */
	CHECK(st, NdisGetDataBuffer(cnb, ETH_HLEN, NULL, 1, 0) ==
	      &frame_buf[HEADROOM - ETH_HLEN],
	      "the clone does not reference the original's memory");

	NdisFreeCloneNetBufferList(st->clone, flags);
	st->clone = NULL;
	NET_BUFFER_LIST_CHILD_REF_COUNT(st->nbl)--;
	return 0;
}

/* Compare the used bytes of an NB, from 'skip' on, with 'want'. */
static int
nb_bytes_are(PNET_BUFFER nb, ULONG skip, const UCHAR *want, ULONG len)
{
	UCHAR storage[DATA_SIZE + SEG_LEN + ETH_HLEN];
	PUCHAR data;

	if (skip + len > sizeof(storage) ||
	    NET_BUFFER_DATA_LENGTH(nb) != skip + len)
		return 0;
	data = NdisGetDataBuffer(nb, skip + len, storage, 1, 0);
	return data != NULL && NdisEqualMemory(data + skip, want, len);
}

/* A two-NB list: an NB with pool data and an NB over a caller chain. */
static int
build_list(struct state *st, UCHAR *want)
{
	PUCHAR data;
	ULONG i;

	for (i = 0; i < sizeof(seg_buf); i++)
		seg_buf[i] = (UCHAR)i;
	st->seg_mdl[0] = NdisAllocateMdl(NULL, seg_buf, SEG_MDL1);
	st->seg_mdl[1] = NdisAllocateMdl(NULL, seg_buf + SEG_MDL1, SEG_MDL2);
	CHECK(st, st->seg_mdl[0] != NULL && st->seg_mdl[1] != NULL,
	      "NdisAllocateMdl: %s", rte_strerror(rte_errno));
	NDIS_MDL_LINKAGE(st->seg_mdl[0]) = st->seg_mdl[1];

	/* Each NB pool has its own allocator. */
	CHECK(st, NdisAllocateNetBuffer(st->data_pool, NULL, 0, 0) == NULL,
	      "NdisAllocateNetBuffer on a pool with data");
	CHECK(st, NdisAllocateNetBufferMdlAndData(st->nb_pool) == NULL,
	      "NdisAllocateNetBufferMdlAndData on a pool without data");

	st->nb_data = NdisAllocateNetBufferMdlAndData(st->data_pool);
	CHECK(st, st->nb_data != NULL, "NdisAllocateNetBufferMdlAndData: %s",
	      rte_strerror(rte_errno));
	CHECK(st, NET_BUFFER_DATA_OFFSET(st->nb_data) == 0 &&
	      NET_BUFFER_DATA_LENGTH(st->nb_data) == DATA_SIZE &&
	      NET_BUFFER_FIRST_MDL(st->nb_data) != NULL &&
	      MmGetMdlByteCount(NET_BUFFER_FIRST_MDL(st->nb_data)) >= DATA_SIZE,
	      "NB with data: offset %u length %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(st->nb_data),
	      (unsigned int)NET_BUFFER_DATA_LENGTH(st->nb_data));
	CHECK(st, NdisGetPoolFromNetBuffer(st->nb_data) == st->data_pool,
	      "pool of the NB");
	data = NdisGetDataBuffer(st->nb_data, DATA_SIZE, NULL, 1, 0);
	CHECK(st, data != NULL, "pool data is not contiguous");
	for (i = 0; i < DATA_SIZE; i++)
		data[i] = (UCHAR)(0xff - i);
	NdisMoveMemory(want, data, DATA_SIZE);

	/* Over the chain; then move the start by hand into the second MDL. */
	st->nb_seg = NdisAllocateNetBuffer(st->nb_pool, st->seg_mdl[0], 0,
					   SEG_MDL1 + SEG_MDL2);
	CHECK(st, st->nb_seg != NULL, "NdisAllocateNetBuffer: %s",
	      rte_strerror(rte_errno));
	NET_BUFFER_DATA_OFFSET(st->nb_seg) = SEG_OFFSET;
	NET_BUFFER_DATA_LENGTH(st->nb_seg) = SEG_LEN;
	NdisAdjustNetBufferCurrentMdl(st->nb_seg);
	CHECK(st, NET_BUFFER_CURRENT_MDL(st->nb_seg) == st->seg_mdl[1] &&
	      NET_BUFFER_CURRENT_MDL_OFFSET(st->nb_seg) ==
	      SEG_OFFSET - SEG_MDL1,
	      "NdisAdjustNetBufferCurrentMdl: offset %u",
	      (unsigned int)NET_BUFFER_CURRENT_MDL_OFFSET(st->nb_seg));
	NdisMoveMemory(want + DATA_SIZE, seg_buf + SEG_OFFSET, SEG_LEN);

	st->list = NdisAllocateNetBufferList(st->list_pool, 0, 0);
	CHECK(st, st->list != NULL, "NdisAllocateNetBufferList: %s",
	      rte_strerror(rte_errno));
	CHECK(st, NET_BUFFER_LIST_FIRST_NB(st->list) == NULL,
	      "an (F,0) NBL carries an NB");
	NET_BUFFER_LIST_FIRST_NB(st->list) = st->nb_data;
	NET_BUFFER_NEXT_NB(st->nb_data) = st->nb_seg;
	CHECK(st, NdisGetPoolFromNetBuffer(NET_BUFFER_LIST_FIRST_NB(st->nbl)) ==
	      st->nbl_pool, "pool of a preallocated NB");

	/* Receive-path info copy: the hash goes along. */
	NdisCopyReceiveNetBufferListInfo(st->list, st->nbl);
	CHECK(st, NET_BUFFER_LIST_INFO(st->list, NetBufferListHashValue) ==
	      (PVOID)(ULONG_PTR)0x1234, "receive info not copied");
	return 0;
}

/* Headers on both NBs: one allocates, one uses its back-fill. */
static int
list_headers(struct state *st)
{
	CHECK(st, NdisRetreatNetBufferListDataStart(st->list, ETH_HLEN, 0, NULL,
			NULL) == NDIS_STATUS_SUCCESS, "NBL retreat");
	st->list_retreated = ETH_HLEN;
	CHECK(st, NET_BUFFER_FIRST_MDL(st->nb_data) != NULL &&
	      NET_BUFFER_DATA_LENGTH(st->nb_data) == DATA_SIZE + ETH_HLEN,
	      "retreat of the NB with data");
	CHECK(st, NET_BUFFER_FIRST_MDL(st->nb_seg) == st->seg_mdl[0] &&
	      NET_BUFFER_DATA_OFFSET(st->nb_seg) == SEG_OFFSET - ETH_HLEN &&
	      NET_BUFFER_CURRENT_MDL(st->nb_seg) == st->seg_mdl[0],
	      "retreat of the chained NB: offset %u",
	      (unsigned int)NET_BUFFER_DATA_OFFSET(st->nb_seg));
	NdisAdvanceNetBufferListDataStart(st->list, ETH_HLEN, TRUE, NULL);
	st->list_retreated = 0;
	CHECK(st, NET_BUFFER_DATA_OFFSET(st->nb_data) == 0 &&
	      NET_BUFFER_DATA_LENGTH(st->nb_data) == DATA_SIZE &&
	      NET_BUFFER_DATA_OFFSET(st->nb_seg) == SEG_OFFSET &&
	      NET_BUFFER_CURRENT_MDL(st->nb_seg) == st->seg_mdl[1] &&
	      NET_BUFFER_DATA_LENGTH(st->nb_seg) == SEG_LEN,
	      "NBL advance did not restore the NBs");
	return 0;
}

/* Fragment to MTU_PIECE with header room, then reassemble. */
static int
fragment_and_reassemble(struct state *st, const UCHAR *want)
{
	static const ULONG piece_off[N_PIECES] = { 0, 48, 96, 128, 176 };
	static const ULONG piece_len[N_PIECES] = { 48, 48, 32, 48, 8 };
	PNET_BUFFER nb;
	unsigned int n = 0;

	st->frag = NdisAllocateFragmentNetBufferList(st->list, st->list_pool,
			st->nb_pool, 0, MTU_PIECE, ETH_HLEN, 0, 0);
	CHECK(st, st->frag != NULL, "NdisAllocateFragmentNetBufferList: %s",
	      rte_strerror(rte_errno));
	for (nb = NET_BUFFER_LIST_FIRST_NB(st->frag); nb != NULL;
	     nb = NET_BUFFER_NEXT_NB(nb), n++) {
		CHECK(st, n < N_PIECES, "more than %d fragments", N_PIECES);
		CHECK(st, nb_bytes_are(nb, ETH_HLEN, want + piece_off[n],
				       piece_len[n]),
		      "fragment %u: length %u", n,
		      (unsigned int)NET_BUFFER_DATA_LENGTH(nb));
	}
	CHECK(st, n == N_PIECES, "%u fragments", n);
	NdisFreeFragmentNetBufferList(st->frag, ETH_HLEN, 0);
	st->frag = NULL;

	st->reasm = NdisAllocateReassembledNetBufferList(st->list, st->nbl_pool,
			0, ETH_HLEN, 0, 0);
	CHECK(st, st->reasm != NULL, "NdisAllocateReassembledNetBufferList: %s",
	      rte_strerror(rte_errno));
	nb = NET_BUFFER_LIST_FIRST_NB(st->reasm);
	CHECK(st, nb != NULL && NET_BUFFER_NEXT_NB(nb) == NULL &&
	      nb_bytes_are(nb, ETH_HLEN, want, DATA_SIZE + SEG_LEN),
	      "reassembled NB: length %u",
	      nb == NULL ? 0 : (unsigned int)NET_BUFFER_DATA_LENGTH(nb));
	NdisFreeReassembledNetBufferList(st->reasm, ETH_HLEN, 0);
	st->reasm = NULL;
	return 0;
}

static int
run(struct state *st)
{
	if (create_pools(st) != 0 || build_frame(st) != 0 ||
	    context(st) != 0 || round_trip(st) != 0)
		return -1;
	NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(st->nbl, (ULONG_PTR)7);
	CHECK(st, NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(st->nbl) ==
	      (PVOID)(ULONG_PTR)7, "cancel id");
	NET_BUFFER_LIST_INFO(st->nbl, Ieee8021QNetBufferListInfo) =
		(PVOID)(ULONG_PTR)42;
	NET_BUFFER_LIST_INFO(st->nbl, NetBufferListHashValue) =
		(PVOID)(ULONG_PTR)0x1234;
	if (clone_once(st, 0) != 0 ||
	    clone_once(st, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) != 0)
		return -1;
	CHECK(st, NET_BUFFER_LIST_CHILD_REF_COUNT(st->nbl) == 0,
	      "child count");

	{
		UCHAR want[DATA_SIZE + SEG_LEN];

		if (build_list(st, want) != 0 || list_headers(st) != 0 ||
		    fragment_and_reassemble(st, want) != 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct state st;
	uint64_t leaked;
	int rc;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "ndis_example: rte_eal_init: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	memset(&st, 0, sizeof(st));
	rc = run(&st);
	free_objects(&st);

	/* Every pool must be full again before it is freed ... */
	leaked = nbl_leak_check(stderr);
	if (leaked != 0) {
		fprintf(stderr, "ndis_example: %llu objects missing with the "
			"pools alive\n", (unsigned long long)leaked);
		rc = -1;
	}
	free_pools(&st);
	/* ... and nothing may be left once they are. */
	if (nbl_internal_pools_release() != 0) {
		fprintf(stderr, "ndis_example: internal pools still busy\n");
		rc = -1;
	}
	leaked = nbl_leak_check(stderr);
	if (leaked != 0) {
		fprintf(stderr, "ndis_example: %llu objects missing after the "
			"pools were freed\n", (unsigned long long)leaked);
		rc = -1;
	}
	rte_eal_cleanup();
	if (rc != 0) {
		fprintf(stderr, "ndis_example: FAILED after %u checks\n",
			st.checks);
		return 1;
	}
	printf("ndis_example: %u checks passed, nothing leaked\n", st.checks);
	return 0;
}
