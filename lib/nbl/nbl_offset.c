/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Data offset: retreat and advance (the slow paths), CurrentMdl upkeep,
 * NdisGetDataBuffer and copies in and out of an MDL chain. */

#include "nbl_private.h"

/* Counters to charge a misuse on an NB to. */
static struct nbl_pool_lcore_stats *
buf_stats(struct nbl_buf *nb)
{
	if (nb->flags & NBL_BUF_F_EMBEDDED)
		return ((struct nbl_list *)nb - 1)->pool->stats;
	return nb->pool != NULL ? nb->pool->stats : NULL;
}

int
nbl_buf_adjust_cur(struct nbl_buf *nb)
{
	struct nbl_mdl *m = nb->chain, *prev = NULL;
	uint64_t off = nb->data_offset;

	/* Refused means unchanged: check before moving the cursor. */
	if ((uint64_t)nb->data_offset + nb->data_length >
	    nbl_mdl_chain_len(nb->chain))
		return -EINVAL;
	if (m == NULL) {
		nb->cur = NULL;
		nb->cur_off = 0;
		return 0;
	}
	while (m != NULL && off >= m->len) {
		off -= m->len;
		prev = m;
		m = m->next;
	}
	if (m == NULL) {
		/* DataOffset is the end of the chain: stay on the last MDL,
		 * at its end, so a retreat finds the back-fill at once. */
		nb->cur = prev;
		nb->cur_off = prev->len;
		return 0;
	}
	nb->cur = m;
	nb->cur_off = (uint32_t)off;
	return 0;
}

int
nbl_buf_retreat_slow(struct nbl_buf *nb, uint32_t delta, uint32_t backfill,
		     nbl_mdl_alloc_fn alloc)
{
	uint32_t d0 = nb->data_offset, size;
	struct nbl_mdl *mdl;

	if (delta == 0)
		return 0;
	if ((uint64_t)nb->data_length + delta > UINT32_MAX ||
	    (uint64_t)delta + backfill > UINT32_MAX)
		return -EINVAL;
	if (delta <= d0 && !(nb->flags & NBL_BUF_F_NO_BACKFILL)) {
		/* Back-fill suffices but spans MDLs. */
		nb->data_offset -= delta;
		nb->data_length += delta;
		return nbl_buf_adjust_cur(nb);
	}
	/* Rule A: a new head MDL of delta + backfill bytes; the old d0
	 * bytes are used first, so the header ends in the old chain. */
	size = delta + backfill;
	mdl = alloc != NULL ? alloc(&size) : nbl_mdl_default_alloc(&size);
	if (mdl == NULL)
		return -ENOMEM;
	if (mdl->len < delta - RTE_MIN(d0, delta) ||
	    (uint64_t)mdl->len - delta + d0 > UINT32_MAX) {
		NBL_LOG(ERR, "retreat: allocator gave %u bytes, %u needed",
			mdl->len, delta + backfill);
		if (alloc == NULL)
			nbl_mdl_default_free(mdl);
		return -ENOMEM;
	}
	mdl->flags |= NBL_MDL_F_NDIS_ALLOCATED;
	mdl->alloc = alloc;
	mdl->next = nb->chain;
	nb->chain = mdl;
	nb->data_offset = mdl->len - delta + d0;
	nb->data_length += delta;
	nb->ndis_mdls++;
	return nbl_buf_adjust_cur(nb);
}

/* Unlink and free the NDIS-allocated head MDLs wholly before off; returns
 * the new offset.  The pairing was checked by the caller. */
static uint32_t
free_head_mdls(struct nbl_buf *nb, uint32_t off, nbl_mdl_free_fn free_fn)
{
	struct nbl_mdl *m;

	while ((m = nb->chain) != NULL && (m->flags & NBL_MDL_F_NDIS_ALLOCATED) &&
	       m->len <= off) {
		nb->chain = m->next;
		off -= m->len;
		nb->ndis_mdls--;
		m->next = NULL;
		if (free_fn != NULL) {
			/* Out of the chain, the MDL is its allocator's again
			 * (it may free it with nbl_mdl_free/NdisFreeMdl). */
			m->flags &= (uint16_t)~NBL_MDL_F_NDIS_ALLOCATED;
			m->alloc = NULL;
			free_fn(m);
		} else {
			nbl_mdl_default_free(m);
		}
	}
	return off;
}

/* Do the head MDLs that an advance to off would free pair with free_fn? */
static bool
free_pairs(const struct nbl_buf *nb, uint32_t off, nbl_mdl_free_fn free_fn)
{
	const struct nbl_mdl *m;

	for (m = nb->chain; m != NULL && (m->flags & NBL_MDL_F_NDIS_ALLOCATED) &&
	     m->len <= off; m = m->next) {
		if ((m->alloc == NULL) != (free_fn == NULL))
			return false;
		off -= m->len;
	}
	return true;
}

int
nbl_buf_advance_slow(struct nbl_buf *nb, uint32_t delta, bool free_mdl,
		     nbl_mdl_free_fn free_fn)
{
	uint32_t off;

	if (delta > nb->data_length) {
		NBL_MISUSE(buf_stats(nb), "advance by %u beyond DataLength %u",
			   delta, nb->data_length);
		return -EINVAL;
	}
	off = nb->data_offset + delta;
	if (free_mdl && !free_pairs(nb, off, free_fn)) {
		NBL_MISUSE(buf_stats(nb),
			   "advance: free handler does not pair with the retreat's allocator");
		return -EINVAL;
	}
	if (delta == 0)
		return 0;
	nb->data_length -= delta;
	if (free_mdl)
		off = free_head_mdls(nb, off, free_fn);
	nb->data_offset = off;
	return nbl_buf_adjust_cur(nb);
}

