/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Rate schedules: "1Mpps for 10s, ramp 5Mpps for 10s, 0 for 5s". */

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "pace_private.h"

#define SCHED_FORMS "'RATE for DURATION' or 'ramp RATE for DURATION'"

/* Longest entry, and most words of one ("ramp RATE for DURATION"). */
#define ENTRY_MAX 128
#define WORDS_MAX 4

/* Split text (modified) at white space into at most WORDS_MAX words;
 * the number of words, or WORDS_MAX + 1 when there are more. */
static unsigned int
split_words(char *text, char *word[WORDS_MAX])
{
	unsigned int n = 0;
	char *p = text;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			return n;
		if (n == WORDS_MAX)
			return WORDS_MAX + 1;
		word[n++] = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* Parse one entry (its text is len bytes at s) into e. */
static int
parse_entry(const char *s, size_t len, struct pace_sched_ent *e,
	    char *msg, size_t msglen)
{
	char text[ENTRY_MAX + 1], *word[WORDS_MAX];
	unsigned int n, w = 0;
	int rc;

	if (len > ENTRY_MAX)
		return pace_err(msg, msglen, -EINVAL, "longer than %d "
				"characters", ENTRY_MAX);
	memcpy(text, s, len);
	text[len] = '\0';
	n = split_words(text, word);
	if (n == 0)
		return pace_err(msg, msglen, -EINVAL, "empty (expected %s)",
				SCHED_FORMS);
	e->ramp = strcasecmp(word[0], "ramp") == 0;
	if (e->ramp)
		w = 1;
	if (n != w + 3 || strcasecmp(word[w + 1], "for") != 0)
		return pace_err(msg, msglen, -EINVAL, "expected %s",
				SCHED_FORMS);
	rc = pace_rate_parse_ext(word[w], true, &e->rate, msg, msglen);
	if (rc != 0)
		return rc;
	if (e->rate.unit == PACE_UNIT_MAX)
		return pace_err(msg, msglen, -EINVAL, "'max' cannot be "
				"scheduled (give frames/s, bit/s or %%)");
	rc = pace_duration_parse(word[w + 2], &e->dur_ns, msg, msglen);
	if (rc != 0)
		return rc;
	if (e->dur_ns == 0)
		return pace_err(msg, msglen, -ERANGE, "'%s' is no time (a "
				"duration must be more than 0)", word[w + 2]);
	return 0;
}

int
pace_sched_parse(const char *s, struct pace_sched *sc, char *err,
		 size_t errlen)
{
	struct pace_sched tmp;
	const char *p = s, *end;
	char msg[256];
	size_t len;
	int rc;

	if (s == NULL)
		return pace_err(err, errlen, -EINVAL, "no schedule");
	tmp.n = 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (tmp.n == PACE_SCHED_MAX)
			return pace_err(err, errlen, -ERANGE, "the schedule "
					"has more than %d entries",
					PACE_SCHED_MAX);
		rc = parse_entry(p, len, &tmp.ent[tmp.n], msg, sizeof(msg));
		if (rc != 0) {
			/* Name the entry without its surrounding blanks. */
			while (len > 0 && isspace((unsigned char)*p)) {
				p++;
				len--;
			}
			while (len > 0 && isspace((unsigned char)p[len - 1]))
				len--;
			return pace_err(err, errlen, rc, "schedule entry %u "
					"('%.*s'): %s", tmp.n + 1,
					len > 64 ? 64 : (int)len, p, msg);
		}
		tmp.n++;
		if (end == NULL)
			break;
		p = end + 1;
	}
	*sc = tmp;
	return 0;
}
