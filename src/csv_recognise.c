/*
 * csv_recognise.c - which field a column is, from its name alone, for the
 * columns no mapping and no preset names (docs/csv.md, "Recognised column
 * names").
 *
 * Real exports spell one field many ways: "First Name" (Salesforce report
 * labels), "FirstName" (API names), "first_name" (SQL), "firstName"
 * (JavaScript org charts).  A name is folded to its ASCII letters and
 * digits, lower-cased (other bytes kept), so all of these are
 * "firstname".  Salesforce reports prefix every column with its object
 * ("Contact: First Name", "Account: Account Name") and the Data Loader
 * writes relationships as "Account.Name": the prefix says whose field it
 * is, so "Account: Type" is the account's type while an unknown object
 * ("Opportunity: Amount", "Owner.Name") is nobody's.
 */
#include <string.h>

#include "csv_internal.h"

enum { OBJ_NONE, OBJ_PERSON, OBJ_ACCOUNT, OBJ_MANAGER, OBJ_OTHER };

typedef struct name_field {
	const char *key; /* folded */
	int field;
} name_field;

/* Columns with no object prefix, or a person's prefix. */
static const name_field common[] = {
	{ "account", RELMAP_CSV_ACCOUNT },
	{ "accountid", RELMAP_CSV_ACCOUNT },
	{ "companyid", RELMAP_CSV_ACCOUNT },
	{ "accountname", RELMAP_CSV_ACCOUNT_NAME },
	{ "company", RELMAP_CSV_ACCOUNT_NAME },
	{ "companyname", RELMAP_CSV_ACCOUNT_NAME },
	{ "associatedcompany", RELMAP_CSV_ACCOUNT_NAME },
	{ "accounttype", RELMAP_CSV_ACCOUNT_TYPE },
	{ "industry", RELMAP_CSV_INDUSTRY },
	{ "id", RELMAP_CSV_ID },
	{ "contactid", RELMAP_CSV_ID },
	{ "employeeid", RELMAP_CSV_ID },
	{ "empid", RELMAP_CSV_ID },
	{ "staffid", RELMAP_CSV_ID },
	{ "recordid", RELMAP_CSV_ID },
	{ "name", RELMAP_CSV_NAME },
	{ "fullname", RELMAP_CSV_NAME },
	{ "contactname", RELMAP_CSV_NAME },
	{ "employeename", RELMAP_CSV_NAME },
	{ "displayname", RELMAP_CSV_NAME },
	{ "firstname", RELMAP_CSV_FIRST_NAME },
	{ "givenname", RELMAP_CSV_FIRST_NAME },
	{ "forename", RELMAP_CSV_FIRST_NAME },
	{ "lastname", RELMAP_CSV_LAST_NAME },
	{ "surname", RELMAP_CSV_LAST_NAME },
	{ "familyname", RELMAP_CSV_LAST_NAME },
	{ "title", RELMAP_CSV_TITLE },
	{ "jobtitle", RELMAP_CSV_TITLE },
	{ "position", RELMAP_CSV_TITLE },
	{ "positiontitle", RELMAP_CSV_TITLE },
	{ "positionname", RELMAP_CSV_TITLE },
	{ "designation", RELMAP_CSV_TITLE },
	{ "department", RELMAP_CSV_DEPARTMENT },
	{ "departmentname", RELMAP_CSV_DEPARTMENT },
	{ "dept", RELMAP_CSV_DEPARTMENT },
	{ "deptname", RELMAP_CSV_DEPARTMENT },
	{ "reportsto", RELMAP_CSV_REPORTS_TO },
	{ "reportstoid", RELMAP_CSV_REPORTS_TO },
	{ "reportstoname", RELMAP_CSV_REPORTS_TO },
	{ "manager", RELMAP_CSV_REPORTS_TO },
	{ "managerid", RELMAP_CSV_REPORTS_TO },
	{ "managername", RELMAP_CSV_REPORTS_TO },
	{ "linemanager", RELMAP_CSV_REPORTS_TO },
	{ "parentid", RELMAP_CSV_REPORTS_TO },
	{ "parent", RELMAP_CSV_REPORTS_TO },
	{ "pid", RELMAP_CSV_REPORTS_TO },
	{ "supervisor", RELMAP_CSV_REPORTS_TO },
	{ "supervisorid", RELMAP_CSV_REPORTS_TO },
	{ "role", RELMAP_CSV_ROLE },
	{ "buyingrole", RELMAP_CSV_ROLE },
	{ "contactrole", RELMAP_CSV_ROLE },
	{ "influence", RELMAP_CSV_INFLUENCE },
	{ "attitude", RELMAP_CSV_ATTITUDE },
	{ "email", RELMAP_CSV_EMAIL },
	{ "emailaddress", RELMAP_CSV_EMAIL },
	{ "workemail", RELMAP_CSV_EMAIL },
	{ "url", RELMAP_CSV_URL },
	{ "linkedin", RELMAP_CSV_URL },
	{ "linkedinurl", RELMAP_CSV_URL },
	{ "profileurl", RELMAP_CSV_URL },
	{ "member", RELMAP_CSV_MEMBER },
	{ "membername", RELMAP_CSV_MEMBER_NAME },
	{ "person", RELMAP_CSV_PERSON },
	{ "strength", RELMAP_CSV_STRENGTH },
	{ "channel", RELMAP_CSV_CHANNEL },
	{ "date", RELMAP_CSV_DATE },
	{ "sentiment", RELMAP_CSV_SENTIMENT },
	{ NULL, 0 }
};

