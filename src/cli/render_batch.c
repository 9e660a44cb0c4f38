/*
 * render_batch.c - relmap render --all: every account into a directory.
 *
 * Graphviz is not thread-safe, so the accounts are drawn by worker
 * processes forked after the document is loaded: they share it
 * copy-on-write and load nothing.  The parent hands out one account at a
 * time over a pipe per worker (a slow account does not hold up a static
 * share of the others) and reads back the exit status and the
 * diagnostics text on a second pipe.  Each account's file depends on
 * that account alone, and the parent prints the messages in account
 * order at the end, so files and messages are the same whatever -j is.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* Longest id kept whole in a file name: with the hash suffix and the
 * extension, names stay well under the usual 255-byte limit. */
#define NAME_MAX_KEPT 200

uint64_t cli_fnv1a64(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

int cli_parse_shard(unsigned long *k, unsigned long *n, const char *s)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long a = strtoul(s, &end, 10);
	if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	unsigned long b = strtoul(end + 1, &end, 10);
	if (errno || *end || a < 1 || a > b || b > 1000000)
		return -1;
	*k = a;
	*n = b;
	return 0;
}

/* The id with every byte outside [A-Za-z0-9._-] replaced by '_'; a
 * leading '.' too, so no name is '.', '..', hidden, or looks like
 * relmap_output_write's temporary files.  *cut is set when the id was
 * too long and was cut. */
char *cli_safe_base(const char *id, int *cut)
{
	size_t len = strlen(id), n = len > NAME_MAX_KEPT ? NAME_MAX_KEPT : len;
	char *s = malloc(n + 2);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '.' || c == '_' ||
			   c == '-';
		s[i] = keep ? (char)c : '_';
	}
	if (n == 0)
		s[n++] = '_';
	s[n] = '\0';
	if (s[0] == '.')
		s[0] = '_';
	*cut = len > NAME_MAX_KEPT;
	return s;
}

typedef struct name_ref {
	const char *name;
	size_t idx;
} name_ref;

/* Case-insensitive, so names differ on macOS and Windows file systems
 * too; ties in account order, so "the later one" is well defined. */
static int cmp_name(const void *a, const void *b)
{
	const name_ref *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sort refs to names[0..n) and mark in dup[] every name equal (ignoring
 * case) to another; with `later_only`, only the later ones. */
static int mark_dups(char **names, size_t n, unsigned char *dup,
		     int later_only)
{
	name_ref *r = malloc((n ? n : 1) * sizeof(*r));
	if (!r)
		return -1;
	for (size_t i = 0; i < n; i++)
		r[i] = (name_ref){ names[i], i };
	qsort(r, n, sizeof(*r), cmp_name);
	for (size_t i = 1; i < n; i++) {
		if (strcasecmp(r[i - 1].name, r[i].name) != 0)
			continue;
		if (!later_only)
			dup[r[i - 1].idx] = 1;
		dup[r[i].idx] = 1;
	}
	free(r);
	return 0;
}

/*
 * File names of every account (not just a shard's, so that a name does
 * not depend on --shard): the safe id, plus "-" and 8 hex digits of the
 * id's hash when the id was cut or its safe form meets another's; plus
 * the format's extension.  An account whose name still clashes (an
 * astronomically unlikely hash collision, or a repeated id) gets NULL
 * and is reported as failed.
 */
static int file_names(char ***out, const relmap_document *doc,
		      relmap_format fmt)
{
	size_t n = doc->n_accounts;
	const char *ext = relmap_format_name(fmt);
	char **names = calloc(n ? n : 1, sizeof(*names));
	unsigned char *flag = calloc(n ? n : 1, 1);
	unsigned char *cut = calloc(n ? n : 1, 1);
	int rc = -1;
	if (!names || !flag || !cut)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int c;
		if (!(names[i] = cli_safe_base(doc->accounts[i].id, &c)))
			goto out;
		cut[i] = (unsigned char)c;
	}
	if (mark_dups(names, n, flag, 0))
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]) + 1 + 8 + 1 + strlen(ext) + 1;
		char *s = malloc(len);
		if (!s)
			goto out;
		if (flag[i] || cut[i])
			snprintf(s, len, "%s-%08x.%s", names[i],
				 (unsigned)(cli_fnv1a64(doc->accounts[i].id) &
					    0xffffffffu), ext);
		else
			snprintf(s, len, "%s.%s", names[i], ext);
		free(names[i]);
		names[i] = s;
	}
	memset(flag, 0, n);
	if (mark_dups(names, n, flag, 1))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (flag[i]) {
			free(names[i]);
			names[i] = NULL;
		}
	}
	*out = names;
	names = NULL;
	rc = 0;
