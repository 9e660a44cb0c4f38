/*
 * batch.c - relmap_batch_render(): every account into a directory.
 *
 * Worker processes are forked before anything starts Graphviz in this
 * process, and each keeps its Graphviz context, plugins and fonts from
 * one account to the next.  The parent hands out one account at a time
 * over a pipe per worker and reads back frames on a second pipe:
 *
 *   'B'  a bounded layout begins: a byte (1: the last attempt), then the
 *        account's diagnostics so far (what the parent reports if it has
 *        to kill the worker)
 *   'E'  that layout is done (the drawing is not bounded)
 *   'R'  the account is done: its RELMAP_E* code, then its diagnostics
 *
 * each as a type byte, a 32-bit length and the payload.  The parent's
 * poll() waits no longer than the earliest deadline of a layout under
 * way; a worker past it is killed and replaced, and the account goes to
 * the next worker flagged as timed out, to be drawn without department
 * clusters (render_account).  That is what relmap_render does with a
 * bound, so the files and messages are the same as a single render's.
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/batch.h"
#include "relmap/output.h"
#include "relmap/report.h"
#include "render_internal.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Longest id kept whole in a file name: with the hash suffix and the
 * extension, names stay well under the usual 255-byte limit. */
#define NAME_MAX_KEPT 200

uint64_t relmap_batch_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* A leading '.' becomes '_' too, so no name is '.', '..', hidden, or
 * looks like relmap_output_write's temporary files. */
char *relmap_batch_safe_base(const char *id, int *cut)
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

void relmap_batch_file_names_free(char **names, size_t n)
{
	if (names)
		for (size_t i = 0; i < n; i++)
			free(names[i]);
	free(names);
}

int relmap_batch_file_names(char ***out, const relmap_document *doc,
			    relmap_format fmt)
{
	size_t n = doc->n_accounts;
	const char *ext = relmap_format_name(fmt);
	char **names = calloc(n ? n : 1, sizeof(*names));
	unsigned char *flag = calloc(n ? n : 1, 1);
	unsigned char *cut = calloc(n ? n : 1, 1);
	int rc = RELMAP_ENOMEM;
	if (!names || !flag || !cut || !ext)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int c;
		if (!(names[i] = relmap_batch_safe_base(doc->accounts[i].id,
							&c)))
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
				 (unsigned)(relmap_batch_hash(doc->accounts[i].id) &
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
	relmap_batch_file_names_free(names, n);
	free(flag);
	free(cut);
	return rc;
}

/* CI jobs name a fresh directory per shard. */
int relmap_make_dir(const char *dir)
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

/* ---- pipes and frames ---- */

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

/* A growing byte buffer for one frame; `bad` once out of memory. */
typedef struct frame {
	char *data;
	size_t len, cap;
	int bad;
} frame;

static void put(frame *f, const void *p, size_t n)
{
	if (f->bad)
		return;
	if (f->len + n > f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		while (cap < f->len + n)
			cap *= 2;
		char *d = realloc(f->data, cap);
		if (!d) {
			f->bad = 1;
			return;
		}
		f->data = d;
		f->cap = cap;
	}
	memcpy(f->data + f->len, p, n);
	f->len += n;
}

static void put_u32(frame *f, uint32_t v)
{
	put(f, &v, sizeof(v));
}

static void put_str(frame *f, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : UINT32_MAX;
	put_u32(f, n);
	if (s)
		put(f, s, n);
}

/* The diagnostics, as the parent rebuilds them: how many errors there
 * were (kept or not), then each one. */
static void put_diags(frame *f, const relmap_diags *d)
{
	uint64_t errors = d->errors, suppressed = d->suppressed;
	put(f, &errors, sizeof(errors));
	put(f, &suppressed, sizeof(suppressed));
	put_u32(f, (uint32_t)d->count);
	for (size_t i = 0; i < d->count; i++) {
		const relmap_diag *g = &d->items[i];
		put_u32(f, (uint32_t)g->severity);
		put_u32(f, (uint32_t)g->line);
		put_u32(f, (uint32_t)g->column);
		put_str(f, g->file);
		put_str(f, g->message);
	}
}

typedef struct reader {
	const char *p, *end;
	int bad;
} reader;

static void get(reader *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static uint32_t get_u32(reader *r)
{
	uint32_t v;
	get(r, &v, sizeof(v));
	return v;
}

/* A malloc'd string, or NULL (also when it was NULL). */
static char *get_str(reader *r)
{
	uint32_t n = get_u32(r);
	if (r->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	char *s = malloc((size_t)n + 1);
	if (!s) {
		r->bad = 1;
		return NULL;
	}
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

/* Append the diagnostics in r to d; 0 or -1 (malformed, no memory). */
static int get_diags(reader *r, relmap_diags *d)
{
	uint64_t errors, suppressed;
	get(r, &errors, sizeof(errors));
	get(r, &suppressed, sizeof(suppressed));
	uint32_t n = get_u32(r);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		relmap_severity sev = (relmap_severity)get_u32(r);
		int line = (int)get_u32(r), col = (int)get_u32(r);
		char *file = get_str(r), *msg = get_str(r);
		if (!r->bad && relmap_diags_add(d, sev, file, line, col, "%s",
						msg ? msg : ""))
			r->bad = 1;
		free(file);
		free(msg);
	}
	if (r->bad)
		return -1;
	/* What the worker counted, suppressed ones included. */
	d->errors = (size_t)errors;
	d->suppressed = (size_t)suppressed;
	return 0;
}

static int send_frame(int fd, char type, const frame *f)
{
	uint32_t n = (uint32_t)f->len;
	char hdr[5];
	hdr[0] = type;
	memcpy(hdr + 1, &n, sizeof(n));
	return write_full(fd, hdr, sizeof(hdr)) ||
	       write_full(fd, f->data ? f->data : "", f->len);
}

/* ---- in a worker ---- */

typedef struct job {
	uint32_t pos;
	int32_t cut_short; /* render_account's: the clustered layout died */
} job;

/* Analyse, render and write one account; its messages into d. */
static int render_one(relmap_diags *d, const relmap_account *a,
		      const char *path, const relmap_batch_options *o,
		      const relmap_analysis_options *ao, int cut_short)
{
	relmap_analysis *an = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = relmap_analysis_run(&an, a, ao))) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "analysis failed: %s", relmap_strerror(rc));
		goto out;
	}
	if (o->format == RELMAP_FORMAT_JSON)
		rc = relmap_report_json(&data, &len,
					(const relmap_analysis *const *)&an, 1);
	else
		rc = render_account(&data, &len, an, o->style, o->format,
				    o->render, cut_short, d);
	if (rc)
		goto out;
	rc = relmap_output_write(path, data, len, d);
