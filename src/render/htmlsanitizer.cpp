#include "render/htmlsanitizer.h"

#include "render/gumbotree.h"
#include "render/htmlallowlist.h"
#include "render/htmlmathsource.h"
#include "render/htmlpreparse.h"
#include "render/htmltagset.h"
#include "render/htmlurlpolicy.h"
#include "render/texdelimiters.h"

#include <vector>

namespace folio {

namespace {

// Input elements whose text is code or otherwise verbatim: never searched for math.
constexpr HtmlTagSet kVerbatim{GUMBO_TAG_CODE,   GUMBO_TAG_PRE,     GUMBO_TAG_KBD,      GUMBO_TAG_SAMP,
                               GUMBO_TAG_TT,     GUMBO_TAG_LISTING, GUMBO_TAG_XMP,      GUMBO_TAG_PLAINTEXT,
                               GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE};
// Output elements whose text children the parser would move out in front of the table (foster parenting).
constexpr HtmlTagSet kNoText{GUMBO_TAG_TABLE, GUMBO_TAG_THEAD, GUMBO_TAG_TBODY,
                             GUMBO_TAG_TFOOT, GUMBO_TAG_TR,    GUMBO_TAG_COLGROUP};
constexpr HtmlTagSet kVoid{GUMBO_TAG_BR, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_WBR, GUMBO_TAG_COL, GUMBO_TAG_INPUT};

QLatin1StringView tagName(GumboTag tag)
{
    return QLatin1StringView(gumbo_normalized_tagname(tag));
}

bool isWhitespace(QStringView text)
{
    for (QChar c : text) {
        if (!(c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\f') ||
              c == QLatin1Char('\r')))
            return false;
    }
    return true;
}

// Serializes the sanitized tree as HTML that parses back into the same tree.
class HtmlWriter {
public:
    explicit HtmlWriter(qsizetype sizeHint) { m_html.reserve(sizeHint); }

    void startTag(GumboTag tag, const OutputAttributes& attributes)
    {
        m_html += QLatin1Char('<') + tagName(tag);
        for (const OutputAttribute& attribute : attributes) {
            m_html += QLatin1Char(' ') + QLatin1StringView(attribute.name) + QLatin1String("=\"");
            escape(attribute.value);
            m_html += QLatin1Char('"');
        }
        m_html += QLatin1Char('>');
        m_atPreStart = tag == GUMBO_TAG_PRE;
    }

    void endTag(GumboTag tag)
    {
        m_html += QLatin1String("</") + tagName(tag) + QLatin1Char('>');
        m_atPreStart = false;
    }

    void text(QStringView text)
    {
        if (text.isEmpty())
            return;
        // The parser drops a newline right after <pre>; write one more so the content's own survives.
        if (m_atPreStart && text.front() == QLatin1Char('\n'))
            m_html += QLatin1Char('\n');
        m_atPreStart = false;
        escape(text);
    }

    void mathSpan(bool display, QStringView tex)
    {
        m_html +=
            display ? QLatin1String("<span class=\"math display\">") : QLatin1String("<span class=\"math inline\">");
        escape(tex);
        m_html += QLatin1String("</span>");
        m_atPreStart = false;
    }

    QString take() { return std::move(m_html); }

private:
    // The escaping of QString::toHtmlEscaped (so math spans from the Markdown pipeline come back byte for
    // byte), for text and attribute values alike; other characters as themselves (U+00A0 included), minus
    // the control characters HTML forbids.
    void escape(QStringView text)
    {
        for (QChar c : text) {
            switch (c.unicode()) {
            case '&':
                m_html += QLatin1String("&amp;");
                break;
            case '<':
                m_html += QLatin1String("&lt;");
                break;
            case '>':
                m_html += QLatin1String("&gt;");
                break;
            case '"':
                m_html += QLatin1String("&quot;");
                break;
            default:
                if ((c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
                     c != QLatin1Char('\f')) ||
                    c.unicode() == 0x7f)
                    break;
                m_html += c;
            }
        }
    }

    QString m_html;
    bool m_atPreStart = false;
};

// One element being visited: its children are written inside the output element it opened, if any.
struct Frame {
    const GumboNode* node;
    unsigned nextChild = 0;
    GumboTag opened = GUMBO_TAG_UNKNOWN; // the output element to close after the children; UNKNOWN: none
    bool verbatim = false;               // text inside is never searched for math
    bool textAllowed = true;             // the enclosing output element may hold text
    bool flattened = false;              // beyond the nesting limit: only text, <br>, <wbr> and images
};

// Walks gumbo's tree with an explicit stack (100,000 nested elements must not exhaust the call stack).
class Sanitizer {
public:
    Sanitizer(const SanitizeOptions& options, qsizetype sizeHint)
        : m_options(options)
        , m_out(sizeHint)
    {
    }