out:
	if (names)
		for (size_t i = 0; i < n; i++)
			free(names[i]);
	free(names);
	free(flag);
	free(cut);
	return rc;
}

/* mkdir -p: CI jobs name a fresh directory per shard. */
int cli_make_dir(const char *dir)
{
	char *p = strdup(dir);
	int rc = -1;
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			goto out;
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		goto out;
	struct stat st;
	if (stat(p, &st) != 0)
		goto out;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}

/* ---- one account, in a worker ---- */

/* "ACCOUNT: SEVERITY: [FILE[:LINE[:COL]]: ]MESSAGE\n" */
static void put_diag(FILE *f, const char *account, const relmap_diag *g)
{
	fprintf(f, "%s: %s: ", account, relmap_severity_name(g->severity));
	if (g->file) {
		fputs(g->file, f);
		if (g->line > 0) {
			fprintf(f, ":%d", g->line);
			if (g->column > 0)
				fprintf(f, ":%d", g->column);
		}
		fputs(": ", f);
	}
	fprintf(f, "%s\n", g->message);
}

/*
 * Analyse, render and write one account; returns its exit code and puts
 * its messages in *msg: every warning, and for a failure one error line
 * (the first error; how many more there were is added to it).
 */
static int render_one(char **msg, size_t *msg_len, const relmap_account *a,
		      const char *path, const cli_batch *b)
{
	relmap_analysis *an = NULL;
	relmap_diags d;
	char *data = NULL;
	size_t len = 0;
	int rc, status = 0;
	FILE *f = open_memstream(msg, msg_len);

	relmap_diags_init(&d, 20);
	if (!f) {
		*msg = NULL;
		*msg_len = 0;
		return EXIT_SOFTWARE;
	}
	if ((rc = relmap_analysis_run(&an, a, b->ao))) {
		relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "analysis failed: %s", relmap_strerror(rc));
		goto out;
	}
	if (b->fmt == RELMAP_FORMAT_JSON)
		rc = relmap_report_json(&data, &len,
					(const relmap_analysis *const *)&an, 1);
	else
		rc = relmap_render(&data, &len, an, b->style, b->fmt, b->ro,
				   &d);
	if (rc)
		goto out;
	rc = relmap_output_write(path, data, len, &d);
out:
	if (rc && d.errors == 0)
		relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "render failed: %s", relmap_strerror(rc));
	const relmap_diag *first = NULL;
	for (size_t i = 0; i < d.count; i++) {
		const relmap_diag *g = &d.items[i];
		if (g->severity != RELMAP_SEVERITY_ERROR)
			put_diag(f, a->id, g);
		else if (!first)
			first = g;
	}
	if (first) {
		/* One line per failed account, however many errors. */
		put_diag(f, a->id, first);
		if (d.errors > 1) {
			fflush(f);
			fseek(f, -1, SEEK_CUR);
			fprintf(f, " (and %zu more error%s)\n", d.errors - 1,
				d.errors == 2 ? "" : "s");
		}
	}
	if (rc)
		status = cli_exit_code(rc);
	if (fclose(f) != 0 && status == 0)
		status = EXIT_SOFTWARE;
	relmap_diags_free(&d);
	free(data);
	relmap_analysis_free(an);
	return status;
}

