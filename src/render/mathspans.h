#pragma once

#include <QList>
#include <QString>

namespace folio {

// Math found in Markdown before cmark-gfm sees it (see docs/architecture.md, "Rendering"). cmark would
// otherwise eat "\(" and "\\", pair '*' and '_' across formulas, split "$$" blocks at blank lines and table
// cells at '|'. So every span is swapped for an opaque placeholder, cmark renders, and the TeX goes back in.
//
// Delimiters (pandoc's tex_math_dollars and tex_math_single_backslash, plus block forms):
//  - $…$ inline. The opening '$' is followed by a non-space. The closer is the first unescaped '$' outside
//    braces ("$\text{the $n$th}$" is one span); it needs a non-space before it and no ASCII digit after it,
//    else the opener fails ("$20 and $30" is text). "\$" is a literal dollar. An unbalanced '}', a blank line
//    or a line that starts a new block ends the attempt.
//    CJK guard: content with an East Asian wide character outside braces is not math, so "价格 $20，改为 $x"
//    stays text; "\text{中文}" inside math is fine, and so is a formula right next to Chinese ("向量$x$的").
//    Likewise content holding a backtick is not math: "$20 and `$x$`" is a price and a code span.
//  - $$…$$ display, inside a paragraph under the same line rules; a bare '$' inside makes it fail, and then one
//    '$' stays literal and scanning resumes at the second ("alpha$$beta$gamma" → "alpha$" + math "beta").
//    Block form: "$$" opening a line (after any quote or list prefix) that does not close on that line runs to
//    the first later line holding "$$", across blank lines and lines that look like Markdown blocks ("+ x",
//    "# y"). It fails if a '>' marker disappears or a fenced code or HTML block intervenes. The lines collapse
//    into one that keeps the opener's container prefix, so quote and list structure is unchanged.
//  - \(…\) inline and \[…\] display ("\[" also has the block form). "\\(" is an escaped backslash and '('.
//  - ```math (or ~~~math) fences: markdownToHtml() renders them as block-level display math.
// Never inside code spans, fenced or indented code, HTML blocks, inline HTML, autolinks or GFM bare URLs.
//
// Rendering (restoreMath): <span class="math inline">…</span> or <span class="math display">…</span> holding
// the TeX exactly as written between the delimiters (only the quote markers and list indentation that
// continuation lines carry as Markdown are removed), HTML-escaped.
//  - Display math that is a paragraph on its own is emitted without the <p>: KaTeX draws it as a block, and the
//    wrapper would only add an empty-looking paragraph around it. Elsewhere it stays where it is.
//  - An inline span whose TeX begins with \begin{equation|align|alignat|gather|multline|flalign|eqnarray|CD}
//    (starred or not) gets Kind::Display, i.e. class "math display": KaTeX accepts those only in display mode.
//  - A placeholder that cmark put into an attribute (link title, image alt, a percent-encoded href or src)
//    becomes the span's source text, escaped for that attribute: never markup inside an attribute. One that
//    ends up inside <code> or <pre> becomes its source text too: math never renders inside code.
struct MathSpan {
    enum class Kind { Inline, Display };
    Kind kind = Kind::Inline;
    QString tex;    // the TeX between the delimiters, exactly as written
    QString source; // the whole span as written, delimiters included
    // What stands for the span in ProtectedMarkdown::text: U+E000 'M' index U+E001, or two other private-use
    // characters when the input already contains those. Empty means that default.
    QString placeholder;
};

// Markdown with every math span replaced by its placeholder, and the spans in order.
struct ProtectedMarkdown {
    QString text;
    QList<MathSpan> spans;
};

ProtectedMarkdown protectMath(const QString& markdown);

// Puts the spans back into cmark-gfm's HTML (see above).
QString restoreMath(const QString& html, const QList<MathSpan>& spans);

} // namespace folio
