/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Derived NBLs (rule book section 6 and 9.5): clones, fragments and
 * reassembled NBLs, and the library's internal pools used when a caller
 * passes NULL pool handles.
 *
 * Design decisions
 *
 * - Children reference the parent's memory, never copy it.  Every NB of a
 *   derived NBL gets a chain of new "mirror" MDLs (nbl_mdl_lib_alloc with
 *   NBL_MDL_F_MIRROR) that describe exactly the source bytes the NB
 *   covers, starting at the source NB's CurrentMdl + CurrentMdlOffset
 *   (plus start_offset for fragments and reassembly).  Mirrors hold no
 *   data; their 'user' field points to the MDL they describe, so a sender
 *   can reach the backing mbuf of the parent.  Only the used bytes are
 *   mirrored: the child cannot even address the parent's back-fill.
 *
 * - Clones: DataOffset 0 and back-fill 0, and the NB is flagged
 *   NBL_BUF_F_NO_BACKFILL so that any retreat allocates (edge case 30).
 *   NBL_CLONE_F_USE_ORIGINAL_MDLS is accepted and recorded in clone_flags
 *   (nbl_list_clone_free() checks it) but also mirrors: sharing the chain
 *   is an optimisation of NDIS; the observable semantics - the same
 *   memory, writes visible in the parent, the parent's back-fill
 *   unreachable - are kept, and a shared chain would let the clone's
 *   retreat/advance re-link the parent's MDLs.
 *
 * - Fragments and reassembled NBs start at offset 0 of their mirror chain
 *   and are then retreated by delta with the library's default allocator,
 *   which therefore always allocates delta + backfill bytes (when delta >
 *   0) in front of the mirrors: headers written there never touch the
 *   parent.  These NBs are not flagged NO_BACKFILL: the allocated
 *   back-fill is theirs and later retreats may use it.  With delta 0
 *   nothing is allocated and backfill is ignored.  Delta is recorded in
 *   nbl->delta and the frees refuse another value.
 *
 * - Derived NBLs come from nbl_list_alloc_raw(): kind set, Context NULL,
 *   info zeroed (the frame-type slot holds the pool's protocol id, as for
 *   every NBL of that pool: NDIS ties ProtocolType to the pool), parent
 *   and child count left as allocated (NULL and 0; the caller maintains
 *   them, section 6).  Clones and fragments take their NBs from nb_pool
 *   (DataSize 0) with nbl_buf_alloc(); an NBL pool of shape (F,0) is the
 *   NDIS shape, (T,0) is accepted too, but its embedded NB is not used
 *   (first_nb points to the list of pool NBs; the embedded NB stays in its
 *   initial state); (T,N) is refused with ENOTSUP (its NBL is an mbuf
 *   whose data room would be wasted and could be handed to a PMD).
 *   Reassembly needs a (T,0) pool and uses its embedded NB; with NULL it
 *   uses the internal (F,0) NBL pool plus one NB of the internal NB pool.
 *
 * - All-or-nothing: on any failure everything already allocated (NBL,
 *   NBs, mirrors, retreat MDLs) is released, the function returns NULL
 *   with rte_errno set, and the source NBL is never changed.
 *
 * - Frees check the kind and the flags/delta given at allocation; a
 *   mismatch is a misuse (refused, counted and logged in a release build,
 *   abort in a debug build).  Retreat-allocated MDLs the caller left in a
 *   child (other than the fragment/reassembly delta, which the free
 *   advances over) are a misuse too: counted, logged and freed.
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_spinlock.h>

#include "nbl.h"
#include "nbl_private.h"

/* Internal pools: objects of each, and their tags ("NBLi", "NBi_"). */
#define NBL_INTERNAL_COUNT    1023
#define NBL_INTERNAL_LIST_TAG 0x694c424eu
#define NBL_INTERNAL_BUF_TAG  0x5f69424eu

/* ------------------------------------------------------------------ */
/* Internal pools                                                      */
/* ------------------------------------------------------------------ */

/*
 * The only process-wide state of this file: the lazily created internal
 * pools.  They are created under the lock and published with release
 * semantics so that the getters' fast path is a single acquire load.
 */