void
nbl_buf_release_ndis_mdls(struct nbl_buf *nb)
{
	struct nbl_mdl **pp = &nb->chain, *m;

	while ((m = *pp) != NULL) {
		if (!(m->flags & NBL_MDL_F_NDIS_ALLOCATED)) {
			pp = &m->next;
			continue;
		}
		*pp = m->next;
		if (m->alloc == NULL)
			nbl_mdl_default_free(m);
		else
			NBL_LOG(ERR, "leftover MDL %p of a custom allocator not freed: its free handler is unknown",
				(void *)m);
	}
	nb->ndis_mdls = 0;
	nb->data_offset = 0;
	nb->data_length = 0;
	nb->cur = nb->chain;
	nb->cur_off = 0;
}

int
nbl_list_retreat(struct nbl_list *nbl, uint32_t delta, uint32_t backfill,
		 nbl_mdl_alloc_fn alloc, nbl_mdl_free_fn free_fn)
{
	struct nbl_buf *nb, *undo;
	int rc = 0;

	if (nbl == NULL)
		return -EINVAL;
	/* A rollback frees this call's MDLs with free_fn: it must pair. */
	if ((alloc == NULL) != (free_fn == NULL)) {
		NBL_MISUSE(nbl->pool->stats,
			   "NBL retreat: free handler does not pair with the allocator");
		return -EINVAL;
	}
	for (nb = nbl->first_nb; nb != NULL; nb = nb->next) {
		const struct nbl_mdl *head = nb->chain;

		rc = nbl_buf_retreat(nb, delta, backfill, alloc);
		if (rc != 0)
			break;
		if (nb->chain != head)
			nb->flags |= NBL_BUF_F_ROLLBACK;
	}
	/* On failure roll back: advancing by the same delta restores each NB
	 * exactly, freeing only what this call allocated. */
	for (undo = nbl->first_nb; undo != nb; undo = undo->next) {
		if (rc != 0)
			nbl_buf_advance(undo, delta,
					(undo->flags & NBL_BUF_F_ROLLBACK) != 0,
					free_fn);
		undo->flags &= ~NBL_BUF_F_ROLLBACK;
	}
	return rc;
}

int
nbl_list_advance(struct nbl_list *nbl, uint32_t delta, bool free_mdl,
		 nbl_mdl_free_fn free_fn)
{
	struct nbl_buf *nb;

	if (nbl == NULL)
		return -EINVAL;
	for (nb = nbl->first_nb; nb != NULL; nb = nb->next) {
		if (delta > nb->data_length ||
		    (free_mdl && !free_pairs(nb, nb->data_offset + delta, free_fn))) {
			NBL_MISUSE(nbl->pool->stats,
				   "NBL advance by %u refused (DataLength %u or handler)",
				   delta, nb->data_length);
			return -EINVAL;
		}
	}
	for (nb = nbl->first_nb; nb != NULL; nb = nb->next)
		nbl_buf_advance(nb, delta, free_mdl, free_fn);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Data access                                                       */
/* ---------------------------------------------------------------- */

/* Walk to the MDL holding data byte off; *moff is the offset inside. */
static const struct nbl_mdl *
seek(const struct nbl_buf *nb, uint32_t off, uint32_t *moff)
{
	const struct nbl_mdl *m = nb->cur;
	uint64_t o = (uint64_t)nb->cur_off + off;

	while (m != NULL && o >= m->len) {
		o -= m->len;
		m = m->next;
	}
	*moff = (uint32_t)o;
	return m;
}

int
nbl_buf_copy_out(const struct nbl_buf *nb, uint32_t off, uint32_t len,
		 void *dst)
{
	const struct nbl_mdl *m;
	uint32_t mo;
	uint8_t *d = dst;

	if (nb == NULL || (uint64_t)off + len > nb->data_length)
		return -EINVAL;
	m = seek(nb, off, &mo);
	while (len != 0 && m != NULL) {
		uint32_t n = RTE_MIN(len, m->len - mo);

		memcpy(d, RTE_PTR_ADD(m->va, mo), n);
		d += n;
		len -= n;
		mo = 0;
		m = m->next;
	}
	return len == 0 ? 0 : -EINVAL;
}

int
nbl_buf_copy_in(struct nbl_buf *nb, uint32_t off, const void *src,
		uint32_t len)
{
	const struct nbl_mdl *m;
	uint32_t mo;
	const uint8_t *s = src;

	if (nb == NULL || (uint64_t)off + len > nb->data_length)
		return -EINVAL;
	m = seek(nb, off, &mo);
	while (len != 0 && m != NULL) {
		uint32_t n = RTE_MIN(len, m->len - mo);

		memcpy(RTE_PTR_ADD(m->va, mo), s, n);
		s += n;
		len -= n;
		mo = 0;
		m = m->next;
	}
	return len == 0 ? 0 : -EINVAL;
}

void *
nbl_buf_data_get(const struct nbl_buf *nb, uint32_t bytes, void *storage,
		 uint32_t align_multiple, uint32_t align_offset)
{
	if (nb == NULL || bytes > nb->data_length)
		return NULL;
	if (align_multiple == 0 || (align_multiple & (align_multiple - 1)) != 0 ||
	    (align_multiple > 1 && align_offset >= align_multiple))
		return NULL;
	if (nb->cur != NULL && (uint64_t)nb->cur_off + bytes <= nb->cur->len) {
		uint8_t *p = RTE_PTR_ADD(nb->cur->va, nb->cur_off);

		if (align_multiple <= 1 ||
		    ((uintptr_t)p & (align_multiple - 1)) == align_offset)
			return p;
	}
	if (storage == NULL)
		return NULL;
	if (nbl_buf_copy_out(nb, 0, bytes, storage) != 0)
		return NULL;
	return storage;
}