    QString run(const GumboNode* root, unsigned firstChild)
    {
        m_frames.push_back({root, firstChild});
        while (!m_frames.empty()) {
            Frame& frame = m_frames.back();
            const GumboVector& children = gumboChildren(frame.node);
            if (frame.nextChild >= children.length) {
                if (frame.opened != GUMBO_TAG_UNKNOWN) {
                    writer().endTag(frame.opened);
                    m_open.pop_back();
                }
                m_frames.pop_back();
                continue;
            }
            const auto* child = static_cast<const GumboNode*>(children.data[frame.nextChild++]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
                visitText(QString::fromUtf8(child->v.text.text));
            else if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE)
                visitElement(child);
            // Comments and CDATA (foreign content only, dropped with it) are left out.
        }
        flushText();
        return m_out.take();
    }

private:
    bool canOpen(const Frame& context) const { return !context.flattened && int(m_open.size()) < kMaxHtmlNesting; }

    // Whether the parser, reading `tag` where the output is now, would first close an open element
    // (the start-tag rules of "in body" that depend on the open elements).
    bool wouldCloseOpenElement(GumboTag tag) const
    {
        static constexpr HtmlTagSet kButtonScope{GUMBO_TAG_CAPTION, GUMBO_TAG_TABLE, GUMBO_TAG_TD, GUMBO_TAG_TH};
        static constexpr HtmlTagSet kMarkers{GUMBO_TAG_CAPTION, GUMBO_TAG_TD, GUMBO_TAG_TH};
        static constexpr HtmlTagSet kRubyText{GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC};
        static constexpr HtmlTagSet kImpliedEnd{GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI, GUMBO_TAG_P,
                                                GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC};
        // The nearest open element of `targets` before one of `barriers`.
        auto openBefore = [this](const HtmlTagSet& targets, const HtmlTagSet& barriers) {
            for (auto it = m_open.rbegin(); it != m_open.rend(); ++it) {
                if (targets.contains(*it))
                    return true;
                if (barriers.contains(*it))
                    return false;
            }
            return false;
        };
        if (m_open.empty())
            return false;
        if (kClosesParagraph.contains(tag) && openBefore({GUMBO_TAG_P}, kButtonScope))
            return true;
        if (tag == GUMBO_TAG_LI)
            return openBefore({GUMBO_TAG_LI}, kListItemBarriers);
        if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT)
            return openBefore({GUMBO_TAG_DD, GUMBO_TAG_DT}, kListItemBarriers);
        if (kHeadings.contains(tag))
            return kHeadings.contains(m_open.back());
        if (tag == GUMBO_TAG_A) // the adoption agency closes an open link
            return openBefore({GUMBO_TAG_A}, kMarkers);
        if (kRubyText.contains(tag))
            return kImpliedEnd.contains(m_open.back()) && openBefore({GUMBO_TAG_RUBY}, kButtonScope);
        return false;
    }

    // Table parts belong directly in their own container; elsewhere the parser ignores their tags.
    bool isMisplacedTablePart(GumboTag tag) const
    {
        const GumboTag parent = m_open.empty() ? GUMBO_TAG_HTML : m_open.back();
        switch (tag) {
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_COLGROUP:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TFOOT:
            return parent != GUMBO_TAG_TABLE;
        case GUMBO_TAG_TR:
            return parent != GUMBO_TAG_THEAD && parent != GUMBO_TAG_TBODY && parent != GUMBO_TAG_TFOOT;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            return parent != GUMBO_TAG_TR;
        case GUMBO_TAG_COL:
            return parent != GUMBO_TAG_COLGROUP;
        default:
            return false;
        }
    }

    // Text is collected until the next tag is written: text nodes that only a dropped element or comment kept
    // apart are one text node when the output is parsed again, so their math is searched for as one.
    void visitText(const QString& text)
    {
        const Frame& context = m_frames.back();
        if (!context.textAllowed && !isWhitespace(text))
            return;
        const bool searchMath =
            m_options.findMathInText && context.textAllowed && !context.verbatim && canOpen(context);
        if (searchMath != m_pendingSearchMath)
            flushText();
        m_pendingText += text;
        m_pendingSearchMath = searchMath;
    }

    void flushText()
    {
        if (m_pendingText.isEmpty())
            return;
        if (!m_pendingSearchMath) {
            m_out.text(m_pendingText);
        } else {
            for (const TexSegment& segment : splitTexDelimiters(m_pendingText)) {
                if (segment.kind == TexSegment::Kind::Text)
                    m_out.text(segment.text);
                else
                    m_out.mathSpan(segment.kind == TexSegment::Kind::DisplayMath, segment.text);
            }
        }
        m_pendingText.clear();
    }

    // The writer, once the text before the next tag is out.
    HtmlWriter& writer()
    {
        flushText();
        return m_out;
    }

