/* cmd_render.c - relmap render: draw one account's map. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap render INPUT [OPTIONS]\n"
	"       relmap render --db DB --account ID [OPTIONS]\n"
	"       relmap render INPUT|--db DB --all --out-dir DIR [-j N] [--shard K/N]\n"
	"Draw the relationship map of one account in INPUT (an XML or CSV file,\n"
	"'-' for standard input), or of every account with --all.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE        write to FILE ('-' or none: standard output)\n"
	"  -T, --format FORMAT      svg, png, pdf, dot (the styled graph), json (the\n"
	"                           analysis) or html (one self-contained page to\n"
	"                           pan, zoom, search and click through, offline;\n"
	"                           docs/html.md); default: from FILE's extension\n"
	"                           (.svg, .png, .pdf, .dot, .gv, .json, .html,\n"
	"                           .htm), else svg\n"
	"      --account ID         the account to draw (needed when INPUT has several)\n"
	"      --engine ENGINE      org (default): a compact org chart, reports who\n"
	"                           manage nobody stacked under their manager and\n"
	"                           subtrees wrapped into rows for the page; or a\n"
	"                           Graphviz layout: dot (hierarchical), neato, fdp,\n"
	"                           sfdp, circo, twopi\n"
	"      --coverage HOW       cards (default): each person's card shows who on\n"
	"                           our team covers them, as the member's initials on\n"
	"                           a chip coloured by strength; lines: lines from\n"
	"                           the team to every person covered\n"
	"      --style NAME|PATH    style sheet: default, print (greyscale-safe), dark,\n"
	"                           colorblind, or a file (see docs/style.md)\n"
	"      --no-clusters        do not group persons by department\n"
	"      --no-legend          leave out the legend\n"
	"      --no-title           leave out the title block\n"
	"      --layout-timeout S   give up a layout after S seconds and draw again\n"
	"                           without department clusters (default 10; 0: no bound)\n"
	"      --page PAGE          fit the whole map, title block and legend onto a\n"
	"                           page of exactly this size, centred: 16:9 (13.33 x\n"
	"                           7.5 in), 4:3, 16:10, a4, a3, letter (landscape;\n"
	"                           a4-portrait, ... upright) or WxH with a unit (in,\n"
	"                           cm, mm, pt, px = 1/96 in), e.g. 1920x1080px; the\n"
	"                           org chart is laid out for the page and folds\n"
	"                           level by level (with a warning) until person\n"
	"                           text is at least --min-text on the page\n"
	"      --min-text PT        legible size of person text on a page (default 7;\n"
	"                           0: never fold for the page)\n"
	"      --deck               draw the account as pages (--page, else 16:9), each\n"
	"                           with person text of 8 pt or more: an overview of\n"
	"                           the top, key persons and gaps, then a page per\n"
	"                           folded part, split until legible; summaries name\n"
	"                           their page.  With --out-dir DIR, a file a page\n"
	"                           (ACCOUNT-01.svg, ...; -T svg, png or pdf); with\n"
	"                           -o FILE.pdf, one PDF of all pages; with -o\n"
	"                           FILE.pptx, a PowerPoint deck (a slide a page,\n"
	"                           the persons in its notes and alt text)\n"
	"      --margin LENGTH      the page's margin on every side (default 0.25in)\n"
	"      --dpi N              PNG pixels per inch (default 192, sharp on a\n"
	"                           slide; 96 is half as many pixels each way)\n"
	"      --transparent        no background colour (PNG gets an alpha channel)\n"
	"      --audience WHO       team (default: everything) or customer: the org\n"
	"                           chart alone (names, titles, departments, reporting\n"
	"                           and dotted lines) with no attitude, influence,\n"
	"                           role, sentiment, coverage, gap, team member or\n"
	"                           legend anywhere in the file, safe to show the\n"
	"                           customer; not with -T json\n"
	"      --diff OLD           mark the changes since snapshot OLD (a file, read\n"
	"                           with the input options; analysed as of --as-of,\n"
	"                           else its own date): added persons get a NEW\n"
	"                           badge, changed ones a line per change, removed\n"
	"                           ones are drawn faded under their old manager;\n"
	"                           a legend block explains the marks (docs/diff.md)\n"
	"      --text-as-paths      SVG only: draw text as glyph outlines (no <text>),\n"
	"                           for slide tools that lack the font; the SVG then\n"
	"                           has no node ids, classes, tooltips or links\n"
	"      --profile            print the time of each phase to stderr: load,\n"
	"                           analysis, view, graphviz start (waited for),\n"
	"                           graph, measure, layout, drawing, post-processing,\n"
	"                           write (not with --all)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Big accounts (see docs/big-accounts.md):\n"
	"      --focus ID           draw only the persons and team members within\n"
	"                           --hops edges of person or team member ID, over\n"
	"                           every kind of edge (reports-to, dotted-line,\n"
	"                           influence, coverage); ID gets a double border\n"
	"      --hops N             how far --focus reaches (default 2)\n"
	"      --collapse           fold every part of the reporting tree holding no\n"
	"                           key person and no gap into one summary node per\n"
	"                           manager (\"+37 in Engineering\"); lines to folded\n"
	"                           persons are left out and coverage is written on\n"
	"                           the persons instead of drawn\n"
	"      --collapse-above N   by default, collapse when more than N persons\n"
	"                           would be drawn (default 500), with a warning\n"
	"      --full               never collapse: draw every person (slow and wide\n"
	"                           for thousands of persons)\n"
	"\n"
	"Every account (--all):\n"
	"      --all                draw every account into --out-dir, one file per\n"
	"                           account (format from -T, default svg)\n"
	"      --out-dir DIR        the directory, created when missing; files are\n"
	"                           named after the account ids: characters other\n"
	"                           than A-Z a-z 0-9 . _ - and a leading '.' become\n"
	"                           '_'; ids that would share a name (ignoring case)\n"
	"                           or are over 200 bytes get '-' and 8 hex digits of\n"
	"                           their hash; then '.' and the format\n"
	"  -j, --jobs N             draw in N worker processes (default: the number\n"
	"                           of online cores); files do not depend on N\n"
	"      --shard K/N          only the accounts of shard K of N (1 <= K <= N):\n"
	"                           shard = FNV-1a-64(id) mod N + 1, stable across\n"
	"                           runs and machines, for CI matrices and array jobs\n"
	"  A progress bar goes to stderr when it is a terminal.  A failed account\n"
	"  does not stop the others: each gets one 'ID: error: ...' line, then\n"
	"  'rendered N of M accounts into DIR' follows.  Exit 0 when all were\n"
	"  drawn, else the exit code of the first failed account in input order.\n"
	"\n" CLI_INPUT_HELP "\n" CLI_ANALYSIS_HELP;

enum {
	OPT_ACCOUNT = 1,
	OPT_ENGINE,
	OPT_STYLE,
	OPT_NO_CLUSTERS,
	OPT_NO_LEGEND,
	OPT_NO_TITLE,
	OPT_LAYOUT_TIMEOUT,
	OPT_ALL,
	OPT_OUT_DIR,
	OPT_SHARD,
	OPT_PAGE,
	OPT_MARGIN,
	OPT_DPI,
	OPT_TRANSPARENT,
	OPT_AUDIENCE,
	OPT_DIFF,
	OPT_TEXT_AS_PATHS,
	OPT_FOCUS,
	OPT_HOPS,
	OPT_COLLAPSE,
	OPT_COLLAPSE_ABOVE,
	OPT_FULL,
	OPT_COVERAGE,
	OPT_MIN_TEXT,
	OPT_DECK,
	OPT_PROFILE
};

/* -T, else the output's extension, else svg. */
static int pick_format(relmap_format *fmt, const char *tflag, const char *out)
{
	if (tflag) {
		if (relmap_format_parse(fmt, tflag) != 0)
			return cli_usage_error("render",
				"unknown format '%s' (svg, png, pdf, dot, json, html)",
				tflag);
		return 0;
	}
	*fmt = RELMAP_FORMAT_SVG;
	if (!out || strcmp(out, "-") == 0)
		return 0;
	/* A name without an extension (/dev/null, a pipe) gets svg; an
	 * extension relmap does not know is a mistake worth stopping for. */
	const char *slash = strrchr(out, '/');
	const char *base = slash ? slash + 1 : out;
	if (base[0] && strchr(base + 1, '.') &&
	    relmap_format_from_path(fmt, out) != 0)
		return cli_usage_error("render",
			"cannot tell the format from '%s'; use -T svg|png|pdf|dot|json|html",
			out);
	return 0;
}

int cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'T' },
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "style", required_argument, NULL, OPT_STYLE },
		{ "no-clusters", no_argument, NULL, OPT_NO_CLUSTERS },
		{ "no-legend", no_argument, NULL, OPT_NO_LEGEND },
		{ "no-title", no_argument, NULL, OPT_NO_TITLE },
		{ "layout-timeout", required_argument, NULL, OPT_LAYOUT_TIMEOUT },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
		{ "jobs", required_argument, NULL, 'j' },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "page", required_argument, NULL, OPT_PAGE },
		{ "margin", required_argument, NULL, OPT_MARGIN },
		{ "dpi", required_argument, NULL, OPT_DPI },
		{ "transparent", no_argument, NULL, OPT_TRANSPARENT },
		{ "audience", required_argument, NULL, OPT_AUDIENCE },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "text-as-paths", no_argument, NULL, OPT_TEXT_AS_PATHS },
		{ "focus", required_argument, NULL, OPT_FOCUS },
		{ "hops", required_argument, NULL, OPT_HOPS },
		{ "collapse", no_argument, NULL, OPT_COLLAPSE },
		{ "collapse-above", required_argument, NULL, OPT_COLLAPSE_ABOVE },
		{ "full", no_argument, NULL, OPT_FULL },
		{ "coverage", required_argument, NULL, OPT_COVERAGE },
		{ "min-text", required_argument, NULL, OPT_MIN_TEXT },
		{ "deck", no_argument, NULL, OPT_DECK },
		{ "profile", no_argument, NULL, OPT_PROFILE },
		{ "help", no_argument, NULL, 'h' },
		CLI_ANALYSIS_LONG_OPTIONS,
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *output = NULL, *tflag = NULL, *account = NULL;
	const char *style_name = "default", *diff_old = NULL;
	cli_render_diff_state diff = { NULL, NULL, NULL };
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	cli_analysis_args aa = CLI_ANALYSIS_ARGS_INIT;
	cli_input_args in = CLI_INPUT_ARGS_INIT;
	relmap_format fmt;
	relmap_document *doc = NULL;
	relmap_analysis *an = NULL;
	relmap_style *style = NULL;
	relmap_diags d;
	char *data = NULL;
	size_t len = 0;
	int status = 0, opt, rc, all = 0;
	cli_batch batch = { 0 };
	double jobs, num;
	int collapse = 0, full = 0, hops_given = 0, deck = 0, profile = 0;
	relmap_render_profile rprof = { 0 };
	cli_profile prof = { cli_clock(), 0, 0, 0, 0 };
	double t0;

	relmap_diags_init(&d, 20);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:T:j:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': output = optarg; break;
		case 'T': tflag = optarg; break;
		case OPT_ACCOUNT: account = optarg; break;
		case OPT_ENGINE: ro.engine = optarg; break;
		case OPT_STYLE: style_name = optarg; break;
		case OPT_NO_CLUSTERS: ro.clusters = 0; break;
		case OPT_NO_LEGEND: ro.legend = 0; break;
		case OPT_NO_TITLE: ro.title = 0; break;
		case OPT_TEXT_AS_PATHS: ro.text_as_paths = 1; break;
		case OPT_LAYOUT_TIMEOUT:
			if (cli_parse_number(&ro.layout_timeout, optarg) ||
			    ro.layout_timeout < 0 || ro.layout_timeout > 86400)
				return cli_usage_error("render",
					"--layout-timeout takes seconds from 0 to 86400, not '%s'",
					optarg);
			break;
		case OPT_ALL: all = 1; break;
		case OPT_OUT_DIR: batch.out_dir = optarg; break;
		case 'j':
			if (cli_parse_number(&jobs, optarg) || jobs < 1 ||
			    jobs > 1024 || jobs != (long)jobs)
				return cli_usage_error("render",
					"--jobs takes a whole number from 1 to 1024, not '%s'",
					optarg);
			batch.jobs = (long)jobs;
			break;
		case OPT_DIFF: diff_old = optarg; break;
		case OPT_SHARD:
			if (cli_parse_shard(&batch.shard_k, &batch.shard_n,
					    optarg))
				return cli_usage_error("render",
					"--shard takes K/N with 1 <= K <= N, not '%s'",
					optarg);
			break;
		case OPT_PAGE:
			if (relmap_page_parse(&ro.page_width, &ro.page_height,
					      optarg))
				return cli_usage_error("render",
					"unknown page '%s' (16:9, 4:3, 16:10, a4, a3, letter, a4-portrait, ... or WxH with a unit: in, cm, mm, pt, px; 1 to 200 in a side)",
					optarg);
			break;
		case OPT_MARGIN:
			if (relmap_length_parse(&ro.page_margin, optarg) &&
			    strcmp(optarg, "0") != 0)
				return cli_usage_error("render",
					"--margin takes a length with a unit (in, cm, mm, pt, px), not '%s'",
					optarg);
			if (strcmp(optarg, "0") == 0)
				ro.page_margin = 0;
			break;
		case OPT_DPI:
			if (cli_parse_number(&ro.dpi, optarg) || ro.dpi < 1 ||
			    ro.dpi > 2400)
				return cli_usage_error("render",
					"--dpi takes a number from 1 to 2400, not '%s'",
					optarg);
			break;
		case OPT_TRANSPARENT: ro.transparent = 1; break;
		case OPT_AUDIENCE:
			if (relmap_audience_parse(&ro.audience, optarg))
				return cli_usage_error("render",
					"--audience is team or customer, not '%s'",
					optarg);
			break;
		case OPT_FOCUS: ro.focus = optarg; break;
		case OPT_HOPS:
			if (cli_parse_number(&num, optarg) || num < 0 ||
			    num > 1000000 || num != (long)num)
				return cli_usage_error("render",
					"--hops takes a whole number from 0 to 1000000, not '%s'",
					optarg);
			ro.focus_hops = (int)num;
			hops_given = 1;
			break;
		case OPT_COLLAPSE: collapse = 1; break;
		case OPT_COLLAPSE_ABOVE:
			if (cli_parse_number(&num, optarg) || num < 0 ||
			    num > 1e9 || num != (long)num)
				return cli_usage_error("render",
					"--collapse-above takes a whole number of persons, not '%s'",
					optarg);
			ro.collapse_above = (size_t)num;
			break;
		case OPT_FULL: full = 1; break;
		case OPT_DECK: deck = 1; break;
		case OPT_PROFILE: profile = 1; break;
		case OPT_COVERAGE:
			if (relmap_coverage_mode_parse(&ro.coverage, optarg))
				return cli_usage_error("render",
					"--coverage is cards or lines, not '%s'",
					optarg);
			break;
		case OPT_MIN_TEXT:
			if (cli_parse_number(&ro.min_text, optarg) ||
			    ro.min_text < 0 || ro.min_text > 100)
				return cli_usage_error("render",
					"--min-text takes points from 0 to 100, not '%s'",
					optarg);
			break;
		case 'h': fputs(help, stdout); return 0;
		case ':':
			return cli_usage_error("render", "option '%s' needs a value",
					       argv[optind - 1]);
		case '?':
			return cli_usage_error("render", "unknown option '%s'",
					       argv[optind - 1]);
		default:
			if ((status = cli_common_option("render", &in, &aa, opt,
							optarg)))
				return status;
		}
	}
	if (all && !batch.out_dir)
		return cli_usage_error("render", "--all needs --out-dir DIR");
	if (all && output)
		return cli_usage_error("render",
			"-o does not go with --all; use --out-dir DIR");
	if (all && account)
		return cli_usage_error("render",
			"--account does not go with --all");
	if (all && profile)
		return cli_usage_error("render",
			"--profile times one render: not with --all");
	if (deck && (all || ro.focus || collapse || full || diff_old))
		return cli_usage_error("render",
			"--deck draws every person of one account on legible pages: not with --all, --focus, --collapse, --full or --diff");
	if (deck && (batch.jobs || batch.shard_n))
		return cli_usage_error("render", "--jobs and --shard go with --all");
	if (!all && !deck && (batch.out_dir || batch.jobs || batch.shard_n))
		return cli_usage_error("render",
			"--out-dir, --jobs and --shard go with --all (--out-dir also with --deck)");
	if (deck && batch.out_dir && output)
		return cli_usage_error("render",
			"--deck writes either pages into --out-dir or one PDF with -o, not both");
	if (collapse && full)
		return cli_usage_error("render",
			"--collapse and --full do not go together");
	if (hops_given && !ro.focus)
		return cli_usage_error("render", "--hops goes with --focus ID");
	if (all && ro.focus)
		return cli_usage_error("render",
			"--focus does not go with --all (ids belong to one account)");
	ro.view = full ? RELMAP_VIEW_FULL
		       : collapse ? RELMAP_VIEW_COLLAPSE : RELMAP_VIEW_AUTO;
	/* A PowerPoint deck is drawn from SVG pages. */
	size_t olen = output ? strlen(output) : 0;
	int pptx = deck && olen > 5 && !tflag &&
		   strcasecmp(output + olen - 5, ".pptx") == 0;
	if (pptx)
		fmt = RELMAP_FORMAT_SVG;
	else if ((status = pick_format(&fmt, tflag, output)))
		return status;
	if (deck && !batch.out_dir && !pptx &&
	    !(output && fmt == RELMAP_FORMAT_PDF))
		return cli_usage_error("render",
			"--deck needs --out-dir DIR (with -T svg, png or pdf: a file a page), -o FILE.pdf (one PDF) or -o FILE.pptx (PowerPoint)");
	if (deck && fmt != RELMAP_FORMAT_SVG && fmt != RELMAP_FORMAT_PNG &&
	    fmt != RELMAP_FORMAT_PDF)
		return cli_usage_error("render",
			"--deck draws svg, png or pdf pages, not %s",
			relmap_format_name(fmt));
	if (fmt == RELMAP_FORMAT_JSON &&
	    ro.audience == RELMAP_AUDIENCE_CUSTOMER)
		return cli_usage_error("render",
			"-T json is the analysis, which is for the team only; --audience customer draws svg, png, pdf, dot or html");
	if (ro.page_width > 0 && (2 * ro.page_margin >= ro.page_width ||
				  2 * ro.page_margin >= ro.page_height))
		return cli_usage_error("render",
			"a %gpt margin leaves no room on a %gpt x %gpt page",
			ro.page_margin, ro.page_width, ro.page_height);
	if (diff_old && ro.audience == RELMAP_AUDIENCE_CUSTOMER)
		return cli_usage_error("render",
			"--diff shows what changed in our view of the account, which is for the team only; not with --audience customer");
	if (diff_old && (all || fmt == RELMAP_FORMAT_JSON))
		return cli_usage_error("render",
			"--diff draws one map: not with --all or -T json");
	if (ro.text_as_paths && fmt != RELMAP_FORMAT_SVG)
		return cli_usage_error("render",
			"--text-as-paths goes with SVG output, not %s",
			relmap_format_name(fmt));
	if (fmt == RELMAP_FORMAT_JSON && (ro.focus || collapse || full))
		return cli_usage_error("render",
			"--focus, --collapse and --full choose what a map draws; -T json is the whole analysis");
	if (!relmap_engine_valid(ro.engine))
		return cli_usage_error("render",
			"unknown engine '%s' (org, dot, neato, fdp, sfdp, circo, twopi)",
			ro.engine);
	if (optind >= argc && !in.db)
		return cli_usage_error("render", "no INPUT given");
	if (argc - optind > 1)
		return cli_usage_error("render", "one INPUT at a time, got '%s' too",
				       argv[optind + 1]);

	if (profile)
		ro.profile = &rprof;
	/* One map with the org chart: Graphviz starts on the other core
	 * while the style and the account load (relmap_render_warm_up).  Not
	 * before a batch, whose workers fork before anything starts
	 * Graphviz, nor before a Graphviz engine's bounded layout, which
	 * forks. */
	t0 = cli_clock();
	if (!all && fmt != RELMAP_FORMAT_JSON &&
	    strcmp(ro.engine, "org") == 0 &&
	    (rc = relmap_render_warm_up(NULL, fmt))) {
		status = cli_exit_code(rc);
		goto out;
	}
	/* The style first: a typo in --style should not wait for a big load. */
	if (fmt != RELMAP_FORMAT_JSON &&
	    ((rc = relmap_style_load(&style, style_name, &d)) ||
	     (rc = relmap_render_warm_fonts(style)))) {
		status = cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_load(&doc, argv[optind], &in, account)))
		goto out;
	prof.load = cli_clock() - t0;
	aa.opts.as_of = cli_as_of(&aa, doc);
	if (all) {
		batch.fmt = fmt;
		batch.style = style;
		batch.ro = &ro;
		batch.ao = &aa.opts;
		status = cli_render_batch(doc, &batch);
		goto out;
	}
	const relmap_account *a;
	if ((status = cli_select_account(&a, doc, account)))
		goto out;
	t0 = cli_clock();
	rc = relmap_analysis_run(&an, a, &aa.opts);
	prof.analysis = cli_clock() - t0;
	if (rc) {
		fprintf(stderr, "relmap render: error: analysis failed: %s\n",
			relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	if (diff_old) {
		if ((status = cli_render_diff(&diff, diff_old, &in, &aa, an)))
			goto out;
		ro.diff = diff.diff;
	}
	if (deck) {
		status = cli_render_deck(an, style, fmt, &ro, output,
					 batch.out_dir);
		goto out;
	}
	if (fmt == RELMAP_FORMAT_JSON)
		rc = relmap_report_json(&data, &len,
					(const relmap_analysis *const *)&an, 1);
	else
		rc = relmap_render(&data, &len, an, style, fmt, &ro, &d);
	if (rc) {
		if (d.count == 0)
			relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
					 "render failed: %s", relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	cli_print_diags(&d); /* warnings, before the output */
	t0 = cli_clock();
	status = cli_write(output, data, len);
	prof.write = cli_clock() - t0;
out:
	relmap_render_warm_wait(); /* when no render came to wait for it */
	cli_print_diags(&d);
	if (profile)
		cli_profile_print(&prof, &rprof);
	free(data);
	cli_render_diff_free(&diff);
	relmap_analysis_free(an);
	relmap_style_free(style);
	relmap_document_free(doc);
	return status;
}
