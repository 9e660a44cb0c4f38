/*
 * write_xml.c - a document back into relmap's XML format (docs/format.md).
 *
 * Used by export.  The output is deterministic: attributes in the order
 * the format documents them, records in the document's order, numbers in
 * their shortest form that reads back to the same double, and values
 * left out where they equal the format's defaults.
 */
#include "relmap/store.h"

#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmlbuf.h"

#define W(call) do { if ((call) < 0) goto fail; } while (0)

/* The shortest of %.15g..%.17g that round-trips, so 0.7 stays "0.7". */
static void format_number(char out[32], double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (!value)
		return 0;
	return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

static int attr_number(xmlTextWriterPtr w, const char *name, double v)
{
	char num[32];
	format_number(num, v);
	return attr(w, name, num);
}

static int attr_date(xmlTextWriterPtr w, const char *name, int32_t days)
{
	char date[11];
	relmap_date_format(date, days);
	return attr(w, name, date);
}

static const char *person_id(const relmap_account *a, int32_t i)
{
	return a->persons[i].id;
}

static int write_account(xmlTextWriterPtr w, const relmap_account *a)
{
	W(xmlTextWriterStartElement(w, BAD_CAST "account"));
	W(attr(w, "id", a->id));
	W(attr(w, "name", a->name));
	W(attr(w, "industry", a->industry));
	W(attr(w, "segment", a->segment));
	W(attr(w, "stage", relmap_stage_name(a->stage)));
	if (a->has_value)
		W(attr_number(w, "value", a->value));
	W(attr(w, "url", a->url));

	if (a->n_members) {
		W(xmlTextWriterStartElement(w, BAD_CAST "team"));
		for (size_t i = 0; i < a->n_members; i++) {
			const relmap_member *m = &a->members[i];
			W(xmlTextWriterStartElement(w, BAD_CAST "member"));
			W(attr(w, "id", m->id));
			W(attr(w, "name", m->name));
			W(attr(w, "role", relmap_member_role_name(m->role)));
			W(xmlTextWriterEndElement(w));
		}
		W(xmlTextWriterEndElement(w));
	}
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "person"));
		W(attr(w, "id", p->id));
		W(attr(w, "name", p->name));
		W(attr(w, "title", p->title));
		W(attr(w, "department", p->department));
		W(attr(w, "reports-to", p->manager >= 0
				? person_id(a, p->manager) : p->reports_to));
		if (p->role != RELMAP_ROLE_UNKNOWN)
			W(attr(w, "role", relmap_role_name(p->role)));
		if (p->influence != 0)
			W(attr_number(w, "influence", p->influence));
		if (p->attitude != RELMAP_ATTITUDE_UNKNOWN)
			W(attr(w, "attitude", relmap_attitude_name(p->attitude)));
		W(attr(w, "email", p->email));
		W(attr(w, "url", p->url));
		W(xmlTextWriterEndElement(w));
	}
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		const relmap_dotted_line *e = &a->dotted_lines[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "dotted-line"));
		W(attr(w, "from", person_id(a, e->from)));
		W(attr(w, "to", person_id(a, e->to)));
		W(xmlTextWriterEndElement(w));
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *e = &a->influences[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "influence"));
		W(attr(w, "from", person_id(a, e->from)));
		W(attr(w, "to", person_id(a, e->to)));
		W(attr_number(w, "weight", e->weight));
		W(xmlTextWriterEndElement(w));
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		const relmap_coverage *e = &a->coverages[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "coverage"));
		W(attr(w, "member", a->members[e->member].id));
		W(attr(w, "person", person_id(a, e->person)));
		W(attr_number(w, "strength", e->strength));
		W(xmlTextWriterEndElement(w));
	}
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "touchpoint"));
		W(attr(w, "member", a->members[t->member].id));
		W(attr(w, "person", person_id(a, t->person)));
		W(attr(w, "channel", relmap_channel_name(t->channel)));
		W(attr_date(w, "date", t->date));
		if (t->sentiment != RELMAP_SENTIMENT_NEUTRAL)
			W(attr(w, "sentiment",
			       relmap_sentiment_name(t->sentiment)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	return 0;
fail:
	return -1;
}

int relmap_document_write_xml(char **out, size_t *out_len,
			      const relmap_document *doc)
{
	xmlBufferPtr xb = NULL;
	xmlTextWriterPtr w = NULL;
	int rc = RELMAP_ENOMEM;

	*out = NULL;
	*out_len = 0;
	if (!(xb = xmlBufferCreate()))
		goto out;
	if (!(w = xmlNewTextWriterMemory(xb, 0)))
		goto out;
	W(xmlTextWriterSetIndent(w, 1));
	W(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "relmap"));
	W(attr(w, "version", "1"));
	if (doc->has_as_of)
		W(attr_date(w, "as-of", doc->as_of));
	for (size_t i = 0; i < doc->n_accounts; i++)
		W(write_account(w, &doc->accounts[i]));
	W(xmlTextWriterEndDocument(w));
	/* Flushes into xb; the buffer outlives the writer. */
	xmlFreeTextWriter(w);
	w = NULL;

	rc = xmlbuf_take(out, out_len, xb);
	goto out;
fail:
	/* The writer reports no cause; memory is the likely one. */
	rc = RELMAP_ENOMEM;
out:
	xmlFreeTextWriter(w);
	xmlBufferFree(xb);
	return rc;
}
