#pragma once

#include <QList>
#include <QStringView>

namespace folio {

// A piece of an HTML text node: prose, or the TeX between a pair of math delimiters.
struct TexSegment {
    enum class Kind { Text, InlineMath, DisplayMath };
    Kind kind = Kind::Text;
    QStringView text; // for math: the TeX between the delimiters, exactly as written
};

// Splits one text node of an HTML article at its math: \(…\) inline, \[…\] and $$…$$ display, as MathJax
// finds them. A backslash always pairs with the next character, so \\( is a line break then "(", and \$ is no
// delimiter; the closer is the first unpaired \), \] or $$ (braces are not counted); empty math stays text.
// Single $…$ is not math here: HTML prose uses $ for prices far more often than blogs use it for TeX.
// Linear time: a delimiter with no closer is remembered, not searched for again.
QList<TexSegment> splitTexDelimiters(QStringView text);

} // namespace folio