/* Columns of the account object ("Account: Type", "Account.Name"). */
static const name_field account[] = {
	{ "id", RELMAP_CSV_ACCOUNT },
	{ "accountid", RELMAP_CSV_ACCOUNT },
	{ "name", RELMAP_CSV_ACCOUNT_NAME },
	{ "accountname", RELMAP_CSV_ACCOUNT_NAME },
	{ "type", RELMAP_CSV_ACCOUNT_TYPE },
	{ "accounttype", RELMAP_CSV_ACCOUNT_TYPE },
	{ "industry", RELMAP_CSV_INDUSTRY },
	{ NULL, 0 }
};

/* Columns of the manager ("ReportsTo.Name", "Manager: Id"). */
static const name_field manager[] = {
	{ "", RELMAP_CSV_REPORTS_TO },
	{ "id", RELMAP_CSV_REPORTS_TO },
	{ "name", RELMAP_CSV_REPORTS_TO },
	{ "fullname", RELMAP_CSV_REPORTS_TO },
	{ NULL, 0 }
};

static const name_field objects[] = {
	{ "contact", OBJ_PERSON }, { "contacts", OBJ_PERSON },
	{ "person", OBJ_PERSON }, { "people", OBJ_PERSON },
	{ "lead", OBJ_PERSON }, { "leads", OBJ_PERSON },
	{ "employee", OBJ_PERSON }, { "employees", OBJ_PERSON },
	{ "stakeholder", OBJ_PERSON }, { "stakeholders", OBJ_PERSON },
	{ "account", OBJ_ACCOUNT }, { "accounts", OBJ_ACCOUNT },
	{ "company", OBJ_ACCOUNT }, { "companies", OBJ_ACCOUNT },
	{ "organization", OBJ_ACCOUNT }, { "organisation", OBJ_ACCOUNT },
	{ "reportsto", OBJ_MANAGER }, { "manager", OBJ_MANAGER },
	{ "parent", OBJ_MANAGER }, { "supervisor", OBJ_MANAGER },
	{ NULL, 0 }
};

size_t csv_fold(char *out, size_t cap, const char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			out[o++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c >= 0x80)
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return o;
}

static int lookup(const name_field *t, const char *key)
{
	for (; t->key; t++)
		if (strcmp(t->key, key) == 0)
			return t->field;
	return -1;
}

/* The object prefix: up to a ':' ("Contact: Title"), or a '.' after a
 * word with no blank in it ("Account.Name"); 0 when there is none. */
static size_t prefix_len(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	if (colon)
		return (size_t)(colon - s) + 1;
	const char *dot = memchr(s, '.', len);
	if (!dot || dot == s || (size_t)(dot - s) + 1 == len)
		return 0;
	for (const char *p = s; p < dot; p++)
		if (*p == ' ' || *p == '\t')
			return 0;
	return (size_t)(dot - s) + 1;
}

int csv_recognise(const char *name, size_t len)
{
	char key[128], obj[128];
	size_t pre = prefix_len(name, len);
	int object = OBJ_NONE;
	if (pre) {
		csv_fold(obj, sizeof(obj), name, pre);
		object = lookup(objects, obj);
		if (object < 0)
			return -1; /* someone else's field */
	}
	if (len - pre >= sizeof(key))
		return -1;
	csv_fold(key, sizeof(key), name + pre, len - pre);
	switch (object) {
	case OBJ_ACCOUNT:
		return lookup(account, key);
	case OBJ_MANAGER:
		return lookup(manager, key);
	default:
		return key[0] ? lookup(common, key) : -1;
	}
}
