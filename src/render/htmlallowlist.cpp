#include "render/htmlallowlist.h"

#include "render/htmlmathsource.h"
#include "render/htmltagset.h"
#include "render/htmlurlpolicy.h"

namespace folio {

namespace {

constexpr HtmlTagSet kKept{
    GUMBO_TAG_P,      GUMBO_TAG_BR,      GUMBO_TAG_HR,      GUMBO_TAG_H1,         GUMBO_TAG_H2,
    GUMBO_TAG_H3,     GUMBO_TAG_H4,      GUMBO_TAG_H5,      GUMBO_TAG_H6,         GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_PRE,    GUMBO_TAG_CODE,    GUMBO_TAG_KBD,     GUMBO_TAG_SAMP,       GUMBO_TAG_VAR,
    GUMBO_TAG_EM,     GUMBO_TAG_STRONG,  GUMBO_TAG_B,       GUMBO_TAG_I,          GUMBO_TAG_U,
    GUMBO_TAG_S,      GUMBO_TAG_DEL,     GUMBO_TAG_INS,     GUMBO_TAG_SUB,        GUMBO_TAG_SUP,
    GUMBO_TAG_MARK,   GUMBO_TAG_SMALL,   GUMBO_TAG_ABBR,    GUMBO_TAG_Q,          GUMBO_TAG_CITE,
    GUMBO_TAG_DFN,    GUMBO_TAG_SPAN,    GUMBO_TAG_DIV,     GUMBO_TAG_SECTION,    GUMBO_TAG_ARTICLE,
    GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,  GUMBO_TAG_FIGURE,  GUMBO_TAG_FIGCAPTION, GUMBO_TAG_UL,
    GUMBO_TAG_OL,     GUMBO_TAG_LI,      GUMBO_TAG_DL,      GUMBO_TAG_DT,         GUMBO_TAG_DD,
    GUMBO_TAG_TABLE,  GUMBO_TAG_THEAD,   GUMBO_TAG_TBODY,   GUMBO_TAG_TFOOT,      GUMBO_TAG_TR,
    GUMBO_TAG_TH,     GUMBO_TAG_TD,      GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP,   GUMBO_TAG_COL,
    GUMBO_TAG_A,      GUMBO_TAG_DETAILS, GUMBO_TAG_SUMMARY, GUMBO_TAG_RUBY,       GUMBO_TAG_RT,
    GUMBO_TAG_RP,     GUMBO_TAG_RB,      GUMBO_TAG_RTC,     GUMBO_TAG_TIME,       GUMBO_TAG_WBR,
    GUMBO_TAG_BDI,    GUMBO_TAG_BDO};
// Dropped with their content: active content, forms and their controls, document metadata, embedded documents,
// media sources, and <marquee> (a scope boundary of the tree builder: unwrapped, its content would reparse
// differently).
constexpr HtmlTagSet kDropped{
    GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_IFRAME,   GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET,
    GUMBO_TAG_OBJECT,   GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,   GUMBO_TAG_PARAM,    GUMBO_TAG_FORM,
    GUMBO_TAG_BUTTON,   GUMBO_TAG_SELECT,   GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP, GUMBO_TAG_DATALIST,
    GUMBO_TAG_TEXTAREA, GUMBO_TAG_KEYGEN,   GUMBO_TAG_MENUITEM, GUMBO_TAG_INPUT,    GUMBO_TAG_NOSCRIPT,
    GUMBO_TAG_NOEMBED,  GUMBO_TAG_NOFRAMES, GUMBO_TAG_TEMPLATE, GUMBO_TAG_LINK,     GUMBO_TAG_META,
    GUMBO_TAG_BASE,     GUMBO_TAG_TITLE,    GUMBO_TAG_HEAD,     GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,
    GUMBO_TAG_AREA,     GUMBO_TAG_BGSOUND,  GUMBO_TAG_BASEFONT, GUMBO_TAG_MARQUEE,  GUMBO_TAG_ISINDEX,
    GUMBO_TAG_NEXTID,   GUMBO_TAG_SVG,      GUMBO_TAG_MATH};
constexpr HtmlTagSet kAligned{GUMBO_TAG_P,   GUMBO_TAG_DIV,     GUMBO_TAG_H1,    GUMBO_TAG_H2,    GUMBO_TAG_H3,
                              GUMBO_TAG_H4,  GUMBO_TAG_H5,      GUMBO_TAG_H6,    GUMBO_TAG_TH,    GUMBO_TAG_TD,
                              GUMBO_TAG_TR,  GUMBO_TAG_THEAD,   GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_CAPTION,
                              GUMBO_TAG_COL, GUMBO_TAG_COLGROUP};

bool isAsciiSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\f') ||
           c == QLatin1Char('\r');
}

bool isDigits(QStringView s, qsizetype maxLength)
{
    if (s.isEmpty() || s.size() > maxLength)
        return false;
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

bool isCount(const QString& s)
{
    return isDigits(s, 5);
}
bool isInteger(const QString& s)
{
    return isDigits(s.startsWith(QLatin1Char('-')) ? QStringView(s).sliced(1) : s, 9);
}
bool isLength(const QString& s)
{
    return isDigits(s.endsWith(QLatin1Char('%')) ? QStringView(s).chopped(1) : s, 5);
}
bool isAnything(const QString&)
{
    return true;
}

bool isOneOf(const QString& s, std::initializer_list<const char*> values)
{
    for (const char* value : values) {
        if (s == QLatin1String(value))
            return true;
    }
    return false;
}

// A BCP 47-shaped tag ("zh-CN", "en"), or the word after "language-" (code block languages: "c++", "objective-c").
bool isLanguageName(QStringView s, bool codeLanguage)
{
    if (s.isEmpty() || s.size() > 40)
        return false;
    for (QChar c : s) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
                        (codeLanguage && QStringView(u"+#._").contains(c));
        if (!ok)
            return false;
    }
    return true;
}

// The class rule: tokens Folio's page script and style sheet give a meaning to, on the elements that carry them.
// span/div: math, inline, display (KaTeX typesets .math); span: image-missing (the image placeholder);
// code/pre: language-* (highlighting); any element: footnotes, footnote-ref, footnote-backref.
bool isAllowedClass(GumboTag tag, QStringView token)
{
    if (token == u"footnotes" || token == u"footnote-ref" || token == u"footnote-backref")
        return true;
    if ((tag == GUMBO_TAG_SPAN || tag == GUMBO_TAG_DIV) &&
        (token == u"math" || token == u"inline" || token == u"display"))
        return true;
    if (tag == GUMBO_TAG_SPAN && token == u"image-missing")
        return true;
    return (tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_PRE) && token.startsWith(u"language-") &&
           isLanguageName(token.sliced(9), true);
}

QString allowedClasses(GumboTag tag, const QString& value)
{
    QStringList kept;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i < value.size() && !isAsciiSpace(value.at(i)))
            continue;
        const QStringView token = QStringView(value).sliced(start, i - start);
        if (!token.isEmpty() && isAllowedClass(tag, token) && !kept.contains(token))
            kept.append(token.toString());
        start = i + 1;
    }
    return kept.join(QLatin1Char(' '));
}

