/* relmap's map viewer (docs/html.md): pan and zoom, search, folded
 * subtrees opened in place, a person's panel, state in the URL fragment.
 *
 * Plain JavaScript, no library: the page is one file that works from
 * disk with no network.  Every text from the data reaches the page
 * through textContent, never as markup; links only for the http, https
 * and mailto URLs the renderer kept.  This part knows only what an org
 * chart shows (names, titles, departments, reporting and dotted lines);
 * the planning view's script adds the rest through RM.hooks, and a page
 * for the customer leaves that script out. */
'use strict';
var RM = (function () {
	var SVGNS = 'http://www.w3.org/2000/svg';
	var data = JSON.parse(document.getElementById('relmap-data').textContent);
	var P = data.persons;
	var svg = document.querySelector('#map > svg');
	var graph = svg && svg.querySelector('g.graph');
	var hooks = { panel: [], filters: [], ready: [], card: [], select: [] };
	var byId = Object.create(null);
	var reports = P.map(function () { return []; });
	var foldPersons = data.folds.map(function () { return []; });
	var el = {};
	var state = { sel: -1, q: '', hits: [], hitAt: -1, open: Object.create(null) };

	P.forEach(function (p, i) {
		byId[p.id] = i;
		if (p.manager >= 0) reports[p.manager].push(i);
		if (p.shown === 'folded') foldPersons[p.fold].push(i);
	});

	function h(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined && text !== null) e.textContent = String(text);
		return e;
	}
	function s(tag, attrs, cls) {
		var e = document.createElementNS(SVGNS, tag);
		for (var k in attrs) e.setAttribute(k, attrs[k]);
		if (cls) e.setAttribute('class', cls);
		return e;
	}
	function norm(t) {
		return String(t || '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
	}
	function clip(t, n) {
		t = String(t || '');
		return t.length > n ? t.slice(0, n - 1) + '\u2026' : t;
	}
	function personName(i) { return P[i].name || P[i].id; }

	/* ---- pan and zoom: the root <svg>'s viewBox ---- */
	var vb0 = svg ? svg.viewBox.baseVal : null;
	var home = vb0 ? { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height } : null;
	var vb = home ? { x: home.x, y: home.y, w: home.w, h: home.h } : null;
	function apply() {
		svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h);
	}
	function toSvg(cx, cy) {
		var pt = svg.createSVGPoint();
		pt.x = cx; pt.y = cy;
		return pt.matrixTransform(svg.getScreenCTM().inverse());
	}
	function zoomAt(f, px, py) {
		var w = vb.w / f;
		if (w < home.w / 200 || w > home.w * 4) return;
		vb.x = px - (px - vb.x) / f;
		vb.y = py - (py - vb.y) / f;
		vb.w = w;
		vb.h = vb.h / f;
		apply();
	}
	function zoomCentre(f) { zoomAt(f, vb.x + vb.w / 2, vb.y + vb.h / 2); }
	function fit() { vb = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
	/* An element's box in the units of `ref`: the root (its viewBox) or
	 * the graph group, where the overlays live. */
	function boxIn(e, ref) {
		var b = e.getBBox();
		var m = ref.getScreenCTM().inverse().multiply(e.getScreenCTM());
		var p1 = svg.createSVGPoint(), p2 = svg.createSVGPoint();
		p1.x = b.x; p1.y = b.y; p2.x = b.x + b.width; p2.y = b.y + b.height;
		p1 = p1.matrixTransform(m); p2 = p2.matrixTransform(m);
		return { x: Math.min(p1.x, p2.x), y: Math.min(p1.y, p2.y),
			 w: Math.abs(p2.x - p1.x), h: Math.abs(p2.y - p1.y) };
	}
	function box(e) { return boxIn(e, svg); }
	function gbox(e) { return boxIn(e, graph); }
	/* Centre `e` in the part of the window the panels leave free, zoomed
	 * in until its card is a fifth of that part's width or wider; with
	 * `also` (more elements, such as an access path), zoomed out as far
	 * as it takes to show them all, centred on all of them. */
	function centreOn(e, also) {
		var b = box(e), u = { x: b.x, y: b.y, w: b.w, h: b.h };
		(also || []).forEach(function (a) {
			if (!a) return;
			var c = box(a);
			var x1 = Math.min(u.x, c.x), y1 = Math.min(u.y, c.y);
			u.w = Math.max(u.x + u.w, c.x + c.w) - x1;
			u.h = Math.max(u.y + u.h, c.y + c.h) - y1;
			u.x = x1;
			u.y = y1;
		});
		var r = svg.getBoundingClientRect();
		var left = el.side && !el.side.hidden ? el.side.getBoundingClientRect().right : r.left;
		var right = el.panel && !el.panel.hidden ? el.panel.getBoundingClientRect().left : r.right;
		var top = el.bar ? el.bar.getBoundingClientRect().bottom : r.top;
		if (right - left < 200) { left = r.left; right = r.right; }
		var k = svg.getScreenCTM().a; /* pixels per unit now */
		var freeW = (right - left) / k, freeH = (r.bottom - top) / k;
		var f = Math.max(1, freeW / (5 * Math.max(b.w, 1)));
		f = Math.min(f, freeW / (u.w * 1.15 + 1), freeH / (u.h * 1.15 + 1));
		if (vb.w / f < home.w / 200) f = vb.w / (home.w / 200);
		if (vb.w / f > home.w * 4) f = vb.w / (home.w * 4);
		/* the free part's centre, in client pixels, after zooming */
		var cx = (left + right) / 2, cy = (top + r.bottom) / 2;
		vb.w /= f;
		vb.h /= f;
		apply();
		var p = toSvg(cx, cy);
		vb.x += u.x + u.w / 2 - p.x;
		vb.y += u.y + u.h / 2 - p.y;
		apply();
	}


	function setupPanZoom() {
		var map = document.getElementById('map');
		var ptrs = Object.create(null), drag = null, moved = false, pinch = null;
		map.addEventListener('wheel', function (ev) {
			ev.preventDefault();
			var p = toSvg(ev.clientX, ev.clientY);
			zoomAt(Math.pow(1.0015, -ev.deltaY * (ev.deltaMode ? 30 : 1)), p.x, p.y);
		}, { passive: false });
		map.addEventListener('pointerdown', function (ev) {
			if (ev.button !== 0) return;
			ptrs[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
			var ids = Object.keys(ptrs);
			if (ids.length === 1) {
				drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y,
					 k: svg.getScreenCTM().a };
				moved = false;
			} else if (ids.length === 2) {
				var a = ptrs[ids[0]], b = ptrs[ids[1]];
				pinch = Math.hypot(a.x - b.x, a.y - b.y);
				drag = null;
			}
		});
		map.addEventListener('pointermove', function (ev) {
			if (!ptrs[ev.pointerId]) return;
			ptrs[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
			var ids = Object.keys(ptrs);
			if (ids.length === 2 && pinch) {
				var a = ptrs[ids[0]], b = ptrs[ids[1]];
				var d = Math.hypot(a.x - b.x, a.y - b.y);
				var c = toSvg((a.x + b.x) / 2, (a.y + b.y) / 2);
				if (d > 0) zoomAt(d / pinch, c.x, c.y);
				pinch = d;
				moved = true;
			} else if (drag) {
				var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
				if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
				if (!moved) map.setPointerCapture(ev.pointerId);
				moved = true;
				map.classList.add('rm-dragging');
				vb.x = drag.vx - dx / drag.k;
				vb.y = drag.vy - dy / drag.k;
				apply();
			}
		});
		function up(ev) {
			delete ptrs[ev.pointerId];
			if (Object.keys(ptrs).length < 2) pinch = null;
			if (!Object.keys(ptrs).length) drag = null;
			map.classList.remove('rm-dragging');
		}
		map.addEventListener('pointerup', up);
		map.addEventListener('pointercancel', up);
		/* A drag ends in a click on whatever is under the pointer: that
		 * click is not a choice. */
		map.addEventListener('click', function (ev) {
			if (moved) {
				ev.preventDefault();
				ev.stopPropagation();
				moved = false;
				return;
			}
			onMapClick(ev);
		}, true);
		document.addEventListener('keydown', function (ev) {
			var t = ev.target;
			if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT')) {
				if (ev.key === 'Escape') t.blur();
				return;
			}
			if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
			var step = vb.w / 10;
			switch (ev.key) {
			case '+': case '=': zoomCentre(1.25); break;
			case '-': case '_': zoomCentre(0.8); break;
			case '0': fit(); break;
			case 'ArrowLeft': vb.x -= step; apply(); break;
			case 'ArrowRight': vb.x += step; apply(); break;
			case 'ArrowUp': vb.y -= step; apply(); break;
			case 'ArrowDown': vb.y += step; apply(); break;
			case '/': el.search.focus(); break;
			case 'Escape': select(-1); break;
			default: return;
			}
			ev.preventDefault();
		});
	}

	/* ---- folded subtrees, opened in place ---- */
	var CARD_W = 230, CARD_H = 32, ROW = 36, INDENT = 14, ROWS = 24;
	var foldEls = [];
	function nodeOf(i) { return document.getElementById(P[i].node); }
	function foldNode(f) { return document.getElementById(data.folds[f].node); }
	function buildFold(f) {
		var inside = foldPersons[f];
		var inFold = Object.create(null);
		inside.forEach(function (i) { inFold[i] = true; });
		var order = [];
		function walk(i, depth) {
			order.push([i, depth]);
			reports[i].forEach(function (r) { if (inFold[r]) walk(r, depth + 1); });
		}
		inside.forEach(function (i) {
			if (!(P[i].manager >= 0 && inFold[P[i].manager])) walk(i, 0);
		});
		var g = s('g', { id: 'open-' + data.folds[f].node }, 'rm-fold');
		g.appendChild(s('rect', { rx: 6 }, 'rm-fold-bg'));
		var head = s('text', { x: 10, y: 18 }, 'rm-fold-head');
		var mgr = data.folds[f].manager;
		head.textContent = inside.length + (inside.length === 1 ? ' person' : ' persons') +
			(mgr >= 0 ? ' under ' + clip(personName(mgr), 40) : ' at the top') +
			' \u2014 click the summary to fold';
		g.appendChild(head);
		var cols = Math.max(1, Math.ceil(order.length / ROWS)), maxDepth = 0;
		order.forEach(function (od) { maxDepth = Math.max(maxDepth, od[1]); });
		var colW = CARD_W + Math.min(maxDepth, 8) * INDENT + 16;
		/* Every person has a node from the start (its id, as on the
		 * map, and its name as the title); what a card draws is made
		 * when the fold first opens, which keeps a big account's first
		 * view quick. */
		order.forEach(function (od, k) {
			var i = od[0], d = Math.min(od[1], 8);
			var col = Math.floor(k / ROWS), row = k % ROWS;
			var x = 10 + col * colW + d * INDENT, y = 28 + row * ROW;
			var c = s('g', { id: P[i].node, transform: 'translate(' + x + ',' + y + ')',
					 'data-person': i }, 'node person rm-card');
			var t = s('title');
			t.textContent = personName(i) + (P[i].title ? ', ' + P[i].title : '') +
				(P[i].department ? ' (' + P[i].department + ')' : '');
			c.appendChild(t);
			g.appendChild(c);
		});
		var rows = Math.min(order.length, ROWS);
		g.firstChild.setAttribute('width', 20 + cols * colW - 16);
		g.firstChild.setAttribute('height', 36 + rows * ROW);
		g.setAttribute('display', 'none');
		graph.appendChild(g);
		foldEls[f] = g;
	}
	function drawCards(f) {
		Array.prototype.forEach.call(foldEls[f].querySelectorAll('g.rm-card'), function (c) {
			if (c.childNodes.length > 1) return;
			var i = Number(c.getAttribute('data-person'));
			c.appendChild(s('rect', { width: CARD_W, height: CARD_H, rx: 4 }, 'rm-card-bg'));
			var n = s('text', { x: 8, y: 13 }, 'rm-card-name');
			n.textContent = clip(personName(i), 34);
			c.appendChild(n);
			var tt = s('text', { x: 8, y: 26 }, 'rm-card-title');
			tt.textContent = clip([P[i].title, P[i].department].filter(Boolean).join(' \u00b7 '), 44);
			c.appendChild(tt);
			hooks.card.forEach(function (fn) { fn(c, i); });
		});
	}
	function placeFold(f) {
		var n = foldNode(f), g = foldEls[f];
		if (!n || !g) return;
		var b = gbox(n);
		g.setAttribute('transform', 'translate(' + b.x + ',' + (b.y + b.h + 6) + ')');
	}
	function openFold(f, on) {
		if (!foldEls[f]) return;
		if (on === undefined) on = !state.open[f];
		if (on) {
			state.open[f] = true;
			drawCards(f);
			placeFold(f);
			foldEls[f].removeAttribute('display');
			graph.appendChild(foldEls[f]); /* on top of the others */
			graph.appendChild(overlay);
		} else {
			delete state.open[f];
			foldEls[f].setAttribute('display', 'none');
		}
		var n = foldNode(f);
		if (n) n.classList.toggle('rm-opened', !!on);
		drawMarks();
	}

	/* ---- marks: halos over matches, the selection and a path ---- */
	var overlay = null;
	var marks = { hits: [], sel: -1, path: [] };
	function elemOfPerson(i) {
		if (P[i].shown === 'folded' && !state.open[P[i].fold])
			return foldNode(P[i].fold);
		return P[i].shown === 'hidden' ? null : nodeOf(i);
	}
	function halo(e, cls) {
		if (!e) return;
		var b = gbox(e);
		overlay.appendChild(s('rect', { x: b.x - 5, y: b.y - 5, width: b.w + 10,
						height: b.h + 10, rx: 8 }, cls));
	}
	function drawMarks() {
		if (!overlay) return;
		while (overlay.firstChild) overlay.removeChild(overlay.firstChild);
		var pts = [];
		marks.path.forEach(function (e) {
			if (!e) return;
			var b = gbox(e);
			pts.push((b.x + b.w / 2) + ',' + (b.y + b.h / 2));
		});
		if (pts.length > 1)
			overlay.appendChild(s('polyline', { points: pts.join(' ') }, 'rm-path-line'));
		marks.path.forEach(function (e) { halo(e, 'rm-halo-path'); });
		marks.hits.forEach(function (i) { halo(elemOfPerson(i), 'rm-halo-hit'); });
		if (marks.sel >= 0) halo(elemOfPerson(marks.sel), 'rm-halo-sel');
	}

	/* ---- which persons pass: search and filters ---- */
	function passes(i) {
		for (var k = 0; k < hooks.filters.length; k++)
			if (!hooks.filters[k](i)) return false;
		var d = el.dept ? el.dept.value : '';
		return !d || P[i].department === d;
	}
	var filtering = false;
	function refresh() {
		var q = norm(state.q.trim());
		filtering = hooks.filters.length && hooks.active ? hooks.active() : false;
		if (el.dept && el.dept.value) filtering = true;
		var hits = [];
		var foldHit = data.folds.map(function () { return false; });
		var foldPass = data.folds.map(function () { return false; });
		P.forEach(function (p, i) {
			var pass = !filtering || passes(i);
			var hit = !!q && pass && (norm(p.name).indexOf(q) >= 0 ||
				norm(p.title).indexOf(q) >= 0 || norm(p.department).indexOf(q) >= 0);
			if (hit) hits.push(i);
			if (p.shown === 'folded') {
				if (hit) foldHit[p.fold] = true;
				if (pass) foldPass[p.fold] = true;
			}
			var e = p.shown === 'hidden' ? null : nodeOf(i);
			if (e) {
				e.classList.toggle('rm-hit', hit);
				e.classList.toggle('rm-out', (filtering && !pass) || (!!q && !hit));
			}
		});
		data.folds.forEach(function (f, k) {
			var e = foldNode(k);
			if (!e) return;
			e.classList.toggle('rm-hit', foldHit[k]);
			e.classList.toggle('rm-out', (filtering && !foldPass[k]) || (!!q && !foldHit[k]));
		});
		/* A few matches folded away: open their folds so they show. */
		if (q && hits.length <= 20)
			hits.forEach(function (i) {
				if (P[i].shown === 'folded' && !state.open[P[i].fold]) openFold(P[i].fold, true);
			});
		document.body.classList.toggle('rm-searching', !!q);
		document.body.classList.toggle('rm-filtering', !!filtering);
		state.hits = hits;
		state.hitAt = -1;
		marks.hits = q ? hits.slice(0, 300) : [];
		el.count.textContent = q ? hits.length + (hits.length === 1 ? ' match' : ' matches') : '';
		drawMarks();
	}

	/* ---- the person panel ---- */
	function personButton(i) {
		var b = h('button', 'rm-link', personName(i));
		b.type = 'button';
		b.addEventListener('click', function () { select(i, true); });
		return b;
	}
	function row(dl, label, value) {
		if (value === undefined || value === null || value === '') return;
		dl.appendChild(h('dt', null, label));
		var dd = h('dd');
		if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
		dl.appendChild(dd);
	}
	function section(title) {
		var sec = h('section', 'rm-sec');
		sec.appendChild(h('h3', null, title));
		el.body.appendChild(sec);
		return sec;
	}
	function fillPanel(i) {
		var p = P[i];
		el.body.textContent = '';
		el.name.textContent = personName(i);
		el.sub.textContent = [p.title, p.department].filter(Boolean).join(' \u00b7 ');
		var dl = h('dl', 'rm-facts');
		el.body.appendChild(dl);
		row(dl, 'Id', p.id);
		if (p.manager >= 0) row(dl, 'Reports to', personButton(p.manager));
		if (p.url) {
			var a = h('a', null, p.url);
			a.href = p.url;
			a.rel = 'noopener noreferrer';
			a.target = '_blank';
			row(dl, 'Link', a);
		}
		if (p.shown === 'folded') row(dl, 'On the map', 'folded under ' +
			(data.folds[p.fold].manager >= 0 ? personName(data.folds[p.fold].manager) : 'the top'));
		if (p.shown === 'hidden') row(dl, 'On the map', 'not in this view');
		hooks.panel.forEach(function (fn) { fn(i, section, row); });
		var dots = [];
		data.dotted_lines.forEach(function (d) {
			if (d.from === i) dots.push(d.to);
			if (d.to === i) dots.push(d.from);
		});
		if (dots.length) {
			var sd = section('Dotted lines');
			dots.forEach(function (j) { sd.appendChild(personButton(j)); });
		}
		var r = reports[i];
		if (r.length) {
			var sr = section('Reports (' + r.length + ')');
			r.slice(0, 30).forEach(function (j) { sr.appendChild(personButton(j)); });
			if (r.length > 30) sr.appendChild(h('p', 'rm-note', 'and ' + (r.length - 30) + ' more'));
		}
	}
	function select(i, centre) {
		if (state.sel >= 0) {
			var old = elemOfPerson(state.sel);
			if (old) old.classList.remove('rm-selected');
		}
		state.sel = i;
		marks.path = [];
		if (i < 0) {
			el.panel.hidden = true;
			marks.sel = -1;
			hooks.select.forEach(function (fn) { fn(-1); });
			drawMarks();
			setHash();
			return;
		}
		if (P[i].shown === 'folded') openFold(P[i].fold, true);
		fillPanel(i);
		el.panel.hidden = false;
		marks.sel = i;
		var e = elemOfPerson(i);
		if (e) e.classList.add('rm-selected');
		hooks.select.forEach(function (fn) { fn(i); });
		drawMarks();
		if (centre && e) centreOn(e, marks.path);
		setHash();
	}
	function onMapClick(ev) {
		var t = ev.target;
		var card = t.closest ? t.closest('g.rm-card, g.node') : null;
		if (!card) return;
		var id = card.getAttribute('id') || '';
		var pi = card.hasAttribute('data-person') ? Number(card.getAttribute('data-person')) : -1;
		if (pi < 0 && card.classList.contains('person')) {
			for (var k = 0; k < P.length && pi < 0; k++) if (P[k].node === id) pi = k;
		}
		if (pi >= 0) {
			ev.preventDefault(); /* the link is in the panel */
			select(pi, false);
			return;
		}
		for (var f = 0; f < data.folds.length; f++) {
			if (data.folds[f].node === id) {
				ev.preventDefault();
				openFold(f);
				return;
			}
		}
	}

	/* ---- the URL fragment: person=ID, q=TEXT, filter=... ---- */
	var hashLock = false;
	function params() {
		var out = Object.create(null);
		location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
			var k = kv.indexOf('=');
			if (k < 0) return;
			try {
				out[decodeURIComponent(kv.slice(0, k))] =
					decodeURIComponent(kv.slice(k + 1).replace(/\+/g, ' '));
			} catch (e) { /* not percent-encoded text: ignored */ }
		});
		return out;
	}
	function setHash() {
		if (hashLock) return;
		var parts = [];
		if (state.sel >= 0) parts.push('person=' + encodeURIComponent(P[state.sel].id));
		if (state.q) parts.push('q=' + encodeURIComponent(state.q));
		if (hooks.filterParam) {
			var f = hooks.filterParam();
			if (f) parts.push('filter=' + encodeURIComponent(f));
		}
		var hash = parts.length ? '#' + parts.join('&') : '';
		if (hash !== location.hash && history.replaceState)
			history.replaceState(null, '', hash || location.pathname + location.search);
	}
	function fromHash() {
		var p = params();
		hashLock = true;
		if (hooks.setFilter) hooks.setFilter(p.filter || '');
		var q = typeof p.q === 'string' ? p.q.slice(0, 200) : '';
		el.search.value = q;
		state.q = q;
		refresh();
		var i = typeof p.person === 'string' && p.person in byId ? byId[p.person] : -1;
		select(i, true);
		/* A link to one match shows it. */
		if (i < 0 && state.hits.length === 1) {
			var e = elemOfPerson(state.hits[0]);
			if (e) centreOn(e);
		}
		hashLock = false;
	}

	/* ---- the tool bar ---- */
	function button(text, title, fn) {
		var b = h('button', 'rm-btn', text);
		b.type = 'button';
		b.title = title;
		b.addEventListener('click', fn);
		return b;
	}
	function selectBox(label, values, onchange) {
		var sel = h('select', 'rm-select');
		sel.setAttribute('aria-label', label);
		var all = h('option', null, label + ': all');
		all.value = '';
		sel.appendChild(all);
		values.forEach(function (v) {
			var o = h('option', null, v[1]);
			o.value = v[0];
			sel.appendChild(o);
		});
		sel.addEventListener('change', onchange);
		return sel;
	}
	function layer(label, cls) {
		var l = h('label', 'rm-layer');
		var c = h('input');
		c.type = 'checkbox';
		c.checked = true;
		c.addEventListener('change', function () {
			document.body.classList.toggle(cls, !c.checked);
		});
		l.appendChild(c);
		l.appendChild(document.createTextNode(' ' + label));
		el.layers.appendChild(l);
		return c;
	}
	function buildBar() {
		var bar = h('div', 'rm-bar');
		bar.setAttribute('aria-label', 'Map tools');
		var title = h('strong', 'rm-account', data.account.name || data.account.id);
		bar.appendChild(title);
		var search = h('input', 'rm-search');
		search.type = 'search';
		search.placeholder = 'Search (name, title, dept.)';
		search.setAttribute('aria-label', 'Search');
		search.addEventListener('input', function () {
			state.q = search.value;
			refresh();
			setHash();
		});
		search.addEventListener('keydown', function (ev) {
			if (ev.key !== 'Enter' || !state.hits.length) return;
			state.hitAt = (state.hitAt + 1) % state.hits.length;
			var i = state.hits[state.hitAt];
			if (P[i].shown === 'folded') openFold(P[i].fold, true);
			var e = elemOfPerson(i);
			if (e) centreOn(e);
		});
		el.search = search;
		bar.appendChild(search);
		el.count = h('span', 'rm-count');
		bar.appendChild(el.count);
		var depts = Object.create(null);
		P.forEach(function (p) { if (p.department) depts[p.department] = true; });
		var dl = Object.keys(depts).sort();
		if (dl.length > 1) {
			el.dept = selectBox('Department', dl.map(function (d) { return [d, d]; }),
				function () { refresh(); });
			bar.appendChild(el.dept);
		}
		el.filters = h('span', 'rm-filters');
		bar.appendChild(el.filters);
		/* The layers in a drop-down, so the bar stays one line. */
		var lay = h('details', 'rm-layers-menu');
		lay.appendChild(h('summary', 'rm-btn', 'Layers'));
		el.layers = h('div', 'rm-layers');
		lay.appendChild(el.layers);
		bar.appendChild(lay);
		bar.appendChild(button('\u2212', 'Zoom out (-)', function () { zoomCentre(0.8); }));
		bar.appendChild(button('+', 'Zoom in (+)', function () { zoomCentre(1.25); }));
		bar.appendChild(button('Fit', 'Fit to window (0)', fit));
		el.bar = bar;
		document.body.appendChild(bar);

		var panel = h('aside', 'rm-panel');
		panel.hidden = true;
		panel.setAttribute('aria-live', 'polite');
		var close = button('\u00d7', 'Close (Esc)', function () { select(-1); });
		close.classList.add('rm-close');
		panel.appendChild(close);
		el.name = h('h2', 'rm-name');
		el.sub = h('p', 'rm-sub');
		el.body = h('div', 'rm-body');
		panel.appendChild(el.name);
		panel.appendChild(el.sub);
		panel.appendChild(el.body);
		el.panel = panel;
		document.body.appendChild(panel);
	}
	/* Panels start under the tool bar, however many lines it takes. */
	function layoutPanels() {
		var bottom = el.bar.getBoundingClientRect().bottom;
		var map = document.getElementById('map');
		/* The style sheet leaves room for a one-line bar; only a bar
		 * that wrapped moves the map (and lays it out again). */
		if (map.getBoundingClientRect().top < bottom)
			map.style.top = bottom + 4 + 'px';
		var top = bottom + 8 + 'px';
		el.panel.style.top = top;
		if (el.side) el.side.style.top = top;
	}

	function start() {
		if (!svg || !graph) return;
		buildBar();
		layer('dotted lines', 'rm-no-dotted');
		hooks.ready.forEach(function (fn) { fn(); });
		data.folds.forEach(function (f, k) { buildFold(k); });
		overlay = s('g', {}, 'rm-overlay');
		graph.appendChild(overlay);
		setupPanZoom();
		layoutPanels();
		window.addEventListener('resize', layoutPanels);
		fromHash();
		window.addEventListener('hashchange', fromHash);
		/* When the first view has been drawn (the task after the first
		 * frame), in ms since navigation started: the test suite reads
		 * it. */
		requestAnimationFrame(function () {
			setTimeout(function () {
				document.documentElement.setAttribute('data-ready',
					String(Math.round(performance.now())));
			}, 0);
		});
	}

	return {
		data: data, persons: P, hooks: hooks, el: el, h: h, s: s, byId: byId,
		select: select, refresh: refresh, setHash: setHash, layer: layer,
		selectBox: selectBox, button: button, personName: personName,
		personButton: personButton, nodeOf: nodeOf, elemOfPerson: elemOfPerson,
		marks: marks, drawMarks: drawMarks, centreOn: centreOn, start: start,
		openFold: openFold
	};
})();