static rte_spinlock_t internal_lock = RTE_SPINLOCK_INITIALIZER;
static void *internal_list_pool; /* struct nbl_list_pool * */
static void *internal_buf_pool;  /* struct nbl_buf_pool * */

/* The pool in *slot, created by create() on first use; NULL with rte_errno
 * set if it cannot be created. */
static void *
internal_pool_get(void **slot, void *(*create)(void))
{
	void *p;

	p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (likely(p != NULL))
		return p;
	rte_spinlock_lock(&internal_lock);
	p = *slot;
	if (p == NULL) {
		p = create();
		if (p != NULL)
			__atomic_store_n(slot, p, __ATOMIC_RELEASE);
	}
	rte_spinlock_unlock(&internal_lock);
	return p;
}

static void *
internal_list_pool_create(void)
{
	struct nbl_list_pool_params prm = {
		.protocol_id = 0,
		.alloc_nb = false,
		.context_size = 0,
		.data_size = 0,
		.tag = NBL_INTERNAL_LIST_TAG,
		.count = NBL_INTERNAL_COUNT,
		.cache_size = 0,
		.socket_id = SOCKET_ID_ANY,
	};

	return nbl_list_pool_create(&prm);
}

static void *
internal_buf_pool_create(void)
{
	struct nbl_buf_pool_params prm = {
		.tag = NBL_INTERNAL_BUF_TAG,
		.data_size = 0,
		.count = NBL_INTERNAL_COUNT,
		.cache_size = 0,
		.socket_id = SOCKET_ID_ANY,
	};

	return nbl_buf_pool_create(&prm);
}

/* NBL pool of shape (F,0) used for NULL NBL pool handles; NULL with
 * rte_errno set if it cannot be created. */
struct nbl_list_pool *
nbl_internal_list_pool(void)
{
	return internal_pool_get(&internal_list_pool,
				 internal_list_pool_create);
}

/* NB pool of DataSize 0 used for NULL NB pool handles; NULL with rte_errno
 * set if it cannot be created. */
struct nbl_buf_pool *
nbl_internal_buf_pool(void)
{
	return internal_pool_get(&internal_buf_pool, internal_buf_pool_create);
}

/*
 * Free the internal pools that are empty; one that still has objects out
 * is kept (and -EBUSY returned) so that the caller can free the rest and
 * retry.  The emptiness is checked before the free so that a debug build
 * does not abort in nbl_*_pool_free().  The caller must make sure that no
 * other thread is using derived NBLs with NULL pool handles meanwhile (a
 * thread holding a getter's result would allocate from a freed pool):
 * call it at the end of a run, before the final leak check.
 */
int
nbl_internal_pools_release(void)
{
	struct nbl_pool_stats st;
	int ret = 0;

	rte_spinlock_lock(&internal_lock);
	if (internal_list_pool != NULL) {
		if (nbl_list_pool_stats_get(internal_list_pool, &st) == 0 &&
		    st.outstanding == 0 &&
		    nbl_list_pool_free(internal_list_pool) == 0)
			__atomic_store_n(&internal_list_pool, NULL,
					 __ATOMIC_RELEASE);
		else
			ret = -EBUSY;
	}
	if (internal_buf_pool != NULL) {
		if (nbl_buf_pool_stats_get(internal_buf_pool, &st) == 0 &&
		    st.outstanding == 0 &&
		    nbl_buf_pool_free(internal_buf_pool) == 0)
			__atomic_store_n(&internal_buf_pool, NULL,
					 __ATOMIC_RELEASE);
		else
			ret = -EBUSY;
	}
	rte_spinlock_unlock(&internal_lock);
	if (ret != 0)
		NBL_LOG(WARNING, "internal pools still have objects out: kept");
	return ret;
}

/* ------------------------------------------------------------------ */
/* Mirror MDLs                                                         */
/* ------------------------------------------------------------------ */

/* A byte position in an MDL chain. */
struct mdl_cursor {
	const struct nbl_mdl *mdl;
	uint32_t off;
};

/* Place the cursor on the first used byte of an NB. */
static void
cursor_at_data(struct mdl_cursor *c, const struct nbl_buf *nb)
{
	c->mdl = nb->cur;
	c->off = nb->cur_off;
}

