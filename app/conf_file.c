/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The INI file: read once (a pipe works; a FIFO nobody writes to, a
 * terminal, a directory or an endless device does not hang), checked
 * line by line (syntax, duplicated sections and keys, names and values
 * rte_cfgfile would cut), kept in an rte_cfgfile, then applied. */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_cfgfile.h>
#include <rte_common.h>

#include "opts_private.h"

/* How long a FIFO may keep us waiting for its first byte (ms). */
#define FIFO_WAIT_MS 5000

static int
conf_read(const char *path, char **out, size_t *outlen, char *err,
	  size_t errlen)
{
	struct stat st;
	size_t len = 0, cap = 4096;
	char *buf;
	int fd, fl, e;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		return app_err(err, errlen, "config file '%s': cannot open: "
			       "%s", path, strerror(e));
	}
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		close(fd);
		return app_err(err, errlen, "config file '%s' is a "
			       "directory, not a file", path);
	}
	if (isatty(fd)) {
		close(fd);
		return app_err(err, errlen, "config file '%s' is a terminal; "
			       "give a file or a pipe", path);
	}
	if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
		struct pollfd p = {.fd = fd, .events = POLLIN};

		if (poll(&p, 1, FIFO_WAIT_MS) <= 0) {
			close(fd);
			return app_err(err, errlen, "config file '%s' is a "
				       "FIFO and nothing was written to it in "
				       "%d s", path, FIFO_WAIT_MS / 1000);
		}
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	buf = malloc(cap + 1);
	if (buf == NULL) {
		close(fd);
		return app_err(err, errlen, "config file '%s': out of memory",
			       path);
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *nb;

			if (cap >= APP_CONF_MAX) {
				free(buf);
				close(fd);
				return app_err(err, errlen, "config file '%s' "
					       "is larger than %u bytes", path,
					       APP_CONF_MAX);
			}
			cap *= 2;
			nb = realloc(buf, cap + 1);
			if (nb == NULL) {
				free(buf);
				close(fd);
				return app_err(err, errlen, "config file '%s':"
					       " out of memory", path);
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			free(buf);
			close(fd);
			return app_err(err, errlen, "config file '%s': read "
				       "error: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (memchr(buf, '\0', len) != NULL) {
		free(buf);
		return app_err(err, errlen, "config file '%s' holds a NUL byte:"
			       " not a text file", path);
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* A section name nblgen knows: run, eal, port, traffic, port.N,
 * stream.N (N from 0 to 999). */
static bool
section_known(const char *s)
{
	static const char *const plain[] = {"run", "eal", "port", "traffic"};
	static const char *const indexed[] = {"port.", "stream."};
	unsigned int i;

	for (i = 0; i < RTE_DIM(plain); i++)
		if (strcmp(s, plain[i]) == 0)
			return true;
	for (i = 0; i < RTE_DIM(indexed); i++) {
		size_t n = strlen(indexed[i]);
		const char *d = s + n;

		if (strncmp(s, indexed[i], n) == 0 && *d != '\0' &&
		    strspn(d, "0123456789") == strlen(d) && strlen(d) <= 3 &&
		    (d[0] != '0' || d[1] == '\0'))
			return true;
	}
	return false;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Where each section and key came from, to name duplicates. */
struct seen {
	char sec[APP_NAME_MAX + 1];
	char key[APP_NAME_MAX + 1];
	unsigned int line;
};

/* Parse the text into cfg, checking everything rte_cfgfile would let
 * through silently. */
static int
conf_parse(const char *path, char *text, struct rte_cfgfile *cfg, char *err,
	   size_t errlen)
{
	struct seen *seen = NULL;
	size_t nseen = 0, cap = 0;
	char sec[APP_NAME_MAX + 1] = "";
	unsigned int line = 0;
	char *save = NULL, *l;
	int rc = 0;

	for (l = text; l != NULL && rc == 0; l = save) {
		char *nl = strchr(l, '\n'), *s, *eq, *key, *val;
		size_t i;

		save = nl != NULL ? nl + 1 : NULL;
		if (nl != NULL)
			*nl = '\0';
		line++;
		s = strchr(l, ';');
		if (s != NULL)
			*s = '\0';
		s = trim(l);
		if (*s == '\0')
			continue;
		if (nseen == cap) {
			struct seen *ns;

			cap = cap ? 2 * cap : 64;
			ns = realloc(seen, cap * sizeof(*seen));
			if (ns == NULL) {
				rc = app_err(err, errlen, "config file '%s': "
					     "out of memory", path);
				break;
			}
			seen = ns;
		}
		if (*s == '[') {
			size_t n = strlen(s);

			if (s[n - 1] != ']' || n < 3) {
				rc = app_err(err, errlen, "config file '%s' "
					     "line %u: '%s' is not a [section] "
					     "header", path, line, s);
				break;
			}
			s[n - 1] = '\0';
			s = trim(s + 1);
			if (strlen(s) > APP_NAME_MAX) {
				rc = app_err(err, errlen, "config file '%s' "
					     "line %u: section name longer "
					     "than %d bytes", path, line,
					     APP_NAME_MAX);
				break;
			}
			if (!section_known(s)) {
				rc = app_err(err, errlen, "config file '%s' "
					     "line %u: unknown section [%s] "
					     "(known: [run] [port] [port.N] "
					     "[eal] [traffic] [stream.N])",
					     path, line, s);
				break;
			}
			for (i = 0; i < nseen; i++)
				if (seen[i].key[0] == '\0' &&
				    strcmp(seen[i].sec, s) == 0)
					break;
			if (i < nseen) {
				rc = app_err(err, errlen, "config file '%s' "
					     "line %u: section [%s] again "
					     "(first at line %u); give each "
					     "section once", path, line, s,
					     seen[i].line);
				break;
			}
			snprintf(sec, sizeof(sec), "%s", s);
			seen[nseen++] = (struct seen){.line = line};
			snprintf(seen[nseen - 1].sec, sizeof(sec), "%s", s);
			if (rte_cfgfile_add_section(cfg, sec) != 0)
				rc = app_err(err, errlen, "config file '%s': "
					     "cannot store section [%s]",
					     path, sec);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "'%s' is not 'key = value'", path, line,
				     s);
			break;
		}
		*eq = '\0';
		key = trim(s);
		val = trim(eq + 1);
		if (sec[0] == '\0')
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "entry before the first [section]", path,
				     line);
		else if (*key == '\0')
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "no key before '='", path, line);
		else if (strlen(key) > APP_NAME_MAX)
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "key '%.20s...' is longer than %d bytes",
				     path, line, key, APP_NAME_MAX);
		else if (*val == '\0')
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "key '%s' has no value", path, line, key);
		else if (strlen(val) >= APP_VALUE_MAX)
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "[%s] %s: the value is %zu bytes long; "
				     "values must be shorter than %d bytes",
				     path, line, sec, key, strlen(val),
				     APP_VALUE_MAX);
		if (rc != 0)
			break;
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i].sec, sec) == 0 &&
			    strcmp(seen[i].key, key) == 0)
				break;
		if (i < nseen) {
			rc = app_err(err, errlen, "config file '%s' line %u: "
				     "[%s] %s given again (first at line %u); "
				     "give each key once", path, line, sec,
				     key, seen[i].line);
			break;
		}
		seen[nseen] = (struct seen){.line = line};
		snprintf(seen[nseen].sec, sizeof(seen[0].sec), "%s", sec);
		snprintf(seen[nseen].key, sizeof(seen[0].key), "%s", key);
		nseen++;
		if (rte_cfgfile_add_entry(cfg, sec, key, val) != 0)
			rc = app_err(err, errlen, "config file '%s': cannot "
				     "store [%s] %s", path, sec, key);
	}
	if (rc == 0 && nseen == 0)
		rc = app_err(err, errlen, "config file '%s' is empty: no "
			     "section and no key", path);
	free(seen);
	return rc;
}