out:
	if (rc && d->errors == 0)
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "render failed: %s", relmap_strerror(rc));
	free(data);
	relmap_analysis_free(an);
	return rc;
}

/* The watch render_layout calls around each bounded layout. */
static void watch_begin(void *ctx, double timeout, int last,
			const relmap_diags *so_far)
{
	frame f = { 0 };
	unsigned char l = (unsigned char)(last != 0);
	(void)timeout; /* the parent knows the bound */
	put(&f, &l, 1);
	put_diags(&f, so_far);
	/* Unsent, the parent would miss the deadline: better to stop. */
	if (f.bad || send_frame(*(int *)ctx, 'B', &f))
		_exit(1);
	free(f.data);
}

static void watch_end(void *ctx)
{
	frame f = { 0 };
	if (send_frame(*(int *)ctx, 'E', &f))
		_exit(1);
}

typedef struct batch batch;
static _Noreturn void worker_loop(batch *t, int cmd, int res);

/* ---- the parent ---- */

typedef struct worker {
	pid_t pid;  /* 0: none */
	int cmd;    /* parent writes jobs here; -1 when closed */
	int res;    /* parent reads frames here; -1 when closed */
	long pos;   /* the account it is drawing, -1 when idle */
	int in_layout;
	double deadline; /* of the layout under way */
	int last;        /* ... and whether it is the last attempt */
	relmap_diags so_far;
} worker;

struct batch {
	const relmap_document *doc;
	const relmap_batch_options *o;
	relmap_analysis_options ao;
	double timeout;   /* the layout bound, <= 0: none */
	char **paths;     /* per account, NULL when its name clashed */
	size_t *sel;      /* account index of each selected position */
	size_t n_sel;
	worker *w;
	size_t n_w;
	int32_t *cut;     /* per position: how its layout died (render_account) */
	size_t *redo;     /* positions to hand out again first */
	size_t n_redo;
	size_t next, done;
	/* run_workers' poll set; here rather than in its locals so a worker
	 * forked from inside it does not see them as leaked. */
	struct pollfd *pf;
	size_t *who;
};

