/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The engine table ('gen' suite, TCase "engines"): names, look-up, and
 * what an engine's begin() refuses, each with a message that names the
 * stream and the way out, leaving nothing allocated.
 */

#include <errno.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>

#include "test_gen.h"

START_TEST(test_engine_table)
{
	static const char *const names[] = { "template", "stamp", "ndis" };
	const struct gen_engine *const *e = gen_engines();
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++) {
		ck_assert_ptr_nonnull(e[i]);
		ck_assert_str_eq(e[i]->name, names[i]);
		ck_assert_ptr_eq(gen_engine_find(names[i]), e[i]);
		ck_assert_ptr_nonnull(e[i]->help);
		ck_assert_uint_gt(strlen(e[i]->help), 10);
		ck_assert_ptr_nonnull(e[i]->begin);
		ck_assert_ptr_nonnull(e[i]->burst);
		ck_assert_ptr_nonnull(e[i]->drain);
	}
	ck_assert_ptr_null(e[i]);
	ck_assert_ptr_null(gen_engine_find("Template"));
	ck_assert_ptr_null(gen_engine_find("templat"));
	ck_assert_ptr_null(gen_engine_find("templates"));
	ck_assert_ptr_null(gen_engine_find(""));
	ck_assert_ptr_null(gen_engine_find("auto"));
}
END_TEST

/* The template engine sends prebuilt frames: a stream whose frames change
 * (flows, a signature) or whose sizes form a range is refused with a
 * message that names the way out; the stamp and ndis engines take it.
 * Nothing is left allocated by a refusal. */
START_TEST(test_template_refusals)
{
	static const char *const flows[] = { "src-port=1000-1003", NULL };
	static const char *const sig[] = { "signature=yes", NULL };
	static const char *const range[] = { "size=64-128", NULL };
	static const char *const imix[] = { "size=imix", NULL };
	const char *const *kv[] = { flows, sig, range };
	const char *want[] = { "flow ranges, a signature",
			       "flow ranges, a signature", "not a range" };
	const struct gen_engine *tmpl_eng = gen_engine_find("template");
	struct pace_pacer unpaced;
	struct gen_share_conf c;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t;
	char err[256];
	unsigned int i;

	ck_assert_int_eq(pace_pacer_init(&unpaced, 0, rte_get_tsc_hz(),
					 (struct pace_frac){0, 1}), 0);
	s = tg_share_alloc();
	for (i = 0; i < RTE_DIM(kv); i++) {
		t = tg_tmpl(kv[i], 1);
		b = tg_bind(port_null, 1, t);
		tg_conf(&c, t, b, 0, 10);
		c.stream = 3;
		err[0] = '\0';
		ck_assert_int_eq(gen_share_init(s, tmpl_eng, &c, &unpaced, err,
						sizeof(err)), -EINVAL);
		ck_assert_msg(strstr(err, want[i]) != NULL &&
			      strstr(err, "stream.3") != NULL &&
			      strstr(err, "use the stamp or ndis engine") !=
			      NULL, "message: %s", err);
		ck_assert_uint_eq(s->npools, 0);
		ck_assert_uint_eq(nbl_leak_check(NULL), 0);
		/* the other engines take it */
		ck_assert_int_eq(gen_share_init(s, gen_engine_find("stamp"),
						&c, &unpaced, err,
						sizeof(err)), 0);
		gen_share_fini(s);
		ck_assert_int_eq(gen_share_init(s, gen_engine_find("ndis"), &c,
						&unpaced, err, sizeof(err)), 0);
		gen_share_fini(s);
		tg_bind_end(b);
		pkt_tmpl_free(t);
	}
	/* size classes are the template engine's: one pool per class */
	t = tg_tmpl(imix, 1);
	b = tg_bind(port_null, 1, t);
	tg_conf(&c, t, b, 0, 10);
	ck_assert_int_eq(gen_share_init(s, tmpl_eng, &c, &unpaced, err,
					sizeof(err)), 0);
	ck_assert_uint_eq(s->npools, 3);
	gen_share_fini(s);
	tg_bind_end(b);
	pkt_tmpl_free(t);
	tg_share_free(s);
}
END_TEST

/* Frames longer than the port carries, a queue the binding lacks: refused
 * by every engine with a message, nothing left. */
START_TEST(test_begin_refusals)
{
	static const char *const big[] = { "size=4000", NULL };
	struct pace_pacer unpaced;
	struct gen_share_conf c;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t, *t64;
	char err[256];
	unsigned int i;

	ck_assert_int_eq(pace_pacer_init(&unpaced, 0, rte_get_tsc_hz(),
					 (struct pace_frac){0, 1}), 0);
	s = tg_share_alloc();
	t = tg_tmpl(big, 1);
	t64 = tg_tmpl(NULL, 1);
	b = tg_bind(port_null, 1, t64);
	for (i = 0; gen_engines()[i] != NULL; i++) {
		const struct gen_engine *eng = gen_engines()[i];

		tg_conf(&c, t, b, 0, 10);
		err[0] = '\0';
		ck_assert_int_eq(gen_share_init(s, eng, &c, &unpaced, err,
						sizeof(err)), -EINVAL);
		ck_assert_msg(strstr(err, "3996-byte frames do not fit the "
				     "port's largest frame") != NULL,
			      "%s: %s", eng->name, err);
		ck_assert_uint_eq(nbl_leak_check(NULL), 0);
		tg_conf(&c, t64, b, 1, 10);
		err[0] = '\0';
		ck_assert_int_eq(gen_share_init(s, eng, &c, &unpaced, err,
						sizeof(err)), -EINVAL);
		ck_assert_msg(strstr(err, "no TX queue 1") != NULL, "%s: %s",
			      eng->name, err);
		ck_assert_uint_eq(nbl_leak_check(NULL), 0);
	}
	tg_bind_end(b);
	pkt_tmpl_free(t);
	pkt_tmpl_free(t64);
	tg_share_free(s);
}
END_TEST

void
gen_engines_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_engine_table);
	tcase_add_test(tc, test_template_refusals);
	tcase_add_test(tc, test_begin_refusals);
}