// KaTeX writes each formula twice: MathML (with the TeX, which becomes the math span) and a visual copy in spans
// whose meaning lives in KaTeX's style sheet; without it the copy reads as garbage, so it goes.
bool isKatexVisualCopy(const GumboNode* node)
{
    if (!hasClass(node->v.element, u"katex-html") || !node->parent || node->parent->type != GUMBO_NODE_ELEMENT)
        return false;
    const GumboVector& siblings = node->parent->v.element.children;
    for (unsigned i = 0; i < node->index_within_parent && i < siblings.length; ++i) {
        const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
        if (sibling->type == GUMBO_NODE_ELEMENT && hasClass(sibling->v.element, u"katex-mathml"))
            return true;
    }
    return false;
}

} // namespace

QString attributeValue(const GumboElement& element, const char* name)
{
    const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
    return attribute ? QString::fromUtf8(attribute->value) : QString();
}

bool hasClass(const GumboElement& element, QStringView token)
{
    const QString value = attributeValue(element, "class");
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i < value.size() && !isAsciiSpace(value.at(i)))
            continue;
        if (QStringView(value).sliced(start, i - start) == token)
            return true;
        start = i + 1;
    }
    return false;
}

ElementRule elementRule(const GumboNode* node)
{
    using T = ElementTreatment;
    if (node->type != GUMBO_NODE_ELEMENT)
        return {T::Drop}; // <template> contents
    const GumboElement& element = node->v.element;
    if (element.tag_namespace == GUMBO_NAMESPACE_MATHML && element.tag == GUMBO_TAG_MATH)
        return {T::MathMl};
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML)
        return {T::Drop};
    if (kKept.contains(element.tag)) {
        if (element.tag == GUMBO_TAG_SPAN && isKatexVisualCopy(node))
            return {T::Drop};
        return {T::Keep, element.tag};
    }
    // Renamed to an allowed element the tree builder treats the same way (same scope and implied-end rules),
    // so the output parses back into the same tree.
    switch (element.tag) {
    case GUMBO_TAG_ADDRESS:
        return {T::Keep, GUMBO_TAG_DIV};
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FIELDSET:
        return {T::Keep, GUMBO_TAG_SECTION};
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MENU:
        return {T::Keep, GUMBO_TAG_UL};
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
        return {T::Keep, GUMBO_TAG_PRE};
    case GUMBO_TAG_STRIKE:
        return {T::Keep, GUMBO_TAG_S};
    case GUMBO_TAG_TT:
        return {T::Keep, GUMBO_TAG_CODE};
    case GUMBO_TAG_ACRONYM:
        return {T::Keep, GUMBO_TAG_ABBR};
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
        return {T::Image};
    case GUMBO_TAG_INPUT:
        return attributeValue(element, "type").compare(QLatin1String("checkbox"), Qt::CaseInsensitive) == 0
                   ? ElementRule{T::TaskCheckbox}
                   : ElementRule{T::Drop};
    case GUMBO_TAG_SCRIPT:
        return isMathScript(element) ? ElementRule{T::MathScript} : ElementRule{T::Drop};
    default:
        return {kDropped.contains(element.tag) ? T::Drop : T::Unwrap};
    }
}

