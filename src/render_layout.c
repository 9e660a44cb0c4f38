/*
 * render_layout.c - layout and rendering, bounded in a child process.
 *
 * Graphviz 2.42's dot can run for minutes on some clustered graphs and has
 * no way to be interrupted, so a bounded layout runs in a forked child:
 * the child lays the graph out, renders it and sends the bytes back on a
 * pipe; the parent waits with poll() until the deadline and kills the
 * child if it passes.  Forking copies nothing up front (copy on write),
 * so the bound costs about a millisecond.
 *
 * Graphviz reports problems through agerr(); an agseterrf() handler turns
 * them into diagnostics instead of lines on standard error.  In the child
 * the messages travel back on the pipe, and whatever else the child
 * writes to its standard error (fontconfig, pango) is captured by a
 * second pipe, so nothing reaches the caller's terminal.
 *
 * The bound is on the layout only: once the child has laid the graph out
 * it says so ('l'), and the parent waits for the drawing however long it
 * takes (a 400-person PNG at 192 dpi takes seconds to encode, and a
 * drawing never runs away the way dot's layout can).
 *
 * A batch worker (batch.c) lays out in its own process instead: it was
 * forked before Graphviz started and must not fork again (pango runs a
 * thread, and a fork taken while it holds a lock can hang the child).  It
 * sets a watch, told when each bounded layout begins and ends, and its
 * parent kills it if the layout runs past the bound.
 *
 * The pipe carries frames: a type byte, a 64-bit length and the payload.
 *   'l'        the layout is done (no payload)
 *   'w' / 'e'  one Graphviz warning / error line
 *   'd'        the rendered bytes
 *   'r'        the outcome (an int: 0 done, 1 layout failed, 2 render
 *              failed), always the last frame
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Enough to explain a failure; a graph that warns per node would
 * otherwise flood the caller. */
#define MAX_MESSAGES 20
#define MAX_STDERR (64 * 1024)

enum { OUTCOME_DONE = 0, OUTCOME_LAYOUT_FAILED = 1, OUTCOME_RENDER_FAILED = 2 };

typedef struct gv_message {
	relmap_severity sev;
	char *text;
} gv_message;

typedef struct capture {
	sbuf line;               /* the message being assembled */
	relmap_severity sev;     /* of the message being assembled */
	int fd;                  /* in the child: where frames go; else -1 */
	gv_message msgs[MAX_MESSAGES];
	size_t n_msgs;
	size_t dropped;
	int nomem;
} capture;

/* Graphviz's message callback takes no context argument. */
static capture *current;

/*
 * In-process renders share one Graphviz context for the life of the
 * process.  Graphviz 2.42's pango plugin keeps a pointer to the last font
 * name it measured, which lives in the context's font table: freeing the
 * context would leave the plugin reading freed memory at the next render
 * (in this process or in a child forked from it).  Sharing one is also
 * what `dot` does for several graphs, and it loads each plugin once.
 */
static GVC_t *shared_gvc;

/* The batch worker's watch, or NULL: bounded layouts fork. */
static const render_watch *watch;

void render_watch_set(const render_watch *w)
{
	watch = w;
}

GVC_t *render_gvc_unwaited(void)
{
	if (!shared_gvc && (shared_gvc = gvContext()))
		render_textcache_install(shared_gvc);
	return shared_gvc;
}

GVC_t *render_gvc(void)
{
	relmap_render_warm_wait();
	return render_gvc_unwaited();
}

int render_gvc_started(void)
{
	return shared_gvc != NULL;
}

/*
 * Graphviz measures label text with a textlayout plugin (pango/cairo, or
 * gd's FreeType); without one it silently estimates widths from a table of
 * Times metrics, and text overflows its boxes (measured: a 197 pt node
 * shrank to 171 pt with GVBINDIR pointing at a plugin set without pango).
 * gvContext() loads the installed plugins, so this only warns when the
 * installation lacks one.  gvplugin_list is exported by libgvc (2.42 and
 * later) but declared only in its private gvcproc.h; it returns a static
 * buffer.  (The public gvPluginList leaks a string per duplicate.)
 */
extern char *gvplugin_list(GVC_t *gvc, api_t api, const char *str);

static void check_textlayout(GVC_t *gvc)
{
	const char *s = gvplugin_list(gvc, API_textlayout, "textlayout:");
	if (!s || !strstr(s, "textlayout:"))
		agerr(AGWARN, "no text layout plugin (Graphviz's pango plugin, in Debian's libgvc6): label widths are estimated and text may overflow its boxes\n");
}

