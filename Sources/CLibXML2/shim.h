#include <libxml/xmlversion.h>
// libxml2's encoding.h pulls in the system ICU headers when built with ICU; they clash with
// the ICU copy inside Swift's Foundation. gids never touches the ICU converter fields.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