OutputAttributes allowedAttributes(GumboTag tag, const GumboElement& element, const SanitizeOptions& options)
{
    OutputAttributes out;
    auto copyIf = [&](const char* name, bool (*valid)(const QString&)) {
        const QString value = attributeValue(element, name);
        if (!value.isNull() && valid(value))
            out.append({name, value});
    };
    auto copyLowerIf = [&](const char* name, std::initializer_list<const char*> values) {
        const QString value = attributeValue(element, name).trimmed().toLower();
        if (isOneOf(value, values))
            out.append({name, value});
    };
    auto copyFlag = [&](const char* name) {
        if (gumbo_get_attribute(&element.attributes, name))
            out.append({name, QString()});
    };

    switch (tag) {
    case GUMBO_TAG_A: {
        const QString href = safeLinkUrl(attributeValue(element, "href"), options.baseUrl);
        if (!href.isEmpty())
            out.append({"href", href});
        copyFlag("data-footnote-ref");
        copyFlag("data-footnote-backref");
        copyIf("data-footnote-backref-idx", isCount);
        copyIf("aria-label", isAnything);
        if (!href.isEmpty() && !href.startsWith(QLatin1Char('#')))
            out.append({"rel", QStringLiteral("noopener noreferrer")});
        break;
    }
    case GUMBO_TAG_IMG:
        copyIf("alt", isAnything);
        copyIf("width", isLength);
        copyIf("height", isLength);
        break;
    case GUMBO_TAG_OL:
        copyIf("start", isInteger);
        copyFlag("reversed");
        copyIf("type", [](const QString& v) { return isOneOf(v, {"1", "a", "A", "i", "I"}); });
        break;
    case GUMBO_TAG_LI:
        copyIf("value", isInteger);
        break;
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TD:
        copyIf("colspan", isCount);
        copyIf("rowspan", isCount);
        if (tag == GUMBO_TAG_TH)
            copyLowerIf("scope", {"row", "col", "rowgroup", "colgroup"});
        break;
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
        copyIf("span", isCount);
        break;
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS:
        copyIf("datetime", isAnything);
        break;
    case GUMBO_TAG_DETAILS:
        copyFlag("open");
        break;
    case GUMBO_TAG_SECTION:
        copyFlag("data-footnotes");
        break;
    default:
        break;
    }
    if (kAligned.contains(tag))
        copyLowerIf("align", {"left", "center", "right", "justify"});

    // Global attributes. Old pages name their anchors <a name="x">; it becomes the (prefixed) id.
    QString id = attributeValue(element, "id");
    if (id.isEmpty() && tag == GUMBO_TAG_A)
        id = attributeValue(element, "name");
    if (!id.isEmpty())
        out.append({"id", prefixedId(id)});
    const QString classes = allowedClasses(tag, attributeValue(element, "class"));
    if (!classes.isEmpty())
        out.append({"class", classes});
    copyIf("title", isAnything);
    copyIf("lang", [](const QString& v) { return isLanguageName(v, false); });
    copyLowerIf("dir", {"ltr", "rtl", "auto"});
    return out;
}

} // namespace folio