static void keep_message(capture *c, relmap_severity sev, const char *text,
			 size_t len)
{
	if (c->n_msgs == MAX_MESSAGES) {
		c->dropped++;
		return;
	}
	char *t = malloc(len + 1);
	if (!t) {
		c->nomem = 1;
		return;
	}
	memcpy(t, text, len);
	t[len] = '\0';
	c->msgs[c->n_msgs].sev = sev;
	c->msgs[c->n_msgs].text = t;
	c->n_msgs++;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void write_frame(int fd, char type, const void *data, size_t len)
{
	unsigned char hdr[9];
	uint64_t n = len;
	hdr[0] = (unsigned char)type;
	memcpy(hdr + 1, &n, sizeof(n));
	/* The parent is gone or killed us: nothing left to do. */
	if (write_all(fd, hdr, sizeof(hdr)) || write_all(fd, data, len))
		_exit(1);
}

/* One line of Graphviz's output: "Warning: ...", "Error: ...", or the
 * continuation of the previous message. */
static void emit_line(capture *c, const char *text, size_t len)
{
	if (len >= 7 && memcmp(text, "Error: ", 7) == 0) {
		c->sev = RELMAP_SEVERITY_ERROR;
		text += 7;
		len -= 7;
	} else if (len >= 9 && memcmp(text, "Warning: ", 9) == 0) {
		c->sev = RELMAP_SEVERITY_WARNING;
		text += 9;
		len -= 9;
	}
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\r'))
		len--;
	/* Graphviz names the input file, which an in-memory graph lacks. */
	if (len >= 8 && memcmp(text, "(null): ", 8) == 0) {
		text += 8;
		len -= 8;
	}
	if (!len)
		return;
	if (c->fd >= 0)
		write_frame(c->fd, c->sev == RELMAP_SEVERITY_ERROR ? 'e' : 'w',
			    text, len);
	else
		keep_message(c, c->sev, text, len);
}

static void split_lines(capture *c, int flush)
{
	sbuf *l = &c->line;
	size_t start = 0;
	for (size_t i = 0; i < l->len; i++) {
		if (l->data[i] == '\n') {
			emit_line(c, l->data + start, i - start);
			start = i + 1;
		}
	}
	if (flush && start < l->len) {
		emit_line(c, l->data + start, l->len - start);
		start = l->len;
	}
	if (start) {
		memmove(l->data, l->data + start, l->len - start);
		l->len -= start;
		l->data[l->len] = '\0';
	}
}

/* Graphviz calls this with "Warning" or "Error", then ": ", then the
 * message, which ends in a newline. */
static int on_graphviz_message(char *s)
{
	capture *c = current;
	if (!c)
		return 0;
	sbuf_add(&c->line, s);
	if (c->line.nomem) {
		c->nomem = 1;
		sbuf_clear(&c->line);
		c->line.nomem = 0;
		return 0;
	}
	split_lines(c, 0);
	return 0;
}

static void capture_begin(capture *c, int fd)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->sev = RELMAP_SEVERITY_WARNING;
	current = c;
}

static void capture_end(capture *c)
{
	split_lines(c, 1);
	current = NULL;
	sbuf_free(&c->line);
}

/*
 * Graphviz's messages as diagnostics: warnings as they are, errors as
 * errors only when the render failed (otherwise Graphviz recovered and
 * they are worth a warning, not a failure).
 */
static int report_messages(capture *c, int failed, relmap_diags *diags)
{
	int rc = c->nomem ? RELMAP_ENOMEM : 0;
	for (size_t i = 0; i < c->n_msgs; i++) {
		relmap_severity sev = c->msgs[i].sev;
		if (sev == RELMAP_SEVERITY_ERROR && !failed)
			sev = RELMAP_SEVERITY_WARNING;
		/* Graphviz prefixes some messages with the command name, which
		 * a library caller does not have: "(null): graph is ...". */
		const char *text = c->msgs[i].text;
		if (strncmp(text, "(null): ", 8) == 0)
			text += 8;
		if (relmap_diags_add(diags, sev, NULL, 0, 0, "graphviz: %s",
				     text))
			rc = RELMAP_ENOMEM;
		free(c->msgs[i].text);
	}
	if (c->dropped &&
	    relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
			     "graphviz: %zu more messages not shown",
			     c->dropped))
		rc = RELMAP_ENOMEM;
	c->n_msgs = 0;
	c->dropped = 0;
	return rc;
}

