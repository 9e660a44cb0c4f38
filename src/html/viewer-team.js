/* relmap's map viewer, the planning view (docs/html.md): role, attitude,
 * coverage and gap filters, the coverage, influence and conflict layers,
 * the person panel's coverage, touchpoints, gaps and access path, and
 * the gap list in check's order and words.  Text goes in through
 * textContent only. */
(function () {
	var d = RM.data, P = RM.persons, h = RM.h, M = d.members || [];
	var gapsOf = P.map(function () { return []; });
	var memberById = Object.create(null);
	M.forEach(function (m, k) { memberById[m.id] = k; });
	(d.gaps || []).forEach(function (g, k) { if (g.person >= 0) gapsOf[g.person].push(k); });
	var f = {};

	function values(key) {
		var seen = Object.create(null), out = [];
		P.forEach(function (p) {
			if (p[key] && !seen[p[key]]) { seen[p[key]] = true; out.push(p[key]); }
		});
		return out.sort().map(function (v) { return [v, v]; });
	}
	function gapKinds() {
		var seen = Object.create(null), out = [['any', 'any gap']];
		(d.gaps || []).forEach(function (g) {
			if (g.person >= 0 && !seen[g.kind]) { seen[g.kind] = true; out.push([g.kind, g.kind]); }
		});
		return out;
	}
	function hasGap(i, kind) {
		return gapsOf[i].some(function (k) { return kind === 'any' || d.gaps[k].kind === kind; });
	}

	/* The name of a node on an access path: a member or a person id. */
	function nodeName(id) {
		if (id in memberById) return M[memberById[id]].name || id;
		if (id in RM.byId) return RM.personName(RM.byId[id]);
		return id;
	}
	function pathElems(via) {
		return via.map(function (id) {
			if (id in memberById) return document.getElementById(M[memberById[id]].node);
			return id in RM.byId ? RM.elemOfPerson(RM.byId[id]) : null;
		});
	}
	function num(x, n) { return typeof x === 'number' ? x.toFixed(n) : ''; }

	RM.hooks.active = function () {
		return !!(f.role.value || f.attitude.value || f.covered.value || f.gap.value);
	};
	RM.hooks.filters.push(function (i) {
		var p = P[i];
		if (f.role.value && p.role !== f.role.value) return false;
		if (f.attitude.value && p.attitude !== f.attitude.value) return false;
		if (f.covered.value === 'covered' && !p.covered) return false;
		if (f.covered.value === 'uncovered' && p.covered) return false;
		if (f.gap.value && !hasGap(i, f.gap.value)) return false;
		return true;
	});
	RM.hooks.filterParam = function () {
		return f.gap.value === 'any' ? 'gap' : f.gap.value ? 'gap:' + f.gap.value : '';
	};
	RM.hooks.setFilter = function (v) {
		var want = v === 'gap' ? 'any' : v.indexOf('gap:') === 0 ? v.slice(4) : '';
		var ok = Array.prototype.some.call(f.gap.options, function (o) { return o.value === want; });
		f.gap.value = ok ? want : '';
		document.body.setAttribute('data-filter', f.gap.value ? v : '');
	};

	RM.hooks.ready.push(function () {
		var onchange = function () {
			document.body.setAttribute('data-filter', RM.hooks.filterParam());
			RM.refresh();
			RM.setHash();
		};
		f.role = RM.selectBox('Role', values('role'), onchange);
		f.attitude = RM.selectBox('Attitude', values('attitude'), onchange);
		f.covered = RM.selectBox('Coverage', [['covered', 'covered'], ['uncovered', 'uncovered']], onchange);
		f.gap = RM.selectBox('Gaps', gapKinds(), onchange);
		[f.role, f.attitude, f.covered, f.gap].forEach(function (s) { RM.el.filters.appendChild(s); });
		RM.layer('coverage', 'rm-no-coverage');
		RM.layer('influence', 'rm-no-influence');
		RM.layer('conflicts', 'rm-no-conflicts');
		markChips();
		buildGapList();
	});

	/* The coverage chips inside each person's card: bold text at the chip
	 * size reading a member's initials (or "+N"), and the boxes drawn
	 * just before it.  Marked so the coverage layer can hide them. */
	function markChips() {
		var initials = Object.create(null), size = null;
		M.forEach(function (m) {
			if (m.initials) initials[m.initials] = true;
			var n = document.getElementById(m.node);
			var t = n && n.querySelector('text[font-weight="bold"]');
			if (t && size === null) size = t.getAttribute('font-size');
		});
		if (size === null) return;
		document.querySelectorAll('g.node.person').forEach(function (n) {
			n.querySelectorAll('text[font-weight="bold"]').forEach(function (t) {
				var s = t.textContent;
				if (t.getAttribute('font-size') !== size || !(initials[s] || /^\+\d+$/.test(s))) return;
				t.classList.add('rm-chip');
				for (var e = t.previousElementSibling; e && e.tagName === 'polygon'; e = e.previousElementSibling)
					e.classList.add('rm-chip');
			});
		});
	}

	RM.hooks.card.push(function (c, i) {
		var p = P[i];
		c.classList.add('attitude-' + p.attitude, p.covered ? 'covered' : 'uncovered');
		if (gapsOf[i].length) c.classList.add('gap');
		var band = RM.s('rect', { x: 0, y: 0, width: 5, height: 32, rx: 2 }, 'rm-card-band band-' + p.band);
		c.insertBefore(band, c.querySelector('text'));
	});

	function buildGapList() {
		var G = d.gaps || [];
		var box = h('aside', 'rm-gaps');
		box.hidden = true;
		var head = h('h2', null, 'Gaps (' + G.length + ')');
		box.appendChild(head);
		var list = h('ol', 'rm-gap-list');
		G.forEach(function (g) {
			var li = h('li', 'rm-gap rm-' + g.severity);
			if (g.person >= 0) {
				var b = h('button', 'rm-link', g.text);
				b.type = 'button';
				b.addEventListener('click', function () { RM.select(g.person, true); });
				li.appendChild(b);
			} else {
				li.textContent = g.text;
			}
			list.appendChild(li);
		});
		if (!G.length) box.appendChild(h('p', 'rm-note', 'No gaps.'));
		box.appendChild(list);
		document.body.appendChild(box);
		RM.el.side = box;
		var t = RM.button('Gaps (' + G.length + ')', 'The gaps, as check lists them', function () {
			box.hidden = !box.hidden;
			t.classList.toggle('rm-on', !box.hidden);
		});
		t.classList.add('rm-gaps-toggle');
		if (d.account.errors) t.classList.add('rm-has-errors');
		RM.el.bar.insertBefore(t, RM.el.search);
	}

	RM.hooks.panel.push(function (i, section, row) {
		var p = P[i];
		var facts = section('Planning');
		var dl = h('dl', 'rm-facts');
		facts.appendChild(dl);
		row(dl, 'Role', p.role);
		row(dl, 'Attitude', p.attitude);
		row(dl, 'Influence', num(p.influence, 2));
		row(dl, 'Key person', p.key ? 'yes' : 'no');
		row(dl, 'Coverage', num(p.coverage, 2) + ' (' + (p.covered ? 'covered' : 'not covered') + ', ' + p.band + ')');
		row(dl, 'Latest touchpoint', p.latest || 'none');

		var cov = section('Covered by');
		cov.classList.add('rm-coverage');
		if (!p.by.length) cov.appendChild(h('p', 'rm-note', 'nobody on our team'));
		p.by.slice().sort(function (a, b) { return b.strength - a.strength || a.member - b.member; })
			.forEach(function (c) {
				var m = M[c.member];
				var line = h('p', 'rm-by band-' + c.band);
				line.appendChild(h('span', 'rm-chipname', m.initials));
				line.appendChild(document.createTextNode(' ' + (m.name || m.id) + ' ' + num(c.strength, 2) + ' (' + c.band + ')'));
				cov.appendChild(line);
			});

		if (p.touchpoints.length) {
			var tp = section('Latest touchpoints (' + p.n_touchpoints + ')');
			var ul = h('ul', 'rm-touch');
			p.touchpoints.forEach(function (t) {
				var m = M[t.member];
				ul.appendChild(h('li', null, t.date + ' \u00b7 ' + t.channel + ' \u00b7 ' +
					(m ? m.name || m.id : '') + ' \u00b7 ' + t.sentiment));
			});
			tp.appendChild(ul);
		}

		if (gapsOf[i].length) {
			var gs = section('Gaps');
			gs.classList.add('rm-person-gaps');
			gapsOf[i].forEach(function (k) {
				gs.appendChild(h('p', 'rm-gap rm-' + d.gaps[k].severity, d.gaps[k].text));
			});
		}
		/* The access path of the first gap that has one: who on our team
		 * reaches this person, through whom. */
		var withPath = gapsOf[i].map(function (k) { return d.gaps[k]; })
			.filter(function (g) { return 'via' in g; });
		if (withPath.length) {
			var g = withPath[0], ap = section('Access path');
			ap.classList.add('rm-access');
			if (!g.via) {
				ap.appendChild(h('p', 'rm-note', 'no access path: nobody on our team reaches this person'));
			} else {
				var ol = h('ol', 'rm-path');
				g.via.forEach(function (id) {
					var li = h('li');
					li.setAttribute('data-id', id);
					/* names to click, ids as check prints them */
					if (id in RM.byId) {
						li.appendChild(RM.personButton(RM.byId[id]));
						li.appendChild(document.createTextNode(' (' + id + ')'));
					} else {
						li.textContent = nodeName(id) + ' (' + id + ', our team)';
					}
					ol.appendChild(li);
				});
				ap.appendChild(ol);
				ap.appendChild(h('p', 'rm-note', 'strength ' + num(g.strength, 3)));
			}
		}
	});

	RM.hooks.select.push(function (i) {
		document.querySelectorAll('.rm-on-path').forEach(function (e) { e.classList.remove('rm-on-path'); });
		if (i < 0) return;
		var g = gapsOf[i].map(function (k) { return d.gaps[k]; })
			.filter(function (x) { return x.via; })[0];
		if (!g) return;
		var els = pathElems(g.via);
		els.forEach(function (e) { if (e) e.classList.add('rm-on-path'); });
		RM.marks.path = els;
	});
})();
