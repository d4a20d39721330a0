#include "render/cmarkdocument.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace folio {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};

// Raw HTML is kept (CMARK_OPT_UNSAFE) because the sanitizer downstream decides what stays; smart punctuation
// is off because it would rewrite quotes inside prose the author wrote on purpose.
constexpr int kOptions = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

} // namespace

CmarkDocument::CmarkDocument(const QString& markdown)
{
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

    // The parser lives as long as the tree: the HTML renderer needs the parser's extension list.
    m_parser = cmark_parser_new(kOptions);
    for (const char* name : kExtensions) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(m_parser, ext);
    }
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(m_parser, utf8.constData(), size_t(utf8.size()));
    m_root = cmark_parser_finish(m_parser);
}

CmarkDocument::~CmarkDocument()
{
    cmark_node_free(m_root);
    cmark_parser_free(m_parser);
}

QString CmarkDocument::html() const
{
    char* out = cmark_render_html(m_root, kOptions, cmark_parser_get_syntax_extensions(m_parser));
    QString result = QString::fromUtf8(out);
    std::free(out);
    return result;
}

} // namespace folio