static int copy_out(char **out, size_t *len, const char *data, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return RELMAP_ENOMEM;
	memcpy(p, data, n);
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

/*
 * Graphviz scales a drawing to `size` ("W,H!": up or down to fit) only
 * after the layout, and `pad` is part of what it scales.  So the page's
 * size goes in before the layout, and once the layout's bounding box is
 * known, the pad that makes drawing plus pad exactly the page's aspect
 * ratio, with at least the margin on every side.  0, or -1 when Graphviz
 * left no usable bounding box.
 */
static int set_page_size(Agraph_t *g, const render_page *page)
{
	char buf[96];
	snprintf(buf, sizeof(buf), "%.6f,%.6f!", page->width / 72.0,
		 page->height / 72.0);
	/* `margin` is the output device's own margin (half an inch for
	 * PDF): the page's margin is in the pad instead. */
	return render_set(g, "size", buf) || render_set(g, "margin", "0");
}

static int fit_page(Agraph_t *g, const render_page *page)
{
	double llx, lly, urx, ury;
	/* gvLayout writes "llx lly urx ury" in points (later Graphviz
	 * versions use commas). */
	const char *bb = agget(g, "bb");
	if (!bb || sscanf(bb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &llx, &lly,
			  &urx, &ury) != 4)
		return -1;
	double w = urx - llx, h = ury - lly;
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	double inner_w = page->width - 2 * page->margin;
	double inner_h = page->height - 2 * page->margin;
	double s = inner_w / w < inner_h / h ? inner_w / w : inner_h / h;
	/* Pads in drawing units (inches, as Graphviz reads them). */
	double pad_x = (page->width / s - w) / 2 / 72.0;
	double pad_y = (page->height / s - h) / 2 / 72.0;
	char buf[96];
	snprintf(buf, sizeof(buf), "%.6f,%.6f", pad_x, pad_y);
	return render_set(g, "pad", buf) ? -1 : 0;
}

static int layout_here(char **out, size_t *len, Agraph_t *g,
		       const char *engine, const char *gvformat,
		       const render_page *page, double timeout, int last,
		       render_kept *kept, relmap_diags *diags)
{
	capture c;
	char *data = NULL;
	unsigned int n = 0;
	int rc = 0, laid_out = 0;
	GVC_t *gvc;

	capture_begin(&c, -1);
	agusererrf old = agseterrf(on_graphviz_message);
	if (!(gvc = render_gvc())) {
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	check_textlayout(gvc);
	if (page && set_page_size(g, page)) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	/* The bound is on the layout alone, as in a child (see above). */
	if (timeout > 0 && watch)
		watch->begin(watch->ctx, timeout, last, diags);
	double t0 = render_clock();
	/* Graphviz's own SVG writer draws text without pango's layout, so
	 * the measurements of the cards can be given again (render_org.c
	 * measured them already). */
	render_textcache_serve(gvformat && strcmp(gvformat, "svg") == 0);
	int lrc = kept ? render_kept_before(kept, g) : 0;
	if (lrc == 0)
		lrc = gvLayout(gvc, g, engine);
	if (kept)
		render_kept_after(kept, g, lrc == 0);
	render_textcache_serve(0);
	render_prof_add(&render_prof->layout, t0);
	if (timeout > 0 && watch)
		watch->end(watch->ctx);
	if (lrc != 0) {
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	laid_out = 1;
	if (page && fit_page(g, page)) {
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	t0 = render_clock();
	if (gvRenderData(gvc, g, gvformat, &data, &n) != 0 || !data) {
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	rc = copy_out(out, len, data, n);
	render_prof_add(&render_prof->drawing, t0);
out:
	if (data)
		gvFreeRenderData(data);
	if (laid_out)
		gvFreeLayout(gvc, g);
	agseterrf(old);
	capture_end(&c);
	int mrc = report_messages(&c, rc != 0 && last, diags);
	if (rc == RELMAP_EINTERNAL)
		relmap_diags_add(diags, last ? RELMAP_SEVERITY_ERROR
					     : RELMAP_SEVERITY_WARNING,
				 NULL, 0, 0, "Graphviz could not %s the map",
				 laid_out ? "render" : "lay out");
	return rc ? rc : mrc;
}

static void child_main(int res_fd, int err_fd, Agraph_t *g,
		       const char *engine, const char *gvformat,
		       const render_page *page)
{
	capture c;
	int outcome = OUTCOME_DONE;
	char *data = NULL;
	unsigned int n = 0;
	GVC_t *gvc;

	if (dup2(err_fd, STDERR_FILENO) < 0)
		_exit(1);
	close(err_fd);
	capture_begin(&c, res_fd);
	agseterrf(on_graphviz_message);
	/* A context of its own unless this process has one already: made
	 * here, not in the parent, since Graphviz 2.42 leaks its
	 * configuration in gvContext(), and a parent that only ever renders
	 * in children stays clean for leak checkers that way. */
	if ((gvc = shared_gvc ? shared_gvc : gvContext()))
		check_textlayout(gvc);
	if (!gvc || (page && set_page_size(g, page)) ||
	    gvLayout(gvc, g, engine) != 0 || (page && fit_page(g, page)))
		outcome = OUTCOME_LAYOUT_FAILED;
	else if ((write_frame(res_fd, 'l', "", 0),
		  gvRenderData(gvc, g, gvformat, &data, &n) != 0 || !data))
		outcome = OUTCOME_RENDER_FAILED;
	else
		write_frame(res_fd, 'd', data, n);
	capture_end(&c);
	write_frame(res_fd, 'r', &outcome, sizeof(outcome));
	/* _exit: no atexit handlers, no flushing of the parent's stdio
	 * buffers a second time. */
	_exit(0);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);
	if (flags >= 0)
		fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

static pid_t reap(pid_t pid, int *status)
{
	pid_t r;
	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Whether the frames in res[*scan..] that have fully arrived include the
 * end of the layout ('l'); *scan moves past the whole frames. */
static int layout_done(const sbuf *res, size_t *scan)
{
	int done = 0;
	while (*scan + 9 <= res->len) {
		uint64_t n;
		memcpy(&n, res->data + *scan + 1, sizeof(n));
		if (n > res->len - *scan - 9)
			break;
		done |= res->data[*scan] == 'l';
		*scan += 9 + (size_t)n;
	}
	return done;
}

/* Read the child's two pipes until both close, or the deadline passes
 * before the child has finished its layout.  0, RELMAP_ETIMEOUT or
 * RELMAP_ENOMEM. */
static int collect(int res_fd, int err_fd, double deadline, sbuf *res,
		   sbuf *err)
{
	struct pollfd fds[2] = { { res_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	char chunk[65536];
	size_t scan = 0;
	int laid_out = 0;

	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		double left = deadline - now_seconds();
		if (!laid_out && left <= 0)
			return RELMAP_ETIMEOUT;
		int ms = laid_out ? -1
			 : left * 1000 > INT_MAX ? INT_MAX
						 : (int)(left * 1000) + 1;
		int r = poll(fds, 2, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return RELMAP_EINTERNAL;
		if (r == 0)
			continue; /* the loop checks the deadline */
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				fds[i].fd = -1; /* poll skips negative fds */
				continue;
			}
			sbuf *b = i == 0 ? res : err;
			if (i == 1 && b->len + (size_t)n > MAX_STDERR)
				continue;
			sbuf_addn(b, chunk, (size_t)n);
			if (b->nomem)
				return RELMAP_ENOMEM;
			if (i == 0 && !laid_out)
				laid_out = layout_done(b, &scan);
		}
	}
	return 0;
}

static int layout_child(char **out, size_t *len, Agraph_t *g,
			const char *engine, const char *gvformat,
			const render_page *page, double timeout, int last,
			relmap_diags *diags)
{
	int res[2] = { -1, -1 }, err[2] = { -1, -1 };
	sbuf rbuf = { 0 }, ebuf = { 0 };
	capture c;
	pid_t pid = -1;
	int rc = 0, status = 0, outcome = -1;
	const char *data = NULL;
	size_t data_len = 0;

	capture_begin(&c, -1);
	current = NULL; /* only the child's frames fill it */
	if (pipe(res) || pipe(err)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot lay out the map in a child process: %s",
				 strerror(errno));
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		set_cloexec(res[i]);
		set_cloexec(err[i]);
	}
	double deadline = now_seconds() + timeout;
	pid = fork();
	if (pid < 0) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot lay out the map in a child process: %s",
				 strerror(errno));
		rc = RELMAP_EINTERNAL;
		goto out;
	}
	if (pid == 0) {
		close(res[0]);
		close(err[0]);
		child_main(res[1], err[1], g, engine, gvformat, page);
	}
	close(res[1]);
	close(err[1]);
	res[1] = err[1] = -1;

	rc = collect(res[0], err[0], deadline, &rbuf, &ebuf);
	if (rc) {
		kill(pid, SIGKILL);
		reap(pid, &status);
		pid = -1;
		goto out;
	}
	if (reap(pid, &status) < 0)
		status = 0; /* SIGCHLD ignored by the caller: trust the frames */
	pid = -1;

	/* Frames from the child. */
	for (size_t off = 0; off + 9 <= rbuf.len;) {
		uint64_t n;
		char type = rbuf.data[off];
		memcpy(&n, rbuf.data + off + 1, sizeof(n));
		off += 9;
		if (n > rbuf.len - off)
			break;
		const char *payload = rbuf.data + off;
		off += (size_t)n;
		if (type == 'w' || type == 'e')
			keep_message(&c, type == 'e' ? RELMAP_SEVERITY_ERROR
						     : RELMAP_SEVERITY_WARNING,
				     payload, (size_t)n);
		else if (type == 'd') {
			data = payload;
			data_len = (size_t)n;
		} else if (type == 'r' && n == sizeof(int))
			memcpy(&outcome, payload, sizeof(int));
	}
	/* Anything else the child printed, one warning per line. */
	for (size_t start = 0, i = 0; i <= ebuf.len; i++) {
		if (i == ebuf.len || ebuf.data[i] == '\n') {
			if (i > start)
				keep_message(&c, RELMAP_SEVERITY_WARNING,
					     ebuf.data + start, i - start);
			start = i + 1;
		}
	}

	relmap_severity sev = last ? RELMAP_SEVERITY_ERROR
				   : RELMAP_SEVERITY_WARNING;
	if (outcome == OUTCOME_DONE && data) {
		rc = copy_out(out, len, data, data_len);
	} else {
		rc = RELMAP_EINTERNAL;
		if (outcome == OUTCOME_LAYOUT_FAILED ||
		    outcome == OUTCOME_RENDER_FAILED)
			relmap_diags_add(diags, sev, NULL, 0, 0,
					 "Graphviz could not %s the map",
					 outcome == OUTCOME_LAYOUT_FAILED
						 ? "lay out"
						 : "render");
		else if (WIFSIGNALED(status))
			relmap_diags_add(diags, sev, NULL, 0, 0,
					 "Graphviz crashed (signal %d) while drawing the map",
					 WTERMSIG(status));
		else
			relmap_diags_add(diags, sev, NULL, 0, 0,
					 "Graphviz stopped before drawing the map");
	}
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		reap(pid, &status);
	}
	close_pair(res);
	close_pair(err);
	if (rc == RELMAP_ETIMEOUT) {
		/* Messages from a layout that was cut short explain nothing
		 * the caller does not know. */
		for (size_t i = 0; i < c.n_msgs; i++)
			free(c.msgs[i].text);
		c.n_msgs = 0;
		c.dropped = 0;
	}
	int mrc = report_messages(&c, rc != 0 && last, diags);
	capture_end(&c);
	sbuf_free(&rbuf);
	sbuf_free(&ebuf);
	return rc ? rc : mrc;
}

int render_layout(char **out, size_t *len, Agraph_t *g, const char *engine,
		  const char *gvformat, const render_page *page,
		  double timeout, int last, relmap_diags *diags)
{
	*out = NULL;
	*len = 0;
	relmap_render_warm_wait(); /* before Graphviz, and before a fork */
	if (timeout > 0 && !watch) {
		double t0 = render_clock();
		int rc = layout_child(out, len, g, engine, gvformat, page,
				      timeout, last, diags);
		render_prof_add(&render_prof->layout, t0);
		return rc;
	}
	return layout_here(out, len, g, engine, gvformat, page, timeout, last,
			   NULL, diags);
}

int render_layout_kept(char **out, size_t *len, Agraph_t *g, render_kept *kept,
		       const char *gvformat, const render_page *page,
		       relmap_diags *diags)
{
	*out = NULL;
	*len = 0;
	relmap_render_warm_wait();
	render_kept_count_reset();
	return layout_here(out, len, g, "nop2", gvformat, page, 0, 1, kept,
			   diags);
}