/* Section of a run setting's INI key, for a hint. */
static const char *
setting_home(const char *key)
{
	unsigned int k;

	for (k = 0; k < K_MAX; k++)
		if (app_settings[k].section != NULL &&
		    strcmp(k == K_EAL ? "args" : app_settings[k].name,
			   key) == 0)
			return app_settings[k].section;
	return NULL;
}

/* An unknown key; 'eal' is the option --eal, whose INI key is 'args'. */
static int
unknown_key(const char *path, const char *sec, const char *key, char *err,
	    size_t errlen)
{
	return app_err(err, errlen, "config file '%s' [%s]: unknown key "
		       "'%s'%s", path, sec, key, strcmp(key, "eal") == 0 ?
		       " (the EAL arguments of --eal are key 'args' in [eal])" :
		       "");
}

static int
apply_setting(struct app_opts *o, const char *path, const char *sec,
	      const struct rte_cfgfile_entry *e, char *err, size_t errlen)
{
	char why[APP_ERR_LEN];
	int k = app_setting_find(strncmp(sec, "port.", 5) == 0 ? "port" :
				 sec, e->name);

	if (k < 0) {
		const char *home = setting_home(e->name);

		if (home != NULL)
			return app_err(err, errlen, "config file '%s' [%s]: "
				       "key '%s' belongs in [%s]", path, sec,
				       e->name, home);
		if (app_stream_key(e->name))
			return app_err(err, errlen, "config file '%s' [%s]: "
				       "key '%s' belongs in [traffic] or "
				       "[stream.N]", path, sec, e->name);
		return unknown_key(path, sec, e->name, err, errlen);
	}
	/* the command line wins; ports from it replace the file's */
	if ((o->set & (UINT64_C(1) << k)) ||
	    ((k == K_VDEV || k == K_PCI) &&
	     (o->set & ((UINT64_C(1) << K_VDEV) | (UINT64_C(1) << K_PCI)))))
		return 0;
	if (app_setting_apply(o, (unsigned int)k, e->value, why,
			      sizeof(why)) != 0)
		return app_err(err, errlen, "config file '%s' [%s] %s: %s",
			       path, sec, e->name, why);
	if (k == K_VDEV || k == K_PCI)
		snprintf(o->port_sec[o->nports - 1], sizeof(o->port_sec[0]),
			 "%s", sec);
	o->cfg_set |= UINT64_C(1) << k;
	return 0;
}