static _Noreturn void worker_loop(batch *t, int cmd, int res)
{
	job j;
	render_watch watch = { watch_begin, watch_end, &res };
	/* The parent ignores SIGPIPE to survive a dead worker; a worker
	 * whose parent is gone may as well die quietly. */
	signal(SIGPIPE, SIG_DFL);
	render_watch_set(t->timeout > 0 ? &watch : NULL);
	while (read_full(cmd, &j, sizeof(j)) == 0 && j.pos < t->n_sel) {
		size_t ai = t->sel[j.pos];
		relmap_diags d;
		frame f = { 0 };
		relmap_diags_init(&d, 20);
		int32_t rc = render_one(&d, &t->doc->accounts[ai],
					t->paths[ai], t->o, &t->ao,
					j.cut_short);
		put(&f, &rc, sizeof(rc));
		put_diags(&f, &d);
		int bad = f.bad || send_frame(res, 'R', &f);
		free(f.data);
		relmap_diags_free(&d);
		if (bad)
			break;
	}
	/* _exit: the parent's stdio buffers and atexit handlers are not
	 * ours to run. */
	_exit(0);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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
	w->in_layout = 0;
	return 0;
}

/* Report position `pos` done with rc and diags d. */
static void finish(batch *t, size_t pos, int rc, const relmap_diags *d)
{
	size_t ai = t->sel[pos];
	t->done++;
	if (!t->o->callback)
		return;
	relmap_batch_event ev = { ai, t->doc->accounts[ai].id, t->paths[ai],
				  rc, d, t->done, t->n_sel };
	t->o->callback(&ev, t->o->ctx);
}

