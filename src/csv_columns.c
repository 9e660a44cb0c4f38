/*
 * csv_columns.c - the CSV fields, the presets' column names, FIELD=COLUMN
 * mappings and matching them against a header row.
 *
 * The presets list the column names the CRMs' own exports use, most
 * specific first (docs/csv.md says where each comes from).  Dynamics 365
 * exports lookups (company, manager) as display names, which is why
 * reports-to values may also be names (see load_csv.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csv_internal.h"

#define MAX_NAMES 6

static const char *const field_names[RELMAP_CSV_FIELD_COUNT] = {
	"account", "id", "name", "first-name", "last-name", "title",
	"department", "reports-to", "role", "influence", "attitude", "email",
	"url", "member", "member-name", "person", "strength", "channel", "date",
	"sentiment", "account-name", "account-type", "industry",
};

/* Column names per preset and field, tried in order. */
static const char *const preset_names[4][RELMAP_CSV_FIELD_COUNT][MAX_NAMES] = {
	[RELMAP_CSV_PRESET_SALESFORCE] = {
		[RELMAP_CSV_ACCOUNT] = { "AccountId", "Account ID",
					 "Account Name", "Account.Name" },
		[RELMAP_CSV_ID] = { "Id", "Contact ID" },
		[RELMAP_CSV_NAME] = { "Name", "Full Name" },
		[RELMAP_CSV_FIRST_NAME] = { "FirstName", "First Name" },
		[RELMAP_CSV_LAST_NAME] = { "LastName", "Last Name" },
		[RELMAP_CSV_TITLE] = { "Title" },
		[RELMAP_CSV_DEPARTMENT] = { "Department" },
		[RELMAP_CSV_REPORTS_TO] = { "ReportsToId", "Reports To ID",
					    "Reports To" },
		[RELMAP_CSV_ROLE] = { "Role", "Contact Role" },
		[RELMAP_CSV_INFLUENCE] = { "Influence" },
		[RELMAP_CSV_ATTITUDE] = { "Attitude" },
		[RELMAP_CSV_EMAIL] = { "Email" },
		[RELMAP_CSV_URL] = { "LinkedIn URL", "Url" },
		/* Reports on Contacts & Accounts label the account's type
		 * "Type". */
		[RELMAP_CSV_ACCOUNT_TYPE] = { "Account Type", "Type" },
	},
	[RELMAP_CSV_PRESET_HUBSPOT] = {
		[RELMAP_CSV_ACCOUNT] = { "Associated Company ID",
					 "Associated Company",
					 "Company Name" },
		[RELMAP_CSV_ID] = { "Record ID", "Contact ID" },
		[RELMAP_CSV_NAME] = { "Full Name" },
		[RELMAP_CSV_FIRST_NAME] = { "First Name" },
		[RELMAP_CSV_LAST_NAME] = { "Last Name" },
		[RELMAP_CSV_TITLE] = { "Job Title" },
		[RELMAP_CSV_DEPARTMENT] = { "Department", "Job Function" },
		[RELMAP_CSV_REPORTS_TO] = { "Reports To", "Manager" },
		[RELMAP_CSV_ROLE] = { "Buying Role" },
		[RELMAP_CSV_INFLUENCE] = { "Influence" },
		[RELMAP_CSV_ATTITUDE] = { "Attitude" },
		[RELMAP_CSV_EMAIL] = { "Email" },
		[RELMAP_CSV_URL] = { "LinkedIn URL" },
	},
	[RELMAP_CSV_PRESET_DYNAMICS] = {
		[RELMAP_CSV_ACCOUNT] = { "parentcustomerid", "Company Name",
					 "Account Name", "Account" },
		[RELMAP_CSV_ID] = { "contactid", "(Do Not Modify) Contact",
				    "Contact ID", "Contact" },
		[RELMAP_CSV_NAME] = { "fullname", "Full Name" },
		[RELMAP_CSV_FIRST_NAME] = { "firstname", "First Name" },
		[RELMAP_CSV_LAST_NAME] = { "lastname", "Last Name" },
		[RELMAP_CSV_TITLE] = { "jobtitle", "Job Title" },
		[RELMAP_CSV_DEPARTMENT] = { "department", "Department" },
		[RELMAP_CSV_REPORTS_TO] = { "msa_managerid", "parentcontactid",
					    "Manager", "managername",
					    "Reports To" },
		[RELMAP_CSV_ROLE] = { "accountrolecode", "Role" },
		[RELMAP_CSV_INFLUENCE] = { "Influence" },
		[RELMAP_CSV_ATTITUDE] = { "Attitude" },
		[RELMAP_CSV_EMAIL] = { "emailaddress1", "Email" },
		[RELMAP_CSV_URL] = { "websiteurl", "Website" },
	},
};