/* ---- the worker processes ---- */

typedef struct reply {
	uint32_t pos;   /* position in the selection */
	int32_t status; /* exit code of that account */
	uint32_t len;   /* bytes of message text that follow */
} reply;

static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t r = write(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

typedef struct worker {
	pid_t pid;  /* 0: none */
	int cmd;    /* parent writes positions here; -1 when closed */
	int res;    /* parent reads replies here; -1 when closed */
	long pos;   /* the account it is drawing, -1 when idle */
} worker;

typedef struct batch {
	const relmap_document *doc;
	const cli_batch *b;
	char **paths;     /* per account, NULL when its name clashed */
	size_t *sel;      /* account index of each selected position */
	size_t n_sel;
	worker *w;
	size_t n_w;
	int *status;      /* per position */
	char **msg;       /* per position, NUL-terminated */
	size_t next, done;
	int progress;
	/* run_workers' poll set; here rather than in its locals so a worker
	 * forked from inside it does not see them as leaked. */
	struct pollfd *pf;
	size_t *who;
} batch;

static _Noreturn void worker_loop(batch *t, int cmd, int res)
{
	uint32_t pos;
	/* The parent ignores SIGPIPE to survive a dead worker; a worker
	 * whose parent is gone may as well die quietly. */
	signal(SIGPIPE, SIG_DFL);
	while (read_full(cmd, &pos, sizeof(pos)) == 0 && pos < t->n_sel) {
		size_t ai = t->sel[pos];
		char *msg = NULL;
		size_t len = 0;
		int st = render_one(&msg, &len, &t->doc->accounts[ai],
				    t->paths[ai], t->b);
		reply r = { pos, st, (uint32_t)len };
		int bad = write_full(res, &r, sizeof(r)) ||
			  write_full(res, msg ? msg : "", len);
		free(msg);
		if (bad)
			break;
	}
	/* _exit: the parent's stdio buffers and atexit handlers are not
	 * ours to run. */
	_exit(0);
}

static int spawn(batch *t, worker *w)
{
	int cp[2], rp[2];
	if (pipe(cp) != 0)
		return -1;
	if (pipe(rp) != 0) {
		close(cp[0]);
		close(cp[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(cp[0]);
		close(cp[1]);
		close(rp[0]);
		close(rp[1]);
		return -1;
	}
	if (pid == 0) {
		/* Other workers' pipe ends would keep them from seeing EOF. */
		for (size_t i = 0; i < t->n_w; i++) {
			if (t->w[i].cmd >= 0)
				close(t->w[i].cmd);
			if (t->w[i].res >= 0)
				close(t->w[i].res);
		}
		close(cp[1]);
		close(rp[0]);
		worker_loop(t, cp[0], rp[1]);
	}
	close(cp[0]);
	close(rp[1]);
	w->pid = pid;
	w->cmd = cp[1];
	w->res = rp[0];
	w->pos = -1;
	return 0;
}

static void finish(batch *t, size_t pos, int status, char *msg)
{
	t->status[pos] = status;
	t->msg[pos] = msg;
	t->done++;
	if (t->progress) {
		enum { WIDTH = 30 };
		size_t fill = t->done * WIDTH / t->n_sel;
		fprintf(stderr, "\rrendering [%.*s%*s] %zu/%zu",
			(int)fill, "##############################",
			(int)(WIDTH - fill), "", t->done, t->n_sel);
		fflush(stderr);
	}
}

/* Past the positions fail_unnamed has done already. */
static void skip_unnamed(batch *t)
{
	while (t->next < t->n_sel && !t->paths[t->sel[t->next]])
		t->next++;
}

/* Give the worker its next account, or close its pipe when none is
 * left (it then exits). */
static void hand_out(batch *t, worker *w)
{
	w->pos = -1;
	skip_unnamed(t);
	if (t->next < t->n_sel) {
		uint32_t pos = (uint32_t)t->next;
		if (write_full(w->cmd, &pos, sizeof(pos)) == 0) {
			w->pos = (long)t->next++;
			return;
		}
		/* It died; its reply pipe says so and the account goes to
		 * the next worker. */
		return;
	}
	if (w->cmd >= 0) {
		close(w->cmd);
		w->cmd = -1;
	}
}

/* Account names that clashed never reach a worker. */
static void fail_unnamed(batch *t)
{
	for (size_t p = 0; p < t->n_sel; p++) {
		if (t->paths[t->sel[p]])
			continue;
		char *m = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&m, &len);
		if (f) {
			fprintf(f, "%s: error: its file name is taken by another account\n",
				t->doc->accounts[t->sel[p]].id);
			fclose(f);
		}
		finish(t, p, EXIT_CANTCREAT, m);
	}
}

static void worker_gone(batch *t, worker *w)
{
	int ws = 0;
	close(w->res);
	w->res = -1;
	if (w->cmd >= 0)
		close(w->cmd);
	w->cmd = -1;
	while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
		;
	w->pid = 0;
	if (w->pos < 0)
		return;
	char *m = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&m, &len);
	if (f) {
		const char *id = t->doc->accounts[t->sel[w->pos]].id;
		if (WIFSIGNALED(ws))
			fprintf(f, "%s: error: the worker drawing it was killed by signal %d\n",
				id, WTERMSIG(ws));
		else
			fprintf(f, "%s: error: the worker drawing it ended early\n",
				id);
		fclose(f);
	}
	finish(t, (size_t)w->pos, EXIT_SOFTWARE, m);
	w->pos = -1;
}

/* The positions not yet handed out, when no worker can be started. */
static void fail_rest(batch *t, const char *why)
{
	for (skip_unnamed(t); t->next < t->n_sel; t->next++, skip_unnamed(t)) {
		char *m = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&m, &len);
		if (f) {
			fprintf(f, "%s: error: cannot start a worker process: %s\n",
				t->doc->accounts[t->sel[t->next]].id, why);
			fclose(f);
		}
		finish(t, t->next, EXIT_SOFTWARE, m);
	}
}