/* Report `pos` failed with one error of our own (after `so_far`). */
static void fail(batch *t, size_t pos, int rc, const relmap_diags *so_far,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail(batch *t, size_t pos, int rc, const relmap_diags *so_far,
		 const char *fmt, ...)
{
	relmap_diags d;
	va_list ap;
	relmap_diags_init(&d, 20);
	for (size_t i = 0; so_far && i < so_far->count; i++) {
		const relmap_diag *g = &so_far->items[i];
		relmap_diags_add(&d, g->severity, g->file, g->line, g->column,
				 "%s", g->message);
	}
	va_start(ap, fmt);
	relmap_diags_addv(&d, RELMAP_SEVERITY_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	finish(t, pos, rc, &d);
	relmap_diags_free(&d);
}

/* Past the positions fail_unnamed has done already. */
static void skip_unnamed(batch *t)
{
	while (t->next < t->n_sel && !t->paths[t->sel[t->next]])
		t->next++;
}

static int work_left(batch *t)
{
	skip_unnamed(t);
	return t->n_redo > 0 || t->next < t->n_sel;
}

/* Give the worker its next account (one to draw again first), or close
 * its pipe when none is left (it then exits). */
static void hand_out(batch *t, worker *w)
{
	w->pos = -1;
	w->in_layout = 0;
	if (work_left(t)) {
		size_t pos = t->n_redo ? t->redo[t->n_redo - 1] : t->next;
		job j = { (uint32_t)pos, t->cut[pos] };
		if (write_full(w->cmd, &j, sizeof(j)) == 0) {
			w->pos = (long)pos;
			if (t->n_redo)
				t->n_redo--;
			else
				t->next++;
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
	for (size_t p = 0; p < t->n_sel; p++)
		if (!t->paths[t->sel[p]])
			fail(t, p, RELMAP_EOUTPUT, NULL,
			     "its file name is taken by another account");
}

static void close_worker(worker *w, int kill_it, int *ws)
{
	if (kill_it)
		kill(w->pid, SIGKILL);
	if (w->res >= 0)
		close(w->res);
	if (w->cmd >= 0)
		close(w->cmd);
	w->res = w->cmd = -1;
	while (waitpid(w->pid, ws, 0) < 0 && errno == EINTR)
		;
	w->pid = 0;
	w->in_layout = 0;
}

static void worker_gone(batch *t, worker *w)
{
	int ws = 0, in_layout = w->in_layout;
	close_worker(w, 0, &ws);
	if (w->pos < 0)
		return;
	size_t pos = (size_t)w->pos;
	/* Graphviz died in a bounded layout: as a layout child that crashed,
	 * tried again without clusters, or the account fails. */
	if (in_layout && WIFSIGNALED(ws)) {
		w->pos = -1;
		if (!w->last) {
			t->cut[pos] = WTERMSIG(ws);
			t->redo[t->n_redo++] = pos;
		} else {
			fail(t, pos, RELMAP_EINTERNAL, &w->so_far,
			     "Graphviz crashed (signal %d) while drawing the map",
			     WTERMSIG(ws));
		}
		return;
	}
	if (WIFSIGNALED(ws))
		fail(t, (size_t)w->pos, RELMAP_EINTERNAL, NULL,
		     "the worker drawing it was killed by signal %d",
		     WTERMSIG(ws));
	else
		fail(t, (size_t)w->pos, RELMAP_EINTERNAL, NULL,
		     "the worker drawing it ended early");
	w->pos = -1;
}

/*
 * The layout of w's account ran past the bound: the worker is killed (a
 * new one takes its place), and the account is drawn again without
 * department clusters, or fails when that was the last attempt, with
 * relmap_render's messages for the same case.
 */
static void layout_timed_out(batch *t, worker *w)
{
	int ws;
	size_t pos = (size_t)w->pos;
	close_worker(w, 1, &ws);
	w->pos = -1;
	if (!w->last) {
		t->cut[pos] = -1;
		t->redo[t->n_redo++] = pos;
	} else if (t->cut[pos]) {
		fail(t, pos, RELMAP_ETIMEOUT, &w->so_far,
		     "layout did not finish within %g s even without department clusters; try --engine or a longer --layout-timeout",
		     t->timeout);
	} else {
		fail(t, pos, RELMAP_ETIMEOUT, &w->so_far,
		     "layout did not finish within %g s; try --engine or a longer --layout-timeout",
		     t->timeout);
	}
	relmap_diags_free(&w->so_far);
	relmap_diags_init(&w->so_far, 20);
}

/* The positions not yet handed out, when no worker can be started. */
static void fail_rest(batch *t, const char *why)
{
	while (t->n_redo)
		fail(t, t->redo[--t->n_redo], RELMAP_EINTERNAL, NULL,
		     "cannot start a worker process: %s", why);
	for (skip_unnamed(t); t->next < t->n_sel; t->next++, skip_unnamed(t))
		fail(t, t->next, RELMAP_EINTERNAL, NULL,
		     "cannot start a worker process: %s", why);
}

/* One frame from w; -1 when the worker is gone or spoke nonsense. */
static int read_frame(batch *t, worker *w)
{
	char hdr[5];
	uint32_t n;
	if (read_full(w->res, hdr, sizeof(hdr)) != 0)
		return -1;
	memcpy(&n, hdr + 1, sizeof(n));
	char *buf = malloc((size_t)n + 1);
	if (!buf || read_full(w->res, buf, n) != 0 || w->pos < 0) {
		free(buf);
		return -1;
	}
	reader r = { buf, buf + n, 0 };
	int ok = 0;
	switch (hdr[0]) {
	case 'B': {
		unsigned char last = 0;
		get(&r, &last, 1);
		relmap_diags_free(&w->so_far);
		relmap_diags_init(&w->so_far, 20);
		if (get_diags(&r, &w->so_far))
			break;
		w->in_layout = 1;
		w->last = last;
		w->deadline = now_seconds() + t->timeout;
		ok = 1;
		break;
	}
	case 'E':
		w->in_layout = 0;
		ok = 1;
		break;
	case 'R': {
		int32_t rc;
		relmap_diags d;
		relmap_diags_init(&d, 20);
		get(&r, &rc, sizeof(rc));
		if (get_diags(&r, &d) == 0) {
			size_t pos = (size_t)w->pos;
			w->pos = -1;
			finish(t, pos, rc, &d);
			hand_out(t, w);
			ok = 1;
		}
		relmap_diags_free(&d);
		break;
	}
	default:
		break;
	}
	free(buf);
	return ok ? 0 : -1;
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
			if (!w->pid && work_left(t)) {
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
		double now = now_seconds(), first = -1;
		for (size_t i = 0; i < t->n_w; i++) {
			worker *w = &t->w[i];
			if (!w->pid)
				continue;
			pf[n] = (struct pollfd){ w->res, POLLIN, 0 };
			who[n++] = i;
			if (w->in_layout && (first < 0 || w->deadline < first))
				first = w->deadline;
		}
		int ms = -1;
		if (first >= 0) {
			double left = (first - now) * 1000;
			ms = left <= 0 ? 0 : left > INT_MAX - 1 ? INT_MAX
							       : (int)left + 1;
		}
		int r = poll(pf, n, ms);
		if (r < 0 && errno != EINTR) {
			fail_rest(t, strerror(errno));
			break;
		}
		for (size_t k = 0; r > 0 && k < n; k++) {
			worker *w = &t->w[who[k]];
			if (pf[k].revents && read_frame(t, w) != 0)
				worker_gone(t, w);
		}
		/* Past the bound, and no word that the layout finished. */
		now = now_seconds();
		for (size_t i = 0; i < t->n_w; i++) {
			worker *w = &t->w[i];
			if (w->pid && w->in_layout && w->pos >= 0 &&
			    now >= w->deadline)
				layout_timed_out(t, w);
		}
	}
out:
	/* Every account is done: close the pipes, and reap. */
	for (size_t i = 0; i < t->n_w; i++) {
		worker *w = &t->w[i];
		if (w->pid)
			close_worker(w, 0, NULL);
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

int relmap_batch_render(const relmap_document *doc,
			const relmap_batch_options *o, relmap_diags *diags)
{
	static const relmap_render_options ro_default =
		RELMAP_RENDER_OPTIONS_INIT;
	static const relmap_analysis_options ao_default =
		RELMAP_ANALYSIS_OPTIONS_INIT;
	batch t = { .doc = doc, .o = o, .ao = ao_default };
	char **names = NULL;
	int rc = RELMAP_ENOMEM;
	void (*old_pipe)(int) = SIG_ERR;
	size_t n = doc->n_accounts;

	relmap_render_warm_wait(); /* no fork while it runs */
	if (!o->out_dir || !relmap_format_name(o->format) ||
	    (o->shard_n && (o->shard_k < 1 || o->shard_k > o->shard_n))) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "a batch needs a directory, a format and a shard K/N with 1 <= K <= N");
		return RELMAP_EUSAGE;
	}
	if (relmap_make_dir(o->out_dir) != 0) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, o->out_dir, 0, 0,
				 "cannot create directory: %s",
				 strerror(errno));
		return RELMAP_EOUTPUT;
	}
	const relmap_render_options *ro = o->render ? o->render : &ro_default;
	t.timeout = ro->layout_timeout;
	/* Without options, as relmap check and render do: as of the
	 * file's date, else today. */
	if (o->analysis)
		t.ao = *o->analysis;
	else
		t.ao.as_of = doc->has_as_of ? doc->as_of : relmap_date_today();
	if (relmap_batch_file_names(&names, doc, o->format) != 0 ||
	    !(t.paths = calloc(n ? n : 1, sizeof(*t.paths))) ||
	    !(t.sel = calloc(n ? n : 1, sizeof(*t.sel))))
		goto out;
	size_t dlen = strlen(o->out_dir);
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		size_t len = dlen + 1 + strlen(names[i]) + 1;
		if (!(t.paths[i] = malloc(len)))
			goto out;
		snprintf(t.paths[i], len, "%s%s%s", o->out_dir,
			 dlen && o->out_dir[dlen - 1] == '/' ? "" : "/",
			 names[i]);
	}
	for (size_t i = 0; i < n; i++)
		if (!o->shard_n ||
		    relmap_batch_hash(doc->accounts[i].id) % o->shard_n + 1 ==
			    o->shard_k)
			t.sel[t.n_sel++] = i;
	size_t ns = t.n_sel ? t.n_sel : 1;
	if (!(t.cut = calloc(ns, sizeof(*t.cut))) ||
	    !(t.redo = calloc(ns, sizeof(*t.redo))))
		goto out;
	long jobs = o->jobs > 0 ? o->jobs : default_jobs();
	t.n_w = (size_t)jobs < t.n_sel ? (size_t)jobs : t.n_sel;
	if (t.n_w && !(t.w = calloc(t.n_w, sizeof(*t.w))))
		goto out;
	for (size_t i = 0; i < t.n_w; i++) {
		t.w[i] = (worker){ 0, -1, -1, -1, 0, 0, 0, RELMAP_DIAGS_INIT };
		relmap_diags_init(&t.w[i].so_far, 20);
	}

	/* Workers inherit the stdio buffers: flush them once, here. */
	fflush(NULL);
	old_pipe = signal(SIGPIPE, SIG_IGN);
	fail_unnamed(&t);
	if (t.done < t.n_sel)
		run_workers(&t);
	if (old_pipe != SIG_ERR)
		signal(SIGPIPE, old_pipe);
	rc = 0;
out:
	if (rc)
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "%s", relmap_strerror(rc));
	relmap_batch_file_names_free(names, n);
	if (t.paths)
		for (size_t i = 0; i < n; i++)
			free(t.paths[i]);
	free(t.paths);
	free(t.sel);
	free(t.cut);
	free(t.redo);
	for (size_t i = 0; i < t.n_w; i++)
		relmap_diags_free(&t.w[i].so_far);
	free(t.w);
	return rc;
}