const char *relmap_csv_field_name(relmap_csv_field f)
{
	return (int)f >= 0 && f < RELMAP_CSV_FIELD_COUNT ? field_names[f]
							 : NULL;
}

int relmap_csv_preset_parse(relmap_csv_preset *out, const char *name)
{
	static const char *const names[] = { "none", "salesforce", "hubspot",
					     "dynamics" };
	for (int i = 0; name && i < 4; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (relmap_csv_preset)i;
			return 0;
		}
	}
	return RELMAP_EUSAGE;
}

int relmap_csv_map_parse(relmap_csv_options *opts,
			 const char *field_eq_column)
{
	const char *eq = field_eq_column ? strchr(field_eq_column, '=') : NULL;
	if (!opts || !eq || eq[1] == '\0')
		return RELMAP_EUSAGE;
	size_t len = (size_t)(eq - field_eq_column);
	for (int f = 0; f < RELMAP_CSV_FIELD_COUNT; f++) {
		if (strlen(field_names[f]) == len &&
		    memcmp(field_names[f], field_eq_column, len) == 0) {
			opts->columns[f] = eq + 1;
			return 0;
		}
	}
	return RELMAP_EUSAGE;
}

/* The names a field's column may have under a preset; NONE, or a field
 * the preset has no names for (the edges fields: CRMs export activities
 * in too many shapes to guess), the field's own name. */
static size_t names_for(const char **out, relmap_csv_preset preset,
			relmap_csv_field f)
{
	if (preset <= RELMAP_CSV_PRESET_NONE ||
	    preset > RELMAP_CSV_PRESET_DYNAMICS) {
		out[0] = field_names[f];
		return 1;
	}
	size_t n = 0;
	while (n < MAX_NAMES && preset_names[preset][f][n]) {
		out[n] = preset_names[preset][f][n];
		n++;
	}
	if (n == 0)
		out[n++] = field_names[f];
	return n;
}

static int find_column(const csv_header *h, const char *name, int fold)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < h->count; i++) {
		if (h->lens[i] != len)
			continue;
		if (fold ? strncasecmp(h->names[i], name, len) == 0
			 : memcmp(h->names[i], name, len) == 0)
			return (int)i;
	}
	return -1;
}

void csv_match_columns(csv_column out[RELMAP_CSV_FIELD_COUNT],
		       const csv_header *h, const relmap_csv_options *opts)
{
	for (int f = 0; f < RELMAP_CSV_FIELD_COUNT; f++) {
		const char *names[MAX_NAMES];
		size_t n;
		out[f].mapped = opts->columns[f];
		out[f].index = -1;
		out[f].how = 0;
		if (opts->columns[f]) {
			names[0] = opts->columns[f];
			n = 1;
		} else {
			n = names_for(names, opts->preset, (relmap_csv_field)f);
		}
		for (int fold = 0; fold < 2 && out[f].index < 0; fold++)
			for (size_t k = 0; k < n && out[f].index < 0; k++)
				out[f].index = find_column(h, names[k], fold);
		if (out[f].index >= 0)
			out[f].how = opts->columns[f] ? CSV_BY_MAP : CSV_BY_PRESET;
	}
	/* Then the columns left, by their names.  A mapped field stays
	 * unfound when its column is missing: that is reported. */
	for (size_t i = 0; i < h->count; i++) {
		int taken = 0;
		for (int f = 0; f < RELMAP_CSV_FIELD_COUNT && !taken; f++)
			taken = out[f].index == (int)i;
		if (taken)
			continue;
		int f = csv_recognise(h->names[i], h->lens[i]);
		if (f < 0 || out[f].index >= 0 || out[f].mapped)
			continue;
		out[f].index = (int)i;
		out[f].how = CSV_BY_NAME;
	}
	csv_column *acc = &out[RELMAP_CSV_ACCOUNT];
	csv_column *an = &out[RELMAP_CSV_ACCOUNT_NAME];
	if (acc->index < 0 && !acc->mapped && an->index >= 0) {
		acc->index = an->index;
		acc->how = CSV_BY_SHARING;
	} else if (an->index < 0 && !an->mapped && acc->index >= 0 &&
		   csv_recognise(h->names[acc->index], h->lens[acc->index]) ==
			   RELMAP_CSV_ACCOUNT_NAME) {
		an->index = acc->index;
		an->how = CSV_BY_SHARING;
	}
}

void csv_expected_names(char *out, size_t size, relmap_csv_preset preset,
			relmap_csv_field f)
{
	const char *names[MAX_NAMES];
	size_t n = names_for(names, preset, f), o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
		int w = snprintf(out + o, size - o, "%s'%s'", sep, names[i]);
		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
}
