#pragma once

#include <QString>

struct cmark_node;
struct cmark_parser;

namespace folio {

// A Markdown document parsed by cmark-gfm with the GFM extensions Folio uses
// (table, strikethrough, autolink, tasklist, tagfilter). Owns the tree.
class CmarkDocument {
public:
    explicit CmarkDocument(const QString& markdown);
    ~CmarkDocument();
    CmarkDocument(const CmarkDocument&) = delete;
    CmarkDocument& operator=(const CmarkDocument&) = delete;

    cmark_node* root() const { return m_root; }
    // cmark-gfm's own HTML. Raw HTML passes through unsafe: callers sanitize.
    QString html() const;

private:
    cmark_node* m_root = nullptr;
    cmark_parser* m_parser = nullptr;
};

} // namespace folio