static void run_workers(batch *t)
{
	struct pollfd *pf = t->pf = calloc(t->n_w, sizeof(*pf));
	size_t *who = t->who = calloc(t->n_w, sizeof(*who));
	if (!pf || !who) {
		fail_rest(t, strerror(ENOMEM));
		goto out;
	}
	while (t->done < t->n_sel) {
		/* Keep a worker for each account left to hand out. */
		size_t live = 0;
		for (size_t i = 0; i < t->n_w; i++) {
			worker *w = &t->w[i];
			skip_unnamed(t);
			if (!w->pid && t->next < t->n_sel) {
				if (spawn(t, w) == 0)
					hand_out(t, w);
			}
			if (w->pid)
				live++;
		}
		if (live == 0) {
			fail_rest(t, strerror(errno));
			break;
		}
		size_t n = 0;
		for (size_t i = 0; i < t->n_w; i++)
			if (t->w[i].pid) {
				pf[n] = (struct pollfd){ t->w[i].res, POLLIN, 0 };
				who[n++] = i;
			}
		if (poll(pf, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			fail_rest(t, strerror(errno));
			break;
		}
		for (size_t k = 0; k < n; k++) {
			worker *w = &t->w[who[k]];
			reply r;
			char *m;
			if (!pf[k].revents)
				continue;
			if (read_full(w->res, &r, sizeof(r)) != 0 ||
			    r.pos >= t->n_sel || (long)r.pos != w->pos ||
			    !(m = malloc((size_t)r.len + 1))) {
				worker_gone(t, w);
				continue;
			}
			if (read_full(w->res, m, r.len) != 0) {
				free(m);
				worker_gone(t, w);
				continue;
			}
			m[r.len] = '\0';
			finish(t, r.pos, r.status, m);
			hand_out(t, w);
		}
	}
out:
	/* Every account is done: close the pipes, and reap. */
	for (size_t i = 0; i < t->n_w; i++) {
		worker *w = &t->w[i];
		if (!w->pid)
			continue;
		if (w->cmd >= 0)
			close(w->cmd);
		if (w->res >= 0)
			close(w->res);
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	free(pf);
	free(who);
	t->pf = NULL;
	t->who = NULL;
}

static long default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

int cli_render_batch(const relmap_document *doc, const cli_batch *b)
{
	batch t = { .doc = doc, .b = b };
	char **names = NULL;
	int status = 0;
	size_t ok = 0;
	void (*old_pipe)(int) = SIG_ERR;

	if (cli_make_dir(b->out_dir) != 0) {
		fprintf(stderr, "%s: error: cannot create directory: %s\n",
			b->out_dir, strerror(errno));
		return EXIT_CANTCREAT;
	}
	size_t n = doc->n_accounts;
	if (file_names(&names, doc, b->fmt) != 0 ||
	    !(t.paths = calloc(n ? n : 1, sizeof(*t.paths))) ||
	    !(t.sel = calloc(n ? n : 1, sizeof(*t.sel))))
		goto nomem;
	size_t dlen = strlen(b->out_dir);
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		size_t len = dlen + 1 + strlen(names[i]) + 1;
		if (!(t.paths[i] = malloc(len)))
			goto nomem;
		snprintf(t.paths[i], len, "%s%s%s", b->out_dir,
			 dlen && b->out_dir[dlen - 1] == '/' ? "" : "/",
			 names[i]);
	}
	for (size_t i = 0; i < n; i++)
		if (!b->shard_n ||
		    cli_fnv1a64(doc->accounts[i].id) % b->shard_n + 1 ==
			    b->shard_k)
			t.sel[t.n_sel++] = i;
	if (!(t.status = calloc(t.n_sel ? t.n_sel : 1, sizeof(*t.status))) ||
	    !(t.msg = calloc(t.n_sel ? t.n_sel : 1, sizeof(*t.msg))))
		goto nomem;
	long jobs = b->jobs > 0 ? b->jobs : default_jobs();
	t.n_w = (size_t)jobs < t.n_sel ? (size_t)jobs : t.n_sel;
	if (t.n_w && !(t.w = calloc(t.n_w, sizeof(*t.w))))
		goto nomem;
	for (size_t i = 0; i < t.n_w; i++)
		t.w[i] = (worker){ 0, -1, -1, -1 };
	t.progress = isatty(STDERR_FILENO);

	/* Workers inherit the stdio buffers: flush them once, here. */
	fflush(stdout);
	fflush(stderr);
	old_pipe = signal(SIGPIPE, SIG_IGN);
	fail_unnamed(&t);
	if (t.done < t.n_sel)
		run_workers(&t);
	if (old_pipe != SIG_ERR)
		signal(SIGPIPE, old_pipe);
	if (t.progress && t.n_sel)
		fputs("\r\033[K", stderr);

	/* In account order, so the report does not depend on -j; the exit
	 * code is the first failed account's. */
	for (size_t p = 0; p < t.n_sel; p++) {
		if (t.msg[p])
			fputs(t.msg[p], stderr);
		if (t.status[p] == 0)
			ok++;
		else if (status == 0)
			status = t.status[p];
	}
	fprintf(stderr, "rendered %zu of %zu accounts into %s\n", ok, t.n_sel,
		b->out_dir);
	goto out;
nomem:
	fprintf(stderr, "relmap render: error: %s\n",
		relmap_strerror(RELMAP_ENOMEM));
	status = EXIT_SOFTWARE;
out:
	if (names)
		for (size_t i = 0; i < n; i++)
			free(names[i]);
	free(names);
	if (t.paths)
		for (size_t i = 0; i < n; i++)
			free(t.paths[i]);
	free(t.paths);
	if (t.msg)
		for (size_t p = 0; p < t.n_sel; p++)
			free(t.msg[p]);
	free(t.msg);
	free(t.status);
	free(t.sel);
	free(t.w);
	return status;
}
