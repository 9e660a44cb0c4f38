#include "relmap/relmap.h"

const char *relmap_version(void)
{
	return RELMAP_VERSION;
}
