#pragma once

#include <QByteArray>

#include "render/htmlfastpath.h"

#include <gumbo.h>

namespace folio {

// An HTML fragment parsed by gumbo as the content of <body> in a standards-mode document, as in the article
// page. (Not gumbo's fragment mode: it never leaves <svg> or <math> for HTML, by an old rule of the standard.)
// Every block gumbo allocates comes from this object and is freed with it: gumbo_destroy_output() recurses once
// per nesting level and would overflow the stack on deep input.
// Well-formed HTML (the sanitizer's output, articles written cleanly) is not given to gumbo: a fast path builds the
// tree gumbo would build (htmlfastpath.h), and gumbo only parses what the fast path does not take.
class GumboFragment {
public:
    enum class Parser {
        Any,   // the fast path when it takes the input, else gumbo
        Gumbo, // gumbo only (the fast path's tests compare the two)
    };

    explicit GumboFragment(const QByteArray& utf8, Parser parser = Parser::Any);
    ~GumboFragment();
    GumboFragment(const GumboFragment&) = delete;
    GumboFragment& operator=(const GumboFragment&) = delete;

    // The <body> element; its children, after the first, are the fragment.
    const GumboNode* root() const { return m_body; }
    // The index of the fragment's first node among root()'s children.
    static constexpr unsigned kFirstChild = 1;

    // Whether the tree came from the fast path.
    bool usedFastPath() const { return m_fastPath; }
    // Whether the fast path takes `utf8` (without parsing it with gumbo when it does not).
    static bool fastPathAccepts(const QByteArray& utf8);

private:
    static void* allocate(void* arena, size_t size);
    static void deallocate(void* arena, void* block);

    struct Block;
    Block* m_blocks = nullptr; // a doubly linked list of live blocks
    QByteArray m_source;       // gumbo's tree points into it
    GumboOutput* m_output = nullptr;
    const GumboNode* m_body = nullptr;
    HtmlArena m_arena; // the fast path's tree
    bool m_fastPath = false;
};

// The children of an element or document node (empty for text, comments and other leaves).
inline const GumboVector& gumboChildren(const GumboNode* node)
{
    if (node->type == GUMBO_NODE_DOCUMENT)
        return node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
        return node->v.element.children;
    return kGumboEmptyVector;
}

} // namespace folio
