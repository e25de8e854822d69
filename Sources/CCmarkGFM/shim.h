// libcmark-gfm 0.29.0.gfm.6 (Debian libcmark-gfm-dev, libcmark-gfm-extensions-dev): GitHub's
// edition of libcmark, the same C API plus syntax extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

// The extensions' node types are globals set when the extensions register; Swift reads them
// through these functions instead of as mutable C globals.
extern cmark_node_type CMARK_NODE_TABLE;

static inline cmark_node_type gids_node_table(void) { return CMARK_NODE_TABLE; }

/// 1 for inline nodes (text, links, emphasis, …), 0 for blocks.
static inline int gids_node_is_inline(cmark_node *node) {
    return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

/// 1 for a list item of the tasklist extension (`- [ ] …`).
static inline int gids_node_is_task_item(cmark_node *node) {
    const char *name = cmark_node_get_type_string(node);
    return name != NULL && strcmp(name, "tasklist") == 0;
}