/* Bytes left in the cursor's MDL (0 past its end). */
static uint32_t
cursor_avail(const struct mdl_cursor *c)
{
	return c->off < c->mdl->len ? c->mdl->len - c->off : 0;
}

/* Move the cursor n bytes on; -EINVAL if the chain ends first. */
static int
cursor_skip(struct mdl_cursor *c, uint32_t n)
{
	while (n > 0) {
		uint32_t avail;

		if (c->mdl == NULL)
			return -EINVAL;
		avail = cursor_avail(c);
		if (n < avail) {
			c->off += n;
			return 0;
		}
		n -= avail;
		c->mdl = c->mdl->next;
		c->off = 0;
	}
	return 0;
}

/* Free a chain made only of mirrors built here. */
static void
mirror_chain_free(struct nbl_mdl *m)
{
	while (m != NULL) {
		struct nbl_mdl *next = m->next;

		nbl_mdl_lib_free(m);
		m = next;
	}
}

/*
 * Append to *tailp mirrors of the next n bytes at the cursor and move the
 * cursor past them.  One mirror per source MDL touched, none of length 0.
 * On error the mirrors already appended stay linked: the caller frees the
 * whole chain.  Returns 0, -ENOMEM or -EINVAL (source chain too short).
 */
static int
cursor_mirror(struct mdl_cursor *c, uint32_t n, struct nbl_mdl ***tailp)
{
	while (n > 0) {
		const struct nbl_mdl *m = c->mdl;
		struct nbl_mdl *mir;
		uint32_t avail, take;
		rte_iova_t iova;

		if (m == NULL)
			return -EINVAL;
		avail = cursor_avail(c);
		if (avail == 0) {
			c->mdl = m->next;
			c->off = 0;
			continue;
		}
		take = RTE_MIN(n, avail);
		iova = m->iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
			m->iova + c->off;
		mir = nbl_mdl_lib_alloc(RTE_PTR_ADD(m->va, c->off), iova, take,
					NBL_MDL_F_MIRROR);
		if (mir == NULL)
			return -ENOMEM;
		mir->user = (void *)(uintptr_t)m;
		**tailp = mir;
		*tailp = &mir->next;
		c->off += take;
		n -= take;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Common parts                                                        */
/* ------------------------------------------------------------------ */

/* Resolve the pools of a clone or fragment (NULL: internal ones). */
static int
resolve_pools(struct nbl_list_pool **lp, struct nbl_buf_pool **bp)
{
	if (*lp == NULL) {
		*lp = nbl_internal_list_pool();
		if (*lp == NULL)
			return -rte_errno;
	}
	if ((*lp)->data_size != 0)
		return -ENOTSUP;
	if (*bp == NULL) {
		*bp = nbl_internal_buf_pool();
		if (*bp == NULL)
			return -rte_errno;
	}
	if ((*bp)->data_size != 0)
		return -ENOTSUP;
	return 0;
}

/* Take an NBL from the pool and make it a derived NBL of the given kind. */
static struct nbl_list *
derived_nbl_alloc(struct nbl_list_pool *pool, uint8_t kind, uint32_t delta,
		  uint32_t clone_flags)
{
	struct nbl_list *nbl = nbl_list_alloc_raw(pool);

	if (nbl == NULL)
		return NULL;
	nbl->kind = kind;
	nbl->delta = delta;
	nbl->clone_flags = (uint8_t)clone_flags;
	nbl->derived = NULL;
	nbl->context = NULL;
	nbl->ctx_dirty = 1;
	nbl->first_nb = NULL;
	/* Zeroed info, with the pool's protocol id as for every NBL of the
	 * pool: the state nbl_list_reset() keeps for a clean NBL. */
	memset(nbl->info, 0, sizeof(nbl->info));
	nbl->info[NBL_INFO_FRAME_TYPE] = (void *)(uintptr_t)pool->protocol_id;
	nbl->info_dirty = 0;
	return nbl;
}

/* Return a derived NBL to its pool (its NBs are gone); nbl_list_free_raw
 * makes it plain again and frees context blocks a user left pushed. */
static void
derived_nbl_free(struct nbl_list *nbl)
{
	nbl->first_nb = nbl->pool->alloc_nb ? nbl_list_embedded_nb(nbl) : NULL;
	nbl_list_free_raw(nbl);
}

/*
 * Release one NB of a derived NBL: leftover retreat MDLs (a misuse when
 * 'user_leftover', the normal state during a roll-back), its mirrors, and
 * the NB itself unless it is the embedded NB of a (T,0) NBL, which is put
 * back in its initial state.  Caller MDLs linked by the user are the
 * user's and never freed.
 */
static void
derived_nb_release(struct nbl_list *nbl, struct nbl_buf *nb,
		   bool user_leftover)
{
	struct nbl_mdl *m, *next;

	if (nb->ndis_mdls != 0) {
		if (user_leftover)
			NBL_MISUSE(nbl->pool->stats,
				   "derived NBL %p freed with %u retreat-allocated MDL(s) left",
				   (void *)nbl, nb->ndis_mdls);
		nbl_buf_release_ndis_mdls(nb);
	}
	for (m = nb->chain; m != NULL; m = next) {
		next = m->next;
		if (m->flags & NBL_MDL_F_MIRROR)
			nbl_mdl_lib_free(m);
	}
	nb->chain = NULL;
	nb->cur = NULL;
	nb->cur_off = 0;
	nb->data_offset = 0;
	nb->data_length = 0;
	nb->next = NULL;
	nb->flags &= (uint8_t)~NBL_BUF_F_NO_BACKFILL;
	if (!(nb->flags & NBL_BUF_F_EMBEDDED))
		nbl_buf_free(nb);
}

/* Release every NB of a derived NBL, then the NBL. */
static void
derived_teardown(struct nbl_list *nbl, bool user_leftover)
{
	struct nbl_buf *nb = nbl->first_nb;

	while (nb != NULL) {
		struct nbl_buf *next = nb->next;

		derived_nb_release(nbl, nb, user_leftover);
		nb = next;
	}
	nbl->first_nb = NULL;
	derived_nbl_free(nbl);
}

/*
 * Roll back a derived NBL under construction whose linked NBs were
 * retreated by 'delta' (0 for clones): undo the retreats, free all.
 */
static void
derived_rollback(struct nbl_list *nbl, uint32_t delta)
{
	struct nbl_buf *nb;

	if (delta != 0)
		for (nb = nbl->first_nb; nb != NULL; nb = nb->next)
			nbl_buf_advance(nb, delta, true, NULL);
	derived_teardown(nbl, false);
}

/*
 * Make an NB from nb_pool over a mirror chain of 'len' bytes at the
 * cursor, retreated by delta (allocating delta + backfill).  Returns the
 * NB or NULL with rte_errno set; frees what it made on failure.
 */
static struct nbl_buf *
mirror_nb_alloc(struct nbl_buf_pool *bp, struct mdl_cursor *c, uint32_t len,
		uint32_t delta, uint32_t backfill, uint8_t nb_flags)
{
	struct nbl_mdl *chain = NULL, **tail = &chain;
	struct nbl_buf *nb;
	int rc;

	rc = cursor_mirror(c, len, &tail);
	if (rc != 0) {
		mirror_chain_free(chain);
		rte_errno = -rc;
		return NULL;
	}
	nb = nbl_buf_alloc(bp, chain, 0, len);
	if (nb == NULL) {
		rc = rte_errno;
		mirror_chain_free(chain);
		rte_errno = rc;
		return NULL;
	}
	nb->flags |= nb_flags;
	if (delta != 0) {
		rc = nbl_buf_retreat(nb, delta, backfill, NULL);
		if (rc != 0) {
			nbl_buf_free(nb);
			mirror_chain_free(chain);
			rte_errno = -rc;
			return NULL;
		}
	}
	return nb;
}

/* Misuse check shared by the three frees. */
static int
derived_free_check(struct nbl_list *nbl, uint8_t kind, const char *what,
		   uint32_t arg, uint32_t expected)
{
	if (nbl == NULL) {
		NBL_MISUSE(NULL, "%s: NULL NBL", what);
		return -EINVAL;
	}
	if (nbl->kind != kind) {
		NBL_MISUSE(nbl->pool->stats, "%s: NBL %p is of kind %u",
			   what, (void *)nbl, nbl->kind);
		return -EINVAL;
	}
	if (arg != expected) {
		NBL_MISUSE(nbl->pool->stats,
			   "%s: NBL %p freed with %u, allocated with %u",
			   what, (void *)nbl, arg, expected);
		return -EINVAL;
	}
	return 0;
}

/* The three frees: check (arg against what the NBL was allocated with),
 * advance by delta if any, tear down.  NDIS advances by delta first;
 * all-or-nothing, so a refusal (an NB shorter than delta) leaves the NBL
 * intact. */
static int
derived_free(struct nbl_list *nbl, uint8_t kind, const char *what,
	     uint32_t arg, uint32_t expected, uint32_t delta)
{
	int rc;

	rc = derived_free_check(nbl, kind, what, arg, expected);
	if (rc != 0)
		return rc;
	if (delta != 0) {
		rc = nbl_list_advance(nbl, delta, true, NULL);
		if (rc != 0)
			return rc;
	}
	derived_teardown(nbl, true);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Clone                                                               */
/* ------------------------------------------------------------------ */

struct nbl_list *
nbl_list_clone(struct nbl_list *orig, struct nbl_list_pool *nbl_pool,
	       struct nbl_buf_pool *nb_pool, uint32_t flags)
{
	struct nbl_buf **tail, *src;
	struct nbl_list *clone;
	int rc;

	if (orig == NULL ||
	    (flags & ~(uint32_t)NBL_CLONE_F_USE_ORIGINAL_MDLS) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	rc = resolve_pools(&nbl_pool, &nb_pool);
	if (rc != 0) {
		rte_errno = -rc;
		return NULL;
	}
	clone = derived_nbl_alloc(nbl_pool, NBL_KIND_CLONE, 0, flags);
	if (clone == NULL)
		return NULL;
	tail = &clone->first_nb;
	for (src = orig->first_nb; src != NULL; src = src->next) {
		struct mdl_cursor c;
		struct nbl_buf *nb;

		cursor_at_data(&c, src);
		nb = mirror_nb_alloc(nb_pool, &c, src->data_length, 0, 0,
				     NBL_BUF_F_NO_BACKFILL);
		if (nb == NULL) {
			rc = rte_errno;
			derived_rollback(clone, 0);
			rte_errno = rc;
			return NULL;
		}
		*tail = nb;
		tail = &nb->next;
	}
	return clone;
}

int
nbl_list_clone_free(struct nbl_list *clone, uint32_t flags)
{
	return derived_free(clone, NBL_KIND_CLONE, "clone free", flags,
			    clone != NULL ? clone->clone_flags : 0, 0);
}

/* ------------------------------------------------------------------ */
/* Fragment                                                            */
/* ------------------------------------------------------------------ */

struct nbl_list *
nbl_list_fragment(struct nbl_list *orig, struct nbl_list_pool *nbl_pool,
		  struct nbl_buf_pool *nb_pool, uint32_t start_offset,
		  uint32_t max_len, uint32_t delta, uint32_t backfill)
{
	struct nbl_buf **tail, *src;
	struct nbl_list *frag;
	int rc;

	if (orig == NULL || max_len == 0 ||
	    (uint64_t)max_len + delta > UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	/* Validate every source NB before allocating anything. */
	for (src = orig->first_nb; src != NULL; src = src->next)
		if (start_offset > src->data_length) {
			rte_errno = EINVAL;
			return NULL;
		}
	rc = resolve_pools(&nbl_pool, &nb_pool);
	if (rc != 0) {
		rte_errno = -rc;
		return NULL;
	}
	frag = derived_nbl_alloc(nbl_pool, NBL_KIND_FRAGMENT, delta, 0);
	if (frag == NULL)
		return NULL;
	tail = &frag->first_nb;
	for (src = orig->first_nb; src != NULL; src = src->next) {
		uint32_t rem = src->data_length - start_offset;
		struct mdl_cursor c;

		/* Pieces never merge across source NBs. */
		cursor_at_data(&c, src);
		if (cursor_skip(&c, start_offset) != 0) {
			rc = EINVAL;
			goto fail;
		}
		while (rem > 0) {
			uint32_t piece = RTE_MIN(rem, max_len);
			struct nbl_buf *nb;

			nb = mirror_nb_alloc(nb_pool, &c, piece, delta,
					     backfill, 0);
			if (nb == NULL) {
				rc = rte_errno;
				goto fail;
			}
			*tail = nb;
			tail = &nb->next;
			rem -= piece;
		}
	}
	return frag;
fail:
	derived_rollback(frag, delta);
	rte_errno = rc;
	return NULL;
}

int
nbl_list_fragment_free(struct nbl_list *frag, uint32_t delta)
{
	return derived_free(frag, NBL_KIND_FRAGMENT, "fragment free", delta,
			    frag != NULL ? frag->delta : 0, delta);
}

/* ------------------------------------------------------------------ */
/* Reassemble                                                          */
/* ------------------------------------------------------------------ */

struct nbl_list *
nbl_list_reassemble(struct nbl_list *frag, struct nbl_list_pool *pool,
		    uint32_t start_offset, uint32_t delta, uint32_t backfill)
{
	struct nbl_mdl *chain = NULL, **mtail = &chain;
	struct nbl_buf_pool *bp = NULL;
	struct nbl_list *nbl;
	struct nbl_buf *src, *nb;
	uint64_t total = 0;
	int rc;

	if (frag == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	for (src = frag->first_nb; src != NULL; src = src->next) {
		if (start_offset > src->data_length) {
			rte_errno = EINVAL;
			return NULL;
		}
		total += src->data_length - start_offset;
	}
	if (total + delta > UINT32_MAX) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (pool != NULL) {
		/* NDIS requires fAllocateNetBuffer TRUE and DataSize 0. */
		if (!pool->alloc_nb || pool->data_size != 0) {
			rte_errno = ENOTSUP;
			return NULL;
		}
	} else {
		pool = nbl_internal_list_pool();
		bp = nbl_internal_buf_pool();
		if (pool == NULL || bp == NULL)
			return NULL;
	}

	/* One mirror chain: each source's used data minus start_offset. */
	for (src = frag->first_nb; src != NULL; src = src->next) {
		struct mdl_cursor c;

		cursor_at_data(&c, src);
		rc = cursor_skip(&c, start_offset);
		if (rc == 0)
			rc = cursor_mirror(&c, src->data_length - start_offset,
					   &mtail);
		if (rc != 0) {
			mirror_chain_free(chain);
			rte_errno = -rc;
			return NULL;
		}
	}

	nbl = derived_nbl_alloc(pool, NBL_KIND_REASSEMBLED, delta, 0);
	if (nbl == NULL) {
		rc = rte_errno;
		mirror_chain_free(chain);
		rte_errno = rc;
		return NULL;
	}
	if (bp == NULL) {
		/* The (T,0) NBL's embedded NB, set up with all five fields. */
		nb = nbl_list_embedded_nb(nbl);
		nb->next = NULL;
		nb->chain = chain;
		nb->data_offset = 0;
		nb->data_length = (uint32_t)total;
		rc = nbl_buf_adjust_cur(nb);
		if (rc != 0) {
			nbl->first_nb = nb;
			goto fail_nb;
		}
	} else {
		nb = nbl_buf_alloc(bp, chain, 0, (uint32_t)total);
		if (nb == NULL) {
			rc = -rte_errno;
			mirror_chain_free(chain);
			derived_nbl_free(nbl);
			rte_errno = -rc;
			return NULL;
		}
	}
	nbl->first_nb = nb;
	if (delta != 0) {
		rc = nbl_buf_retreat(nb, delta, backfill, NULL);
		if (rc != 0)
			goto fail_nb;
	}
	return nbl;
fail_nb:
	/* Nothing retreated: release mirrors, NB and NBL. */
	derived_teardown(nbl, false);
	rte_errno = -rc;
	return NULL;
}

int
nbl_list_reassemble_free(struct nbl_list *nbl, uint32_t delta)
{
	return derived_free(nbl, NBL_KIND_REASSEMBLED, "reassembled free",
			    delta, nbl != NULL ? nbl->delta : 0, delta);
}
