#pragma once

#include "render/htmlsanitizer.h"

#include <QList>
#include <QString>

#include <gumbo.h>

namespace folio {

// What the sanitizer does with one element of the parsed article.
enum class ElementTreatment {
    Keep,         // written as `outputTag` (itself, or an allowed element the parser treats alike)
    Unwrap,       // the tag is left out, its sanitized children stay
    Drop,         // left out with everything inside
    Image,        // <img>, or a placeholder when its source is refused
    TaskCheckbox, // <input type="checkbox">: a disabled checkbox (GFM task lists)
    MathScript,   // MathJax's <script type="math/tex[; mode=display]">: a math span
    MathMl,       // MathML carrying a TeX annotation (KaTeX's output): a math span; other MathML is dropped
};

struct ElementRule {
    ElementTreatment treatment = ElementTreatment::Drop;
    GumboTag outputTag = GUMBO_TAG_UNKNOWN;
};

ElementRule elementRule(const GumboNode* element);

struct OutputAttribute {
    const char* name;
    QString value;
};
using OutputAttributes = QList<OutputAttribute>;

// The attributes `element` keeps when written as `outputTag`, in a fixed order, values checked and rewritten
// (URLs made safe and absolute, ids prefixed, classes filtered). Links get rel="noopener noreferrer".
// Images' src is the caller's (safeImageUrl), as is every attribute of the treatments other than Keep.
OutputAttributes allowedAttributes(GumboTag outputTag, const GumboElement& element, const SanitizeOptions& options);

// The element's value of attribute `name` (gumbo lowercases names), or a null string.
QString attributeValue(const GumboElement& element, const char* name);

// Whether the element's class attribute has `token`.
bool hasClass(const GumboElement& element, QStringView token);

} // namespace folio