    void visitElement(const GumboNode* node)
    {
        const Frame context = m_frames.back(); // a copy: pushing may reallocate the stack
        const ElementRule rule = elementRule(node);
        const GumboElement& element = node->v.element;
        switch (rule.treatment) {
        case ElementTreatment::Drop:
            return;
        case ElementTreatment::Unwrap:
            m_frames.push_back({node, 0, GUMBO_TAG_UNKNOWN, context.verbatim || kVerbatim.contains(element.tag),
                                context.textAllowed, context.flattened});
            return;
        case ElementTreatment::MathScript:
        case ElementTreatment::MathMl:
            if (context.textAllowed && canOpen(context)) {
                if (const auto math = embeddedTex(node))
                    writer().mathSpan(math->display, math->tex);
            }
            return;
        case ElementTreatment::Image:
            writeImage(element, context);
            return;
        case ElementTreatment::TaskCheckbox:
            if (context.textAllowed && !context.flattened) {
                OutputAttributes attributes{{"type", QStringLiteral("checkbox")}};
                if (gumbo_get_attribute(&element.attributes, "checked"))
                    attributes.append({"checked", QString()});
                attributes.append({"disabled", QString()});
                writer().startTag(GUMBO_TAG_INPUT, attributes);
            }
            return;
        case ElementTreatment::Keep:
            break;
        }

        const GumboTag tag = rule.outputTag;
        if (!context.flattened && (wouldCloseOpenElement(tag) || isMisplacedTablePart(tag))) {
            // Markup cannot express this nesting (foster parenting and unwrapped elements make it): written
            // out, the parser would build another tree. The tag goes, its content stays.
            if (!kVoid.contains(tag))
                m_frames.push_back({node, 0, GUMBO_TAG_UNKNOWN, context.verbatim, context.textAllowed, false});
            return;
        }
        if (kVoid.contains(tag)) {
            // <col> lives in <colgroup>; the others only where text may be. Flattened, only line breaks stay.
            const bool fits =
                tag == GUMBO_TAG_COL
                    ? !context.flattened
                    : context.textAllowed && (!context.flattened || tag == GUMBO_TAG_BR || tag == GUMBO_TAG_WBR);
            if (fits)
                writer().startTag(tag, allowedAttributes(tag, element, m_options));
            return;
        }
        // Math spans and image placeholders keep their text as it is (only span and div keep those classes).
        const bool verbatim = context.verbatim || kVerbatim.contains(tag) ||
                              ((tag == GUMBO_TAG_SPAN || tag == GUMBO_TAG_DIV) && hasClass(element, u"math")) ||
                              (tag == GUMBO_TAG_SPAN && hasClass(element, u"image-missing"));
        if (!canOpen(context)) {
            m_frames.push_back({node, 0, GUMBO_TAG_UNKNOWN, verbatim, context.textAllowed, true});
            return;
        }
        writer().startTag(tag, allowedAttributes(tag, element, m_options));
        m_open.push_back(tag);
        m_frames.push_back({node, 0, tag, verbatim, !kNoText.contains(tag), false});
    }

    void writeImage(const GumboElement& element, const Frame& context)
    {
        if (!context.textAllowed)
            return;
        const QString source = safeImageUrl(attributeValue(element, "src"), m_options);
        if (!source.isEmpty()) {
            OutputAttributes attributes = allowedAttributes(GUMBO_TAG_IMG, element, m_options);
            attributes.prepend({"src", source});
            writer().startTag(GUMBO_TAG_IMG, attributes);
            return;
        }
        if (!canOpen(context))
            return;
        const QString alt = attributeValue(element, "alt");
        OutputAttributes attributes{{"class", QStringLiteral("image-missing")}};
        if (!alt.isEmpty())
            attributes.append({"title", alt});
        writer().startTag(GUMBO_TAG_SPAN, attributes);
        m_out.text(alt);
        m_out.endTag(GUMBO_TAG_SPAN);
    }

    const SanitizeOptions& m_options;
    HtmlWriter m_out;
    std::vector<Frame> m_frames;
    std::vector<GumboTag> m_open; // the output elements open where the output is now
    QString m_pendingText;
    bool m_pendingSearchMath = false;
};

// Lone surrogates cannot be encoded as UTF-8; they become U+FFFD.
QString withoutLoneSurrogates(const QString& html)
{
    QString result = html;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QChar c = result.at(i);
        if (c.isHighSurrogate() && i + 1 < result.size() && result.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            result[i] = QChar::ReplacementCharacter;
    }
    return result;
}

} // namespace

QString sanitizeHtml(const QString& html, const SanitizeOptions& options)
{
    const GumboFragment fragment(preparseHtml(withoutLoneSurrogates(html).toUtf8()));
    if (!fragment.root())
        return {};
    return Sanitizer(options, html.size() + html.size() / 8).run(fragment.root(), GumboFragment::kFirstChild);
}

} // namespace folio
