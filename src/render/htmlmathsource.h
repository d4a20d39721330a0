#pragma once

#include <QString>

#include <gumbo.h>

#include <optional>

namespace folio {

// Formulas that HTML articles carry in forms the sanitizer would otherwise drop.
struct EmbeddedTex {
    QString tex;
    bool display = false;
};

// MathJax 2's <script type="math/tex"> or type="math/tex; mode=display" (any case and spacing).
bool isMathScript(const GumboElement& element);

// The TeX of a math script (kramdown's "% <![CDATA[ … %]]>" wrapper removed), or of a MathML <math> element's
// <annotation encoding="application/x-tex"> (what KaTeX writes; display="block" is display math). Nothing
// when there is no TeX or it is blank.
std::optional<EmbeddedTex> embeddedTex(const GumboNode* element);

} // namespace folio
