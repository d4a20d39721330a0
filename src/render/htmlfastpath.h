#pragma once

#include <gumbo.h>

#include <cstddef>

namespace folio {

// Memory for a tree the fast path builds: bump allocation from a few chunks, all freed with the arena.
class HtmlArena {
public:
    HtmlArena() = default;
    ~HtmlArena();
    HtmlArena(const HtmlArena&) = delete;
    HtmlArena& operator=(const HtmlArena&) = delete;

    // The first chunk's size (later ones double), within 1 KB–1 MB; call before the first allocation.
    void reserve(size_t bytes) { m_nextChunk = bytes < 1024 ? 1024 : (bytes > (1u << 20) ? (1u << 20) : bytes); }
    // `size` bytes aligned for any of gumbo's structs.
    void* allocate(size_t size);
    // Frees everything.
    void clear();

private:
    struct Chunk;
    Chunk* m_chunks = nullptr;
    char* m_next = nullptr;
    char* m_end = nullptr;
    size_t m_nextChunk = 4096;
};

// The document gumbo builds for `source` (a prologue that opens <body> and ends with its <wbr>, then the fragment
// from byte `fragmentStart`), built by a small tokenizer and a strict tree builder that only know HTML needing
// none of the HTML5 tree builder's repairs: matching end tags, no implied end tags, no foster parenting, no
// raw text, foreign or form elements, only well-terminated character references, and so on. For any other input
// it returns nullptr and the caller asks gumbo. The tree is gumbo's, field for field, for what Folio reads (node
// types, tags, namespaces, attributes in order, decoded text split and merged as gumbo does, original_tag and
// original_end_tag, the text and attributes as written); source positions carry gumbo's offsets but no line or
// column, and parse_flags are left at 0.
// Every node and string comes from `arena`; strings may point into `source`, which must outlive the tree.
// Returns the <body> element.
GumboNode* parseHtmlFastPath(const char* source, size_t size, size_t fragmentStart, HtmlArena& arena);

} // namespace folio
