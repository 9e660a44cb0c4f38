/* cmd_render.c - relmap render: draw one account's map. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap render INPUT [OPTIONS]\n"
	"       relmap render --db DB --account ID [OPTIONS]\n"
	"Draw the relationship map of one account in INPUT (an XML or CSV file,\n"
	"'-' for standard input).\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE        write to FILE ('-' or none: standard output)\n"
	"  -T, --format FORMAT      svg, png, pdf, dot (the styled graph) or json (the\n"
	"                           analysis); default: from FILE's extension (.svg,\n"
	"                           .png, .pdf, .dot, .gv, .json), else svg\n"
	"      --account ID         the account to draw (needed when INPUT has several)\n"
	"      --engine ENGINE      Graphviz layout: dot (default, org chart), neato,\n"
	"                           fdp, sfdp, circo, twopi\n"
	"      --style NAME|PATH    style sheet (default: 'default'; see docs/style.md)\n"
	"      --no-clusters        do not group persons by department\n"
	"      --no-legend          leave out the legend\n"
	"      --no-title           leave out the title block\n"
	"      --layout-timeout S   give up a layout after S seconds and draw again\n"
	"                           without department clusters (default 10; 0: no bound)\n"
	"  -h, --help               show this help\n"
	"\n" CLI_INPUT_HELP "\n" CLI_ANALYSIS_HELP;

enum {
	OPT_ACCOUNT = 1,
	OPT_ENGINE,
	OPT_STYLE,
	OPT_NO_CLUSTERS,
	OPT_NO_LEGEND,
	OPT_NO_TITLE,
	OPT_LAYOUT_TIMEOUT
};

/* -T, else the output's extension, else svg. */
static int pick_format(relmap_format *fmt, const char *tflag, const char *out)
{
	if (tflag) {
		if (relmap_format_parse(fmt, tflag) != 0)
			return cli_usage_error("render",
				"unknown format '%s' (svg, png, pdf, dot, json)",
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
			"cannot tell the format from '%s'; use -T svg|png|pdf|dot|json",
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
		{ "help", no_argument, NULL, 'h' },
		CLI_ANALYSIS_LONG_OPTIONS,
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *output = NULL, *tflag = NULL, *account = NULL;
	const char *style_name = "default";
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
	int status = 0, opt, rc;

	relmap_diags_init(&d, 20);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:T:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': output = optarg; break;
		case 'T': tflag = optarg; break;
		case OPT_ACCOUNT: account = optarg; break;
		case OPT_ENGINE: ro.engine = optarg; break;
		case OPT_STYLE: style_name = optarg; break;
		case OPT_NO_CLUSTERS: ro.clusters = 0; break;
		case OPT_NO_LEGEND: ro.legend = 0; break;
		case OPT_NO_TITLE: ro.title = 0; break;
		case OPT_LAYOUT_TIMEOUT:
			if (cli_parse_number(&ro.layout_timeout, optarg) ||
			    ro.layout_timeout < 0 || ro.layout_timeout > 86400)
				return cli_usage_error("render",
					"--layout-timeout takes seconds from 0 to 86400, not '%s'",
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
	if ((status = pick_format(&fmt, tflag, output)))
		return status;
	if (!relmap_engine_valid(ro.engine))
		return cli_usage_error("render",
			"unknown engine '%s' (dot, neato, fdp, sfdp, circo, twopi)",
			ro.engine);
	if (optind >= argc && !in.db)
		return cli_usage_error("render", "no INPUT given");
	if (argc - optind > 1)
		return cli_usage_error("render", "one INPUT at a time, got '%s' too",
				       argv[optind + 1]);

	/* The style first: a typo in --style should not wait for a big load. */
	if (fmt != RELMAP_FORMAT_JSON &&
	    (rc = relmap_style_load(&style, style_name, &d))) {
		status = cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_load(&doc, argv[optind], &in, account)))
		goto out;
	aa.opts.as_of = cli_as_of(&aa, doc);
	const relmap_account *a;
	if ((status = cli_select_account(&a, doc, account)))
		goto out;
	if ((rc = relmap_analysis_run(&an, a, &aa.opts))) {
		fprintf(stderr, "relmap render: error: analysis failed: %s\n",
			relmap_strerror(rc));
		status = cli_exit_code(rc);
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
	status = cli_write(output, data, len);
out:
	cli_print_diags(&d);
	free(data);
	relmap_analysis_free(an);
	relmap_style_free(style);
	relmap_document_free(doc);
	return status;
}