static int
apply_stream_key(struct app_kvs *kvs, const char *path, const char *sec,
		 const struct rte_cfgfile_entry *e, char *err, size_t errlen)
{
	char origin[sizeof(kvs->kv[0].origin)];
	const char *home;

	if (!app_stream_key(e->name)) {
		home = setting_home(e->name);
		if (home != NULL)
			return app_err(err, errlen, "config file '%s' [%s]: "
				       "key '%s' belongs in [%s]", path, sec,
				       e->name, home);
		return unknown_key(path, sec, e->name, err, errlen);
	}
	snprintf(origin, sizeof(origin), "config file '%s' [%s] %s", path,
		 sec, e->name);
	return app_kvs_add(kvs, e->name, e->value, origin, err, errlen);
}

static int
stream_sec_cmp(const void *a, const void *b)
{
	const struct app_stream_sec *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* The order sections are applied in: as written, but [port.N] last and
 * by N, so that ports are numbered as the file numbers them. */
struct sec_rank {
	long rank;
	int index;
};

static int
sec_rank_cmp(const void *a, const void *b)
{
	const struct sec_rank *x = a, *y = b;

	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static struct sec_rank *
sec_order(struct rte_cfgfile *cfg, int nsec)
{
	struct sec_rank *r = calloc(nsec > 0 ? (size_t)nsec : 1, sizeof(*r));
	char sec[CFG_NAME_LEN];
	int i;

	if (r == NULL)
		return NULL;
	for (i = 0; i < nsec; i++) {
		r[i].index = i;
		r[i].rank = i;
		if (rte_cfgfile_section_entries_by_index(cfg, i, sec, NULL,
							 0) == 0 &&
		    strncmp(sec, "port.", 5) == 0)
			r[i].rank = (long)nsec + atol(sec + 5);
	}
	qsort(r, (size_t)nsec, sizeof(*r), sec_rank_cmp);
	return r;
}

static int
conf_apply(struct app_opts *o, const char *path, struct rte_cfgfile *cfg,
	   char *err, size_t errlen)
{
	struct rte_cfgfile_entry *ent;
	int nsec = rte_cfgfile_num_sections(cfg, NULL, 0), i, j, rc = 0;
	struct sec_rank *order = sec_order(cfg, nsec);

	o->streams = calloc(APP_STREAMS_MAX, sizeof(*o->streams));
	ent = calloc(APP_KV_MAX * 2, sizeof(*ent));
	if (o->streams == NULL || ent == NULL || order == NULL) {
		free(ent);
		free(order);
		return app_err(err, errlen, "out of memory");
	}
	for (i = 0; i < nsec && rc == 0; i++) {
		char sec[CFG_NAME_LEN];
		int n = rte_cfgfile_section_entries_by_index(cfg,
			order[i].index, sec, ent, APP_KV_MAX * 2);
		struct app_kvs *kvs = NULL;

		if (n < 0 || n > APP_KV_MAX) {
			rc = app_err(err, errlen, "config file '%s' [%s]: "
				     "more than %d keys", path, sec,
				     APP_KV_MAX);
			break;
		}
		if (strcmp(sec, "traffic") == 0) {
			kvs = &o->traffic;
		} else if (strncmp(sec, "stream.", 7) == 0) {
			struct app_stream_sec *ss;

			if (o->nstreams >= APP_STREAMS_MAX) {
				rc = app_err(err, errlen, "config file '%s': "
					     "more than %d streams", path,
					     APP_STREAMS_MAX);
				break;
			}
			ss = &o->streams[o->nstreams++];
			ss->index = (unsigned int)atoi(sec + 7);
			kvs = &ss->keys;
		}
		for (j = 0; j < n && rc == 0; j++)
			rc = kvs != NULL ?
				apply_stream_key(kvs, path, sec, &ent[j], err,
						 errlen) :
				apply_setting(o, path, sec, &ent[j], err,
					      errlen);
	}
	free(ent);
	free(order);
	qsort(o->streams, o->nstreams, sizeof(o->streams[0]),
	      stream_sec_cmp);
	return rc;
}

int
app_opts_load_config(struct app_opts *o, const char *path, char *err,
		     size_t errlen)
{
	struct rte_cfgfile *cfg;
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = conf_read(path, &text, &len, err, errlen);
	if (rc != 0)
		return rc;
	cfg = rte_cfgfile_create(0);
	if (cfg == NULL) {
		free(text);
		return app_err(err, errlen, "config file '%s': out of memory",
			       path);
	}
	rc = conf_parse(path, text, cfg, err, errlen);
	free(text);
	if (rc == 0)
		rc = conf_apply(o, path, cfg, err, errlen);
	rte_cfgfile_close(cfg);
	return rc;
}
